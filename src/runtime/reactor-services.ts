/**
 * What reactors use besides the event store and the database: the configuration, the TMDb client
 * and, in embedded mode, the one connection to PGlite. The process that runs reactors (API with
 * RUN_PROJECTORS, projector) builds them once and hands them to the reactors' factories
 * (registry.ts); the engine never sees them.
 */
import type pg from 'pg'
import type { Config } from '../config.ts'
import type { TmdbClient, TmdbClientOptions, TmdbLogger } from '../ingest/tmdb/client.ts'
import { tmdbClientFromConfig, tmdbSecrets } from '../ingest/tmdb/from-config.ts'
import type { KeyValueStore } from '../key-value/contract.ts'

export type ReactorServices = {
  config: Config
  tmdb: TmdbClient
  /** Strings never to be written into an event or a log (TMDb's api key and read token). */
  secrets: readonly string[]
  /**
   * Embedded mode's pool (one PGlite connection, COPY FROM STDIN included) for work that wants a pg
   * client of its own; null on servers, where such work opens its own pool on DATABASE_URL.
   */
  embeddedPool: pg.Pool | null
  /**
   * While `held`, the retrain reactor trains nothing: an embedded first start holds it while the
   * projections catch up with the demo data, whose own training follows and sees every interaction
   * (src/server.ts); a retrain halfway through the catch-up was a training thrown away, on the one
   * PGlite connection the catch-up needs. The reactor counts from the stored figures, so what it
   * skipped while held is counted at its next batch.
   */
  retrainHold: { held: boolean }
}

export function createReactorServices(deps: {
  config: Config
  /** A client without keyPrefix (the engine's); cache keys get the configured prefix. */
  redis: KeyValueStore
  /** Embedded mode's runtime pool. */
  embeddedPool?: pg.Pool | null
  logger?: TmdbLogger
  /** Tests shorten TMDb's backoff and breaker timings. */
  tmdb?: Partial<TmdbClientOptions>
}): ReactorServices & { close(): void } {
  const tmdb = tmdbClientFromConfig(deps.config, deps.redis, deps.logger, deps.tmdb)
  return {
    config: deps.config,
    tmdb,
    secrets: tmdbSecrets(deps.config),
    embeddedPool: deps.embeddedPool ?? null,
    retrainHold: { held: false },
    close: () => tmdb.close(),
  }
}
