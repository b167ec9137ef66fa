/** The TMDb client as configured (TMDB_* variables), caching in Redis under the app's key prefix. */
import type { Config } from '../../config.ts'
import type { KeyValueStore } from '../../key-value/contract.ts'
import { redisTmdbCache } from './cache.ts'
import { createTmdbClient, type TmdbClient, type TmdbClientOptions, type TmdbLogger } from './client.ts'

export function tmdbClientFromConfig(
  config: Config,
  /** A client without keyPrefix (the engine's); keys get `config.redisKeyPrefix`. */
  redis: KeyValueStore,
  logger?: TmdbLogger,
  overrides: Partial<TmdbClientOptions> = {},
): TmdbClient {
  return createTmdbClient({
    baseUrl: config.tmdbBaseUrl,
    apiKey: config.tmdbApiKey,
    readToken: config.tmdbReadToken,
    cache: redisTmdbCache(redis, config.redisKeyPrefix, (error) =>
      logger?.warn({ err: error }, 'TMDb cache unavailable: calling TMDb directly'),
    ),
    timeoutMs: config.tmdbTimeoutMs,
    maxRetries: config.tmdbMaxRetries,
    logger,
    ...overrides,
  })
}

/** The configured secrets, for scrubbing messages. */
export const tmdbSecrets = (config: Config): string[] =>
  [config.tmdbApiKey, config.tmdbReadToken].filter((secret): secret is string => secret !== null)
