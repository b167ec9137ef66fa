/**
 * TMDb's failures as typed errors with stable codes. TMDb answers errors with a body
 * `{ status_code, status_message }` (its own numeric code, e.g. 7 invalid API key, 34 not found,
 * 25 over the rate limit); the HTTP status decides the class, the body adds the detail. Messages
 * name the path but never the query string, which may hold the api key.
 */

export type TmdbErrorCode =
  | 'TMDB_NOT_CONFIGURED'
  | 'TMDB_INVALID_KEY'
  | 'TMDB_NOT_FOUND'
  | 'TMDB_RATE_LIMITED'
  | 'TMDB_UNAVAILABLE'
  | 'TMDB_TIMEOUT'
  | 'TMDB_CIRCUIT_OPEN'
  | 'TMDB_REJECTED'
  | 'TMDB_BAD_RESPONSE'

export class TmdbError extends Error {
  readonly code: TmdbErrorCode
  /** The HTTP status TMDb answered; null when no answer came (network, timeout, open circuit). */
  readonly status: number | null
  /** TMDb's own `status_code` from the error body, when it sent one. */
  readonly tmdbStatusCode: number | null
  /** Whether another attempt may succeed (5xx, 429, timeouts, network errors). */
  readonly retryable: boolean

  constructor(
    code: TmdbErrorCode,
    message: string,
    options: {
      status?: number | null
      tmdbStatusCode?: number | null
      retryable?: boolean
      cause?: unknown
    } = {},
  ) {
    super(message, { cause: options.cause })
    this.name = 'TmdbError'
    this.code = code
    this.status = options.status ?? null
    this.tmdbStatusCode = options.tmdbStatusCode ?? null
    this.retryable = options.retryable ?? false
  }
}

/** 429: TMDb's rate limit; `retryAfterSeconds` from its Retry-After header. */
export class TmdbRateLimitedError extends TmdbError {
  readonly retryAfterSeconds: number | null

  constructor(message: string, retryAfterSeconds: number | null, tmdbStatusCode: number | null) {
    super('TMDB_RATE_LIMITED', message, { status: 429, tmdbStatusCode, retryable: true })
    this.name = 'TmdbRateLimitedError'
    this.retryAfterSeconds = retryAfterSeconds
  }
}

/** TMDb is down, slow or unreachable: a cached copy may stand in (stale-while-error). */
export const isUnavailability = (error: unknown): error is TmdbError =>
  error instanceof TmdbError &&
  (error.retryable || error.code === 'TMDB_CIRCUIT_OPEN' || error.code === 'TMDB_UNAVAILABLE')

/** The error for an HTTP answer that is not 2xx, from its status and TMDb's error body. */
export function errorFromResponse(
  path: string,
  status: number,
  body: unknown,
  retryAfterSeconds: number | null,
): TmdbError {
  const detail =
    typeof body === 'object' && body !== null
      ? (body as { status_code?: unknown; status_message?: unknown })
      : {}
  const tmdbStatusCode = typeof detail.status_code === 'number' ? detail.status_code : null
  const said = typeof detail.status_message === 'string' ? `: ${detail.status_message}` : ''
  if (status === 401)
    return new TmdbError('TMDB_INVALID_KEY', `TMDb refused the credentials (401)${said}`, {
      status,
      tmdbStatusCode,
    })
  if (status === 404)
    return new TmdbError('TMDB_NOT_FOUND', `TMDb has no ${path} (404)${said}`, { status, tmdbStatusCode })
  if (status === 429)
    return new TmdbRateLimitedError(
      `TMDb rate limit hit on ${path} (429)${said}`,
      retryAfterSeconds,
      tmdbStatusCode,
    )
  if (status >= 500)
    return new TmdbError('TMDB_UNAVAILABLE', `TMDb failed on ${path} (${status})${said}`, {
      status,
      tmdbStatusCode,
      retryable: true,
    })
  return new TmdbError('TMDB_REJECTED', `TMDb rejected ${path} (${status})${said}`, {
    status,
    tmdbStatusCode,
  })
}

/** Retry-After in seconds: delta-seconds or an HTTP date; null when absent or unreadable. */
export function parseRetryAfter(value: string | null, now: number = Date.now()): number | null {
  if (value === null || value.trim() === '') return null
  if (/^\d+$/.test(value.trim())) return Number(value.trim())
  const date = Date.parse(value)
  return Number.isNaN(date) ? null : Math.max(0, Math.ceil((date - now) / 1000))
}
