/**
 * Issue 6's scripts in embedded mode, as a developer runs them with `npm start` stopped: no service
 * variables, a data directory. `import movielens` appends into PGlite; once projected,
 * `recommender train` publishes a model and `recommender export` writes the CSV; while another
 * process holds the directory, the scripts say so and exit 1; the import benchmark refuses
 * embedded mode with exit 2.
 */
import { spawn } from 'node:child_process'
import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import t from 'tap'
import { projections } from '../../projections/index.ts'
import { createDatabase } from '../../src/db/connection.ts'
import { migrateToLatest } from '../../src/db/migrate.ts'
import { openEmbedded } from '../../src/embedded/runtime.ts'
import { PostgresEventStore } from '../../src/event-store/postgres/postgres-event-store.ts'
import { generateLatentFactorDataset, movieLensFiles } from '../../src/generate/latent-factor-dataset.ts'
import { runProjector } from '../../src/projector/run-projector.ts'
import { waitForProjections } from '../../src/read/serving/consistency.ts'
import { finished } from '../support/child-process.ts'

const root = await mkdtemp(join(tmpdir(), 'nexus-embedded-scripts-'))
t.teardown(() => rm(root, { recursive: true, force: true }))
const dataDir = join(root, 'data')
const movielens = join(root, 'ml')

const files: Record<string, string[]> = {}
for (const { file, line } of movieLensFiles(
  generateLatentFactorDataset({ seed: 3, users: 40, movies: 150 }),
)) {
  files[file] = [...(files[file] ?? []), line]
}
await mkdir(movielens, { recursive: true })
for (const [file, lines] of Object.entries(files))
  await writeFile(join(movielens, file), `${lines.join('\n')}\n`)

async function run(script: string, args: string[]) {
  const env: NodeJS.ProcessEnv = { ...process.env }
  for (const name of ['DATABASE_URL', 'REDIS_URL', 'EVENTSTORE_URL', 'REDIS_KEY_PREFIX']) delete env[name]
  const child = spawn(process.execPath, [script, ...args], {
    cwd: new URL('../..', import.meta.url),
    env: { ...env, NEXUS_DATA_DIR: dataDir, LOG_LEVEL: 'warn' },
    stdio: ['ignore', 'pipe', 'pipe'],
  })
  return finished(child)
}

/** What `npm start` would do before the scripts below: project the imported events. */
async function project(): Promise<void> {
  const runtime = await openEmbedded(dataDir)
  const db = createDatabase(runtime.pool)
  const store = new PostgresEventStore(runtime.pool, { listen: runtime.listen })
  const stop = new AbortController()
  const running = runProjector(projections, {
    store,
    db,
    redis: { redis: runtime.counters, keyPrefix: 'nexus:' },
    logger: { info() {}, warn() {}, error() {}, debug() {} } as never,
    owner: 'test',
    acquireLease: runtime.acquireLease,
    signal: stop.signal,
  })
  try {
    await migrateToLatest(db)
    const head = await store.headPosition()
    if (!(await waitForProjections(db, projections, head, 60_000))) throw new Error('projections lag')
  } finally {
    stop.abort()
    await running
    await store.close()
    await runtime.release()
  }
}

t.test('import, train and export on the data directory', async (t) => {
  const imported = await run('scripts/import.ts', ['movielens', movielens])
  t.equal(imported.code, 0, imported.stderr.slice(-300))
  t.match(imported.stderr, /movies: +150 read, 150 imported/)
  t.match(imported.stderr, /users: +40 registered/)

  await project()
  const trained = await run('scripts/recommender.ts', ['train'])
  t.equal(trained.code, 0, trained.stderr.slice(-300))
  t.match(trained.stderr, /trained .+: model 1, 40 users, \d+ movies/)
  t.match(trained.stdout, /^chosen: /m, 'the selection report is printed')

  const exported = await run('scripts/recommender.ts', ['export', '--limit', '2'])
  t.equal(exported.code, 0, exported.stderr.slice(-300))
  const lines = exported.stdout.trim().split('\r\n')
  t.equal(lines[0], 'username,movieId,externalIds,rank,score')
  t.equal(lines.length, 1 + 40 * 2, 'two rows per imported user')
  t.match(lines[1], /^ml-\d+,[0-9a-f-]{36},"\{.*""movielens"":\d+\}",1,[\d.]+$/, 'a MovieLens user and movie')
})

t.test('a held data directory: the scripts say so and stop', async (t) => {
  const runtime = await openEmbedded(dataDir)
  t.teardown(() => runtime.release())
  const scripts = [
    ['scripts/recommender.ts', ['train']],
    ['scripts/import.ts', ['movielens', movielens]],
  ] as const
  // Both only find the directory held and stop: side by side.
  const results = await Promise.all(scripts.map(([script, args]) => run(script, [...args])))
  for (const [i, [script]] of scripts.entries()) {
    const result = results[i] as Awaited<ReturnType<typeof run>>
    t.equal(result.code, 1, `${script} exits 1`)
    t.match(result.stderr, new RegExp(`in use by process ${process.pid}`), 'naming the holder')
  }
})

t.test('the import benchmark refuses embedded mode', async (t) => {
  const result = await run('tools/bench/bench-import.ts', [])
  t.equal(result.code, 2)
  t.match(result.stderr, /bench:import: needs PostgreSQL and Redis servers/)
})
