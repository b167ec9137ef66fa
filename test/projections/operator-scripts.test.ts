/**
 * `npm run projections` as operators run it, as child processes on real PostgreSQL and Redis:
 * status and lag, a blue-green rebuild, a rebuild interrupted by Ctrl-C and resumed, the reset
 * confirmation and skip's refusal on a healthy projection. The usage errors, found before any
 * connection, and the projector's `--help` run in one process (test/support/script-argv.ts).
 */
import { spawn } from 'node:child_process'
import { createHash, randomUUID } from 'node:crypto'
import { setTimeout as sleep } from 'node:timers/promises'
import { Redis } from 'ioredis'
import { sql } from 'kysely'
import t from 'tap'
import { projections } from '../../projections/index.ts'
import { moviePopularity } from '../../projections/movie-popularity.ts'
import { userRatings } from '../../projections/user-ratings.ts'
import { interactionStream } from '../../src/domain/interaction/interaction.ts'
import { type Position, START, type StreamWrite } from '../../src/event-store/contract.ts'
import { PostgresEventStore } from '../../src/event-store/postgres/postgres-event-store.ts'
import { syntheticLog } from '../../src/generate/synthetic-log.ts'
import { RedisKeyValue } from '../../src/key-value/redis.ts'
import { activeGeneration, ensureProjections, readGeneration } from '../../src/projector/generations.ts'
import { generationKeyPrefix, type Projection } from '../../src/projector/projection.ts'
import { runGeneration } from '../../src/projector/run-generation.ts'
import { projectionStatus, type StatusReport } from '../../src/projector/status.ts'
import { registered } from '../../src/runtime/registry.ts'
import { finished } from '../support/child-process.ts'
import { createTestDatabase } from '../support/database.ts'
import { runArgvCases } from '../support/script-argv.ts'
import { dropRedisPrefix, scriptEnvironment, testServices } from '../support/services.ts'

const database = await createTestDatabase(t)
const { db } = database
const store = new PostgresEventStore(database.pool, { connectionString: database.url })
const redis = new Redis(testServices.redisUrl)
const keyPrefix = `test:${randomUUID()}:`
const target = { redis: new RedisKeyValue(redis), keyPrefix }
t.teardown(async () => {
  await store.close()
  await dropRedisPrefix(keyPrefix, redis)
  await redis.quit()
})
const context = { store, db, redis: target, logger: { info() {}, warn() {}, error() {} }, owner: 'test' }

/** What the scripts see: this file's database, Redis under its own prefix. */
const scriptEnv = scriptEnvironment(database.url, keyPrefix)

function start(args: string[]) {
  const child = spawn(process.execPath, ['scripts/projections.ts', ...args], {
    cwd: new URL('../..', import.meta.url),
    env: scriptEnv,
    // stdin is a pipe, never a terminal: what a cron job or CI step sees.
    stdio: ['pipe', 'pipe', 'pipe'],
  })
  const done = finished(child)
  return { child, done }
}

const run = (...args: string[]) => start(args).done

async function status(): Promise<StatusReport> {
  const result = await run('status', '--json')
  if (result.code !== 0) throw new Error(`status failed: ${result.stderr}`)
  return JSON.parse(result.stdout) as StatusReport
}

const active = (report: StatusReport, name: string) =>
  report.projections.find((p) => p.name === name)?.generations.find((g) => g.active)

/** Appends through the bulk path and waits until the head of the log shows the last write. */
async function append(writes: StreamWrite[]): Promise<void> {
  const results = await store.appendMany(writes)
  await untilVisible(results.at(-1)?.position ?? START)
}

/**
 * The head only passes transactions older than every running one in the cluster: a long
 * transaction elsewhere (another test file, a benchmark) holds it back for a while.
 */
async function untilVisible(position: Position): Promise<void> {
  const deadline = Date.now() + 120_000
  while ((await store.headPosition()) < position) {
    if (Date.now() > deadline) throw new Error(`the head of the log did not reach ${position} within 120 s`)
    await sleep(20)
  }
}

function ratings(count: number): StreamWrite[] {
  const userId = randomUUID()
  return Array.from({ length: count }, () => {
    const movieId = randomUUID()
    return {
      stream: interactionStream(userId, movieId),
      expectedRevision: 'no_stream' as const,
      events: [
        {
          id: randomUUID(),
          type: 'RatingGiven',
          data: {
            userId,
            movieId,
            stars: 3,
            review: null,
            ratedAt: new Date().toISOString(),
            previousStars: null,
          },
        },
      ],
    }
  })
}

async function catchUp(projection: Projection): Promise<void> {
  const generation = (await activeGeneration(db, projection.name)) as number
  await runGeneration(projection, generation, context, {
    signal: new AbortController().signal,
    untilCaughtUp: true,
    batchSize: 5_000,
  })
}

/** A digest of every user_ratings row, read through the public view (the active generation). */
async function ratingsDigest(): Promise<{ rows: number; digest: string }> {
  const { rows } = await sql<{ line: string }>`
    SELECT concat_ws('|', user_id, movie_id, stars, review, rated_at) AS line
    FROM user_ratings ORDER BY user_id, movie_id`.execute(db)
  const hash = createHash('sha256')
  for (const row of rows) hash.update(`${row.line}\n`)
  return { rows: rows.length, digest: hash.digest('hex') }
}

/** Every movie_popularity key of a generation with its value, the checkpoint left out. */
async function popularityDump(generation: number): Promise<Record<string, unknown>> {
  const prefix = `${keyPrefix}${generationKeyPrefix(moviePopularity.name, generation)}`
  const dump: Record<string, unknown> = {}
  for (const key of (await redis.keys(`${prefix}*`)).sort()) {
    if (key.endsWith(':checkpoint')) continue
    dump[key.slice(prefix.length)] =
      (await redis.type(key)) === 'hash'
        ? await redis.hgetall(key)
        : await redis.zrange(key, '0', '-1', 'WITHSCORES')
  }
  return dump
}

async function schemaExists(name: string): Promise<boolean> {
  const { rows } = await sql<{ found: boolean }>`
    SELECT EXISTS (SELECT 1 FROM information_schema.schemata WHERE schema_name = ${name}) AS found`.execute(
    db,
  )
  return rows[0]?.found === true
}

await ensureProjections(db, projections, target)

t.test('status --json lists every projection with its lag, and 0 once caught up', async (t) => {
  await append(ratings(40))
  const behind = await status()
  t.same(
    behind.projections.map((p) => p.name),
    registered.map((p) => p.name),
    'projections, then reactors',
  )
  for (const name of [userRatings.name, moviePopularity.name]) {
    const generation = active(behind, name)
    t.match(generation, { generation: 1, state: 'catching_up', checkpoint: START, error: null }, name)
    t.ok((generation?.lag.events ?? 0) >= 40, `${name} is ${generation?.lag.events} events behind`)
    t.ok((generation?.lag.seconds ?? 0) > 0, `${name} is ${generation?.lag.seconds} s behind`)
  }

  await catchUp(userRatings)
  await catchUp(moviePopularity)
  const caughtUp = await status()
  for (const name of [userRatings.name, moviePopularity.name]) {
    t.match(
      active(caughtUp, name),
      { checkpoint: caughtUp.head, lag: { events: 0, seconds: 0 }, owner: 'test', ownerAlive: true },
      `${name} caught up`,
    )
  }
  t.equal(active(caughtUp, userRatings.name)?.eventsApplied, 40)

  const table = await run('status')
  t.equal(table.code, 0)
  t.match(
    table.stdout,
    /PROJECTION\s+VERSION\s+GEN\s+STATE\s+CHECKPOINT\s+LAG EVENTS\s+LAG S\s+OWNER\s+ERROR/,
  )
  t.match(
    table.stdout,
    new RegExp(
      `user_ratings\\s+${userRatings.version}\\s+1 \\(active\\)\\s+live\\s+${caughtUp.head}\\s+0\\s+0\\.0\\s+test`,
    ),
  )
})

t.test('rebuild fills a new generation, swaps to it and drops the old one, same data', async (t) => {
  const before = await ratingsDigest()
  const popularityBefore = await popularityDump(1)
  t.ok(before.rows >= 40 && Object.keys(popularityBefore).length > 40, 'non-trivial models')

  const rebuilt = await run('rebuild', userRatings.name)
  t.equal(rebuilt.code, 0, rebuilt.stderr)
  t.match(rebuilt.stderr, /\d+ events\/s/, 'progress shows a rate')
  t.match(rebuilt.stderr, /rebuilt user_ratings: generation 2 is active/)
  t.equal(await activeGeneration(db, userRatings.name), 2)
  t.notOk(await schemaExists('proj_user_ratings_g1'), 'the old schema is dropped')
  t.notOk(await readGeneration(db, userRatings.name, 1), 'and its registry row')
  t.same(await ratingsDigest(), before, 'the rebuilt model equals the old one')

  const redisRebuilt = await run('rebuild', moviePopularity.name)
  t.equal(redisRebuilt.code, 0, redisRebuilt.stderr)
  t.equal(await activeGeneration(db, moviePopularity.name), 2)
  t.same(await popularityDump(2), popularityBefore, 'the rebuilt counters equal the old ones')
  t.same(await popularityDump(1), {}, 'the old keys are dropped')
  t.equal(await redis.get(`${keyPrefix}proj:movie_popularity:active`), '2')
})

t.test('a rebuild interrupted with Ctrl-C resumes from its checkpoint and ends as a clean run', async (t) => {
  let last = START
  // Batches of 50 make a rebuild of this log take seconds: long enough to interrupt mid-way.
  for (const chunk of syntheticLog({ seed: 3, events: 10_000, chunkSize: 5_000, streamPrefix: 'ops-' }))
    last = (await store.appendMany(chunk)).at(-1)?.position ?? last
  await untilVisible(last)
  // The reference: the active generation brought up to date in one uninterrupted run.
  await catchUp(userRatings)
  const clean = await ratingsDigest()
  const head = await store.headPosition()

  const first = start(['rebuild', userRatings.name, '--batch-size', '50'])
  let building: Awaited<ReturnType<typeof readGeneration>>
  // Polled with a generous bound: on a loaded machine the child may take many seconds to start.
  const deadline = Date.now() + 120_000
  do {
    await sleep(20)
    building = await readGeneration(db, userRatings.name, 3)
  } while ((building?.position ?? START) === START && Date.now() < deadline)
  first.child.kill('SIGINT')
  const interrupted = await first.done
  t.equal(interrupted.code, 130, 'exit code 128 + SIGINT')
  t.match(interrupted.stderr, /interrupted at [0-9a-f]{32} of generation 3/)
  t.match(interrupted.stderr, /run "npm run projections -- rebuild user_ratings" again to resume/)

  const half = await readGeneration(db, userRatings.name, 3)
  const checkpoint = half?.position ?? START
  t.equal(half?.state, 'building', 'the new generation is left half-built')
  t.ok(checkpoint > START && checkpoint < head, `stopped mid-way, at ${checkpoint}`)
  t.equal(await activeGeneration(db, userRatings.name), 2, 'the old generation still serves')
  t.same(await ratingsDigest(), clean, 'queries still see the complete old model')

  const resumed = await run('rebuild', userRatings.name)
  t.equal(resumed.code, 0, resumed.stderr)
  t.match(resumed.stderr, `resuming generation 3 of user_ratings from its checkpoint ${checkpoint}`)
  const rate = /(\d+) events in ([\d.]+) s \((\d+) events\/s\)/.exec(resumed.stderr)
  t.ok(rate, 'the summary reports the rate')
  t.comment(`resumed rebuild: ${rate?.[0]}`)
  t.equal(await activeGeneration(db, userRatings.name), 3)
  t.same(await ratingsDigest(), clean, 'the interrupted and resumed rebuild equals the clean run')

  const { rows } = await sql<{ handled: string }>`
    SELECT count(*) AS handled FROM events WHERE type = ANY(${[...userRatings.handles]})`.execute(db)
  t.equal(
    (await readGeneration(db, userRatings.name, 3))?.events_applied,
    rows[0]?.handled,
    'every handled event applied exactly once across both runs',
  )
})

t.test(
  'reset without --yes and without a terminal refuses with exit code 2 and changes nothing',
  async (t) => {
    const before = { generation: await activeGeneration(db, userRatings.name), model: await ratingsDigest() }
    const refused = await run('reset', userRatings.name)
    t.equal(refused.code, 2)
    t.match(refused.stderr, /pass --yes/)
    t.same({ generation: await activeGeneration(db, userRatings.name), model: await ratingsDigest() }, before)

    const reset = await run('reset', userRatings.name, '--yes')
    t.equal(reset.code, 0, reset.stderr)
    t.equal(await activeGeneration(db, userRatings.name), (before.generation ?? 0) + 1)
    t.equal(
      (await ratingsDigest()).rows,
      0,
      'with --yes the data is dropped, to be refilled by the projector',
    )
  },
)

t.test('skip refuses a projection that is not stopped; usage errors; projector --help', async (t) => {
  const head: Position = await store.headPosition()
  const skipped = await run('skip', moviePopularity.name, head)
  t.equal(skipped.code, 1)
  t.match(skipped.stderr, /movie_popularity is \w+, not stopped: nothing to skip/)

  // Found before any connection: in one process, each as its own process would have answered.
  const [unknown, badPosition, badCommand, helped] = await runArgvCases([
    { file: 'scripts/projections.ts', args: ['rebuild', 'no_such_projection'], env: scriptEnv },
    {
      file: 'scripts/projections.ts',
      args: ['skip', moviePopularity.name, 'not-a-position'],
      env: scriptEnv,
    },
    { file: 'scripts/projections.ts', args: ['frobnicate'], env: scriptEnv },
    { file: 'scripts/projector.ts', args: ['--help'], env: scriptEnv },
  ])
  t.equal(unknown?.code, 2)
  t.match(unknown?.stderr, `known: ${projections.map((p) => p.name).join(', ')}`)
  t.equal(badPosition?.code, 2)
  t.match(badPosition?.stderr, /not-a-position is not a position/)
  t.equal(badCommand?.code, 2)
  t.equal(helped?.code, 0)
  t.match(helped?.stdout, /usage: npm run projector .*--until-caught-up/)
  t.equal(helped?.stderr, '', 'no stack trace')
})

t.test(
  'a rebuild stopped on a poison event: exit 1 naming it, status shows it, skip and rebuild again go past it',
  async (t) => {
    // Its user id is not a uuid: user_ratings' insert fails on exactly this event.
    const poisonId = randomUUID()
    const movieId = randomUUID()
    const [poisonWrite] = await store.appendMany([
      {
        stream: interactionStream('not-a-uuid', movieId),
        expectedRevision: 'no_stream',
        events: [
          {
            id: poisonId,
            type: 'RatingGiven',
            data: {
              userId: 'not-a-uuid',
              movieId,
              stars: 4,
              review: null,
              ratedAt: new Date().toISOString(),
              previousStars: null,
            },
          },
        ],
      },
    ])
    const poisonPosition = poisonWrite?.position as Position
    await append(ratings(5))
    const serving = await activeGeneration(db, userRatings.name)

    const stopped = await run('rebuild', userRatings.name)
    t.equal(stopped.code, 1, 'the rebuild fails')
    t.match(stopped.stderr, `stopped on event ${poisonId} (RatingGiven at ${poisonPosition})`)
    t.match(stopped.stderr, `npm run projections -- skip user_ratings ${poisonPosition}`)
    const generation = (await lastGenerationOf(userRatings.name)) as number
    t.not(generation, serving, 'it was building a new generation')

    const report = await status()
    const rebuilding = report.projections
      .find((p) => p.name === userRatings.name)
      ?.generations.find((g) => g.generation === generation)
    t.match(
      rebuilding,
      {
        active: false,
        state: 'stopped',
        ownerAlive: false,
        error: { eventId: poisonId, type: 'RatingGiven', position: poisonPosition },
      },
      'status shows the rebuilding generation stopped on the event, held by nobody',
    )
    t.ok((rebuilding?.checkpoint ?? poisonPosition) < poisonPosition, 'its checkpoint is before the event')
    t.equal(await activeGeneration(db, userRatings.name), serving, 'the old generation still serves')
    const table = await run('status')
    t.match(
      table.stdout,
      new RegExp(`user_ratings\\s+${userRatings.version}\\s+${generation}\\s+stopped\\s.*nobody \\(last `),
    )
    t.match(table.stdout, `the rebuild into generation ${generation} stopped on event ${poisonId}`)

    const again = await run('rebuild', userRatings.name)
    t.equal(again.code, 1, 'without a fix or a skip, rebuilding again stops on the same event')
    t.match(again.stderr, `resuming generation ${generation} of user_ratings`)
    t.match(again.stderr, `stopped on event ${poisonId}`)
    t.equal(await lastGenerationOf(userRatings.name), generation, 'no new generation was started')

    const skipped = await run('skip', userRatings.name, poisonPosition)
    t.equal(skipped.code, 0, skipped.stderr)
    t.match(skipped.stderr, `generation ${generation} (being rebuilt) moved to ${poisonPosition}`)
    t.match(await readGeneration(db, userRatings.name, generation), {
      state: 'building',
      position: poisonPosition,
      error: null,
    })

    const rebuilt = await run('rebuild', userRatings.name)
    t.equal(rebuilt.code, 0, rebuilt.stderr)
    t.match(
      rebuilt.stderr,
      `resuming generation ${generation} of user_ratings from its checkpoint ${poisonPosition}`,
    )
    t.equal(await activeGeneration(db, userRatings.name), generation, 'the rebuilt generation took over')
    const { rows } = await sql<{ handled: string }>`
      SELECT count(*) AS handled FROM events WHERE type = ANY(${[...userRatings.handles]})`.execute(db)
    t.equal(
      Number((await readGeneration(db, userRatings.name, generation))?.events_applied),
      Number(rows[0]?.handled) - 1,
      'every handled event applied once, except the skipped one',
    )
    const poisoned = await sql<{ n: string }>`
      SELECT count(*) AS n FROM user_ratings WHERE movie_id = ${movieId}`.execute(db)
    t.equal(poisoned.rows[0]?.n, '0', 'the poison event is not in the model')
  },
)

async function lastGenerationOf(name: string): Promise<number | null> {
  const row = await db
    .selectFrom('projection_generations')
    .select((eb) => eb.fn.max('generation').as('max'))
    .where('name', '=', name)
    .executeTakeFirst()
  return row?.max === undefined || row.max === null ? null : Number(row.max)
}

t.test('projector --until-caught-up runs the projections and exits 0 once none lags', async (t) => {
  await append(ratings(30))
  const only = [userRatings.name, moviePopularity.name]
  const projector = spawn(
    process.execPath,
    ['scripts/projector.ts', '--only', only.join(','), '--until-caught-up'],
    {
      cwd: new URL('../..', import.meta.url),
      env: { ...scriptEnv, RECOMMENDER_RETRAIN_AFTER: '0' },
      stdio: ['pipe', 'pipe', 'pipe'],
    },
  )
  const result = await finished(projector)
  t.equal(result.code, 0, result.stderr.slice(-500))
  t.match(result.stderr, /caught up: 2 projections, no lag/)
  // The report `status` prints (its command is tested above), read here without a process.
  const report = await projectionStatus(db, store, registered)
  for (const name of only) t.equal(active(report, name)?.lag.events, 0, `${name} has no lag`)
})
