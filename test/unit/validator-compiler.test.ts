/**
 * The validator's quick conversion of query strings: what it converts, it converts as TypeBox's
 * Value.Convert does (the validator's answer is the same value either way); what it cannot, it
 * leaves to Value.Convert (undefined).
 */
import t from 'tap'
import { Type } from 'typebox'
import { Value } from 'typebox/value'
import { quickConversion, validatorCompiler } from '../../src/http/validator-compiler.ts'
import { ListQuery } from '../../src/read/movies/schemas.ts'

const Flags = Type.Object({
  on: Type.Optional(Type.Boolean()),
  ids: Type.Optional(Type.Array(Type.Integer())),
  ratio: Type.Optional(Type.Number()),
})

t.test('a converted query equals what Value.Convert makes of it', async (t) => {
  const convert = quickConversion(ListQuery)
  if (convert === null) throw new Error('ListQuery is a flat object: it should have a quick conversion')
  const queries = [
    { tag: 'time travel', sort: 'rating' },
    { tag: ['noir', 'heist'] },
    { limit: '20', yearFrom: '1990', yearTo: '-0' },
    { minRating: '3.5', genre: 'drama,comedy', q: '20' },
    { cursor: 'abc', person: '525', limit: '100' },
    {},
  ]
  for (const query of queries) {
    t.same(convert(query), Value.Convert(ListQuery, structuredClone(query)), JSON.stringify(query))
  }
  const flags = quickConversion(Flags)
  if (flags === null) throw new Error('Flags is a flat object')
  for (const query of [{ on: 'true' }, { on: 'false', ids: '7' }, { ids: ['1', '-2'], ratio: '0.25' }]) {
    t.same(flags(query), Value.Convert(Flags, structuredClone(query)), JSON.stringify(query))
  }
})

t.test('spellings and properties it does not know are left to Value.Convert', async (t) => {
  const convert = quickConversion(ListQuery)
  if (convert === null) throw new Error('ListQuery is a flat object')
  for (const query of [
    { limit: ' 20' },
    { limit: '2e1' },
    { limit: '20.5' },
    { limit: '' },
    { minRating: '.5' },
    { unknown: 'x' },
    { tag: ['a', 1] },
  ]) {
    t.equal(convert(query), undefined, JSON.stringify(query))
  }
  const flags = quickConversion(Flags)
  t.equal(flags?.({ on: '1' }), undefined, 'a boolean spelt 1')
  t.equal(flags?.({ on: 'TRUE' }), undefined, 'a boolean in capitals')
  t.equal(
    quickConversion(Type.Object({ either: Type.Union([Type.Integer(), Type.String()]) })),
    null,
    'a union: no quick conversion for the schema',
  )
  t.equal(quickConversion(Type.String()), null, 'not an object')
})

t.test('the validator answers the same with or without the quick conversion', async (t) => {
  const validate = validatorCompiler({
    schema: ListQuery,
    httpPart: 'querystring',
    method: 'GET',
    url: '/movies',
  }) as (value: unknown) => { value?: unknown; error?: unknown }
  t.same(validate({ tag: 'noir', sort: 'rating', limit: '5' }), {
    value: { tag: ['noir'], sort: 'rating', limit: 5 },
  })
  // Value.Convert's own spellings still pass through it: an integer written with a fraction is cut.
  t.same(validate({ limit: '20.5' }), { value: { limit: 20 } })
  t.ok(validate({ limit: '500' }).error, 'out of range: refused')
  t.ok(validate({ sort: 'nope' }).error, 'not a sort: refused')
  t.ok(validate({ tag: ['a', 'b', 'c', 'd', 'e', 'f'] }).error, 'six tags: refused')
  t.ok(validate({ q: 'a\u0000b' }).error, 'NUL: refused')
})
