/** Projection status for operators over HTTP: the admin endpoint and the Prometheus /metrics gauges. */
import { randomUUID } from 'node:crypto'
import { setTimeout as sleep } from 'node:timers/promises'
import t from 'tap'
import { projections } from '../../projections/index.ts'
import { userRatings } from '../../projections/user-ratings.ts'
import { interactionStream } from '../../src/domain/interaction/interaction.ts'
import { activeGeneration } from '../../src/projector/generations.ts'
import { runGeneration } from '../../src/projector/run-generation.ts'
import { registered } from '../../src/runtime/registry.ts'
import { buildTestApp } from '../support/app.ts'

const METRICS_TOKEN = `metrics-${randomUUID()}`
const { app, user, database } = await buildTestApp(t, { metricsToken: METRICS_TOKEN })
const admin = user({ role: 'admin' })

/** Appends `count` ratings and waits until they are visible at the head of the log; the last one's position. */
async function rate(count: number): Promise<string> {
  const userId = randomUUID()
  let last = ''
  for (let i = 0; i < count; i++) {
    const movieId = randomUUID()
    const { position } = await app.eventStore.append(
      interactionStream(userId, movieId),
      [
        {
          id: randomUUID(),
          type: 'RatingGiven',
          data: {
            userId,
            movieId,
            stars: 4,
            review: null,
            ratedAt: new Date().toISOString(),
            previousStars: null,
          },
        },
      ],
      'no_stream',
    )
    last = position
  }
  // The head only passes transactions older than every running one (other test files included).
  const deadline = Date.now() + 120_000
  while ((await app.eventStore.headPosition()) < last && Date.now() < deadline) await sleep(20)
  return last
}

/**
 * Polls `read` until its head has reached `last`. The head can step back for a moment after passing
 * it: a transaction of another database that ends between the head's snapshot and its look at the
 * server's activity counts as a possible writer of this one (src/event-store/postgres/read-log.ts,
 * VISIBLE_END), so the head holds below it until the next read. CI saw a status with a lag of 3
 * right after 5 ratings were seen at the head.
 */
async function withHeadAt<T>(
  last: string,
  read: () => Promise<T>,
  headOf: (answer: T) => string,
): Promise<T> {
  const deadline = Date.now() + 120_000
  for (;;) {
    const answer = await read()
    if (headOf(answer) >= last || Date.now() > deadline) return answer
    await sleep(20)
  }
}

async function catchUpAll(): Promise<void> {
  const context = {
    store: app.eventStore,
    db: app.db,
    redis: app.projectionRedis,
    logger: { info() {}, warn() {}, error() {} },
    owner: 'test',
  }
  for (const projection of projections) {
    const generation = (await activeGeneration(database.db, projection.name)) as number
    await runGeneration(projection, generation, context, {
      signal: new AbortController().signal,
      untilCaughtUp: true,
    })
  }
}

const status = () => app.inject({ url: '/api/v1/admin/projections', headers: admin.headers })
const metrics = () => app.inject({ url: '/metrics', headers: { authorization: `Bearer ${METRICS_TOKEN}` } })

t.test('only admins see projection status', async (t) => {
  t.equal((await app.inject({ url: '/api/v1/admin/projections' })).statusCode, 401, 'anonymous')
  const asUser = await app.inject({ url: '/api/v1/admin/projections', headers: user().headers })
  t.equal(asUser.statusCode, 403)
  t.equal(asUser.json().error.code, 'FORBIDDEN')
  const asAnalyst = await app.inject({
    url: '/api/v1/admin/projections',
    headers: user({ role: 'analyst' }).headers,
  })
  t.equal(asAnalyst.statusCode, 403, 'analyst')
})

t.test('an admin sees every projection, its generation and its lag behind the head', async (t) => {
  const last = await rate(5)
  const behind = await withHeadAt(last, status, (reply) => reply.json().head)
  t.equal(behind.statusCode, 200)
  const body = behind.json()
  t.match(body, { eventStore: 'postgres', head: /^[0-9a-f]{32}$/, checkedAt: String })
  t.same(
    body.projections.map((p: { name: string }) => p.name),
    registered.map((p) => p.name),
    'projections, then reactors',
  )
  const ratings = body.projections.find((p: { name: string }) => p.name === 'user_ratings')
  t.match(ratings, { kind: 'postgres', codeVersion: userRatings.version, activeGeneration: Number })
  t.equal(ratings.generations.length, 1)
  t.match(ratings.generations[0], {
    generation: ratings.activeGeneration,
    version: userRatings.version,
    kind: 'postgres',
    active: true,
    state: 'catching_up',
    checkpoint: /^0{32}$/,
    eventsApplied: 0,
    ownerAlive: false,
    error: null,
  })
  t.ok(ratings.generations[0].lag.events >= 5, `lag in events (${ratings.generations[0].lag.events})`)
  t.ok(ratings.generations[0].lag.seconds > 0, 'lag in seconds')

  await catchUpAll()
  const caughtUp = (await status()).json()
  // Reactors are listed too; this file does not run them, so they have no generation yet.
  for (const projection of caughtUp.projections.filter((p: { kind: string }) => p.kind !== 'reactor')) {
    const [active] = projection.generations
    t.same(active.lag, { events: 0, seconds: 0 }, `${projection.name} caught up`)
    t.equal(active.checkpoint, caughtUp.head)
    t.equal(active.owner, 'test')
    t.equal(active.ownerAlive, true)
  }
  t.equal(
    caughtUp.projections.find((p: { name: string }) => p.name === 'user_ratings').generations[0]
      .eventsApplied,
    5,
  )
})

t.test('/metrics answers the lag gauges in the Prometheus text format', async (t) => {
  t.equal((await app.inject({ url: '/metrics' })).statusCode, 401, 'without the metrics token')
  t.equal(
    (await app.inject({ url: '/metrics', headers: admin.headers })).statusCode,
    401,
    'a user access token is not the metrics token',
  )
  await rate(3)
  const generation = await activeGeneration(database.db, 'user_ratings')
  const labels = `projection="user_ratings",generation="${generation}",state="live"`
  const lagGauge = new RegExp(`^nexus_projection_lag_events\\{${labels}\\} (\\d+)$`, 'm')
  // The head can step back for a moment after passing the ratings (withHeadAt): read again until the
  // gauge has seen them, for two minutes at most.
  let reply = await metrics()
  for (const deadline = Date.now() + 120_000; Date.now() < deadline; reply = await metrics()) {
    if (Number(lagGauge.exec(reply.body)?.[1] ?? 0) >= 3) break
    await sleep(20)
  }
  t.equal(reply.statusCode, 200)
  t.match(reply.headers['content-type'], /^text\/plain; version=0\.0\.4/)
  const text = reply.body
  const lag = lagGauge.exec(text)
  t.ok(lag, 'a lag gauge per projection generation')
  t.ok(Number(lag?.[1]) >= 3, `it counts the new events (${lag?.[1]})`)
  t.match(text, new RegExp(`^nexus_projection_lag_seconds\\{${labels}\\} [0-9.e-]+$`, 'm'))
  t.match(text, new RegExp(`^nexus_projection_events_applied_total\\{${labels}\\} 5$`, 'm'))
  t.match(text, /^nexus_projection_stopped\{projection="movie_popularity"\} 0$/m)
  t.match(text, /^nexus_projection_status_up 1$/m)
  t.match(text, /^process_cpu_seconds_total /m, 'default process metrics')
  t.match(
    text,
    /^nexus_http_request_duration_seconds_count\{route="\/api\/v1\/admin\/projections",method="GET",status="200"\} \d+$/m,
    'request durations by route pattern',
  )
})

t.test('a projection stopped on a poison event shows it in status and in /metrics', async (t) => {
  const generation = (await activeGeneration(database.db, 'users')) as number
  const error = {
    eventId: randomUUID(),
    type: 'UserRegistered',
    position: `${'0'.repeat(31)}1`,
    message: 'boom',
  }
  await database.db
    .updateTable('projection_generations')
    .set({ state: 'stopped', error: JSON.stringify(error) })
    .where('name', '=', 'users')
    .where('generation', '=', generation)
    .execute()
  const users = (await status()).json().projections.find((p: { name: string }) => p.name === 'users')
  t.match(users.generations[0], { state: 'stopped', error })
  t.match((await metrics()).body, /^nexus_projection_stopped\{projection="users"\} 1$/m)
})
