/**
 * The keyset cursors of every paged read route: a base64url JSON array of the last row's sort key
 * values (led by the sort's name where a route has several sorts). A cursor comes back from the
 * client, so it is decoded and every value checked against the PostgreSQL type it is cast to before
 * any SQL runs: a forged one answers INVALID_CURSOR (400), never a failed cast (500).
 */
import { isStorableText } from '../../http/validator-compiler.ts'

/** The PostgreSQL types a sort key is compared as. */
export type KeyType = 'int4' | 'numeric' | 'float4' | 'date' | 'timestamptz' | 'text' | 'uuid'

const MAX_TEXT = 1_000
const INT4 = /^-?\d{1,10}$/
const NUMERIC = /^-?\d{1,30}(\.\d{1,30})?$/
const FLOAT = /^-?\d{1,39}(\.\d{1,40})?(e[+-]?\d{1,2})?$/i
const DATE = /^(\d{4})-(\d{2})-(\d{2})$/
// ISO 8601 as Date#toISOString writes it, or PostgreSQL's timestamptz::text ('2026-11-24 10:00:00.5+00').
const TIMESTAMP = /^(\d{4})-(\d{2})-(\d{2})[T ](\d{2}):(\d{2}):(\d{2})(\.\d{1,6})?(Z|[+-]\d{2}(:?\d{2})?)$/
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i

/** A calendar date from year 1 to 9999: inside PostgreSQL's and JavaScript's ranges alike. */
function isCalendarDate(year: number, month: number, day: number): boolean {
  const leap = (year % 4 === 0 && year % 100 !== 0) || year % 400 === 0
  const days = month === 2 && leap ? 29 : DAYS_IN_MONTH[month - 1]
  return year >= 1 && days !== undefined && day >= 1 && day <= days
}

const DAYS_IN_MONTH = [31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31]

/** Whether `value` is one PostgreSQL casts to `type` without an error (and JavaScript reads back). */
export function isKeyValue(type: KeyType, value: string): boolean {
  switch (type) {
    case 'int4': {
      if (!INT4.test(value)) return false
      const n = Number(value)
      return n >= -(2 ** 31) && n < 2 ** 31
    }
    case 'numeric':
      return NUMERIC.test(value)
    case 'float4': {
      if (!FLOAT.test(value)) return false
      const n = Math.fround(Number(value))
      // Out of real's range: PostgreSQL refuses what rounds to infinity or, from a non-zero, to zero.
      return Number.isFinite(n) && (n !== 0 || Number(value) === 0)
    }
    case 'date': {
      const match = DATE.exec(value)
      return match !== null && isCalendarDate(Number(match[1]), Number(match[2]), Number(match[3]))
    }
    case 'timestamptz': {
      const match = TIMESTAMP.exec(value)
      if (match === null) return false
      const [, year, month, day, hour, minute, second] = match.map(Number) as number[]
      return (
        isCalendarDate(year as number, month as number, day as number) &&
        (hour as number) < 24 &&
        (minute as number) < 60 &&
        (second as number) < 60
      )
    }
    case 'text':
      return value.length <= MAX_TEXT && isStorableText(value)
    case 'uuid':
      return UUID.test(value)
  }
}

export function encodeKeys(values: readonly string[]): string {
  return Buffer.from(JSON.stringify(values)).toString('base64url')
}

/**
 * The key values of a cursor this API issued for this sort, or null for anything else: not
 * base64url JSON, another sort's, the wrong number of values, or a value its type does not take.
 * `sort` (when given) is the name the cursor leads with.
 */
export function decodeKeys(raw: string, types: readonly KeyType[], sort?: string): string[] | null {
  let decoded: unknown
  try {
    decoded = JSON.parse(Buffer.from(raw, 'base64url').toString('utf8'))
  } catch {
    return null
  }
  if (!Array.isArray(decoded)) return null
  const values: unknown[] = sort === undefined ? decoded : decoded[0] === sort ? decoded.slice(1) : []
  if (values.length !== types.length) return null
  for (const [i, type] of types.entries()) {
    const value = values[i]
    if (typeof value !== 'string' || !isKeyValue(type, value)) return null
  }
  return values as string[]
}
