/**
 * rankRecommendations keeps only the best `limit` candidates as it goes (no sort of them all): on
 * seeded random users, movies and neighbour lists, with ties, it must answer exactly what ranking
 * every candidate and sorting them (the definition, written out plainly here) answers.
 */
import t from 'tap'
import { seededRandom } from '../../../src/generate/synthetic-log.ts'
import type { Neighbour } from '../../../src/recommend/item-neighbours.ts'
import { personalShare, rankingHistory, rankRecommendations, walkLists } from '../../../src/recommend/rank.ts'

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
    // Serving walks the neighbours (from the serving model's arrays) instead of reading lists.
    const { neighbours: _, ...rest } = input
    const walked = rankRecommendations({ ...rest, walkNeighbours: walkLists(neighbours) })
    if (
      JSON.stringify(actual) !== JSON.stringify(expected) ||
      JSON.stringify(walked) !== JSON.stringify(expected)
    ) {
      t.same(actual, expected, `round ${round}`)
      t.same(walked, expected, `round ${round}, walked`)
      return
    }
  }
  t.pass('200 random rankings equal the full sort, from lists and from a walk')
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
