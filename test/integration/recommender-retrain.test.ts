/** The retrain reactor: after N interactions the projector retrains the model and records ModelTrained. */
import { setTimeout as sleep } from 'node:timers/promises'
import t from 'tap'
import { jobStream } from '../../src/domain/job/job.ts'
import { buildTestApp } from '../support/app.ts'

const { app, user, startProjectors } = await buildTestApp(t, {
  recommenderRetrainAfter: 4,
  recommenderRetrainMinIntervalSeconds: 0,
})
startProjectors({ reactors: true })
const admin = user({ role: 'admin' })

const activeModel = () =>
  app.db.selectFrom('recommender_models').selectAll().where('state', '=', 'active').executeTakeFirstOrThrow()

t.test('four interactions retrain the model through the reactor', async (t) => {
  const add = async (title: string) =>
    (
      await app.inject({
        method: 'POST',
        url: '/api/v1/movies',
        headers: admin.headers,
        payload: { title, year: 2021, genres: ['Drama'] },
      })
    ).json().id as string
  const [a, b] = [await add('Alpha'), await add('Bravo')]
  const rate = (who: ReturnType<typeof user>, movieId: string) =>
    app.inject({
      method: 'PUT',
      url: `/api/v1/movies/${movieId}/rating`,
      headers: who.headers,
      payload: { stars: 5 },
    })
  const [one, two] = [user(), user()]
  await rate(one, a)
  await rate(one, b)
  await rate(two, a)
  t.equal((await activeModel()).id, 0, 'three interactions: no training yet')
  await rate(two, b)
  let model = await activeModel()
  for (let i = 0; i < 200 && model.id === 0; i++) {
    await sleep(50)
    model = await activeModel()
  }
  t.ok(model.id > 0, `model ${model.id} serves`)
  t.equal(model.users, 2)
  t.equal(model.items, 2)
  const events = []
  for await (const event of app.eventStore.readStream(jobStream(model.job_id as string))) events.push(event)
  t.same(
    events.map((e) => e.type),
    ['ModelTrained'],
  )
  const similar = await app.inject({ url: `/api/v1/movies/${a}/similar` })
  t.equal(similar.json().items[0]?.movieId, b, 'the new model answers')
})
