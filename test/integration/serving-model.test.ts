/**
 * A trained model's neighbours, written to its table (writeNeighbours' COPY on this thread, or
 * writeNeighboursOffThread's from a worker thread over its own connection) and loaded back into
 * the serving model, on real PostgreSQL: the table holds every row of the trained model, both
 * writers write the same rows, an interrupted worker write leaves nothing behind, and both
 * loads (a worker thread with its own connection, keyset pages on the event loop) serve exactly
 * what the table holds, which is exactly what was trained (scores as PostgreSQL answers a `real`:
 * the shortest decimal of the float32, whose float32 is the trained one).
 */
import { randomUUID } from 'node:crypto'
import t from 'tap'
import { generateLatentFactorDataset } from '../../src/generate/latent-factor-dataset.ts'
import { feedbackWeight } from '../../src/recommend/feedback.ts'
import { createMatrixBuilder } from '../../src/recommend/feedback-matrix.ts'
import type { ItemNeighbours, Neighbour } from '../../src/recommend/item-neighbours.ts'
import { MODELS, type ModelSpec, trainModel } from '../../src/recommend/model.ts'
import { beginModel, discardModel, neighboursOf, writeNeighbours } from '../../src/recommend/model-store.ts'
import { writeNeighboursOffThread } from '../../src/recommend/off-thread.ts'
import {
  type HistoryItem,
  personalShare,
  type Recommendation,
  rankingHistory,
  rankRecommendations,
} from '../../src/recommend/rank.ts'
import { createServingModel } from '../../src/recommend/serving-model.ts'
import { createTestDatabase } from '../support/database.ts'

const database = await createTestDatabase(t)

/**
 * Seeded neighbours over `movies` movies, up to `perMovie` each: scores of both signs and of every
 * magnitude a float32 holds (what EASE's weights look like), some movies without neighbours.
 */
function trainedModel(movies: number, perMovie: number): ItemNeighbours {
  let seed = 7
  const random = () => {
    seed = (seed * 1_103_515_245 + 12_345) % 2 ** 31
    return seed / 2 ** 31
  }
  const itemIds = Array.from({ length: movies }, () => randomUUID())
  const offsets = new Int32Array(movies + 1)
  const targets: number[] = []
  const scores: number[] = []
  for (let i = 0; i < movies; i++) {
    const count = i % 7 === 3 ? 0 : 1 + Math.floor(random() * perMovie)
    for (let k = 0; k < count; k++) {
      targets.push(Math.floor(random() * movies))
      scores.push((random() - 0.3) * 10 ** Math.floor(random() * 12 - 9))
    }
    offsets[i + 1] = targets.length
  }
  return { itemIds, offsets, targets: Int32Array.from(targets), scores: Float32Array.from(scores) }
}

type Served = Map<string, { movieId: string; score: number }[]>

/** The trained model per source movie, best first, with its float32 scores. */
function expected(model: ItemNeighbours): Served {
  const found = new Map<string, { movieId: string; score: number }[]>()
  for (let i = 0; i < model.itemIds.length; i++) {
    const list = []
    for (let k = model.offsets[i] as number; k < (model.offsets[i + 1] as number); k++)
      list.push({
        movieId: model.itemIds[model.targets[k] as number] as string,
        score: model.scores[k] as number,
      })
    if (list.length > 0) found.set(model.itemIds[i] as string, list)
  }
  return found
}

// ~3,000 rows: many 64 KB COPY chunks and keyset pages, rows cut across both.
const model = trainedModel(300, 20)
const id = await beginModel(database.db, 'test')
t.teardown(() => discardModel(database.db, id))
const written = await writeNeighbours(database.pool, id, model)
const trained = expected(model)
// The table is the model's: read by its name, not through the serving view (no model is active here).
const { rows } = await database.pool.query<{ movie_id: string; neighbor_id: string; score: number }>(
  `SELECT movie_id, neighbor_id, score FROM recommender.item_neighbors_m${id} ORDER BY movie_id, rank`,
)
const fromTable: Served = new Map()
for (const row of rows) {
  const list = fromTable.get(row.movie_id) ?? []
  list.push({ movieId: row.neighbor_id, score: row.score })
  fromTable.set(row.movie_id, list)
}
const asFloat32 = (served: Served): Served =>
  new Map(
    [...served].map(([movieId, list]) => [movieId, list.map((n) => ({ ...n, score: Math.fround(n.score) }))]),
  )

t.test('the table holds every trained neighbour, in rank order, with its float32 score', async (t) => {
  t.equal(written, model.targets.length)
  t.same(asFloat32(fromTable), trained)
})

t.test('loaded on a worker thread or page by page, the served model equals the trained one', async (t) => {
  const movies = [...model.itemIds, randomUUID()]
  for (const [how, options] of [
    ['worker', { databaseUrl: database.url }],
    ['pages', {}],
  ] as const) {
    const serving = createServingModel(database.db, options)
    const served = await serving.neighboursOf(id, movies)
    t.equal(serving.heldModelId(), id, `${how}: held in memory`)
    t.same(served, fromTable, `${how}: every movie's neighbours, in order, with the table's scores`)
    t.same(asFloat32(served), trained, `${how}: so the trained model`)
    t.same(
      await serving.neighboursOf(id, movies.slice(0, 50), 3),
      new Map(
        [...fromTable]
          .filter(([movieId]) => movies.slice(0, 50).includes(movieId))
          .map(([m, list]) => [m, list.slice(0, 3)]),
      ),
      `${how}: the first few per movie`,
    )
    await serving.close()
  }
})

t.test(
  'over the memory bound, the worker reads nothing and the model is served from PostgreSQL',
  async (t) => {
    const warnings: string[] = []
    const serving = createServingModel(database.db, {
      databaseUrl: database.url,
      maxEntries: written - 1,
      log: { info() {}, warn: (_obj, message) => warnings.push(message) },
    })
    // The serving view points at no model here; what PostgreSQL answers is its own (empty) answer.
    t.same(
      await serving.neighboursOf(id, model.itemIds.slice(0, 5)),
      await neighboursOf(database.db, model.itemIds.slice(0, 5)),
    )
    t.equal(serving.heldModelId(), 0, 'not loaded')
    t.same(warnings, ['serving model larger than the memory bound; served from PostgreSQL'])
    await serving.close()
  },
)

t.test('closing stops a load on its worker at once', async (t) => {
  const serving = createServingModel(database.db, { databaseUrl: database.url })
  const asked = serving.neighboursOf(id, model.itemIds.slice(0, 5))
  await serving.close()
  // Closed before it held anything: answered from PostgreSQL (the serving view: no model active).
  t.same(await asked, await neighboursOf(database.db, model.itemIds.slice(0, 5)))
  t.equal(serving.heldModelId(), 0)
})

/** The model's arrays copied: the worker writer takes (transfers) the ones it is given. */
const copyOf = (m: ItemNeighbours): ItemNeighbours => ({
  itemIds: m.itemIds,
  offsets: m.offsets.slice(),
  targets: m.targets.slice(),
  scores: m.scores.slice(),
})
const rowsOf = async (modelId: number) =>
  (
    await database.pool.query<{ movie_id: string; rank: number; neighbor_id: string; score: number }>(
      `SELECT movie_id, rank, neighbor_id, score FROM recommender.item_neighbors_m${modelId} ORDER BY movie_id, rank`,
    )
  ).rows
const connectionsNamed = async (name: string) =>
  Number(
    (
      await database.pool.query<{ n: string }>(
        'SELECT count(*) AS n FROM pg_stat_activity WHERE datname = $1 AND application_name = $2',
        [database.name, name],
      )
    ).rows[0]?.n,
  )
const tablesAndModels = async () => ({
  tables: (
    await database.pool.query<{ name: string }>(
      "SELECT table_name AS name FROM information_schema.tables WHERE table_schema = 'recommender' ORDER BY 1",
    )
  ).rows.map((row) => row.name),
  models: (await database.pool.query('SELECT id, state FROM recommender_models ORDER BY id')).rows,
})

t.test(
  'written from a worker thread over its own connection, the table holds exactly the same rows',
  async (t) => {
    const other = await beginModel(database.db, 'test')
    t.teardown(() => discardModel(database.db, other))
    const name = `nexus-test/copy-${other}`
    const progress: number[] = []
    const rows = await writeNeighboursOffThread(
      { databaseUrl: database.url, applicationName: name },
      other,
      copyOf(model),
      {
        onRows: (n) => progress.push(n),
      },
    )
    t.equal(rows, model.targets.length, 'the row count PostgreSQL reported')
    t.same(await rowsOf(other), await rowsOf(id), "row for row the event loop writer's table")
    t.equal(progress.at(-1), model.targets.length, 'progress ends at every row')
    t.equal(await connectionsNamed(name), 0, 'its connection is closed when it answers')
  },
)

t.test('a worker write interrupted mid-COPY leaves no table, no building model, no connection', async (t) => {
  const before = await tablesAndModels()
  const other = await beginModel(database.db, 'test')
  const name = `nexus-test/copy-${other}`
  // Another session holds the new table: the COPY waits for its lock, mid-statement.
  const holder = await database.pool.connect()
  t.teardown(() => holder.release())
  await holder.query('BEGIN')
  await holder.query(`LOCK TABLE recommender.item_neighbors_m${other} IN SHARE MODE`)
  const stop = new AbortController()
  const writing = writeNeighboursOffThread(
    { databaseUrl: database.url, applicationName: name },
    other,
    copyOf(model),
    {
      signal: stop.signal,
    },
  )
  // Until the worker's COPY is seen waiting for that lock.
  for (;;) {
    const { rows } = await database.pool.query<{ n: string }>(
      `SELECT count(*) AS n FROM pg_stat_activity
       WHERE datname = $1 AND application_name = $2 AND wait_event_type = 'Lock' AND query LIKE 'COPY%'`,
      [database.name, name],
    )
    if (Number(rows[0]?.n) === 1) break
    await new Promise((resolve) => setTimeout(resolve, 20))
  }
  stop.abort()
  await t.rejects(writing, { name: 'AbortError' }, 'the write rejects with the abort')
  await holder.query('ROLLBACK')
  // What trainRecommender does with an interrupted write.
  await discardModel(database.db, other)
  t.same(await tablesAndModels(), before, 'no table, no building row left')
  // The backend sees the closed socket once it has the lock, and ends (its COPY rolled back).
  while ((await connectionsNamed(name)) > 0) await new Promise((resolve) => setTimeout(resolve, 20))
  t.pass('its connection is gone')
})

/**
 * The ranking as it was before serving read the held model's arrays indexed by movie (one Map entry
 * per candidate, keyed by id, from a walk over lists), kept verbatim as the reference.
 */
function referenceRanking(input: {
  history: readonly HistoryItem[]
  neighbours: (movieId: string) => readonly Neighbour[]
  popularity: ReadonlyMap<string, number>
  exclude: ReadonlySet<string>
  eligible?: (movieId: string) => boolean
  limit: number
}): Recommendation[] {
  if (input.limit <= 0) return []
  const share = personalShare(input.history.length)
  const index = new Map<string, number>()
  const ids: string[] = []
  const scores: number[] = []
  const because: string[] = []
  const best: number[] = []
  for (const { movieId: source, weight } of share > 0 ? rankingHistory(input.history) : []) {
    for (const { movieId, score } of input.neighbours(source)) {
      const contribution = weight * score
      const at = index.get(movieId)
      if (at === undefined) {
        index.set(movieId, ids.length)
        ids.push(movieId)
        scores.push(contribution)
        because.push(source)
        best.push(contribution)
        continue
      }
      scores[at] = (scores[at] as number) + contribution
      const top = best[at] as number
      if (contribution > top || (contribution === top && source < (because[at] as string))) {
        best[at] = contribution
        because[at] = source
      }
    }
  }
  const allowed = (movieId: string) =>
    !input.exclude.has(movieId) && (input.eligible === undefined || input.eligible(movieId))
  let personalMax = 0
  for (let i = 0; i < ids.length; i++) {
    const score = scores[i] as number
    if (score > personalMax && allowed(ids[i] as string)) personalMax = score
  }
  let popularMax = 0
  for (const [movieId, score] of input.popularity)
    if (score > popularMax && allowed(movieId)) popularMax = score
  const before = (a: Recommendation, b: Recommendation) =>
    a.score > b.score || (a.score === b.score && a.movieId < b.movieId)
  const kept: Recommendation[] = []
  const consider = (movieId: string, personalScore: number, source: string | null) => {
    const p = personalMax > 0 ? personalScore / personalMax : 0
    const q = popularMax > 0 ? (input.popularity.get(movieId) ?? 0) / popularMax : 0
    const mine = share * p
    const score = mine + (1 - share) * q
    if (score <= 0) return
    const candidate: Recommendation = { movieId, score, because: mine > 0 ? source : null }
    if (kept.length === input.limit && !before(candidate, kept[kept.length - 1] as Recommendation)) return
    if (!allowed(movieId)) return
    let low = 0
    let high = kept.length
    while (low < high) {
      const middle = (low + high) >> 1
      if (before(kept[middle] as Recommendation, candidate)) low = middle + 1
      else high = middle
    }
    kept.splice(low, 0, candidate)
    if (kept.length > input.limit) kept.pop()
  }
  for (let i = 0; i < ids.length; i++) consider(ids[i] as string, scores[i] as number, because[i] as string)
  for (const movieId of input.popularity.keys()) if (!index.has(movieId)) consider(movieId, 0, null)
  return kept
}

t.test(
  "on a trained EASE model, serving's ranking from the held arrays equals the reference from PostgreSQL's rows",
  async (t) => {
    // A generated dataset's ratings as each user's feedback, movies as uuids (as imported).
    const dataset = generateLatentFactorDataset({ seed: 3, users: 150, movies: 600 })
    const uuids = new Map<number, string>()
    const uuid = (movie: number) => {
      let found = uuids.get(movie)
      if (found === undefined) {
        found = randomUUID()
        uuids.set(movie, found)
      }
      return found
    }
    const users = new Map<number, HistoryItem[]>()
    for (const r of dataset.ratings) {
      const weight = feedbackWeight({
        stars: r.rating,
        favorite: false,
        liked: false,
        watchProgress: null,
        watchlisted: false,
      })
      const items = users.get(r.userId) ?? []
      items.push({ movieId: uuid(r.movieId), weight })
      users.set(r.userId, items)
    }
    const builder = createMatrixBuilder()
    for (const items of users.values()) builder.addUser(items)
    const trained = trainModel(builder.build(), {
      ...(MODELS.ease as Extract<ModelSpec, { algorithm: 'ease' }>),
      minSupport: 2,
    })
    const modelId = await beginModel(database.db, 'test-ease')
    t.teardown(() => discardModel(database.db, modelId))
    t.ok((await writeNeighbours(database.pool, modelId, trained)) > 10_000, 'a model of some size')
    const { rows } = await database.pool.query<{ movie_id: string; neighbor_id: string; score: number }>(
      `SELECT movie_id, neighbor_id, score FROM recommender.item_neighbors_m${modelId} ORDER BY movie_id, rank`,
    )
    const lists = new Map<string, Neighbour[]>()
    for (const row of rows) {
      const list = lists.get(row.movie_id) ?? []
      list.push({ movieId: row.neighbor_id, score: row.score })
      lists.set(row.movie_id, list)
    }
    const counts = new Map<string, number>()
    for (const items of users.values())
      for (const item of items) counts.set(item.movieId, (counts.get(item.movieId) ?? 0) + 1)
    const popularity = new Map([...counts].sort((a, b) => b[1] - a[1]).slice(0, 100))

    for (const [how, options] of [
      ['worker', { databaseUrl: database.url }],
      ['pages', {}],
    ] as const) {
      const serving = createServingModel(database.db, options)
      let compared = 0
      for (const [user, items] of users) {
        const history = items.filter((item) => item.weight > 0)
        const neighbours = await serving.rankingNeighbours(
          modelId,
          history.map((h) => h.movieId),
        )
        if (compared === 0) t.ok('indexedNeighbours' in neighbours, `${how}: ranked from the held arrays`)
        // Every other user in a genre of sorts: some movies not eligible, as the route's widening does.
        const eligible = user % 2 === 0 ? undefined : (movieId: string) => movieId.charCodeAt(0) % 3 !== 0
        const input = {
          history,
          popularity,
          exclude: new Set(items.map((item) => item.movieId)),
          eligible,
          limit: 10 + (user % 5) * 40,
        }
        const expected = referenceRanking({ ...input, neighbours: (movieId) => lists.get(movieId) ?? [] })
        const actual = rankRecommendations({ ...input, ...neighbours })
        if (JSON.stringify(actual) !== JSON.stringify(expected)) {
          t.same(actual, expected, `${how}: user ${user}`)
          break
        }
        compared++
      }
      t.equal(compared, users.size, `${how}: every user's ranking equals the reference`)
      await serving.close()
    }
  },
)
