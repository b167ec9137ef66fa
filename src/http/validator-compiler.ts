/**
 * Fastify's validator for TypeBox schemas. As @fastify/type-provider-typebox's TypeBoxValidatorCompiler
 * (compiled checks; querystring, params and headers converted from strings), but a value that already
 * passes is taken as it is and only one that fails is converted and checked again: most requests send
 * no query numbers, and converting every request's whole header object was 5% of a cached read's CPU.
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

export const validatorCompiler: FastifySchemaCompiler<TSchema> = ({ schema, httpPart }) => {
  const check = Compile(schema)
  // Headers are left out: HTTP itself refuses NUL there, and they are checked on every request.
  const checkText = httpPart !== 'headers'
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
    // Bodies are JSON, typed already; the other parts arrive as strings.
    const converted = httpPart === 'body' ? value : Value.Convert(schema, value)
    if (httpPart !== 'body' && check.Check(converted)) return { value: converted }
    return { error: check.Errors(converted) }
  }
}
