/**
 * The one place that reads the environment: every variable Nexus understands, its default and how
 * it is validated. Server and scripts all call loadConfig(); nothing else touches process.env.
 */
import { resolve } from 'node:path'

export type NodeEnv = 'development' | 'test' | 'production'

/**
 * `embedded`: none of DATABASE_URL, REDIS_URL, EVENTSTORE_URL is set: PostgreSQL runs in the process
 * (PGlite) and counters in memory, both kept under NEXUS_DATA_DIR. `services`: DATABASE_URL and
 * REDIS_URL are both set (EVENTSTORE_URL optional). Anything in between is refused.
 */
export type Mode = 'embedded' | 'services'

export type Config = {
  nodeEnv: NodeEnv
  host: string
  port: number
  logLevel: 'fatal' | 'error' | 'warn' | 'info' | 'debug' | 'trace' | 'silent'
  mode: Mode
  /** Embedded mode: where PGlite and the counters keep their files (absolute). Null in services mode. */
  dataDir: string | null
  /** Services mode: the PostgreSQL server. Null in embedded mode. */
  databaseUrl: string | null
  /** Services mode: the Redis server. Null in embedded mode. */
  redisUrl: string | null
  /** Every Redis key Nexus writes starts with it, so several instances or test files can share a server. */
  redisKeyPrefix: string
  /** Unset: the PostgreSQL event store in DATABASE_URL (or the embedded PostgreSQL) is used. */
  eventStoreUrl: string | null
  /** Embedded mode: load the demo catalogue, interactions and accounts into an empty store at start. */
  demoData: boolean
  jwtSecret: string
  /** True when JWT_SECRET was not set and the development default is in use. */
  jwtSecretIsDefault: boolean
  accessTokenTtlSeconds: number
  /** Lifetime of a refresh token; each rotation starts a new one. */
  refreshTokenTtlSeconds: number
  /** Origins the browser may call the API from (CORS); empty: no cross-origin access. */
  corsOrigins: string[]
  /** Proxy hops in front of the API whose X-Forwarded-For is trusted (0: none), so limits see the client IP. */
  trustProxyHops: number
  /** General limit: requests per window per signed-in user (per IP when anonymous). */
  rateLimitMax: number
  rateLimitWindowSeconds: number
  /** New comments and replies: per signed-in user per window (POST /movies/:id/comments). */
  commentRateLimitMax: number
  commentRateLimitWindowSeconds: number
  /** Register, login, refresh and logout: requests per window per client IP. */
  authRateLimitMax: number
  authRateLimitWindowSeconds: number
  /** Failed logins per account (username or email) before it is throttled for the window. */
  loginFailureLimit: number
  loginFailureWindowSeconds: number
  /** Read by `npm run users -- create-admin` when --password is not given. */
  adminPassword: string | null
  /** How long a query waits for projections to pass an X-Consistency-Token. */
  consistencyTimeoutMs: number
  /** Run the projections inside the API process (the default for one-command starts). */
  runProjectors: boolean
  /**
   * How long an anonymous suggestion or search answer (GET /search/suggest, GET /movies?q=) is
   * served again from memory while only ratings, favourites, likes, watches or comments moved: its
   * ranking (popularity) and counters lag by at most this. A catalogue change empties the memos at
   * once (src/read/serving/answer-memo.ts, CatalogueMemo). 0: exact, served again only while nothing moved.
   */
  searchMemoMaxAgeMs: number
  /** Listed movies the suggestions' copy in memory holds at most (src/read/search/suggestion-index.ts); 0: no copy. */
  suggestIndexMaxMovies: number
  /** Whether the API warms the search statements on every pool connection before it listens (src/db/warm-up.ts). */
  warmUpConnections: boolean
  /** SIGTERM/SIGINT: after this long the process exits (code 1) even if closing has not finished. */
  shutdownTimeoutMs: number
  /** When set, GET /metrics requires `Authorization: Bearer <token>`. */
  metricsToken: string | null
  tmdbApiKey: string | null
  tmdbReadToken: string | null
  tmdbBaseUrl: string
  /** Per TMDb request attempt. */
  tmdbTimeoutMs: number
  /** Retries of a TMDb request after a 5xx, 429, timeout or network error. */
  tmdbMaxRetries: number
  /** The retrain reactor retrains after this many new interaction events (0: never). */
  recommenderRetrainAfter: number
  /** ...but at most once per this many seconds. */
  recommenderRetrainMinIntervalSeconds: number
  /** `auto`: every training selects its model; a candidate's name: always train that one. */
  recommenderModel: 'auto' | 'popularity' | 'item-knn' | 'ease' | 'ease-session'
}

export class ConfigError extends Error {
  readonly variable: string

  constructor(variable: string, expected: string, got: string | undefined) {
    super(
      `${variable} ${expected}${got === undefined ? ' (it is not set)' : ` (got ${JSON.stringify(got)})`}`,
    )
    this.name = 'ConfigError'
    this.variable = variable
  }
}

const DEV_JWT_SECRET = 'nexus-development-only-secret-do-not-use-in-production'
const LOG_LEVELS = ['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent'] as const

type Env = Record<string, string | undefined>

function text(env: Env, name: string, fallback?: string): string {
  const value = env[name]
  if (value === undefined || value === '') {
    if (fallback === undefined) throw new ConfigError(name, 'is required', undefined)
    return fallback
  }
  return value
}

function optionalText(env: Env, name: string): string | null {
  const value = env[name]
  return value === undefined || value === '' ? null : value
}

function integer(env: Env, name: string, fallback: number, min: number, max: number): number {
  const raw = env[name]
  if (raw === undefined || raw === '') return fallback
  const value = Number(raw)
  if (!/^\d+$/.test(raw) || value < min || value > max) {
    throw new ConfigError(name, `must be an integer between ${min} and ${max}`, raw)
  }
  return value
}

function boolean(env: Env, name: string, fallback: boolean): boolean {
  const raw = env[name]
  if (raw === undefined || raw === '') return fallback
  if (raw === 'true' || raw === '1') return true
  if (raw === 'false' || raw === '0') return false
  throw new ConfigError(name, 'must be true or false', raw)
}

function oneOf<T extends string>(env: Env, name: string, allowed: readonly T[], fallback: T): T {
  const raw = env[name]
  if (raw === undefined || raw === '') return fallback
  if (!(allowed as readonly string[]).includes(raw)) {
    throw new ConfigError(name, `must be one of ${allowed.join(', ')}`, raw)
  }
  return raw as T
}

function url(env: Env, name: string, protocols: readonly string[], fallback?: string): string {
  const raw = text(env, name, fallback)
  let parsed: URL
  try {
    parsed = new URL(raw)
  } catch {
    throw new ConfigError(name, `must be a URL like ${protocols[0]}//host:port/...`, redact(raw))
  }
  if (!protocols.includes(parsed.protocol)) {
    throw new ConfigError(name, `must be a URL with scheme ${protocols.join(' or ')}`, redact(raw))
  }
  return raw
}

function optionalUrl(env: Env, name: string, protocols: readonly string[]): string | null {
  const raw = env[name]
  return raw === undefined || raw === '' ? null : url(env, name, protocols)
}

/** A comma-separated list of browser origins (scheme://host[:port], no path). */
function origins(env: Env, name: string): string[] {
  const raw = env[name]
  if (raw === undefined || raw.trim() === '') return []
  return raw.split(',').map((item) => {
    const value = item.trim()
    const parsed = URL.parse(value)
    if (parsed === null || !['http:', 'https:'].includes(parsed.protocol) || parsed.origin !== value) {
      throw new ConfigError(
        name,
        'must be a comma-separated list of origins like https://app.example.com (no path or trailing slash)',
        raw,
      )
    }
    return value
  })
}

/** Hides a password in a URL before it is printed, even in one that does not parse. */
export function redact(raw: string): string {
  try {
    const parsed = new URL(raw)
    if (parsed.password) parsed.password = '***'
    return parsed.toString()
  } catch {
    return raw.replace(/\/\/[^/@]*@/, '//***@')
  }
}

const SERVICE_VARIABLES = ['DATABASE_URL', 'REDIS_URL', 'EVENTSTORE_URL'] as const

/** The mode rule: all of the services or none of them (see Mode); a mix is a ConfigError. */
function services(env: Env) {
  const databaseUrl = optionalUrl(env, 'DATABASE_URL', ['postgres:', 'postgresql:'])
  const redisUrl = optionalUrl(env, 'REDIS_URL', ['redis:', 'rediss:'])
  const eventStoreUrl = optionalUrl(env, 'EVENTSTORE_URL', ['esdb:', 'esdb+discover:'])
  const set = SERVICE_VARIABLES.filter((name) => optionalText(env, name) !== null)
  if (set.length === 0) {
    return {
      mode: 'embedded' as const,
      dataDir: resolve(text(env, 'NEXUS_DATA_DIR', '.nexus-data')),
      databaseUrl: null,
      redisUrl: null,
      eventStoreUrl: null,
    }
  }
  const why = `when ${set.join(' and ')} ${set.length === 1 ? 'is' : 'are'} set (services mode needs DATABASE_URL and REDIS_URL; embedded mode sets none of the three)`
  if (databaseUrl === null) throw new ConfigError('DATABASE_URL', `is required ${why}`, undefined)
  if (redisUrl === null) throw new ConfigError('REDIS_URL', `is required ${why}`, undefined)
  const dataDir = optionalText(env, 'NEXUS_DATA_DIR')
  if (dataDir !== null) {
    throw new ConfigError(
      'NEXUS_DATA_DIR',
      'is only used in embedded mode: unset it, or unset DATABASE_URL, REDIS_URL and EVENTSTORE_URL',
      dataDir,
    )
  }
  return { mode: 'services' as const, dataDir: null, databaseUrl, redisUrl, eventStoreUrl }
}

/** Reads and validates the environment; throws ConfigError naming the first bad variable. */
export function loadConfig(env: Env = process.env): Config {
  const nodeEnv = oneOf(env, 'NODE_ENV', ['development', 'test', 'production'], 'development')
  const secretSet = optionalText(env, 'JWT_SECRET')
  if (secretSet === null && nodeEnv === 'production') {
    throw new ConfigError(
      'JWT_SECRET',
      'is required when NODE_ENV=production (32 characters or more)',
      undefined,
    )
  }
  if (secretSet !== null && secretSet.length < 32) {
    throw new ConfigError(
      'JWT_SECRET',
      'must be at least 32 characters long',
      `<${secretSet.length} characters>`,
    )
  }
  return {
    nodeEnv,
    host: text(env, 'HOST', '0.0.0.0'),
    port: integer(env, 'PORT', 3000, 1, 65535),
    logLevel: oneOf(env, 'LOG_LEVEL', LOG_LEVELS, nodeEnv === 'test' ? 'silent' : 'info'),
    ...services(env),
    redisKeyPrefix: text(env, 'REDIS_KEY_PREFIX', 'nexus:'),
    demoData: boolean(env, 'NEXUS_DEMO_DATA', true),
    jwtSecret: secretSet ?? DEV_JWT_SECRET,
    jwtSecretIsDefault: secretSet === null,
    accessTokenTtlSeconds: integer(env, 'ACCESS_TOKEN_TTL_SECONDS', 900, 30, 86_400),
    refreshTokenTtlSeconds: integer(env, 'REFRESH_TOKEN_TTL_SECONDS', 2_592_000, 300, 31_536_000),
    corsOrigins: origins(env, 'CORS_ORIGINS'),
    trustProxyHops: integer(env, 'TRUST_PROXY_HOPS', 0, 0, 10),
    rateLimitMax: integer(env, 'RATE_LIMIT_MAX', 300, 1, 1_000_000),
    rateLimitWindowSeconds: integer(env, 'RATE_LIMIT_WINDOW_SECONDS', 60, 1, 86_400),
    commentRateLimitMax: integer(env, 'COMMENT_RATE_LIMIT_MAX', 10, 1, 1_000_000),
    commentRateLimitWindowSeconds: integer(env, 'COMMENT_RATE_LIMIT_WINDOW_SECONDS', 60, 1, 86_400),
    authRateLimitMax: integer(env, 'AUTH_RATE_LIMIT_MAX', 20, 1, 1_000_000),
    authRateLimitWindowSeconds: integer(env, 'AUTH_RATE_LIMIT_WINDOW_SECONDS', 60, 1, 86_400),
    loginFailureLimit: integer(env, 'LOGIN_FAILURE_LIMIT', 5, 1, 1_000),
    loginFailureWindowSeconds: integer(env, 'LOGIN_FAILURE_WINDOW_SECONDS', 900, 1, 86_400),
    adminPassword: optionalText(env, 'NEXUS_ADMIN_PASSWORD'),
    consistencyTimeoutMs: integer(env, 'CONSISTENCY_TIMEOUT_MS', 1000, 0, 30_000),
    runProjectors: boolean(env, 'RUN_PROJECTORS', true),
    searchMemoMaxAgeMs: integer(env, 'SEARCH_MEMO_MAX_AGE_MS', 10_000, 0, 300_000),
    suggestIndexMaxMovies: integer(env, 'SUGGEST_INDEX_MAX_MOVIES', 50_000, 0, 10_000_000),
    warmUpConnections: boolean(env, 'WARM_UP_CONNECTIONS', true),
    shutdownTimeoutMs: integer(env, 'SHUTDOWN_TIMEOUT_MS', 10_000, 100, 600_000),
    metricsToken: optionalText(env, 'METRICS_TOKEN'),
    tmdbApiKey: optionalText(env, 'TMDB_API_KEY'),
    tmdbReadToken: optionalText(env, 'TMDB_READ_TOKEN'),
    tmdbBaseUrl: url(env, 'TMDB_BASE_URL', ['https:', 'http:'], 'https://api.themoviedb.org/3'),
    tmdbTimeoutMs: integer(env, 'TMDB_TIMEOUT_MS', 10_000, 100, 120_000),
    tmdbMaxRetries: integer(env, 'TMDB_MAX_RETRIES', 3, 0, 10),
    recommenderRetrainAfter: integer(env, 'RECOMMENDER_RETRAIN_AFTER', 1000, 0, 100_000_000),
    recommenderRetrainMinIntervalSeconds: integer(
      env,
      'RECOMMENDER_RETRAIN_MIN_INTERVAL_SECONDS',
      600,
      0,
      604_800,
    ),
    recommenderModel: oneOf(
      env,
      'RECOMMENDER_MODEL',
      ['auto', 'popularity', 'item-knn', 'ease', 'ease-session'] as const,
      'auto',
    ),
  }
}

/** For entry points: the config, or one clear line on stderr and exit code 78 (EX_CONFIG). */
export function loadConfigOrExit(env: Env = process.env): Config {
  try {
    return loadConfig(env)
  } catch (error) {
    if (error instanceof ConfigError) {
      process.stderr.write(`nexus: invalid configuration: ${error.message}\n`)
      process.exit(78)
    }
    throw error
  }
}
