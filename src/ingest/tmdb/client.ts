/**
 * A client for the few TMDb v3 endpoints Nexus imports from. Every call: a Redis cache first
 * (fresh for the endpoint's TTL), then TMDb through a circuit breaker with a timeout per attempt
 * (AbortSignal.timeout), retries with exponential backoff and jitter on 5xx, network errors and
 * timeouts, and on 429 after the Retry-After TMDb asks for. When TMDb still fails and a stale copy
 * is cached, the stale copy answers (stale-while-error). Answers are checked against the schemas
 * in responses.ts. Credentials go in the Authorization header (read token) or the api_key query
 * parameter, and never into cache keys, errors or logs.
 * The breaker is opossum (nodeshift): it counts only unavailability (5xx, timeouts, network), so
 * a 404 or a bad key never opens it; open, it fails fast until a half-open probe succeeds.
 * @see https://developer.themoviedb.org/docs/errors
 */
import { setTimeout as sleep } from 'node:timers/promises'
import CircuitBreaker from 'opossum'
import { Compile } from 'typebox/compile'
import type { TmdbCache } from './cache.ts'
import {
  errorFromResponse,
  isUnavailability,
  parseRetryAfter,
  TmdbError,
  TmdbRateLimitedError,
} from './errors.ts'
import {
  TmdbConfiguration,
  type TmdbConfiguration as TmdbConfigurationType,
  TmdbGenreList,
  type TmdbGenreList as TmdbGenreListType,
  TmdbMovieDetails,
  type TmdbMovieDetails as TmdbMovieDetailsType,
  TmdbPage,
  type TmdbPage as TmdbPageType,
} from './responses.ts'

export type TmdbLogger = {
  warn(fields: object, message: string): void
  info(fields: object, message: string): void
}

export type TmdbClientOptions = {
  /** TMDB_BASE_URL, e.g. https://api.themoviedb.org/3 */
  baseUrl: string
  apiKey: string | null
  /** v4 read access token: sent as a bearer token; preferred over the api key when both are set. */
  readToken: string | null
  cache: TmdbCache | null
  /** Per attempt, covering the answer's body too. */
  timeoutMs?: number
  /** Attempts after the first one, for retryable failures. */
  maxRetries?: number
  /** First backoff step; doubles per attempt, with jitter. */
  retryBaseMs?: number
  /** A 429 asking to wait longer than this fails at once rather than block the caller. */
  maxRetryAfterSeconds?: number
  breaker?: {
    /** How long an open circuit fails fast before a half-open probe. */
    resetTimeoutMs?: number
    /** Calls in the rolling window before the error rate can open the circuit. */
    volumeThreshold?: number
    errorThresholdPercentage?: number
    rollingWindowMs?: number
  }
  logger?: TmdbLogger
  /** Waits between attempts; tests pass one that records the delays instead of waiting. */
  sleep?: (ms: number, signal: AbortSignal | undefined) => Promise<void>
}

export type TmdbSource = 'network' | 'cache' | 'stale'
export type TmdbResult<T> = { data: T; source: TmdbSource }
export type CallOptions = { signal?: AbortSignal }
export type TrendingWindow = 'day' | 'week'
export type DiscoverParams = Record<string, string | number | boolean>

/** How long an answer counts as fresh, per endpoint. */
export const TTL_SECONDS = {
  trending: 3600,
  details: 24 * 3600,
  genres: 24 * 3600,
  lists: 6 * 3600,
  /** TMDb advises caching its configuration for days: it changes rarely. */
  configuration: 3 * 24 * 3600,
} as const

const pageChecker = Compile(TmdbPage)
const detailsChecker = Compile(TmdbMovieDetails)
const genresChecker = Compile(TmdbGenreList)
const configurationChecker = Compile(TmdbConfiguration)

type Checker<T> = {
  Check(value: unknown): value is T
  Errors(value: unknown): Iterable<{ instancePath: string; message: string }>
}
type Query = Record<string, string>

/** Cache key: the path and the sorted query, never credentials. */
export function cacheKey(path: string, query: Query): string {
  const params = new URLSearchParams(Object.entries(query).sort(([a], [b]) => a.localeCompare(b)))
  const search = params.toString()
  return search === '' ? path : `${path}?${search}`
}

export type TmdbClient = ReturnType<typeof createTmdbClient>

export function createTmdbClient(options: TmdbClientOptions) {
  const base = options.baseUrl.replace(/\/+$/, '')
  const timeoutMs = options.timeoutMs ?? 10_000
  const maxRetries = options.maxRetries ?? 3
  const retryBaseMs = options.retryBaseMs ?? 500
  const maxRetryAfterSeconds = options.maxRetryAfterSeconds ?? 60
  const logger = options.logger
  const wait =
    options.sleep ?? ((ms: number, signal: AbortSignal | undefined) => sleep(ms, undefined, { signal }))

  async function attempt(path: string, query: Query, signal: AbortSignal | undefined): Promise<unknown> {
    if (options.apiKey === null && options.readToken === null) {
      throw new TmdbError('TMDB_NOT_CONFIGURED', 'set TMDB_READ_TOKEN or TMDB_API_KEY to use TMDb')
    }
    const url = new URL(`${base}${path}`)
    for (const [name, value] of Object.entries(query)) url.searchParams.set(name, value)
    const headers: Record<string, string> = { accept: 'application/json' }
    if (options.readToken !== null) headers.authorization = `Bearer ${options.readToken}`
    else if (options.apiKey !== null) url.searchParams.set('api_key', options.apiKey)
    const timeout = AbortSignal.timeout(timeoutMs)
    const combined = signal ? AbortSignal.any([signal, timeout]) : timeout
    let status: number
    let retryAfter: string | null
    let text: string
    try {
      const response = await fetch(url, { headers, signal: combined })
      status = response.status
      retryAfter = response.headers.get('retry-after')
      text = await response.text()
    } catch (error) {
      if (signal?.aborted) throw signal.reason
      if (timeout.aborted) {
        throw new TmdbError('TMDB_TIMEOUT', `TMDb did not answer ${path} within ${timeoutMs} ms`, {
          retryable: true,
          cause: error,
        })
      }
      const code = (error as { cause?: { code?: unknown } }).cause?.code
      throw new TmdbError(
        'TMDB_UNAVAILABLE',
        `cannot reach TMDb for ${path}${typeof code === 'string' ? ` (${code})` : ''}`,
        {
          retryable: true,
        },
      )
    }
    let body: unknown = null
    try {
      body = text === '' ? null : JSON.parse(text)
    } catch {
      if (status >= 200 && status < 300)
        throw new TmdbError('TMDB_BAD_RESPONSE', `TMDb answered ${path} with something other than JSON`, {
          status,
        })
    }
    if (status < 200 || status >= 300)
      throw errorFromResponse(path, status, body, parseRetryAfter(retryAfter))
    return body
  }

  const breaker = new CircuitBreaker(attempt, {
    name: 'tmdb',
    // Timeouts are ours (AbortSignal.timeout aborts the request; opossum's would leave it running).
    timeout: false,
    resetTimeout: options.breaker?.resetTimeoutMs ?? 30_000,
    volumeThreshold: options.breaker?.volumeThreshold ?? 5,
    errorThresholdPercentage: options.breaker?.errorThresholdPercentage ?? 50,
    rollingCountTimeout: options.breaker?.rollingWindowMs ?? 10_000,
    // Filtered errors do not count against TMDb's health: answers it gave on purpose (401, 404,
    // 429, bad input) and our own caller giving up.
    errorFilter: (error: unknown) =>
      !(error instanceof TmdbError) || !(error.code === 'TMDB_UNAVAILABLE' || error.code === 'TMDB_TIMEOUT'),
  })
  breaker.on('open', () => logger?.warn({ breaker: 'tmdb' }, 'TMDb circuit open: failing fast'))
  breaker.on('halfOpen', () => logger?.info({ breaker: 'tmdb' }, 'TMDb circuit half-open: probing'))
  breaker.on('close', () => logger?.info({ breaker: 'tmdb' }, 'TMDb circuit closed'))

  async function fetchWithRetries(
    path: string,
    query: Query,
    signal: AbortSignal | undefined,
  ): Promise<unknown> {
    for (let retry = 0; ; retry++) {
      signal?.throwIfAborted()
      try {
        return await breaker.fire(path, query, signal)
      } catch (error) {
        if (signal?.aborted) throw signal.reason
        const failure =
          error instanceof TmdbError
            ? error
            : (error as { code?: unknown }).code === 'EOPENBREAKER'
              ? new TmdbError('TMDB_CIRCUIT_OPEN', `TMDb is failing: calls are paused (${path} not tried)`)
              : new TmdbError('TMDB_UNAVAILABLE', `TMDb call for ${path} failed`, {
                  retryable: true,
                  cause: error,
                })
        if (!failure.retryable || retry >= maxRetries) throw failure
        let delayMs: number
        if (failure instanceof TmdbRateLimitedError && failure.retryAfterSeconds !== null) {
          if (failure.retryAfterSeconds > maxRetryAfterSeconds) throw failure
          delayMs = failure.retryAfterSeconds * 1000
        } else {
          // Exponential with "equal jitter": half fixed, half random, so retries of many callers spread.
          const step = retryBaseMs * 2 ** retry
          delayMs = step / 2 + Math.random() * (step / 2)
        }
        logger?.warn(
          {
            path,
            code: failure.code,
            status: failure.status,
            retry: retry + 1,
            delayMs: Math.round(delayMs),
          },
          'TMDb call failed, retrying',
        )
        await wait(delayMs, signal)
      }
    }
  }

  async function get<T>(
    path: string,
    query: Query,
    checker: Checker<T>,
    ttlSeconds: number,
    call: CallOptions,
  ): Promise<TmdbResult<T>> {
    const key = cacheKey(path, query)
    const cached = options.cache ? await options.cache.get(key) : null
    if (cached && Date.now() - cached.storedAt < ttlSeconds * 1000 && checker.Check(cached.body)) {
      return { data: cached.body, source: 'cache' }
    }
    let body: unknown
    try {
      body = await fetchWithRetries(path, query, call.signal)
    } catch (error) {
      if (cached && isUnavailability(error) && checker.Check(cached.body)) {
        logger?.warn(
          { path, code: error.code, ageSeconds: Math.round((Date.now() - cached.storedAt) / 1000) },
          'TMDb failing: answering from a stale cached copy',
        )
        return { data: cached.body, source: 'stale' }
      }
      throw error
    }
    if (!checker.Check(body)) {
      const first = [...checker.Errors(body)][0]
      throw new TmdbError(
        'TMDB_BAD_RESPONSE',
        `TMDb's answer to ${path} has an unexpected shape${first ? ` (${first.instancePath || '/'} ${first.message})` : ''}`,
      )
    }
    await options.cache?.set(key, body)
    return { data: body, source: 'network' }
  }

  const pageQuery = (page: number): Query => ({ page: String(page) })

  return {
    /** trending/movie/{day|week}: 20 movies a page. */
    trending(window: TrendingWindow, page = 1, call: CallOptions = {}): Promise<TmdbResult<TmdbPageType>> {
      return get(`/trending/movie/${window}`, pageQuery(page), pageChecker, TTL_SECONDS.trending, call)
    },
    /** movie/{id}: details, with genres by name, the IMDb id and the credits (one request). */
    movie(tmdbId: number, call: CallOptions = {}): Promise<TmdbResult<TmdbMovieDetailsType>> {
      const query = { append_to_response: 'credits' }
      return get(`/movie/${tmdbId}`, query, detailsChecker, TTL_SECONDS.details, call)
    },
    /** configuration: the image base URL and sizes poster and backdrop paths resolve against. */
    configuration(call: CallOptions = {}): Promise<TmdbResult<TmdbConfigurationType>> {
      return get('/configuration', {}, configurationChecker, TTL_SECONDS.configuration, call)
    },
    recommendations(tmdbId: number, page = 1, call: CallOptions = {}): Promise<TmdbResult<TmdbPageType>> {
      return get(`/movie/${tmdbId}/recommendations`, pageQuery(page), pageChecker, TTL_SECONDS.lists, call)
    },
    similar(tmdbId: number, page = 1, call: CallOptions = {}): Promise<TmdbResult<TmdbPageType>> {
      return get(`/movie/${tmdbId}/similar`, pageQuery(page), pageChecker, TTL_SECONDS.lists, call)
    },
    /** discover/movie with TMDb's filters (with_genres, primary_release_year, sort_by, ...). */
    discover(
      params: DiscoverParams = {},
      page = 1,
      call: CallOptions = {},
    ): Promise<TmdbResult<TmdbPageType>> {
      const query: Query = { ...pageQuery(page) }
      for (const [name, value] of Object.entries(params)) {
        if (name !== 'api_key') query[name] = String(value)
      }
      return get('/discover/movie', query, pageChecker, TTL_SECONDS.lists, call)
    },
    /** genre/movie/list: the ids genre_ids refer to, with names. */
    genres(call: CallOptions = {}): Promise<TmdbResult<TmdbGenreListType>> {
      return get('/genre/movie/list', {}, genresChecker, TTL_SECONDS.genres, call)
    },
    /** closed, open or half_open. */
    circuitState(): 'closed' | 'open' | 'half_open' {
      return breaker.halfOpen ? 'half_open' : breaker.opened ? 'open' : 'closed'
    },
    close(): void {
      breaker.shutdown()
    },
  }
}
