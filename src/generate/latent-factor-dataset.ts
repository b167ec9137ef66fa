/**
 * A seeded synthetic MovieLens-format dataset from a latent-factor model, so the recommender can be
 * evaluated without shipping MovieLens (its licence forbids redistribution). What makes it behave
 * like the real thing, and so makes "beats popularity" meaningful rather than built in:
 * - movies have 1-3 genres drawn with MovieLens' genre frequencies, a long-tail (Zipf) popularity,
 *   a quality bias and a few hidden "style" factors that no metadata reveals;
 * - users have genre tastes (a few loved genres, some disliked), style preferences, a rating bias
 *   and a heavy-tailed activity (at least 20 ratings each, like MovieLens);
 * - what a user rates is drawn by popularity times expected enjoyment (ratings are missing not at
 *   random: people mostly watch what they expect to like, and what everyone watches), and the
 *   stars follow bias + affinity + noise, in half stars (some users only give whole stars);
 * - time comes in sittings, as on MovieLens (where most people rate dozens of films in one go,
 *   a page at a time): a user's films are split into sittings of about 25, each with a focus (one
 *   of their genres and a style direction) that the films of that sitting share more than the
 *   user's whole list does, seconds to minutes apart within a sitting, days apart between them,
 *   over the user's active period between 1996 and 2018. So movies rated together say more about
 *   each other than movies a user rated years apart, which is what ease-session learns.
 * The same seed and sizes always give the same files.
 *
 * Given a `catalogue` (embedded mode's demo films), the movies are those instead of generated ones:
 * their own genres (with their own frequencies) shape the tastes, and their order is their
 * popularity rank (the first the most popular); style and quality are drawn as for generated ones.
 */
import { type CsvField, csvRecord } from '../cli/csv.ts'
import { seededRandom } from './synthetic-log.ts'
import { TITLE_WORDS } from './title-words.ts'

/** MovieLens' genres with roughly their share of movies in ml-latest-small. */
const GENRE_SHARES: readonly [string, number][] = [
  ['Drama', 0.45],
  ['Comedy', 0.39],
  ['Thriller', 0.2],
  ['Action', 0.19],
  ['Romance', 0.16],
  ['Adventure', 0.14],
  ['Crime', 0.12],
  ['Sci-Fi', 0.1],
  ['Horror', 0.1],
  ['Fantasy', 0.08],
  ['Children', 0.07],
  ['Animation', 0.06],
  ['Mystery', 0.06],
  ['Documentary', 0.04],
  ['War', 0.04],
  ['Musical', 0.03],
  ['Western', 0.02],
  ['Film-Noir', 0.01],
]
export const SYNTHETIC_GENRES = GENRE_SHARES.map(([name]) => name)

const WORDS = TITLE_WORDS

export type SyntheticMovie = {
  movieId: number
  title: string
  year: number
  genres: string[]
  /** Links of a generated movie; '' and 0 for a catalogue's (which has none). */
  imdbId: string
  tmdbId: number
}
export type SyntheticRating = { userId: number; movieId: number; rating: number; timestamp: number }
export type SyntheticDataset = { movies: SyntheticMovie[]; ratings: SyntheticRating[] }

export type LatentFactorOptions = {
  seed: number
  users: number
  /** Movies to generate; with a catalogue, its length. */
  movies: number
  /**
   * Existing movies to rate instead of generated ones, the most popular first. The dataset's movies
   * then carry their titles, years and genres; movieId is the 1-based position in this list.
   */
  catalogue?: readonly { title: string; year: number; genres: readonly string[] }[]
  /** Hidden taste dimensions besides genres. */
  styleFactors?: number
  /** Median ratings per user above the minimum of 20 (the tail is heavy, as in MovieLens). */
  medianExtraRatings?: number
  /** How strongly expected enjoyment (against popularity) decides what a user watches. */
  selectivity?: number
  /** Zipf exponent of movie popularity (default 1.05): lower, the long tail gets more of the ratings. */
  popularityExponent?: number
}

/** A standard normal draw (Box-Muller) from a seeded uniform source. */
function normal(random: () => number): number {
  const u = Math.max(random(), Number.EPSILON)
  return Math.sqrt(-2 * Math.log(u)) * Math.cos(2 * Math.PI * random())
}

function pickWeighted(random: () => number, weights: readonly number[], total: number): number {
  let r = random() * total
  for (let i = 0; i < weights.length; i++) {
    r -= weights[i] ?? 0
    if (r <= 0) return i
  }
  return weights.length - 1
}

const roundHalf = (value: number) => Math.min(5, Math.max(0.5, Math.round(value * 2) / 2))

/** A catalogue's genre names and the share of its movies holding each. */
function catalogueGenres(catalogue: NonNullable<LatentFactorOptions['catalogue']>): [string, number][] {
  const counts = new Map<string, number>()
  for (const movie of catalogue)
    for (const genre of movie.genres) counts.set(genre, (counts.get(genre) ?? 0) + 1)
  return [...counts].map(([name, count]) => [name, count / catalogue.length])
}

/** Whether index a ranks after index b: a smaller key, or an equal key at a later index. */
const after = (keys: Float64Array, a: number, b: number) =>
  (keys[a] as number) < (keys[b] as number) || (keys[a] === keys[b] && a > b)

/**
 * The indices of the `count` largest keys, largest first, equal keys in index order: what a stable
 * sort of every index by key, descending, then sliced, answers, without sorting every index (a
 * min-heap of `count`; the sort was most of the generator's time over a few thousand movies).
 */
function largestKeys(keys: Float64Array, count: number): number[] {
  const heap: number[] = []
  const down = (from: number) => {
    let i = from
    for (;;) {
      const left = 2 * i + 1
      const right = left + 1
      let last = i
      if (left < heap.length && after(keys, heap[left] as number, heap[last] as number)) last = left
      if (right < heap.length && after(keys, heap[right] as number, heap[last] as number)) last = right
      if (last === i) return
      ;[heap[i], heap[last]] = [heap[last] as number, heap[i] as number]
      i = last
    }
  }
  for (let m = 0; m < keys.length && count > 0; m++) {
    if (heap.length < count) {
      heap.push(m)
      for (let i = heap.length - 1; i > 0; ) {
        const parent = (i - 1) >> 1
        if (!after(keys, heap[i] as number, heap[parent] as number)) break
        ;[heap[i], heap[parent]] = [heap[parent] as number, heap[i] as number]
        i = parent
      }
    } else if (after(keys, heap[0] as number, m)) {
      heap[0] = m
      down(0)
    }
  }
  return heap.sort((x, y) => (after(keys, x, y) ? 1 : after(keys, y, x) ? -1 : 0))
}

export function generateLatentFactorDataset(options: LatentFactorOptions): SyntheticDataset {
  const random = seededRandom(options.seed)
  // Sittings and series draw from a stream of their own: the main stream (who rates what, the
  // stars) stays the one earlier versions drew, so the sizes of a seed's dataset do not move.
  const extra = seededRandom((options.seed * 7_919 + 17) >>> 0)
  const catalogue = options.catalogue ?? null
  if (catalogue !== null && catalogue.length !== options.movies)
    throw new TypeError('movies must be the length of the catalogue')
  const genreShares = catalogue === null ? GENRE_SHARES : catalogueGenres(catalogue)
  const genreNames = genreShares.map(([name]) => name)
  const genreIndex = new Map(genreNames.map((name, i) => [name, i]))
  const G = genreShares.length
  const S = options.styleFactors ?? 6
  const selectivity = options.selectivity ?? 1.6
  const exponent = options.popularityExponent ?? 1.05
  const shares = genreShares.map(([, share]) => share)
  const shareTotal = shares.reduce((a, b) => a + b, 0)

  // Movies: genres, style, popularity (Zipf over a random order), quality.
  const movieGenres: number[][] = []
  const movieStyle = new Float64Array(options.movies * S)
  const popularity = new Float64Array(options.movies)
  const quality = new Float64Array(options.movies)
  const movies: SyntheticMovie[] = []
  const order = Array.from({ length: options.movies }, (_, i) => i)
  // A catalogue comes in popularity order; generated movies get a random one.
  for (let i = order.length - 1; i > 0 && catalogue === null; i--) {
    const j = Math.floor(random() * (i + 1))
    ;[order[i], order[j]] = [order[j] as number, order[i] as number]
  }
  let movieId = 0
  for (let m = 0; m < options.movies; m++) {
    const given = catalogue?.[m]
    if (given) {
      movieGenres.push(given.genres.map((name) => genreIndex.get(name) as number))
      for (let s = 0; s < S; s++) movieStyle[m * S + s] = normal(random)
      const rank = m + 1
      popularity[m] = 1 / rank ** exponent
      quality[m] = 0.35 * normal(random) + 0.25 * (1 - rank / options.movies)
      movies.push({
        movieId: rank,
        title: given.title,
        year: given.year,
        genres: [...given.genres],
        imdbId: '',
        tmdbId: 0,
      })
      continue
    }
    const count = 1 + Math.floor(random() * random() * 3.2)
    const genres = new Set<number>()
    while (genres.size < Math.min(count, G)) genres.add(pickWeighted(random, shares, shareTotal))
    movieGenres.push([...genres])
    for (let s = 0; s < S; s++) movieStyle[m * S + s] = normal(random)
    const rank = (order[m] as number) + 1
    popularity[m] = 1 / rank ** exponent
    // Popular movies are a little better on average, as in MovieLens.
    quality[m] = 0.35 * normal(random) + 0.25 * (1 - rank / options.movies)
    movieId += 1 + (random() < 0.3 ? Math.floor(random() * 20) : 0)
    const year = Math.min(2018, Math.round(2018 - Math.abs(normal(random)) * 22))
    const w = () => WORDS[Math.floor(random() * WORDS.length)] ?? 'Film'
    // Some titles carry a comma (as MovieLens' "Storm, The"), so CSV quoting matters.
    const base = random() < 0.1 ? `${w()} ${w()}, The` : `${w()} ${w()} ${movieId}`
    movies.push({
      movieId,
      title: `${base} (${year})`,
      year,
      genres: [...genres].map((g) => genreNames[g] as string),
      imdbId: String(100_000 + movieId * 7).padStart(7, '0'),
      tmdbId: 10_000 + movieId * 3,
    })
  }

  // Series (franchises, a director's films): about a third of generated movies come in runs of
  // 2-5 that share a style; a user who follows a series wants all of it. Real logs are full of
  // such tight pairs, which a regression over movies (EASE) captures better than cosine.
  const seriesOf = new Int32Array(options.movies).fill(-1)
  let seriesCount = 0
  if (catalogue === null) {
    for (let m = 0; m < options.movies; ) {
      if (extra() < 0.12) {
        const size = 2 + Math.floor(extra() * 4)
        for (let k = 0; k < size && m + k < options.movies; k++) {
          seriesOf[m + k] = seriesCount
          for (let x = 0; x < S; x++) movieStyle[(m + k) * S + x] = movieStyle[m * S + x] as number
        }
        seriesCount++
        m += size
      } else m++
    }
  }
  const follows = new Set<number>()

  const ratings: SyntheticRating[] = []
  const affinity = new Float64Array(options.movies)
  const keys = new Float64Array(options.movies)
  const taste = new Float64Array(G)
  const style = new Float64Array(S)
  const median = options.medianExtraRatings ?? 70
  for (let u = 0; u < options.users; u++) {
    const userId = u + 1
    // 1-3 loved genres, 0-2 disliked ones, the rest near neutral.
    taste.fill(0)
    for (let g = 0; g < G; g++) taste[g] = 0.15 * normal(random)
    const loved = 1 + Math.floor(random() * 3)
    for (let k = 0; k < loved; k++) taste[pickWeighted(random, shares, shareTotal)] = 0.9 + 0.4 * random()
    const disliked = Math.floor(random() * 3)
    for (let k = 0; k < disliked; k++) taste[Math.floor(random() * G)] = -(0.7 + 0.5 * random())
    for (let s = 0; s < S; s++) style[s] = 0.45 * normal(random)
    const bias = 0.35 * normal(random)
    const wholeStars = random() < 0.35
    const wanted = Math.min(
      Math.floor(options.movies * 0.5),
      20 + Math.floor(median * Math.exp(1.1 * normal(random))),
    )
    follows.clear()
    const followed = seriesCount === 0 ? 0 : 2 + Math.floor(extra() * 10)
    for (let k = 0; k < followed; k++) follows.add(Math.floor(extra() * seriesCount))
    for (let m = 0; m < options.movies; m++) {
      const genres = movieGenres[m] as number[]
      let a = follows.has(seriesOf[m] as number) ? 1.5 : 0
      for (const g of genres) a += taste[g] as number
      a /= Math.sqrt(genres.length)
      for (let s = 0; s < S; s++) a += (style[s] as number) * (movieStyle[m * S + s] as number)
      affinity[m] = a
      // Efraimidis-Spirakis keys: the `wanted` largest are a weighted sample without replacement.
      const weight = (popularity[m] as number) * Math.exp(selectivity * (a + (quality[m] as number)))
      keys[m] = Math.log(Math.max(random(), Number.EPSILON)) / weight
    }
    const chosen = largestKeys(keys, wanted)
    const start = Date.UTC(1996, 0, 1) / 1000 + Math.floor(random() * 22 * 365 * 86_400)
    const span = Math.floor(86_400 * (1 + 600 * random() * random()))
    // Stars are relative to what this user chose to watch (people rate on their own scale): the
    // affinity is standardised over the chosen movies, giving MovieLens' mean of about 3.5.
    let mean = 0
    for (const m of chosen) mean += affinity[m] as number
    mean /= chosen.length
    let variance = 0
    for (const m of chosen) variance += ((affinity[m] as number) - mean) ** 2
    const sd = Math.sqrt(variance / chosen.length) || 1
    // Sittings: each has a focus genre (mostly a loved one) and a style direction; a film goes to
    // the sitting it fits best (with noise), so a sitting's films resemble each other.
    const sittings = Math.max(1, Math.round(chosen.length / 25))
    const focusGenre: number[] = []
    const focusStyle = new Float64Array(sittings * S)
    for (let k = 0; k < sittings; k++) {
      let best = 0
      for (let g = 1; g < G; g++)
        if ((taste[g] as number) + extra() > (taste[best] as number) + extra()) best = g
      focusGenre.push(best)
      for (let x = 0; x < S; x++) focusStyle[k * S + x] = normal(extra)
    }
    const sittingOf = chosen.map((m) => {
      let best = 0
      let bestFit = Number.NEGATIVE_INFINITY
      for (let k = 0; k < sittings; k++) {
        let fit = (movieGenres[m] as number[]).includes(focusGenre[k] as number) ? 1 : 0
        for (let x = 0; x < S; x++)
          fit += 0.5 * (focusStyle[k * S + x] as number) * (movieStyle[m * S + x] as number)
        fit += 0.7 * normal(extra)
        if (fit > bestFit) {
          bestFit = fit
          best = k
        }
      }
      return best
    })
    const sittingStart = Array.from({ length: sittings }, () => start + Math.floor(extra() * span)).sort(
      (a, b) => a - b,
    )
    const clock = [...sittingStart]
    chosen.forEach((m, i) => {
      const z = ((affinity[m] as number) - mean) / sd
      const stars = 3.5 + bias + (quality[m] as number) - 0.12 + 0.6 * z + 0.6 * normal(random)
      const rating = wholeStars ? Math.min(5, Math.max(1, Math.round(stars))) : roundHalf(stars)
      const k = sittingOf[i] as number
      clock[k] = (clock[k] as number) + 5 + Math.floor(extra() * 90)
      random() // where earlier versions drew the time: the main stream stays theirs
      ratings.push({
        userId,
        movieId: (movies[m] as SyntheticMovie).movieId,
        rating,
        timestamp: Math.min(Date.UTC(2018, 8, 1) / 1000, clock[k] as number),
      })
    })
  }
  return { movies, ratings }
}

/** One record as RFC 4180 text (csv-stringify), without its line end. */
const record = (fields: readonly CsvField[]) => csvRecord(fields).slice(0, -2)

/**
 * The three MovieLens files (ml-latest-small layout) as text, record by record; each `line` is
 * written with a CRLF after it (RFC 4180; MovieLens readers take either line end).
 */
export function* movieLensFiles(
  dataset: SyntheticDataset,
): Generator<{ file: 'movies.csv' | 'links.csv' | 'ratings.csv'; line: string }> {
  yield { file: 'movies.csv', line: record(['movieId', 'title', 'genres']) }
  for (const movie of dataset.movies) {
    const genres = movie.genres.length === 0 ? '(no genres listed)' : movie.genres.join('|')
    yield { file: 'movies.csv', line: record([movie.movieId, movie.title, genres]) }
  }
  yield { file: 'links.csv', line: record(['movieId', 'imdbId', 'tmdbId']) }
  for (const movie of dataset.movies) {
    yield { file: 'links.csv', line: record([movie.movieId, movie.imdbId, movie.tmdbId]) }
  }
  yield { file: 'ratings.csv', line: record(['userId', 'movieId', 'rating', 'timestamp']) }
  for (const r of dataset.ratings) {
    yield { file: 'ratings.csv', line: record([r.userId, r.movieId, r.rating.toFixed(1), r.timestamp]) }
  }
}
