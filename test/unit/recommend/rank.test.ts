/**
 * rankRecommendations keeps only the best `limit` candidates as it goes (no sort of them all): on
 * seeded random users, movies and neighbour lists, with ties, it must answer exactly what ranking
 * every candidate and sorting them (the definition, written out plainly here) answers.
 */
import t from 'tap'
import { seededRandom } from '../../../src/generate/synthetic-log.ts'
import type { Neighbour } from '../../../src/recommend/item-neighbours.ts'
import { createTableBuilder } from '../../../src/recommend/neighbour-table.ts'
import {
  indexNeighbours,
  personalShare,
  rankingHistory,
  rankRecommendations,
  walkLists,
} from '../../../src/recommend/rank.ts'

type Input = Parameters<typeof rankRecommendations>[0] & {
  neighbours: (movieId: string) => readonly Neighbour[]
}

/** The ranking's definition: score every candidate, sort all, keep the first `limit`. */
function rankPlainly(input: Input) {
  const share = personalShare(input.history.length)
  const personal = new Map<string, { score: number; because: string; best: number }>()
  for (const { movieId: source, weight } of share > 0 ? rankingHistory(input.history) : []) {
    for (const { movieId, score } of input.neighbours(source)) {
      const c = weight * score
      const entry = personal.get(movieId)
      if (!entry) personal.set(movieId, { score: c, because: source, best: c })
      else {
        entry.score += c
        if (c > entry.best || (c === entry.best && source < entry.because))
          Object.assign(entry, { best: c, because: source })
      }
    }
  }
  const allowed = (id: string) => !input.exclude.has(id) && (input.eligible?.(id) ?? true)
  const max = (values: Iterable<[string, number]>) =>
    Math.max(0, ...[...values].filter(([id]) => allowed(id)).map(([, v]) => v))
  const personalMax = max([...personal].map(([id, e]) => [id, e.score]))
  const popularMax = max(input.popularity)
  const all = new Set([...personal.keys(), ...input.popularity.keys()])
  return [...all]
    .filter(allowed)
    .map((movieId) => {
      const p = personalMax > 0 ? (personal.get(movieId)?.score ?? 0) / personalMax : 0
      const q = popularMax > 0 ? (input.popularity.get(movieId) ?? 0) / popularMax : 0
      const mine = share * p
      return {
        movieId,
        score: mine + (1 - share) * q,
        because: mine > 0 ? (personal.get(movieId)?.because ?? null) : null,
      }
    })
    .filter((r) => r.score > 0)
    .sort((a, b) => b.score - a.score || (a.movieId < b.movieId ? -1 : 1))
    .slice(0, input.limit)
}

/** The lists as the serving model holds them: a neighbour table, indexed by movie. */
function indexedTable(table: ReadonlyMap<string, readonly Neighbour[]>) {
  const rows = [...table.values()].reduce((n, list) => n + list.length, 0)
  const builder = createTableBuilder(rows)
  for (const [movieId, list] of table) for (const n of list) builder.add(movieId, n.movieId, n.score)
  return indexNeighbours(builder.build())
}

t.test('the kept best equal the full sort, ties and exclusions included', async (t) => {
  const random = seededRandom(11)
  const pick = (n: number) => `m${String(Math.floor(random() * n)).padStart(3, '0')}`
  for (let round = 0; round < 200; round++) {
    const movies = 20 + Math.floor(random() * 300)
    // Scores on a coarse grid, so equal scores (and equal contributions) happen often.
    const grid = () => Math.ceil(random() * 4) / 4
    const table = new Map<string, Neighbour[]>()
    const neighbours = (id: string) => {
      let list = table.get(id)
      if (!list) {
        list = Array.from({ length: Math.floor(random() * 30) }, () => ({
          movieId: pick(movies),
          score: grid(),
        }))
        table.set(id, list)
      }
      return list
    }
    const history = Array.from({ length: Math.floor(random() * 12) }, () => ({
      movieId: pick(movies),
      weight: grid(),
    }))
    const popularity = new Map(
      Array.from({ length: Math.floor(random() * 40) }, () => [pick(movies), grid()] as const),
    )
    const exclude = new Set(Array.from({ length: Math.floor(random() * 10) }, () => pick(movies)))
    const banned = pick(movies)
    const input: Input = {
      history,
      neighbours,
      popularity,
      exclude,
      eligible: round % 2 === 0 ? undefined : (id) => id !== banned,
      limit: 1 + Math.floor(random() * 25),
    }
    // Fill the neighbour lists first so both rankings read the same ones.
    for (const h of history) neighbours(h.movieId)
    const expected = rankPlainly(input)
    const actual = rankRecommendations(input)
    // Serving walks the neighbours from PostgreSQL's lists, or reads the held model's arrays.
    const { neighbours: _, ...rest } = input
    const walked = rankRecommendations({ ...rest, walkNeighbours: walkLists(neighbours) })
    const indexed = indexedTable(table)
    const fromIndex = rankRecommendations({ ...rest, indexedNeighbours: indexed })
    if (
      JSON.stringify(actual) !== JSON.stringify(expected) ||
      JSON.stringify(walked) !== JSON.stringify(expected) ||
      JSON.stringify(fromIndex) !== JSON.stringify(expected)
    ) {
      t.same(actual, expected, `round ${round}`)
      t.same(walked, expected, `round ${round}, walked`)
      t.same(fromIndex, expected, `round ${round}, indexed`)
      return
    }
  }
  t.pass('200 random rankings equal the full sort, from lists, from a walk and from an index')
  t.same(
    rankRecommendations({
      history: [],
      neighbours: () => [],
      popularity: new Map([['a', 1]]),
      exclude: new Set(),
      limit: 0,
    }),
    [],
    'limit 0: nothing',
  )
})

t.test('rankings from one index share its arrays and leave nothing behind for the next', async (t) => {
  const random = seededRandom(5)
  const pick = () => `m${String(Math.floor(random() * 200)).padStart(3, '0')}`
  const table = new Map<string, Neighbour[]>()
  for (let i = 0; i < 200; i++)
    table.set(
      `m${String(i).padStart(3, '0')}`,
      Array.from({ length: 1 + Math.floor(random() * 20) }, () => ({ movieId: pick(), score: random() })),
    )
  const shared = indexedTable(table)
  // Near the stamps' end, so their wrap-around is crossed too.
  shared.scratch.stamp = 2 ** 31 - 20
  const neighbours = (id: string) => table.get(id) ?? []
  for (let user = 0; user < 60; user++) {
    const input = {
      history: Array.from({ length: 1 + Math.floor(random() * 15) }, () => ({
        movieId: pick(),
        weight: random(),
      })),
      popularity: new Map(
        Array.from({ length: Math.floor(random() * 30) }, () => [pick(), random()] as const),
      ),
      exclude: new Set(Array.from({ length: Math.floor(random() * 10) }, pick)),
      limit: 1 + Math.floor(random() * 40),
    }
    const expected = rankRecommendations({ ...input, neighbours })
    const actual = rankRecommendations({ ...input, indexedNeighbours: shared })
    if (JSON.stringify(actual) !== JSON.stringify(expected)) {
      t.same(actual, expected, `user ${user}`)
      return
    }
  }
  t.ok(shared.scratch.stamp < 100, 'the stamps wrapped around')
  t.pass('60 users ranked in turn on one index, each as from its lists')
})
