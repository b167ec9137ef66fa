/** docs/events.md is the catalogue the code declares: regenerate it with `npm run docs:events`. */
import { readFileSync } from 'node:fs'
import t from 'tap'
import { Type } from 'typebox'
import { EVENT_DEFINITIONS } from '../../src/domain/events.ts'
import { EVENT_CATALOGUE_FILE, renderEventCatalogue, typeOf } from '../../tools/docs/event-catalogue.ts'

t.test('docs/events.md is up to date with the event declarations', async (t) => {
  const current = readFileSync(EVENT_CATALOGUE_FILE, 'utf8')
  t.ok(current === renderEventCatalogue(), 'docs/events.md is stale: run npm run docs:events')
})

t.test('it lists every event type with its version', async (t) => {
  const text = renderEventCatalogue()
  for (const definition of EVENT_DEFINITIONS) {
    t.match(text, `### ${definition.type}\n`)
    t.match(text, new RegExp(`### ${definition.type}\\n\\nSchema version \\*\\*${definition.version}\\*\\*`))
  }
})

t.test('field types read as TypeScript', async (t) => {
  t.equal(typeOf(Type.Union([Type.String(), Type.Null()])), 'string | null')
  t.equal(typeOf(Type.Array(Type.String())), 'string[]')
  t.equal(typeOf(Type.Array(Type.Union([Type.Integer(), Type.Null()]))), '(integer | null)[]')
  t.equal(typeOf(Type.Enum(['a', 'b'])), '"a" | "b"')
  t.equal(typeOf(Type.Literal('tmdb')), '"tmdb"')
  t.equal(typeOf(Type.Record(Type.String(), Type.Number())), 'Record<string, number>')
  t.equal(
    typeOf(Type.Object({ a: Type.Integer(), b: Type.Optional(Type.Boolean()) })),
    '{ a: integer; b?: boolean }',
  )
  t.equal(typeOf(Type.Unknown()), 'unknown')
})
