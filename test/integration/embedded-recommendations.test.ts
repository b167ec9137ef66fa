/**
 * Recommendations in embedded mode: the app, the projections and the reactors on PGlite in a
 * temporary directory with the in-process store, as `npm start` runs them without service URLs.
 * The retrain reactor trains over the embedded pool (the neighbour table goes through COPY ... FROM
 * STDIN, which that pool hands to PGlite's own COPY), GET /me/recommendations answers from the
 * model with its reasons and caches per user in the in-process store until the user's next
 * interaction, and a COPY with a bad row fails with PostgreSQL's error, inside its transaction,
 * leaving the one connection usable.
 */
import { Readable } from 'node:stream'
import { pipeline } from 'node:stream/promises'
import { setTimeout as sleep } from 'node:timers/promises'
import { from as copyFrom } from 'pg-copy-streams'
import t from 'tap'
import { projections } from '../../projections/index.ts'
import { waitForProjections } from '../../src/read/serving/consistency.ts'
import { startEmbeddedApp } from '../support/embedded-app.ts'

const { app, config, runtime, close, removeDir } = await startEmbeddedApp('embedded-recs', {
  // The taste clusters below are 12 ratings: the 12th retrains.
  recommenderRetrainAfter: 12,
  // Six fans: too few to compare models, so one is named.
  recommenderModel: 'item-knn' as const,
  recommenderRetrainMinIntervalSeconds: 0,
})
t.equal(config.mode, 'embedded')
t.teardown(async () => {
  await close()
  await removeDir()
})

type Headers = Record<string, string>
const signedIn = (role: 'user' | 'admin' = 'user'): Headers => ({
  authorization: `Bearer ${app.signAccessToken({ sub: crypto.randomUUID(), role })}`,
})
const admin = signedIn('admin')
const addMovie = async (title: string, genres: string[]) => {
  const reply = await app.inject({
    method: 'POST',
    url: '/api/v1/movies',
    headers: admin,
    payload: { title, year: 1990, genres },
  })
  if (reply.statusCode !== 201) throw new Error(`adding ${title}: ${reply.statusCode} ${reply.body}`)
  return reply.json().id as string
}
const rate = async (headers: Headers, movieId: string, stars: number) => {
  const reply = await app.inject({
    method: 'PUT',
    url: `/api/v1/movies/${movieId}/rating`,
    headers,
    payload: { stars },
  })
  if (reply.statusCode !== 200) throw new Error(`rating: ${reply.statusCode} ${reply.body}`)
  return reply.json().position as string
}

t.test('the reactor trains on PGlite and the model serves personal recommendations', async (t) => {
  const alien = await addMovie('Alien', ['Science Fiction'])
  const aliens = await addMovie('Aliens', ['Science Fiction', 'Action'])
  const heat = await addMovie('Heat', ['Crime'])
  const ronin = await addMovie('Ronin', ['Crime', 'Action'])
  const amelie = await addMovie('Amelie', ['Romance'])
  const chocolat = await addMovie('Chocolat', ['Romance'])
  // Three taste clusters of two users each: every pair of a cluster is liked together.
  for (const [a, b] of [
    [alien, aliens],
    [heat, ronin],
    [amelie, chocolat],
  ] as const) {
    for (let i = 0; i < 2; i++) {
      const fan = signedIn()
      await rate(fan, a, 5)
      await rate(fan, b, 5)
    }
  }
  let model = await app.db
    .selectFrom('recommender_models')
    .selectAll()
    .where('state', '=', 'active')
    .executeTakeFirst()
  for (let i = 0; i < 400 && (model?.id ?? 0) === 0; i++) {
    await sleep(50)
    model = await app.db
      .selectFrom('recommender_models')
      .selectAll()
      .where('state', '=', 'active')
      .executeTakeFirst()
  }
  t.ok((model?.id ?? 0) > 0, `the retrain reactor published model ${model?.id}`)
  t.equal(model?.users, 6, 'trained on the six fans')
  t.equal(model?.items, 6)
  const { rows } = await runtime.pool.query('SELECT count(*)::int AS n FROM recommendation_neighbors')
  t.ok(rows[0].n >= 6, `its neighbour table was written through COPY (${rows[0].n} rows)`)

  const ada = signedIn()
  const position = await rate(ada, alien, 5)
  const ask = () =>
    app.inject({
      url: '/api/v1/me/recommendations?limit=3',
      headers: { ...ada, 'x-consistency-token': position },
    })
  const first = await ask()
  t.equal(first.statusCode, 200)
  const answer = first.json()
  t.equal(answer.model.id, model?.id, 'served by the trained model')
  t.ok(answer.personalShare > 0, `personal share ${answer.personalShare}`)
  t.equal(answer.items[0]?.movieId, aliens, 'Alien’s neighbour comes first')
  t.match(answer.items[0]?.reason, /because you liked Alien/)
  t.notOk(
    answer.items.some((item: { movieId: string }) => item.movieId === alien),
    'what Ada rated is left out',
  )
  t.equal(first.headers['x-cache'], 'miss')
  t.equal((await ask()).headers['x-cache'], 'hit', 'cached in the in-process store')

  const next = await rate(ada, aliens, 4)
  t.ok(await waitForProjections(app.pool, projections, next, 10_000))
  const after = await app.inject({
    url: '/api/v1/me/recommendations?limit=3',
    headers: { ...ada, 'x-consistency-token': next },
  })
  t.equal(after.headers['x-cache'], 'miss', 'her next rating misses the cache')
  t.notOk(
    after.json().items.some((item: { movieId: string }) => item.movieId === aliens),
    'and what she just rated is gone',
  )

  const similar = await app.inject({ url: `/api/v1/movies/${heat}/similar?limit=1` })
  t.equal(similar.json().items[0]?.movieId, ronin, 'similar movies from the same model')
})

t.test('COPY FROM STDIN on the embedded pool: rows in, a bad row fails inside its transaction', async (t) => {
  await runtime.pool.query('CREATE TABLE copy_check (n int NOT NULL, label text)')
  t.teardown(() => runtime.pool.query('DROP TABLE copy_check'))
  const client = await runtime.pool.connect()
  try {
    const good = client.query(copyFrom('COPY copy_check (n, label) FROM STDIN'))
    await pipeline(Readable.from(['1\tone\n2\t', 'two\n3\t\\N\n']), good)
    t.equal(good.rowCount, 3, 'three rows, a line split across chunks included')

    await client.query('BEGIN')
    await client.query("INSERT INTO copy_check VALUES (4, 'four')")
    await t.rejects(
      pipeline(Readable.from(['5\tfive\nsix\tsix\n']), client.query(copyFrom('COPY copy_check FROM STDIN'))),
      /invalid input syntax for type integer/,
    )
    await client.query('ROLLBACK')
  } finally {
    client.release()
  }
  const { rows } = await runtime.pool.query('SELECT n, label FROM copy_check ORDER BY n')
  t.same(
    rows,
    [
      { n: 1, label: 'one' },
      { n: 2, label: 'two' },
      { n: 3, label: null },
    ],
    'the failed COPY and its transaction left nothing; the connection still answers',
  )
})
