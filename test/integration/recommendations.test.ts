/**
 * Recommendations over HTTP on real PostgreSQL and Redis: a model trained from the read models
 * (the `train` command's function), personal results with reasons, exclusions, dismissals, cold
 * start from trending in the profile's genres, the per-user cache and its invalidation, similar
 * movies, the analysts' view, atomic retraining, and the CSV export through the real script.
 */
import { spawn } from 'node:child_process'
import { randomUUID } from 'node:crypto'
import { appendFileSync, existsSync, mkdtempSync, readFileSync, rmSync, statSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { setTimeout as sleep } from 'node:timers/promises'
import t from 'tap'
import { projections } from '../../projections/index.ts'
import { jobStream } from '../../src/domain/job/job.ts'
import { PopularityPriors, popularityPrior } from '../../src/read/recommendations/queries.ts'
import { waitForProjections } from '../../src/read/serving/consistency.ts'
import { projectionTag } from '../../src/read/serving/etag.ts'
import { checkpointPath, ExportLimitMismatch, exportToFile } from '../../src/recommend/export.ts'
import { neighboursOf } from '../../src/recommend/model-store.ts'
import { createServingModel } from '../../src/recommend/serving-model.ts'
import { type TrainingOutcome, trainRecommender } from '../../src/recommend/train.ts'
import { buildTestApp } from '../support/app.ts'
import { finished } from '../support/child-process.ts'
import { testServices } from '../support/services.ts'

const { app, user, startProjectors, database, config } = await buildTestApp(t, {
  consistencyTimeoutMs: 5_000,
  authRateLimitMax: 1_000,
})
startProjectors()
const admin = user({ role: 'admin' })
let last = ''
const remember = (position: unknown) => {
  if (typeof position === 'string' && position > last) last = position
  return position as string
}
// Up to the log's head, not only the last position this test saw: scripts it runs (`recommender
// train`) append events too, and a projection moving past them between two reads would change the
// positions a subtest compares.
const caughtUp = async () => {
  const head = await app.eventStore.headPosition()
  const upTo = head > last ? head : last
  if (!(await waitForProjections(app.pool, projections, upTo, 10_000))) throw new Error('projections lag')
}

async function call(
  method: 'GET' | 'POST' | 'PUT' | 'DELETE' | 'PATCH',
  url: string,
  who?: { headers: object },
  payload?: object,
) {
  const reply = await app.inject({
    method,
    url: `/api/v1${url}`,
    headers: {
      ...(who?.headers ?? {}),
      ...(last && method === 'GET' ? { 'x-consistency-token': last } : {}),
    },
    ...(payload ? { payload } : {}),
  })
  if (reply.statusCode < 300) remember(reply.json()?.position)
  return reply
}
const addMovie = async (title: string, genres: string[]) =>
  (await call('POST', '/movies', admin, { title, year: 2020, genres })).json().id as string
const rate = (who: { headers: object }, movieId: string, stars: number) =>
  call('PUT', `/movies/${movieId}/rating`, who, { stars })
const watch = (who: { headers: object }, movieId: string) =>
  call('POST', `/movies/${movieId}/watches`, who, { progress: 1 })
async function register(favouriteGenres: string[] = []) {
  const username = `r${randomUUID().slice(0, 8)}`
  const reply = await call('POST', '/auth/register', undefined, {
    username,
    email: `${username}@example.com`,
    password: 'correct horse battery staple',
  })
  const me = user({ userId: reply.json().userId })
  if (favouriteGenres.length > 0) await call('PATCH', '/me', me, { favouriteGenres })
  return { ...me, username }
}
// As on a server: the neighbour table written from a worker thread over its own connection.
const trainingDeps = {
  db: app.db,
  store: app.eventStore,
  writer: { databaseUrl: database.url, applicationName: 'nexus-test/copy' },
}
const train = () =>
  trainRecommender(
    trainingDeps,
    // A handful of users: too few to compare models, so one is named.
    { jobId: randomUUID(), model: 'item-knn' },
  )
type Item = {
  movieId: string
  title: string
  reason: string
  because: { title: string } | null
  genres: string[]
}
const recommendations = async (who: { headers: object }, query = '') => {
  const reply = await call('GET', `/me/recommendations${query}`, who)
  if (reply.statusCode !== 200) throw new Error(`${reply.statusCode} ${reply.body}`)
  return { body: reply.json() as { items: Item[]; personalShare: number; model: { id: number } }, reply }
}
const ids = (items: Item[]) => items.map((i) => i.movieId)

// Two taste groups and a hit everyone watches.
const alpha = await addMovie('Alpha', ['Drama'])
const bravo = await addMovie('Bravo', ['Drama'])
const charlie = await addMovie('Charlie', ['Comedy'])
const delta = await addMovie('Delta', ['Comedy'])
const echo = await addMovie('Echo', ['Drama', 'Thriller'])
const foxtrot = await addMovie('Foxtrot', ['Comedy'])
for (let i = 0; i < 4; i++) {
  const fan = user()
  await rate(fan, alpha, 5)
  await rate(fan, bravo, 5)
  await watch(fan, echo)
}
for (let i = 0; i < 3; i++) {
  const fan = user()
  await rate(fan, charlie, 5)
  await rate(fan, delta, 4)
  await watch(fan, echo)
}
await watch(user(), foxtrot)
const ada = await register()
await rate(ada, alpha, 5)
await caughtUp()
const first = await train()

/** `npm run recommender -- <args>` as a child process on this file's database and Redis prefix. */
function recommenderScript(args: string[]) {
  return spawn(process.execPath, ['scripts/recommender.ts', ...args], {
    cwd: new URL('../..', import.meta.url),
    env: {
      ...process.env,
      DATABASE_URL: database.url,
      REDIS_URL: testServices.redisUrl,
      REDIS_KEY_PREFIX: config.redisKeyPrefix,
      LOG_LEVEL: 'warn',
    },
    stdio: ['ignore', 'pipe', 'pipe'],
  })
}

t.test('training reads the read models and publishes a model', async (t) => {
  t.equal(first.users, 9, 'every user with a positive signal')
  t.equal(first.items, 6)
  t.ok(first.neighbours > 0)
  const models = await app.db.selectFrom('recommender_models').selectAll().orderBy('id').execute()
  t.same(
    models.map((m) => [m.id, m.state]),
    [
      [0, 'retired'],
      [first.modelId, 'active'],
    ],
  )
})

t.test('a user who liked a movie gets its neighbours, with the reason', async (t) => {
  const { body, reply } = await recommendations(ada)
  t.equal(body.items[0]?.movieId, bravo, 'Bravo, liked by everyone who liked Alpha')
  t.equal(body.items[0]?.reason, 'because you liked Alpha')
  t.same(body.items[0]?.because, { movieId: alpha, title: 'Alpha' })
  t.notOk(ids(body.items).includes(alpha), 'a rated movie is never recommended')
  t.equal(body.model.id, first.modelId)
  t.equal(body.personalShare, 0.25, 'one interaction: a quarter personal')
  t.equal(reply.headers['x-cache'], 'miss')
  t.equal((await recommendations(ada)).reply.headers['x-cache'], 'hit', 'the same question again: cached')
  const drama = await recommendations(ada, '?genre=comedy&limit=2')
  t.ok(drama.body.items.length > 0)
  t.ok(
    drama.body.items.every((i) => i.genres.includes('Comedy')),
    'a genre narrows the list',
  )
  t.ok(drama.body.items.length <= 2)
})

t.test('a new interaction invalidates the cached answer and is excluded at once', async (t) => {
  t.ok(ids((await recommendations(ada)).body.items).includes(echo))
  await watch(ada, echo)
  const after = await recommendations(ada)
  t.equal(after.reply.headers['x-cache'], 'miss', 'the user moved: a new cache key')
  t.notOk(ids(after.body.items).includes(echo), 'a watched movie is excluded')
  t.equal(after.body.personalShare, 0.4, 'two interactions: the personal share grows')
})

t.test('dismissing takes a movie out of the recommendations, once', async (t) => {
  const before = await recommendations(ada)
  t.ok(ids(before.body.items).includes(bravo))
  const dismissed = await call('POST', `/me/recommendations/${bravo}/dismiss`, ada)
  t.equal(dismissed.statusCode, 200)
  t.equal(dismissed.json().changed, true)
  const again = await call('POST', `/me/recommendations/${bravo}/dismiss`, ada)
  t.same([again.statusCode, again.json().changed], [200, false], 'dismissing twice changes nothing')
  const after = await recommendations(ada)
  t.equal(after.reply.headers['x-cache'], 'miss')
  t.notOk(ids(after.body.items).includes(bravo), 'a dismissed movie is excluded')
  const stored = await app.db
    .selectFrom('user_dismissals')
    .selectAll()
    .where('user_id', '=', ada.userId)
    .execute()
  t.same(
    stored.map((d) => d.movie_id),
    [bravo],
  )

  const unknown = await call('POST', `/me/recommendations/${randomUUID()}/dismiss`, ada)
  t.same([unknown.statusCode, unknown.json().error.code], [404, 'MOVIE_NOT_FOUND'])
  const bad = await call('POST', '/me/recommendations/not-a-uuid/dismiss', ada)
  t.equal(bad.statusCode, 400)
  const anonymous = await call('POST', `/me/recommendations/${charlie}/dismiss`)
  t.equal(anonymous.statusCode, 401)
})

t.test('a removed movie is never recommended, even from a cached answer', async (t) => {
  const bob = user()
  await rate(bob, charlie, 5)
  const before = await recommendations(bob)
  t.equal(before.body.items.find((i) => i.movieId === delta)?.reason, 'because you liked Charlie')
  t.equal((await recommendations(bob)).reply.headers['x-cache'], 'hit')
  const removed = await call('DELETE', `/movies/${delta}`, admin)
  t.equal(removed.statusCode, 200)
  const after = await recommendations(bob)
  t.notOk(ids(after.body.items).includes(delta), 'the removed movie left')
  t.equal(after.reply.headers['x-cache'], 'miss')
  const similar = await call('GET', `/movies/${delta}/similar`)
  t.same([similar.statusCode, similar.json().error.code], [404, 'MOVIE_NOT_FOUND'], 'no similar movies of it')
})

t.test('cold start: trending in the favourite genres, or overall', async (t) => {
  const newcomer = await register()
  const overall = await recommendations(newcomer)
  t.equal(overall.body.personalShare, 0)
  const trending = await call('GET', '/movies/trending?window=week')
  t.same(
    ids(overall.body.items).sort(),
    ids(trending.json().items).sort(),
    'the trending titles (weighted interactions)',
  )
  const scores = (overall.body.items as unknown as { score: number }[]).map((i) => i.score)
  t.same(
    scores,
    [...scores].sort((a, b) => b - a),
    'best first',
  )
  t.ok(
    overall.body.items.every((i) => i.because === null && i.reason.startsWith('popular in ')),
    'popularity reasons',
  )
  const comedyFan = await register(['comedy'])
  const comedy = await recommendations(comedyFan)
  t.ok(comedy.body.items.length > 0)
  t.ok(
    comedy.body.items.every((i) => i.genres.includes('Comedy') && i.reason === 'popular in Comedy'),
    'only the favourite genre, said so',
  )
  t.equal((await recommendations(comedyFan)).reply.headers['x-cache'], 'hit')
  // A new favourite genre is a new question, not the cached answer of the old one.
  await call('PATCH', '/me', comedyFan, { favouriteGenres: ['drama'] })
  const drama = await recommendations(comedyFan)
  t.equal(drama.reply.headers['x-cache'], 'miss', 'the profile changed: a new cache key')
  t.ok(drama.body.items.length > 0)
  t.ok(
    drama.body.items.every((i) => i.genres.includes('Drama') && i.reason === 'popular in Drama'),
    'the new favourite genre',
  )
})

t.test('similar movies', async (t) => {
  const reply = await call('GET', `/movies/${alpha}/similar?limit=3`)
  t.equal(reply.statusCode, 200)
  const body = reply.json()
  t.equal(body.title, 'Alpha')
  t.equal(body.items[0].movieId, bravo)
  t.equal(body.items[0].reason, 'people who liked Alpha also liked it; also Drama')
  t.ok(body.items.length <= 3)
  const unknown = await call('GET', `/movies/${randomUUID()}/similar`)
  t.same([unknown.statusCode, unknown.json().error.code], [404, 'MOVIE_NOT_FOUND'])
  t.equal((await call('GET', `/movies/${alpha}/similar?limit=0`)).statusCode, 400)
  // A movie no model knows yet: popular movies of its genres.
  const fresh = await addMovie('Golf', ['Comedy'])
  const fallback = (await call('GET', `/movies/${fresh}/similar`)).json()
  t.ok(fallback.items.length > 0)
  t.ok(fallback.items.every((i: Item) => i.genres.includes('Comedy') && i.reason === 'popular in Comedy'))
})

t.test('the serving model is held in memory per process, with the neighbours PostgreSQL has', async (t) => {
  // The requests above found the model not held and waited for its load.
  await app.servingModel.idle()
  t.equal(app.servingModel.heldModelId(), first.modelId, 'the active model is held once loaded')
  const movies = [alpha, bravo, charlie, delta, echo, foxtrot, randomUUID()]
  const fromPostgres = await neighboursOf(app.db, movies)
  t.ok(fromPostgres.size >= 4, 'the model has neighbours to compare')
  t.same(
    await app.servingModel.neighboursOf(first.modelId, movies),
    fromPostgres,
    'the same neighbours, in order',
  )
  t.same(
    await app.servingModel.neighboursOf(first.modelId, movies, 1),
    await neighboursOf(app.db, movies, 1),
    'the same first neighbour',
  )

  // Another process's copy starts empty: its first question loads the model, then it holds it.
  const other = createServingModel(app.db)
  t.same(await other.neighboursOf(first.modelId, movies), fromPostgres)
  await other.idle()
  t.equal(other.heldModelId(), first.modelId)
  await other.close()

  // Memory is bounded: a model over the bound is never loaded, and still served (from PostgreSQL).
  const warnings: string[] = []
  const bounded = createServingModel(app.db, {
    maxEntries: 1,
    log: { info() {}, warn: (_obj, message) => warnings.push(message) },
  })
  t.same(await bounded.neighboursOf(first.modelId, movies), fromPostgres)
  await bounded.idle()
  t.equal(bounded.heldModelId(), 0, 'not loaded')
  t.same(await bounded.neighboursOf(first.modelId, movies), fromPostgres, 'served all the same')
  t.same(warnings, ['serving model larger than the memory bound; served from PostgreSQL'], 'said once')
  await bounded.close()
})

t.test('analysts and admins see any user’s recommendations; others may not', async (t) => {
  const url = `/users/${ada.userId}/recommendations`
  const own = await recommendations(ada)
  const analyst = await call('GET', url, user({ role: 'analyst' }))
  t.equal(analyst.statusCode, 200)
  t.same(ids(analyst.json().items), ids(own.body.items), 'the same list the user sees')
  t.equal((await call('GET', url, admin)).statusCode, 200)
  const plain = await call('GET', url, user())
  t.same([plain.statusCode, plain.json().error.code], [403, 'FORBIDDEN'])
  t.equal((await call('GET', url)).statusCode, 401)
  t.equal((await call('GET', `/users/${randomUUID()}/recommendations`, admin)).statusCode, 404)
})

t.test('bad parameters are a 400 and no signature is a 401', async (t) => {
  for (const query of ['?limit=0', '?limit=101', '?limit=abc', '?unknown=1', '?genre=']) {
    const reply = await call('GET', `/me/recommendations${query}`, ada)
    t.same([reply.statusCode, reply.json().error.code], [400, 'VALIDATION_FAILED'], query)
  }
  t.equal((await call('GET', '/me/recommendations')).statusCode, 401)
})

t.test('retraining swaps the model atomically and records ModelTrained', async (t) => {
  const second = await train()
  t.ok(second.modelId > first.modelId)
  const models = await app.db.selectFrom('recommender_models').select(['id', 'state']).orderBy('id').execute()
  t.same(
    models.filter((m) => m.state === 'active').map((m) => m.id),
    [second.modelId],
    'exactly one model serves',
  )
  const tables = await app.db
    .selectFrom('information_schema.tables' as never)
    .select('table_name' as never)
    .where('table_schema' as never, '=', 'recommender' as never)
    .execute()
  t.same(
    tables.map((row) => (row as { table_name: string }).table_name),
    [`item_neighbors_m${second.modelId}`],
    'the retired tables are dropped',
  )
  const job = await app.db
    .selectFrom('recommender_models')
    .select('job_id')
    .where('id', '=', second.modelId)
    .executeTakeFirstOrThrow()
  const events = []
  for await (const event of app.eventStore.readStream(jobStream(job.job_id as string))) events.push(event)
  t.same(
    events.map((e) => e.type),
    ['ModelTrained'],
  )
  t.match(events[0]?.data, { model: second.model, users: second.users, items: second.items })
  t.match(
    events[0]?.data,
    {
      selection: {
        chosen: 'item-knn',
        candidates: [{ candidate: 'popularity' }, { candidate: 'item-knn', chosen: true }],
      },
    },
    'ModelTrained carries the selection report',
  )
  const fresh = await recommendations(ada)
  t.equal(fresh.body.model.id, second.modelId, 'answers come from the new model')
  await app.servingModel.idle()
  t.equal(app.servingModel.heldModelId(), second.modelId, 'the new model replaced the old one in memory')
  const again = await call('GET', `/movies/${alpha}/similar?limit=3`)
  t.equal(again.json().items[0].movieId, bravo, 'and answers from memory')
})

t.test('with too little data to judge, automatic selection serves popularity and says so', async (t) => {
  const outcome = await trainRecommender(trainingDeps, { jobId: randomUUID() })
  t.equal(outcome.model, 'popularity')
  t.equal(outcome.report.coldStart, true)
  t.match(outcome.report.reason, /too little data to judge/)
  const status = await call('GET', '/admin/recommender', admin)
  t.equal(status.statusCode, 200)
  t.match(status.json(), {
    serving: { id: outcome.modelId, model: 'popularity', report: { coldStart: true, chosen: 'popularity' } },
    building: [],
  })
  // A report stored by an older selection (fields missing) reads as null, not as a 500.
  const stored = await app.db
    .selectFrom('recommender_models')
    .select('report')
    .where('id', '=', outcome.modelId)
    .executeTakeFirstOrThrow()
  await app.db
    .updateTable('recommender_models')
    .set({ report: JSON.stringify({ protocol: 'an older selection', chosen: 'popularity' }) })
    .where('id', '=', outcome.modelId)
    .execute()
  const older = await call('GET', '/admin/recommender', admin)
  t.equal(older.statusCode, 200, 'an older report does not fail the answer')
  t.match(older.json(), { serving: { id: outcome.modelId, model: 'popularity', report: null } })
  await app.db
    .updateTable('recommender_models')
    .set({ report: JSON.stringify(stored.report) })
    .where('id', '=', outcome.modelId)
    .execute()
  // A token of no registered user: the export test below counts the users.
  const viewer = user({ userId: randomUUID() })
  t.equal((await call('GET', '/admin/recommender', viewer)).statusCode, 403, 'admins only')
  const { body } = await recommendations(viewer)
  t.equal(body.model.id, outcome.modelId)
  t.ok(
    body.items.every((item) => item.because === null),
    'popularity alone: no personal reasons',
  )
  // The next tests expect a personal model again.
  await trainRecommender(trainingDeps, { jobId: randomUUID(), model: 'item-knn' })
})

t.test('the export writes every user’s top-N as CSV through the script', async (t) => {
  const child = recommenderScript(['export', '--limit', '3', '--format', 'csv'])
  const { code, stdout, stderr } = await finished(child)
  t.equal(code, 0, stderr)
  t.ok(stdout.endsWith('\r\n') && !/[^\r]\n/.test(stdout), 'RFC 4180: every line ends with CRLF')
  const [header, ...rows] = stdout.trimEnd().split('\r\n')
  t.equal(header, 'username,movieId,externalIds,rank,score')
  const byUser = new Map<string, string[][]>()
  for (const row of rows) {
    const fields = row.split(',')
    t.match(row, /^[a-z0-9._-]+,[0-9a-f-]{36},[^,]*,[1-3],\d+\.\d{6}$/, row)
    byUser.set(fields[0] as string, [...(byUser.get(fields[0] as string) ?? []), fields])
  }
  const adaRanks = byUser.get(ada.username)?.map((f) => Number(f[3])) ?? []
  t.ok(adaRanks.length > 0 && adaRanks.length <= 3)
  t.same(
    adaRanks,
    adaRanks.map((_, i) => i + 1),
    'ranks 1..n',
  )
  const adaRows = byUser.get(ada.username)?.map((f) => f[1])
  t.same(adaRows, ids((await recommendations(ada, '?limit=3')).body.items), 'the same ranking as the API')
  t.ok(byUser.size >= 3, 'every registered user, cold ones included')
})

t.test('an interrupted export to a file continues after the last complete user', async (t) => {
  const dir = mkdtempSync(join(tmpdir(), 'nexus-export-'))
  t.teardown(() => rmSync(dir, { recursive: true, force: true }))
  const deps = {
    db: app.db,
    popularity: (genres: readonly string[]) =>
      popularityPrior({ db: app.db, pool: app.pool, keyValue: app.keyValue }, genres, new Date()),
  }
  const whole = join(dir, 'whole.csv')
  t.same(await exportToFile(deps, { out: whole, limit: 3 }), {
    users: 3,
    bytes: statSync(whole).size,
  })
  const out = join(dir, 'resumed.csv')
  const stop = new AbortController()
  await t.rejects(
    exportToFile(deps, {
      out,
      limit: 3,
      signal: stop.signal,
      onUser: (done) => {
        if (done === 2) stop.abort()
      },
    }),
  )
  const checkpoint = JSON.parse(readFileSync(checkpointPath(out), 'utf8'))
  t.equal(checkpoint.done, 2, 'the checkpoint names the last complete user')
  t.equal(statSync(out).size, checkpoint.bytes, 'and the length written up to it')
  // Bytes past the checkpoint (a kill in the middle of a write) are cut off when it resumes.
  appendFileSync(out, `${ada.username},half a line`)
  await t.rejects(exportToFile(deps, { out, limit: 5 }), ExportLimitMismatch, 'another --limit is refused')
  const starts: unknown[] = []
  await exportToFile(deps, { out, limit: 3, onStart: (start) => starts.push(start) })
  t.same(starts, [{ resumedAfter: 2, restartedBecause: null }])
  t.equal(readFileSync(out, 'utf8'), readFileSync(whole, 'utf8'), 'byte for byte the uninterrupted export')
  t.notOk(existsSync(checkpointPath(out)), 'the checkpoint is removed when done')

  // A model retrained between the two runs: the export starts over rather than mix two models.
  const again = new AbortController()
  await t.rejects(
    exportToFile(deps, {
      out,
      limit: 3,
      signal: again.signal,
      onUser: (done) => {
        if (done === 1) again.abort()
      },
    }),
  )
  await train()
  starts.length = 0
  await exportToFile(deps, { out, limit: 3, onStart: (start) => starts.push(start) })
  t.match(starts, [{ resumedAfter: null, restartedBecause: /serving model changed/ }])
  await exportToFile(deps, { out: whole, limit: 3 })
  t.equal(readFileSync(out, 'utf8'), readFileSync(whole, 'utf8'), 'the new model’s export, whole')

  // A checkpoint whose file is gone: start over rather than fail or write after a hole.
  const stopped = new AbortController()
  await t.rejects(
    exportToFile(deps, {
      out,
      limit: 3,
      signal: stopped.signal,
      onUser: (done) => {
        if (done === 1) stopped.abort()
      },
    }),
  )
  rmSync(out)
  starts.length = 0
  await exportToFile(deps, { out, limit: 3, onStart: (start) => starts.push(start) })
  t.match(starts, [{ resumedAfter: null, restartedBecause: /shorter than its checkpoint/ }])
  t.equal(readFileSync(out, 'utf8'), readFileSync(whole, 'utf8'), 'whole again')
})

t.test('an interrupted training leaves the serving model and its tables as they were', async (t) => {
  const tables = async () =>
    (
      await app.db
        .selectFrom('information_schema.tables' as never)
        .select('table_name' as never)
        .where('table_schema' as never, '=', 'recommender' as never)
        .execute()
    ).map((row) => (row as { table_name: string }).table_name)
  const models = () => app.db.selectFrom('recommender_models').select(['id', 'state']).orderBy('id').execute()
  const [tablesBefore, modelsBefore] = [await tables(), await models()]
  // Interrupted while the worker thread reads (a server: it reads too), while it trains, as the
  // writing begins, and once the writer's worker thread has reported rows (its first progress).
  for (const at of ['reading', 'training', 'writing', 'rows written']) {
    const stop = new AbortController()
    let stage = ''
    await t.rejects(
      trainRecommender(trainingDeps, {
        jobId: randomUUID(),
        model: 'item-knn',
        signal: stop.signal,
        onStage: (next) => {
          stage = next
          if (stage === at) stop.abort()
        },
        onProgress: () => {
          if (stage === 'writing' && at === 'rows written') stop.abort()
        },
      }),
      { name: 'AbortError' },
      `stopped while ${at}`,
    )
    t.same(await models(), modelsBefore, 'no model added, the same one serves')
    t.same(await tables(), tablesBefore, 'no table left behind')
  }
})

t.test(
  'on a server the worker thread reads, over its own connection, what embedded mode reads on the event loop',
  async (t) => {
    const applicationName = `nexus-test/read-${randomUUID().slice(0, 8)}`
    const server = { ...trainingDeps, writer: { databaseUrl: database.url, applicationName } }
    // The reading's snapshot waits on a read model held locked: whose connection waits is who reads.
    const locker = await database.pool.connect()
    let training: Promise<TrainingOutcome> | null = null
    let readers: string[] = []
    try {
      await locker.query('BEGIN')
      await locker.query('LOCK TABLE user_watchlist IN ACCESS EXCLUSIVE MODE')
      training = trainRecommender(server, { jobId: randomUUID(), model: 'item-knn' })
      // Awaited below, once the lock is released; a rejection meanwhile is not unhandled.
      training.catch(() => {})
      // Up to a minute for the worker thread to start and ask (a loaded machine): it ends once seen.
      for (let i = 0; i < 2_400 && readers.length === 0; i++) {
        await sleep(25)
        const { rows } = await database.pool.query<{ application_name: string; query: string }>(
          `SELECT application_name, query FROM pg_stat_activity
         WHERE wait_event_type = 'Lock' AND datname = current_database()`,
        )
        readers = rows.filter((r) => r.query.includes('count(*)::int AS n')).map((r) => r.application_name)
      }
    } finally {
      await locker.query('COMMIT')
      locker.release()
    }
    t.same(readers, [applicationName], "the relations are counted over the worker's connection only")
    const off = await (training as Promise<TrainingOutcome>)
    const neighbours = async (id: number) =>
      (await database.pool.query(`SELECT * FROM recommender.item_neighbors_m${id} ORDER BY 1, 2, 3`)).rows
    const feedbackEvents = async (id: number) =>
      (
        await app.db
          .selectFrom('recommender_models')
          .select('feedback_events')
          .where('id', '=', id)
          .executeTakeFirstOrThrow()
      ).feedback_events
    // Read before the next training retires and drops the table.
    const [offRows, offEvents] = [await neighbours(off.modelId), await feedbackEvents(off.modelId)]
    t.ok(offRows.length > 0)
    // Embedded mode's path (a pool and no writer): read on this thread, written over the pool.
    const on = await trainRecommender(
      { db: app.db, store: app.eventStore, pool: app.pool },
      { jobId: randomUUID(), model: 'item-knn' },
    )
    t.same(
      [on.users, on.items, on.interactions, on.neighbours],
      [off.users, off.items, off.interactions, off.neighbours],
      'the same matrix',
    )
    t.equal(await feedbackEvents(on.modelId), offEvents, 'the same interaction count')
    t.same(await neighbours(on.modelId), offRows, 'the same neighbours')
  },
)

t.test('`recommender train` on a server writes the new table through its writer thread', async (t) => {
  const child = recommenderScript(['train', '--model', 'item-knn'])
  const { code, stderr } = await finished(child)
  t.equal(code, 0, stderr)
  const [, modelId, neighbours] =
    /trained item-knn\(.*?\): model (\d+),.* (\d+) neighbours in/.exec(stderr) ?? []
  t.ok(modelId, stderr)
  const active = await app.db
    .selectFrom('recommender_models')
    .select('id')
    .where('state', '=', 'active')
    .executeTakeFirstOrThrow()
  t.equal(active.id, Number(modelId), 'its model serves')
  const { rows } = await database.pool.query<{ n: number }>(
    `SELECT count(*)::int AS n FROM recommender.item_neighbors_m${active.id}`,
  )
  t.equal(rows[0]?.n, Number(neighbours), 'its table holds the rows it reported')
  t.ok(Number(neighbours) > 0)
})

t.test('misses share one popularity prior until trending or movies move', async (t) => {
  const deps = { db: app.db, pool: app.pool, keyValue: app.keyValue }
  // Exact positions (the API reads them from its LISTEN-kept copy, app.projectionTags).
  const priors = new PopularityPriors((projections) => projectionTag(app.pool, projections))
  const now = new Date()
  await caughtUp()
  const first = await priors.prior(deps, ['drama'], now)
  t.equal(await priors.prior(deps, ['drama'], now), first, 'the next miss gets the same prior, not a copy')
  t.same([...first], [...(await popularityPrior(deps, ['drama'], now))], 'what a miss computes alone')
  const overall = await priors.prior(deps, [], now)
  t.not(overall, first, 'another genre list has its own')
  t.equal(priors.size, 2)

  const movieId = await addMovie(`Prior ${randomUUID().slice(0, 8)}`, ['Drama'])
  await rate(await register(), movieId, 5)
  await caughtUp()
  const after = await priors.prior(deps, ['drama'], now)
  t.not(after, first, 'trending moved: a new prior')
  t.ok(after.has(movieId) && !first.has(movieId), 'with the rating just projected')
  t.same([...after], [...(await popularityPrior(deps, ['drama'], now))], 'what a miss computes alone, again')
  t.not(
    await priors.prior(deps, ['drama'], new Date(now.getTime() + 3_600_000)),
    after,
    'the next hour: a new prior',
  )
})
