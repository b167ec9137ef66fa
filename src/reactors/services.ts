/**
 * What reactors use besides the event store and the database: the configuration and the TMDb
 * client. The process that runs reactors (API with RUN_PROJECTORS, projector) builds them once and
 * hands them to the engine; reactor declarations stay static, like projections.
 */
import type { Redis } from 'ioredis'
import type { MemoryStore } from '../embedded/memory-store.ts'
import type { Config } from '../config.ts'
import type { TmdbClient, TmdbClientOptions, TmdbLogger } from '../tmdb/client.ts'
import { tmdbClientFromConfig, tmdbSecrets } from '../tmdb/from-config.ts'

export type ReactorServices = {
  config: Config
  tmdb: TmdbClient
  /** Strings never to be written into an event or a log (TMDb's api key and read token). */
  secrets: readonly string[]
}

export function createReactorServices(deps: {
  config: Config
  /** A client without keyPrefix (the engine's); cache keys get the configured prefix. */
  redis: Redis
  logger?: TmdbLogger
  /** Tests shorten TMDb's backoff and breaker timings. */
  tmdb?: Partial<TmdbClientOptions>
}): ReactorServices & { close(): void } {
  const tmdb = tmdbClientFromConfig(deps.config, deps.redis, deps.logger, deps.tmdb)
  return { config: deps.config, tmdb, secrets: tmdbSecrets(deps.config), close: () => tmdb.close() }
}
