/**
 * The retrain reactor on real PostgreSQL and Redis: after N interactions the projector retrains the
 * model and records ModelTrained; the count of interactions since the serving model is derived
 * from stored data, so a restart (a new reactor with nothing in memory) neither loses it nor, when
 * the whole log is delivered again, repeats it; a burst of interactions trains once.
 */
import { setTimeout as sleep } from 'node:timers/promises'
import t from 'tap'
import { projections } from '../../projections/index.ts'
import { jobStream } from '../../src/domain/job/job.ts'
import { START } from '../../src/event-store/contract.ts'
import { runProjector } from '../../src/projector/run-projector.ts'
import { waitForProjections } from '../../src/read/serving/consistency.ts'
import { interactionsSinceActiveModel } from '../../src/recommend/model-store.ts'
import { createRetrainReactor } from '../../src/recommend/retrain-reactor.ts'
import { createReactorServices } from '../../src/runtime/reactor-services.ts'
import { buildTestApp } from '../support/app.ts'
import { leasesFor } from '../support/database.ts'

const { app, user, config } = await buildTestApp(t, {
  recommenderRetrainAfter: 4,
  // Two or three users: too few to compare models, so one is named.
  recommenderModel: 'item-knn' as const,
  recommenderRetrainMinIntervalSeconds: 0,
})
const services = createReactorServices({ config, redis: app.projectionRedis.redis })
t.teardown(() => services.close())
const admin = user({ role: 'admin' })

/** Runs the projections and a retrain reactor of its own (a process start); answers its stop. */
function startProjector() {
  const stop = new AbortController()
  const running = runProjector([...projections, createRetrainReactor(services)], {
    store: app.eventStore,
    db: app.db,
    redis: app.projectionRedis,
    logger: app.log,
    owner: `test/${process.pid}`,
    acquireLease: leasesFor(t, config.databaseUrl),
    signal: stop.signal,
    standbyRetryMs: 200,
  })
  return async () => {
    stop.abort()
    await running
  }
}

const activeModel = () =>
  app.db.selectFrom('recommender_models').selectAll().where('state', '=', 'active').executeTakeFirstOrThrow()
const models = async () =>
  (await app.db.selectFrom('recommender_models').select('id').orderBy('id').execute()).map((m) => m.id)
let last = ''
/** Waits until the reactor (and the projections) passed every interaction so far. */
const reactorPassed = () =>
  waitForProjections(app.db, [...projections, { name: 'recommender_retrain' }], last, 30_000)
async function waitForModel(after: number) {
  let model = await activeModel()
  for (let i = 0; i < 400 && model.id <= after; i++) {
    await sleep(50)
    model = await activeModel()
  }
  return model
}

const add = async (title: string) =>
  (
    await app.inject({
      method: 'POST',
      url: '/api/v1/movies',
      headers: admin.headers,
      payload: { title, year: 2021, genres: ['Drama'] },
    })
  ).json().id as string
const rate = async (who: ReturnType<typeof user>, movieId: string, stars = 5) => {
  const reply = await app.inject({
    method: 'PUT',
    url: `/api/v1/movies/${movieId}/rating`,
    headers: who.headers,
    payload: { stars },
  })
  last = reply.json().position
}
const [a, b, c] = [await add('Alpha'), await add('Bravo'), await add('Charlie')]
const [one, two, three] = [user(), user(), user()]
let stopProjector = startProjector()

t.test('four interactions retrain the model through the reactor', async (t) => {
  await rate(one, a)
  await rate(one, b)
  await rate(two, a)
  t.ok(await reactorPassed(), 'the reactor passed the interactions')
  t.equal((await activeModel()).id, 0, 'three interactions: no training yet')
  await rate(two, b)
  const model = await waitForModel(0)
  t.ok(model.id > 0, `model ${model.id} serves`)
  t.equal(model.users, 2)
  t.equal(model.items, 2)
  t.equal(Number(model.feedback_events), 4, 'it stands for the four interactions')
  // ModelTrained is appended just after the model is activated.
  let events = []
  for (let i = 0; i < 100 && events.length === 0; i++) {
    if (i > 0) await sleep(50)
    events = []
    for await (const event of app.eventStore.readStream(jobStream(model.job_id as string))) events.push(event)
  }
  t.same(
    events.map((e) => e.type),
    ['ModelTrained'],
  )
  const similar = await app.inject({ url: `/api/v1/movies/${a}/similar` })
  t.equal(similar.json().items[0]?.movieId, b, 'the new model answers')
  t.equal((await interactionsSinceActiveModel(app.db)).since, 0, 'nothing new since')
})

t.test('a restart keeps the count: three before it and one after retrain', async (t) => {
  const before = await activeModel()
  await rate(three, a)
  await rate(three, c)
  await rate(one, c)
  t.ok(await reactorPassed(), 'the reactor passed the interactions')
  t.equal((await activeModel()).id, before.id, 'three new interactions: no training')
  t.equal((await interactionsSinceActiveModel(app.db)).since, 3)
  await stopProjector()
  stopProjector = startProjector()
  await rate(two, c, 4)
  const model = await waitForModel(before.id)
  t.ok(model.id > before.id, 'the fourth interaction, after the restart, retrains')
  t.equal(model.items, 3)
  t.equal(Number(model.feedback_events), 8)
})

t.test('the whole log delivered again retrains nothing', async (t) => {
  const before = await models()
  await stopProjector()
  // As after a crash before the checkpoint moved: the reactor starts over from the beginning.
  await app.db
    .updateTable('projection_generations')
    .set({ position: START })
    .where('name', '=', 'recommender_retrain')
    .execute()
  stopProjector = startProjector()
  await rate(one, a, 4)
  t.ok(await reactorPassed(), 'the reactor passed the interactions')
  t.same(await models(), before, 'no model trained: the count is 1 since the serving model')
  t.equal((await interactionsSinceActiveModel(app.db)).since, 1)
})

t.test('a burst of interactions trains once and leaves nothing uncounted', async (t) => {
  const before = await models()
  await stopProjector()
  const four = user()
  // Six more while no projector runs: 7 since the model, delivered in one or a few batches.
  for (const movie of [a, b, c]) await rate(four, movie)
  for (const movie of [a, b, c]) await rate(four, movie, 3)
  stopProjector = startProjector()
  t.ok(await reactorPassed(), 'the reactor passed the interactions')
  const after = await models()
  t.equal(after.length, before.length + 1, 'exactly one training')
  const model = await activeModel()
  t.equal(model.id, after.at(-1))
  const { since } = await interactionsSinceActiveModel(app.db)
  t.ok(since < 4, `${since} interactions after it: fewer than the threshold`)
  t.equal(Number(model.feedback_events) + since, 15, 'every interaction counted once: before or after it')
})

t.test('held (an embedded first start), the reactor trains nothing; released, it counts all', async (t) => {
  const before = await models()
  const { since } = await interactionsSinceActiveModel(app.db)
  const five = user()
  services.retrainHold.held = true
  t.teardown(() => {
    services.retrainHold.held = false
  })
  // Past the threshold of 4 while held.
  for (const movie of [a, b, c]) await rate(five, movie)
  for (const movie of [a, b]) await rate(five, movie, 2)
  t.ok(await reactorPassed(), 'the reactor passed the interactions')
  t.same(await models(), before, `held: no training with ${since + 5} interactions since the model`)
  services.retrainHold.held = false
  await rate(five, c, 2)
  const model = await waitForModel(before.at(-1) ?? 0)
  t.ok(model.id > (before.at(-1) ?? 0), 'released: the next interaction retrains')
  t.equal((await interactionsSinceActiveModel(app.db)).since, 0, 'on every interaction, those held included')
  await stopProjector()
  stopProjector = async () => {}
})
