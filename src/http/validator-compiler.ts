/**
 * Fastify's validator for TypeBox schemas. As @fastify/type-provider-typebox's TypeBoxValidatorCompiler
 * (compiled checks; querystring, params and headers converted from strings), but a value that already
 * passes is taken as it is and only one that fails is converted and checked again: most requests send
 * no query numbers, and converting every request's whole header object was 5% of a cached read's CPU.
 * A query that fails only because its numbers, booleans and one-item arrays arrive as strings
 * (`limit=20`, `tag=noir`) is converted first by a plain function of the schema's flat properties
 * (quickConversion): TypeBox's Value.Convert walks the schema generically and cost about 60 us of a
 * memoised tag list's 165 (issue 17). What that function converts, it converts as Value.Convert
 * would; whatever it leaves alone goes to Value.Convert as before.
 *
 * Before its schema, every string of a body, query and path (keys included) is checked once here for
 * what PostgreSQL cannot store: NUL (U+0000) and unpaired surrogates. JSON allows both, a text column
 * and a jsonb event do not, so such a request is refused as invalid (400) before any route runs.
 */
import type { FastifySchemaCompiler } from 'fastify'
import type { TSchema } from 'typebox'
import { Compile } from 'typebox/compile'
import { Value } from 'typebox/value'

/** A string PostgreSQL stores as it is: no NUL and no unpaired surrogate. */
export const isStorableText = (value: string): boolean => !value.includes('\u0000') && value.isWellFormed()

const UNSTORABLE = 'must not contain NUL (\\u0000) or an unpaired surrogate (\\ud800-\\udfff)'

/** The JSON pointer of the first string (value or key) in `value` that is not storable text, or null. */
export function unstorableTextAt(value: unknown, path = ''): string | null {
  if (typeof value === 'string') return isStorableText(value) ? null : path
  if (typeof value !== 'object' || value === null) return null
  for (const [key, item] of Object.entries(value)) {
    const at = `${path}/${key.replaceAll('~', '~0').replaceAll('/', '~1')}`
    if (!isStorableText(key)) return at
    const found = unstorableTextAt(item, at)
    if (found !== null) return found
  }
  return null
}

/** A string's value as one schema type asks it, or undefined when quickConversion leaves it to Value.Convert. */
type Scalar = (text: string) => unknown

// Only the plain spellings, whose value Value.Convert gives too (`+text`; an integer's Math.trunc
// changes none of them): `20`, `-3`, `3.5`. Others (` 20`, `2e1`, `20.5` for an integer) go to it.
const INTEGER_TEXT = /^-?(0|[1-9][0-9]{0,14})$/
const NUMBER_TEXT = /^-?(0|[1-9][0-9]{0,14})(\.[0-9]{1,15})?$/

function scalarOf(schema: unknown): Scalar | null {
  if (typeof schema !== 'object' || schema === null) return null
  const s = schema as { type?: unknown; anyOf?: unknown; allOf?: unknown; oneOf?: unknown; $ref?: unknown }
  if (s.anyOf !== undefined || s.allOf !== undefined || s.oneOf !== undefined || s.$ref !== undefined)
    return null
  switch (s.type) {
    case 'string':
      return (text) => text
    case 'integer':
      return (text) => (INTEGER_TEXT.test(text) ? Number(text) : undefined)
    case 'number':
      return (text) => (NUMBER_TEXT.test(text) ? Number(text) : undefined)
    case 'boolean':
      return (text) => (text === 'true' ? true : text === 'false' ? false : undefined)
    default:
      return null
  }
}

/**
 * For an object schema whose every property is a string, number, integer, boolean or an array of
 * these: a function converting a parsed querystring's (or path's) strings to those types, or
 * undefined for a value it cannot convert as Value.Convert would (a property it does not know, a
 * spelling it does not take). Null for any other schema.
 */
export function quickConversion(schema: unknown): ((value: unknown) => unknown) | null {
  const properties = (schema as { type?: unknown; properties?: unknown } | null)?.properties
  if (
    (schema as { type?: unknown }).type !== 'object' ||
    typeof properties !== 'object' ||
    properties === null
  )
    return null
  const converters = new Map<string, (value: unknown) => unknown>()
  for (const [name, property] of Object.entries(properties)) {
    const scalar = scalarOf(property)
    if (scalar !== null) {
      converters.set(name, (value) => (typeof value === 'string' ? scalar(value) : undefined))
      continue
    }
    const items =
      (property as { type?: unknown; items?: unknown }).type === 'array'
        ? scalarOf((property as { items?: unknown }).items)
        : null
    if (items === null) return null
    // A repeated parameter arrives as an array, a single one as a string: Value.Convert wraps it.
    converters.set(name, (value) => {
      const texts = typeof value === 'string' ? [value] : Array.isArray(value) ? value : null
      if (texts === null) return undefined
      const converted = []
      for (const text of texts) {
        const item = typeof text === 'string' ? items(text) : undefined
        if (item === undefined) return undefined
        converted.push(item)
      }
      return converted
    })
  }
  return (value) => {
    if (typeof value !== 'object' || value === null || Array.isArray(value)) return undefined
    const converted: Record<string, unknown> = {}
    for (const [name, item] of Object.entries(value)) {
      const convert = converters.get(name)
      const result = convert === undefined ? undefined : convert(item)
      if (result === undefined) return undefined
      converted[name] = result
    }
    return converted
  }
}

export const validatorCompiler: FastifySchemaCompiler<TSchema> = ({ schema, httpPart }) => {
  const check = Compile(schema)
  // Headers are left out: HTTP itself refuses NUL there, and they are checked on every request.
  const checkText = httpPart !== 'headers'
  const quick = httpPart === 'querystring' || httpPart === 'params' ? quickConversion(schema) : null
  return (value) => {
    if (checkText) {
      const at = unstorableTextAt(value)
      if (at !== null) {
        return {
          error: [{ keyword: 'text', instancePath: at, schemaPath: '#', params: {}, message: UNSTORABLE }],
        }
      }
    }
    if (check.Check(value)) return { value }
    const quickly = quick === null ? undefined : quick(value)
    if (quickly !== undefined && check.Check(quickly)) return { value: quickly }
    // Bodies are JSON, typed already; the other parts arrive as strings.
    const converted = httpPart === 'body' ? value : Value.Convert(schema, value)
    if (httpPart !== 'body' && check.Check(converted)) return { value: converted }
    return { error: check.Errors(converted) }
  }
}
