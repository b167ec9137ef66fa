/** Schemas shared by many routes: the error body (from error-codes.ts), ids, positions, pagination. */
import { Type } from 'typebox'
import { POSITION_PATTERN } from '../event-store/contract.ts'
import { ErrorBody } from './error-codes.ts'

export { ErrorBody }

export const Uuid = Type.String({ format: 'uuid', examples: ['3f0c1d7e-8f5b-4a57-9f0e-6a3d2c1b0a99'] })

export const PositionToken = Type.String({
  pattern: POSITION_PATTERN,
  description: 'Opaque log position; send it as X-Consistency-Token to read your own write.',
  examples: ['000000000000031a0000000000000042'],
})

/** A movie's release year: null when unknown (an imported title without one, e.g. some MovieLens titles). */
export const ReleaseYear = Type.Union([Type.Integer(), Type.Null()], {
  description: 'Release year; null when unknown (an imported title without a year)',
})

export const bearer = [{ bearerAuth: [] }]

/**
 * A string enum as OpenAPI tools expect it: one `enum` (not an anyOf of consts), so Swagger UI offers
 * every value and generators make a union of literals.
 */
export function StringEnum<const Values extends readonly string[]>(
  values: Values,
  options: { description?: string; default?: Values[number]; title?: string } = {},
) {
  return Type.Enum([...values] as Values[number][], { type: 'string', ...options })
}

/** The `nextCursor` of every keyset page. */
export const NextCursor = Type.Union([Type.String(), Type.Null()], {
  description: 'Pass as `cursor` (with the same filters) for the next page; null on the last page',
})
