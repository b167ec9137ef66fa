/**
 * `npm run import -- tmdb ...` as operators run it: a child process against the fake TMDb and this
 * file's own database and Redis prefix. It imports with progress, adds nothing the second time,
 * refuses bad arguments with exit 2, reports TMDb failures with exit 1, and `projections status`
 * lists the reactor.
 */
import { spawn } from 'node:child_process'
import { randomUUID } from 'node:crypto'
import { setTimeout as sleep } from 'node:timers/promises'
import { Redis } from 'ioredis'
import t from 'tap'
import { PostgresEventStore } from '../../src/event-store/postgres/postgres-event-store.ts'
import { finished } from '../support/child-process.ts'
import { createTestDatabase } from '../support/database.ts'
import { fakeMovies, startFakeTmdb } from '../support/fake-tmdb.ts'
import { dropRedisPrefix, scriptEnvironment, testServices } from '../support/services.ts'

const database = await createTestDatabase(t)
const store = new PostgresEventStore(database.pool, { connectionString: database.url })
const keyPrefix = `test:${randomUUID()}:`
const redis = new Redis(testServices.redisUrl)
t.teardown(async () => {
  await store.close()
  await dropRedisPrefix(keyPrefix, redis)
  await redis.quit()
})
const fake = await startFakeTmdb(t, { movies: fakeMovies(45) })

async function run(script: string, args: string[], env: Record<string, string> = {}) {
  const child = spawn(process.execPath, [script, ...args], {
    cwd: new URL('../..', import.meta.url),
    env: {
      ...scriptEnvironment(database.url, keyPrefix),
      TMDB_BASE_URL: fake.baseUrl,
      TMDB_API_KEY: fake.apiKey,
      TMDB_READ_TOKEN: '',
      TMDB_MAX_RETRIES: '1',
      ...env,
    },
    stdio: ['ignore', 'pipe', 'pipe'],
  })
  return finished(child)
}

/**
 * MovieImported events in the log, once `expected` are visible or after 30 s: the log's visible end
 * trails any transaction still writing on the cluster (read-log.ts), e.g. another test file's.
 */
async function importedCount(expected: number): Promise<number> {
  const deadline = Date.now() + 30_000
  for (;;) {
    let count = 0
    for await (const _ of store.readAll({ types: ['MovieImported'] })) count++
    if (count >= expected || Date.now() > deadline) return count
    await sleep(100)
  }
}

t.test('imports trending pages with progress; the same command again adds nothing', async (t) => {
  const first = await run('scripts/import.ts', ['tmdb', '--trending', 'week', '--pages', '3'])
  t.equal(first.code, 0, first.stderr)
  t.match(first.stderr, /pages \[.*\] 100% \| 3\/3/, 'a progress bar with the count')
  t.match(first.stderr, /TMDb trending week, 3 pages: 45 imported, 0 already there, 0 refused/)
  t.equal(await importedCount(45), 45)
  t.notOk(first.stderr.includes(fake.apiKey), 'the key is never printed')

  const again = await run('scripts/import.ts', ['tmdb', '--trending', 'week', '--pages', '3'])
  t.equal(again.code, 0)
  t.match(again.stderr, /0 imported, 45 already there/)
  t.equal(await importedCount(45), 45)

  const byId = await run('scripts/import.ts', ['tmdb', '--ids', '1001,987654'])
  t.equal(byId.code, 0, byId.stderr)
  t.match(byId.stderr, /0 imported, 1 already there, 1 refused/)
  t.match(byId.stderr, /refused TMDb movie 987654: TMDb has no such movie/)
})

t.test('bad arguments exit 2 with the usage; TMDb failures exit 1 with the error', async (t) => {
  for (const args of [
    ['tmdb'],
    ['tmdb', '--trending', 'month'],
    ['tmdb', '--trending', 'day', '--pages', '0'],
    ['tmdb', '--trending', 'day', '--ids', '5'],
    ['tmdb', '--ids', '1,x'],
    ['tmdb', 'extra'],
  ]) {
    const result = await run('scripts/import.ts', args)
    t.equal(result.code, 2, `exit 2 for ${args.join(' ')}`)
    t.match(result.stderr, /usage: npm run import -- tmdb/)
  }
  const unconfigured = await run('scripts/import.ts', ['tmdb', '--trending', 'day'], { TMDB_API_KEY: '' })
  t.equal(unconfigured.code, 78)
  t.match(unconfigured.stderr, /TMDB_READ_TOKEN or TMDB_API_KEY/)

  const wrongKey = await run('scripts/import.ts', ['tmdb', '--trending', 'day', '--pages', '9'], {
    TMDB_API_KEY: 'wrong-key-abcdef123456',
  })
  t.equal(wrongKey.code, 1)
  t.match(wrongKey.stderr, /TMDB_INVALID_KEY/)
  t.notOk(wrongKey.stderr.includes('wrong-key-abcdef123456'))
})

t.test('projections status lists the reactor', async (t) => {
  const status = await run('scripts/projections.ts', ['status', '--json'])
  t.equal(status.code, 0, status.stderr)
  const report = JSON.parse(status.stdout) as { projections: { name: string; kind: string }[] }
  t.equal(report.projections.find((p) => p.name === 'tmdb_import')?.kind, 'reactor')
  t.ok(report.projections.some((p) => p.name === 'imports' && p.kind === 'postgres'))
})
