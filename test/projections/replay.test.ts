/**
 * `npm run events -- replay` as a child process: the example analyst projection replayed into its own
 * schema, interrupted with SIGINT once progress shows and resumed, ends exactly as an uninterrupted
 * replay (and as the log says), and the live read models, registry and views are untouched.
 */
import { createHash } from 'node:crypto'
import { mkdtemp, rm, writeFile } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { sql } from 'kysely'
import t from 'tap'
import { userRatings } from '../../projections/user-ratings.ts'
import { users } from '../../projections/users.ts'
import { START } from '../../src/event-store/contract.ts'
import { PostgresEventStore } from '../../src/event-store/postgres/postgres-event-store.ts'
import { syntheticLog } from '../../src/generate/synthetic-log.ts'
import { activeGeneration, ensureProjections } from '../../src/projector/generations.ts'
import { runGeneration } from '../../src/projector/run-generation.ts'
import { ROOT, runEvents, spawnEvents } from '../support/analytics.ts'
import { type Finished, finished } from '../support/child-process.ts'
import { createTestDatabase } from '../support/database.ts'

// Enough for a replay in batches of 10 to run for seconds (interrupting it needs that, not a big log).
const EVENTS = 30_000
const MODULE = 'projections/examples/ratings-per-day.ts'
const database = await createTestDatabase(t)
const { db } = database
const store = new PostgresEventStore(database.pool, { connectionString: database.url })
t.teardown(() => store.close())
for (const chunk of syntheticLog({ seed: 5, events: EVENTS, chunkSize: 5_000 })) await store.appendMany(chunk)

// The live read models, caught up with the log as the projector would leave them.
const live = [userRatings, users]
await ensureProjections(db, live)
for (const projection of live) {
  await runGeneration(
    projection,
    (await activeGeneration(db, projection.name)) as number,
    { store, db, logger: { info() {}, warn() {}, error() {} }, owner: 'test' },
    { signal: new AbortController().signal, untilCaughtUp: true },
  )
}

/** Everything the live side has in PostgreSQL: registry rows, public views and tables, every live row. */
async function liveFootprint(): Promise<string> {
  const hash = createHash('sha256')
  const add = (label: string, rows: unknown[]) => hash.update(`${label}:${JSON.stringify(rows)}\n`)
  add(
    'generations',
    await db.selectFrom('projection_generations').selectAll().orderBy('name').orderBy('generation').execute(),
  )
  add('projections', await db.selectFrom('projections').selectAll().orderBy('name').execute())
  const { rows: relations } = await sql<{ schema: string; name: string; kind: string }>`
    SELECT n.nspname AS schema, c.relname AS name, c.relkind::text AS kind FROM pg_class c
    JOIN pg_namespace n ON n.oid = c.relnamespace
    WHERE n.nspname NOT IN ('pg_catalog', 'information_schema', 'pg_toast') AND n.nspname NOT LIKE 'analyst%'
    ORDER BY 1, 2`.execute(db)
  add('relations', relations)
  const { rows: views } =
    await sql`SELECT viewname, definition FROM pg_views WHERE schemaname = 'public' ORDER BY 1`.execute(db)
  add('views', views)
  add(
    'user_ratings',
    await db.selectFrom('user_ratings').selectAll().orderBy('user_id').orderBy('movie_id').execute(),
  )
  add('users', await db.selectFrom('users').selectAll().orderBy('id').execute())
  return hash.digest('hex')
}

type Day = {
  day: string
  ratings_given: number
  ratings_removed: number
  stars_sum: string
  average_stars: string | null
}

async function perDay(schema: string): Promise<Day[]> {
  const { rows } = await sql<Day>`
    SELECT to_char(day, 'YYYY-MM-DD') AS day, ratings_given, ratings_removed, stars_sum::text, average_stars::text
    FROM ${sql.id(schema, 'ratings_per_day')} ORDER BY day`.execute(db)
  return rows
}

/** What the log says, computed here without the projection. */
async function expectedPerDay(): Promise<Map<string, { given: number; removed: number; stars: number }>> {
  const days = new Map<string, { given: number; removed: number; stars: number }>()
  for await (const event of store.readAll({ types: ['RatingGiven', 'RatingRemoved'] })) {
    const day = String(event.metadata.occurredAt).slice(0, 10)
    const entry = days.get(day) ?? { given: 0, removed: 0, stars: 0 }
    if (event.type === 'RatingGiven') {
      entry.given += 1
      entry.stars += (event.data as { stars: number }).stars
    } else entry.removed += 1
    days.set(day, entry)
  }
  return days
}

const before = await liveFootprint()

t.test('interrupted with SIGINT after progress starts and resumed, it ends as a clean replay', async (t) => {
  const child = spawnEvents(
    ['replay', MODULE, '--schema', 'analyst_resumed', '--batch-size', '10'],
    database.url,
  )
  const done = finished(child)
  let exited = false
  void done.finally(() => {
    exited = true
  })
  // Interrupt once the progress bar shows and the checkpoint has moved: batches are being committed.
  let stderr = ''
  child.stderr?.on('data', (chunk: string) => {
    stderr += chunk
  })
  const committed = async () => {
    const rows = await sql<{ position: string }>`SELECT position FROM analyst_resumed.replay_checkpoint`
      .execute(db)
      .then(
        (result) => result.rows,
        () => [],
      )
    return (rows[0]?.position ?? START) > START
  }
  while (!exited && !(/replay ratings_per_day \[/.test(stderr) && (await committed())))
    await new Promise((resolve) => setTimeout(resolve, 20))
  child.kill('SIGINT')
  const interrupted = await done
  t.equal(interrupted.code, 130, interrupted.stderr)
  t.match(interrupted.stderr, /replay: interrupted at [0-9a-f]{32} after \d+ events this run/)
  t.match(interrupted.stderr, /run the same command again to continue/)
  const { rows: checkpoints } = await sql<{ position: string; events_applied: string }>`
    SELECT position, events_applied FROM analyst_resumed.replay_checkpoint`.execute(db)
  const stopped = checkpoints[0] as { position: string; events_applied: string }
  const handled = [...(await expectedPerDay()).values()].reduce((n, d) => n + d.given + d.removed, 0)
  t.ok(stopped.position > START, 'some batches were committed')
  t.ok(Number(stopped.events_applied) < handled, `stopped part way (${stopped.events_applied} of ${handled})`)

  const resumed = await runEvents(['replay', MODULE, '--schema', 'analyst_resumed'], database.url)
  t.equal(resumed.code, 0, resumed.stderr)
  t.match(
    resumed.stderr,
    new RegExp(`resuming ratings_per_day in schema analyst_resumed from its checkpoint ${stopped.position}`),
  )
  t.match(resumed.stderr, new RegExp(`caught up: ${handled} events applied in all`))

  const clean = await runEvents(['replay', MODULE, '--schema', 'analyst_clean'], database.url)
  t.equal(clean.code, 0, clean.stderr)
  t.match(
    clean.stderr,
    /replay ratings_per_day \[.*\] \d+% \| \d+\/\d+ events \| \d+ events\/s \| ETA/,
    'progress with rate and ETA',
  )

  const resumedRows = await perDay('analyst_resumed')
  t.ok(resumedRows.length > 0)
  t.strictSame(resumedRows, await perDay('analyst_clean'), 'the same rows as an uninterrupted replay')
  const expected = await expectedPerDay()
  t.strictSame(
    resumedRows.map((row) => [row.day, row.ratings_given, row.ratings_removed, Number(row.stars_sum)]),
    [...expected.entries()]
      .sort(([a], [b]) => a.localeCompare(b))
      .map(([day, d]) => [day, d.given, d.removed, d.stars]),
    'and the rows the log says: nothing applied twice or skipped',
  )

  const again = await runEvents(['replay', MODULE, '--schema', 'analyst_clean'], database.url)
  t.equal(again.code, 0)
  t.match(
    again.stderr,
    /caught up: \d+ events applied in all, 0 events this run/,
    'a caught-up replay has nothing to do',
  )
  t.equal(await liveFootprint(), before, 'the live read models, registry and views are untouched')
})

t.test("schemas that are not the analyst's own and broken modules are refused with exit 2", async (t) => {
  await sql`CREATE SCHEMA analyst_taken`.execute(db)
  await sql`CREATE TABLE analyst_taken.notes (id int)`.execute(db)
  const dir = await mkdtemp(join(tmpdir(), 'nexus-replay-'))
  t.teardown(() => rm(dir, { recursive: true, force: true }))
  const redis = join(dir, 'redis.ts')
  await writeFile(
    redis,
    "export const projection = { kind: 'redis', name: 'x', version: 1, handles: ['A'], apply: () => [] }\n",
  )
  const empty = join(dir, 'empty.ts')
  await writeFile(empty, 'export const nothing = 1\n')
  const bumped = join(dir, 'bumped.ts')
  await writeFile(
    bumped,
    `import { projection as p } from ${JSON.stringify(new URL(MODULE, ROOT).href)}\nexport default { ...p, version: 2 }\n`,
  )
  const cases: [string[], RegExp][] = [
    [
      ['replay', MODULE, '--schema', 'proj_user_ratings_g1'],
      /starting with proj_ belong to the live projections/,
    ],
    [['replay', MODULE, '--schema', 'public'], /PostgreSQL's or the application's own/],
    [['replay', MODULE, '--schema', 'pg_temp'], /PostgreSQL's or the application's own/],
    [['replay', MODULE, '--schema', 'Bad-Name'], /must be lower-case letters/],
    [['replay', MODULE], /needs --schema/],
    [['replay', '--schema', 'analyst_x'], /missing required argument 'module'/],
    [['replay', MODULE, '--schema', 'analyst_taken'], /exists and was not made by replay/],
    [
      ['replay', bumped, '--schema', 'analyst_clean'],
      /holds a replay of ratings_per_day version 1, not ratings_per_day version 2/,
    ],
    [['replay', redis, '--schema', 'analyst_redis'], /PostgreSQL projections \(kind: "postgres"\) only/],
    [['replay', empty, '--schema', 'analyst_empty'], /exports neither `projection` nor a default export/],
    [['replay', join(dir, 'missing.ts'), '--schema', 'analyst_missing'], /cannot load/],
    [['replay', MODULE, '--schema', 'analyst_y', '--batch-size', '0'], /--batch-size must be an integer/],
  ]
  // Two at a time: each is a node process, and the machine has two cores.
  const results: Finished[] = []
  let next = 0
  await Promise.all(
    [0, 1].map(async () => {
      while (next < cases.length) {
        const index = next++
        results[index] = await runEvents((cases[index] as [string[], RegExp])[0], database.url)
      }
    }),
  )
  for (const [i, [args, message]] of cases.entries()) {
    const { code, stderr } = results[i] as Finished
    t.equal(code, 2, args.join(' '))
    t.match(stderr, message, args.join(' '))
  }
  const { rows } = await sql<{ nspname: string }>`
    SELECT nspname FROM pg_namespace WHERE nspname IN ('analyst_redis', 'analyst_empty', 'analyst_missing', 'analyst_y')`.execute(
    db,
  )
  t.strictSame(rows, [], 'a refused replay creates no schema')
  t.equal(await liveFootprint(), before, 'nor touches anything live')
})
