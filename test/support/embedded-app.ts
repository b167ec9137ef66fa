/**
 * The app as `npm start` runs it without service URLs, for tests of embedded mode: PGlite in a
 * temporary directory, the in-process store, and the projections and reactors running in this
 * process. The caller registers `close` in its teardown (after its own set-up awaits: tap ends the
 * root test once it has a teardown and nothing pending).
 */
import { mkdtemp, rm } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { buildApp } from '../../src/app.ts'
import { type Config, loadConfig } from '../../src/config.ts'
import { migrateToLatest } from '../../src/db/migrate.ts'
import type { EmbeddedRuntime } from '../../src/embedded/runtime.ts'
import type { TmdbClientOptions } from '../../src/ingest/tmdb/client.ts'
import { apiRuntimeOptions } from '../../src/plugins/database.ts'
import { runProjector } from '../../src/projector/run-projector.ts'
import { openRuntime } from '../../src/runtime/open-runtime.ts'
import { createReactorServices } from '../../src/runtime/reactor-services.ts'
import { runnable } from '../../src/runtime/registry.ts'

export type EmbeddedTestApp = {
  app: Awaited<ReturnType<typeof buildApp>>
  config: Config
  runtime: EmbeddedRuntime
  /** Stops the projectors, closes the app, releases the data directory (the directory stays). */
  close(): Promise<void>
  /** The temporary data directory; `removeDir` deletes it once closed. */
  dir: string
  removeDir(): Promise<void>
}

export async function startEmbeddedApp(
  name: string,
  overrides: Partial<Config> = {},
  tmdb: Partial<TmdbClientOptions> = {},
): Promise<EmbeddedTestApp> {
  const dir = await mkdtemp(join(tmpdir(), `nexus-${name}-`))
  const config: Config = {
    ...loadConfig({ NODE_ENV: 'test', NEXUS_DATA_DIR: dir }),
    logLevel: 'silent',
    runProjectors: false,
    consistencyTimeoutMs: 10_000,
    ...overrides,
  }
  if (config.mode !== 'embedded') throw new Error(`expected embedded mode, got ${config.mode}`)
  // As src/server.ts opens it: the runtime first (migrated), handed to the app.
  const opened = await openRuntime(
    config,
    apiRuntimeOptions(config, () => null),
  )
  const runtime = opened.embedded as EmbeddedRuntime
  await migrateToLatest(opened.db)
  const app = await buildApp(config, {}, { runtime: opened })
  const services = createReactorServices({
    config,
    redis: opened.counters().redis,
    embeddedPool: runtime.pool,
    tmdb,
  })
  const stop = new AbortController()
  const running = runProjector(runnable(services), {
    store: app.eventStore,
    db: app.db,
    redis: opened.counters(),
    logger: app.log,
    owner: `test/${process.pid}`,
    acquireLease: opened.acquireLease,
    signal: stop.signal,
  })
  return {
    app,
    config,
    runtime,
    dir,
    async close() {
      stop.abort()
      await running
      services.close()
      await app.close()
      await opened.close()
    },
    removeDir: () => rm(dir, { recursive: true, force: true }),
  }
}
