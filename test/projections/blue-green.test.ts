/** Blue-green rebuild under queries, and the live path from command to read model. */
import { sql } from 'kysely'
import t from 'tap'
import { movies } from '../../projections/movies.ts'
import { userRatings } from '../../projections/user-ratings.ts'
import { syntheticLog } from '../../src/generate/synthetic-log.ts'
import { activeGeneration, readGeneration } from '../../src/projector/generations.ts'
import { rebuildProjection } from '../../src/projector/operations.ts'
import { generationSchema } from '../../src/projector/projection.ts'
import { buildTestApp } from '../support/app.ts'
import { leasesFor } from '../support/database.ts'

// A generous request limit: this file polls the API in tight loops on purpose. Reads with a
// consistency token may wait up to 10 s (1 s by default): on a loaded machine a projection right
// after a rebuild's switch can take longer than a second to pass a fresh command.
const { app, user, addMovie, startProjectors, database, config, blueGreenRebuild } = await buildTestApp(t, {
  rateLimitMax: 100_000,
  consistencyTimeoutMs: 10_000,
})
const silent = { info() {}, warn() {}, error() {} }

/** Until user_ratings has passed the head of the log and `after` (a position a command answered). */
async function waitCaughtUp(after = ''): Promise<void> {
  const visible = await app.eventStore.headPosition()
  // The visible head can lag a just-answered command while another transaction (a projector's) runs.
  const head = visible > after ? visible : after
  for (let i = 0; i < 600; i++) {
    const generation = await activeGeneration(app.db, userRatings.name)
    const row = generation === null ? undefined : await readGeneration(app.db, userRatings.name, generation)
    if (row && row.position >= head) return
    await new Promise((resolve) => setTimeout(resolve, 50))
  }
  throw new Error('user_ratings did not catch up')
}

t.test('an event appended while the projector is live reaches the read model (delay measured)', async (t) => {
  // What this file reads (user_ratings) and rebuilds (movies, user_ratings): the other ten
  // projections over its 40,000-event log were most of its CPU and proved nothing here.
  startProjectors({ only: [movies, userRatings] })
  const me = user()
  const delays: number[] = []
  for (let i = 0; i < 10; i++) {
    const movieId = await addMovie()
    const started = performance.now()
    const put = await app.inject({
      method: 'PUT',
      url: `/api/v1/movies/${movieId}/rating`,
      headers: me.headers,
      payload: { stars: 3 },
    })
    t.equal(put.statusCode, 200)
    let seen = false
    while (!seen && performance.now() - started < 10_000) {
      const read = await app.inject({ url: '/api/v1/me/ratings?limit=100', headers: me.headers })
      t.equal(read.statusCode, 200)
      seen = read.json().items.some((item: { movieId: string }) => item.movieId === movieId)
      if (!seen) await new Promise((resolve) => setTimeout(resolve, 5))
    }
    t.ok(seen, `rating ${i} became visible`)
    delays.push(performance.now() - started)
  }
  delays.sort((a, b) => a - b)
  t.comment(`command to read model: median ${delays[5]?.toFixed(1)} ms, max ${delays[9]?.toFixed(1)} ms`)
})

t.test('during a blue-green rebuild every query sees the complete old model, then the new one', async (t) => {
  for (const chunk of syntheticLog({ seed: 11, events: 40_000, chunkSize: 5_000, streamPrefix: 'bg-' })) {
    await app.eventStore.appendMany(chunk)
  }
  const me = user()
  let position = ''
  for (let i = 0; i < 30; i++) {
    const put = await app.inject({
      method: 'PUT',
      url: `/api/v1/movies/${await addMovie()}/rating`,
      headers: me.headers,
      payload: { stars: (i % 5) + 1 },
    })
    position = put.json().position
  }
  await waitCaughtUp(position)
  const count = async () =>
    Number((await sql<{ n: string }>`SELECT count(*) AS n FROM user_ratings`.execute(app.db)).rows[0]?.n)
  const expectedRows = await count()
  t.ok(expectedRows > 1_000, `${expectedRows} rows before the rebuild`)
  const before = (await activeGeneration(app.db, userRatings.name)) as number

  let rebuilding = true
  const rebuild = blueGreenRebuild(userRatings, 2_000).finally(() => {
    rebuilding = false
  })
  let queries = 0
  const wrong: string[] = []
  while (rebuilding) {
    const [rows, mine] = await Promise.all([
      count(),
      app.inject({
        url: '/api/v1/me/ratings?limit=100',
        headers: { ...me.headers, 'x-consistency-token': position },
      }),
    ])
    if (rows !== expectedRows) wrong.push(`count ${rows}`)
    if (mine.statusCode !== 200 || mine.json().items.length !== 30)
      wrong.push(`me/ratings ${mine.statusCode} ${mine.body.slice(0, 80)}`)
    queries++
  }
  t.equal(await rebuild, 'swapped')
  t.ok(queries > 3, `${queries} queries ran during the rebuild`)
  t.same(wrong.slice(0, 5), [], 'no query saw an empty or partial model')
  const after = (await activeGeneration(app.db, userRatings.name)) as number
  t.ok(after > before, `generation ${before} -> ${after}`)
  t.equal(await count(), expectedRows, 'the new generation holds the same rows')
  const { rows: schemas } = await sql<{
    n: string
  }>`SELECT count(*) AS n FROM pg_namespace WHERE nspname = ${`proj_user_ratings_g${before}`}`.execute(app.db)
  t.equal(Number(schemas[0]?.n), 0, 'the old generation was dropped')

  // The live projector follows the swap: new ratings land in the new generation.
  const put = await app.inject({
    method: 'PUT',
    url: `/api/v1/movies/${await addMovie()}/rating`,
    headers: me.headers,
    payload: { stars: 5 },
  })
  const read = await app.inject({
    url: '/api/v1/me/ratings?limit=100',
    headers: { ...me.headers, 'x-consistency-token': put.json().position },
  })
  t.equal(read.headers['x-consistency'], 'reached')
  t.equal(read.json().items.length, 31)
  t.ok(database.name.length > 0)
})

t.test('a rebuilt generation builds its secondary indexes after catching up, before it serves', async (t) => {
  const indexesOf = async (generation: number) =>
    (
      await sql<{ indexname: string }>`
        SELECT indexname FROM pg_indexes WHERE schemaname = ${generationSchema(movies.name, generation)}
        ORDER BY indexname`.execute(app.db)
    ).rows.map((row) => row.indexname)
  const before = (await activeGeneration(app.db, movies.name)) as number
  const expected = await indexesOf(before)
  t.ok(expected.includes('movies_by_rating') && expected.includes('movies_search'), 'the served one has them')
  const rebuilt = await rebuildProjection(
    movies,
    {
      store: app.eventStore,
      db: app.db,
      redis: app.projectionRedis,
      logger: silent,
      owner: 'test-rebuild-indexes',
      acquireLease: leasesFor(t, config.databaseUrl),
    },
    { signal: new AbortController().signal, batchSize: 2_000 },
  )
  t.equal(rebuilt, 'swapped')
  const after = (await activeGeneration(app.db, movies.name)) as number
  t.ok(after > before)
  t.same(await indexesOf(after), expected, 'the new generation serves with the same indexes')
})
