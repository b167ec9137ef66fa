/**
 * Streaming reader of MovieLens directories (https://grouplens.org/datasets/movielens/), used by the
 * importer and by the recommender's offline evaluation. Two layouts:
 * - ml-latest-small / ml-latest / ml-25m / ml-32m: `movies.csv` (movieId,title,genres),
 *   `ratings.csv` (userId,movieId,rating,timestamp), optional `links.csv` (movieId,imdbId,tmdbId);
 *   optional `tags.csv` (userId,movieId,tag,timestamp: free-text tags users gave movies);
 *   UTF-8 CSV with a header, titles (and tags) quoted when they hold a comma.
 * - ml-100k: `u.item` (pipe-separated, Latin-1: id|title|release date|video date|IMDb URL|19 genre
 *   flags) and `u.data` (tab-separated: user, item, rating, timestamp). Its movie ids are its own
 *   (ml-100k's 2 is not ml-latest's 2): see `layout` and the importer.
 *
 * Files are read line by line (MovieLens records never span lines), so a malformed line costs only
 * itself: it is reported with its file and line number through `onBadLine` and skipped; throwing
 * from `onBadLine` aborts the read. Lines with a quote go through csv-parse; the rest are split.
 * The year comes from the title ("Heat (1995)" -> "Heat", 1995); MovieLens' trailing article
 * ("American President, The") is moved to the front; "(no genres listed)" gives no genres.
 */
import { createReadStream } from 'node:fs'
import { access } from 'node:fs/promises'
import { join } from 'node:path'
import { createInterface } from 'node:readline'
import { parse } from 'csv-parse/sync'
import { normaliseImdbId } from '../../domain/movie/external-ids.ts'

export type MovieLensMovie = {
  movieId: number
  title: string
  year: number | null
  genres: string[]
  /** `tt` + at least 7 digits, from links.csv. */
  imdbId?: string
  tmdbId?: number
}

export type MovieLensRating = {
  userId: number
  movieId: number
  /** 0.5 to 5 in half stars (ml-100k: whole stars). */
  rating: number
  /** Unix seconds. */
  timestamp: number
}

/** One line of tags.csv: a user's free-text tag on a movie, as written (the importer normalises it). */
export type MovieLensTag = { userId: number; movieId: number; tag: string; timestamp: number }

export type BadLine = { file: string; line: number; reason: string }

export type ReadOptions = {
  /** Called for each malformed line, which is then skipped; throw to abort. Default: skip silently. */
  onBadLine?: (problem: BadLine) => void
}

/** `csv`: movies.csv/ratings.csv (ml-latest, ml-25m...); `ml-100k`: u.item/u.data. */
export type MovieLensLayout = 'csv' | 'ml-100k'

/** A directory that is no MovieLens dataset, or a file without the expected header. */
export class MovieLensFormatError extends Error {
  constructor(message: string) {
    super(message)
    this.name = 'MovieLensFormatError'
  }
}

/** ml-100k's u.genre, in flag order. */
export const ML_100K_GENRES = [
  'unknown',
  'Action',
  'Adventure',
  'Animation',
  "Children's",
  'Comedy',
  'Crime',
  'Documentary',
  'Drama',
  'Fantasy',
  'Film-Noir',
  'Horror',
  'Musical',
  'Mystery',
  'Romance',
  'Sci-Fi',
  'Thriller',
  'War',
  'Western',
] as const

const exists = (path: string) =>
  access(path).then(
    () => true,
    () => false,
  )

export async function detectMovieLensLayout(dir: string): Promise<MovieLensLayout> {
  if (await exists(join(dir, 'movies.csv'))) return 'csv'
  if (await exists(join(dir, 'u.item'))) return 'ml-100k'
  throw new MovieLensFormatError(
    `${dir} holds neither movies.csv (ml-latest/ml-25m layout) nor u.item (ml-100k layout)`,
  )
}

/**
 * Checks a directory before anything is imported from it: its layout, that the ratings file is
 * there, and that each CSV file starts with a header naming the columns it needs (u.item and
 * u.data have no header: they must exist and not be empty). Throws MovieLensFormatError, so a
 * directory missing its ratings or with a wrong header stops before the first movie is written.
 */
export async function checkMovieLensDirectory(dir: string): Promise<MovieLensLayout> {
  const layout = await detectMovieLensLayout(dir)
  const files: [string, readonly string[] | null][] =
    layout === 'csv'
      ? [
          ['movies.csv', MOVIE_COLUMNS],
          ['ratings.csv', RATING_COLUMNS],
          ...((await exists(join(dir, 'links.csv')))
            ? [['links.csv', LINK_COLUMNS] as [string, readonly string[]]]
            : []),
          ...((await exists(join(dir, 'tags.csv')))
            ? [['tags.csv', TAG_COLUMNS] as [string, readonly string[]]]
            : []),
        ]
      : [
          ['u.item', null],
          ['u.data', null],
        ]
  for (const [file, columns] of files) {
    const path = join(dir, file)
    if (!(await exists(path))) throw new MovieLensFormatError(`${dir} has no ${file}`)
    let first: string | null = null
    for await (const { text } of lines(path, layout === 'csv' ? 'utf8' : 'latin1')) {
      first = text
      break
    }
    if (first === null) throw new MovieLensFormatError(`${file} is empty${columns ? ' (no header)' : ''}`)
    if (!columns) continue
    let fields: string[]
    try {
      fields = csvFields(first)
    } catch (error) {
      throw new MovieLensFormatError(`${file}: unreadable header (${(error as Error).message})`)
    }
    columnOrder(fields, file, columns)
  }
  return layout
}

/** Lines of a file with their 1-based numbers, in bounded memory. */
async function* lines(
  path: string,
  encoding: BufferEncoding,
): AsyncGenerator<{ text: string; line: number }> {
  const input = createReadStream(path, { encoding, highWaterMark: 1 << 20 })
  const reader = createInterface({ input, crlfDelay: Number.POSITIVE_INFINITY })
  let line = 0
  try {
    for await (const raw of reader) {
      line++
      const text = line === 1 ? raw.replace(/^\uFEFF/, '') : raw
      if (text.trim() === '') continue
      yield { text, line }
    }
  } finally {
    reader.close()
    input.destroy()
  }
}

/** The fields of one CSV line; throws on a malformed quote. */
function csvFields(text: string): string[] {
  if (!text.includes('"')) return text.split(',')
  const rows = parse(text, { relax_column_count: true }) as string[][]
  if (rows.length !== 1) throw new Error('not exactly one CSV record')
  return rows[0] as string[]
}

/** A positive integer id, or null. */
function id(value: string | undefined): number | null {
  if (value === undefined || !/^\s*\d{1,15}\s*$/.test(value)) return null
  const n = Number(value)
  return n > 0 && Number.isSafeInteger(n) ? n : null
}

type Row = { fields: string[]; line: number }

/** Where each of `columns` is in a header line's fields; MovieLensFormatError when one is missing. */
function columnOrder(fields: string[], file: string, columns: readonly string[]): number[] {
  const header = fields.map((f) => f.trim())
  const order = columns.map((column) => header.indexOf(column))
  const missing = columns.filter((_, i) => order[i] === -1)
  if (missing.length > 0)
    throw new MovieLensFormatError(
      `${file}: the header lacks ${missing.join(', ')} (found ${header.join(',')})`,
    )
  return order
}

const MOVIE_COLUMNS = ['movieId', 'title', 'genres'] as const
const LINK_COLUMNS = ['movieId', 'imdbId', 'tmdbId'] as const
const RATING_COLUMNS = ['userId', 'movieId', 'rating', 'timestamp'] as const
const TAG_COLUMNS = ['userId', 'movieId', 'tag', 'timestamp'] as const

/**
 * The rows of a headed CSV file as field arrays in `columns` order (the header may order them
 * otherwise). Rows with a bad quote or the wrong number of fields are reported and skipped.
 */
async function* csvRows(path: string, file: string, columns: readonly string[], options: ReadOptions) {
  let order: number[] | null = null
  let width = 0
  for await (const { text, line } of lines(path, 'utf8')) {
    let fields: string[]
    try {
      fields = csvFields(text)
    } catch (error) {
      if (order === null)
        throw new MovieLensFormatError(`${file}: unreadable header (${(error as Error).message})`)
      options.onBadLine?.({ file, line, reason: `malformed CSV: ${(error as Error).message}` })
      continue
    }
    if (order === null) {
      order = columnOrder(fields, file, columns)
      width = fields.length
      continue
    }
    if (fields.length !== width) {
      options.onBadLine?.({ file, line, reason: `${fields.length} fields, the header has ${width}` })
      continue
    }
    yield { fields: order.map((i) => fields[i] as string), line } satisfies Row
  }
}

const ARTICLES = /^(.*\S), (The|A|An|Les|La|Le|L'|Il|Lo|Das|Der|Die|El|Los|Las|Det|Den)$/

/** "American President, The (1995)" -> { title: "The American President", year: 1995 }. */
export function parseTitle(raw: string): { title: string; year: number | null } {
  const text = raw.trim()
  // The year, or a range of years for series ("(1975-1979)", "(2007-)").
  const match = /^(.*?)\s*\((\d{4})(?:\s*[-–]\s*(?:\d{4})?)?\)$/.exec(text)
  const title = (match ? (match[1] as string) : text).trim()
  const year = match ? Number(match[2]) : null
  const article = ARTICLES.exec(title)
  const fronted = article ? `${article[2]}${article[2]?.endsWith("'") ? '' : ' '}${article[1]}` : title
  return { title: fronted === '' ? text : fronted, year }
}

function genresOf(field: string): string[] {
  const value = field.trim()
  if (value === '' || value === '(no genres listed)') return []
  return value
    .split('|')
    .map((genre) => genre.trim())
    .filter((genre) => genre !== '')
}

async function readLinks(
  dir: string,
  options: ReadOptions,
): Promise<Map<number, { imdbId?: string; tmdbId?: number }>> {
  const links = new Map<number, { imdbId?: string; tmdbId?: number }>()
  const path = join(dir, 'links.csv')
  if (!(await exists(path))) return links
  for await (const { fields, line } of csvRows(path, 'links.csv', LINK_COLUMNS, options)) {
    const [movieField, imdbField, tmdbField] = fields as [string, string, string]
    const movieId = id(movieField)
    const imdbId = imdbField.trim() === '' ? undefined : normaliseImdbId(imdbField)
    const tmdbId = tmdbField.trim() === '' ? undefined : id(tmdbField)
    if (movieId === null || imdbId === null || tmdbId === null) {
      options.onBadLine?.({
        file: 'links.csv',
        line,
        reason:
          movieId === null
            ? 'movieId is not a positive integer'
            : imdbId === null
              ? 'malformed imdbId'
              : 'malformed tmdbId',
      })
      continue
    }
    links.set(movieId, {
      ...(imdbId === undefined ? {} : { imdbId }),
      ...(tmdbId === undefined ? {} : { tmdbId }),
    })
  }
  return links
}

async function* readCsvMovies(dir: string, options: ReadOptions): AsyncGenerator<MovieLensMovie> {
  const links = await readLinks(dir, options)
  const path = join(dir, 'movies.csv')
  for await (const { fields, line } of csvRows(path, 'movies.csv', MOVIE_COLUMNS, options)) {
    const [movieField, titleField, genresField] = fields as [string, string, string]
    const movieId = id(movieField)
    if (movieId === null) {
      options.onBadLine?.({ file: 'movies.csv', line, reason: 'movieId is not a positive integer' })
      continue
    }
    if (titleField.trim() === '') {
      options.onBadLine?.({ file: 'movies.csv', line, reason: 'empty title' })
      continue
    }
    yield { movieId, ...parseTitle(titleField), genres: genresOf(genresField), ...links.get(movieId) }
  }
}

async function* read100kMovies(dir: string, options: ReadOptions): AsyncGenerator<MovieLensMovie> {
  for await (const { text, line } of lines(join(dir, 'u.item'), 'latin1')) {
    const fields = text.split('|')
    const flags = fields.slice(5, 5 + ML_100K_GENRES.length)
    const movieId = id(fields[0])
    const bad = (reason: string) => options.onBadLine?.({ file: 'u.item', line, reason })
    if (fields.length < 5 + ML_100K_GENRES.length) {
      bad(`${fields.length} fields, expected ${5 + ML_100K_GENRES.length}`)
      continue
    }
    if (movieId === null) {
      bad('movie id is not a positive integer')
      continue
    }
    if (!flags.every((flag) => flag === '0' || flag === '1')) {
      bad('genre flags must be 0 or 1')
      continue
    }
    const titleField = fields[1] ?? ''
    if (titleField.trim() === '' || titleField.trim() === 'unknown') {
      bad('no title')
      continue
    }
    const parsed = parseTitle(titleField)
    // The release date ("01-Jan-1995") stands in for a title without a year.
    const dated = /(\d{4})$/.exec(fields[2]?.trim() ?? '')
    const year = parsed.year ?? (dated ? Number(dated[1]) : null)
    const genres = ML_100K_GENRES.filter((genre, i) => flags[i] === '1' && genre !== 'unknown')
    yield { movieId, title: parsed.title, year, genres }
  }
}

/** The movies of a MovieLens directory, in file order, with links.csv's ids where known. */
export async function* readMovieLensMovies(
  dir: string,
  options: ReadOptions = {},
): AsyncGenerator<MovieLensMovie> {
  const layout = await detectMovieLensLayout(dir)
  yield* layout === 'csv' ? readCsvMovies(dir, options) : read100kMovies(dir, options)
}

function rating(
  file: string,
  line: number,
  [userField, movieField, ratingField, timeField]: string[],
  options: ReadOptions,
): MovieLensRating | null {
  const bad = (reason: string) => {
    options.onBadLine?.({ file, line, reason })
    return null
  }
  const userId = id(userField)
  if (userId === null) return bad('userId is not a positive integer')
  const movieId = id(movieField)
  if (movieId === null) return bad('movieId is not a positive integer')
  const stars = Number(ratingField?.trim() || Number.NaN)
  if (!(stars >= 0.5 && stars <= 5 && Number.isInteger(stars * 2)))
    return bad(`rating ${JSON.stringify(ratingField)} is not 0.5 to 5 in half stars`)
  const timestamp = Number(timeField?.trim() || Number.NaN)
  if (!Number.isSafeInteger(timestamp) || timestamp < 0) return bad('timestamp is not Unix seconds')
  return { userId, movieId, rating: stars, timestamp }
}

/** The ratings of a MovieLens directory, in file order (ratings.csv: by user; u.data: unordered). */
export async function* readMovieLensRatings(
  dir: string,
  options: ReadOptions = {},
): AsyncGenerator<MovieLensRating> {
  const layout = await detectMovieLensLayout(dir)
  if (layout === 'csv') {
    const path = join(dir, 'ratings.csv')
    if (!(await exists(path))) throw new MovieLensFormatError(`${dir} has movies.csv but no ratings.csv`)
    for await (const { fields, line } of csvRows(path, 'ratings.csv', RATING_COLUMNS, options)) {
      const parsed = rating('ratings.csv', line, fields, options)
      if (parsed) yield parsed
    }
    return
  }
  const path = join(dir, 'u.data')
  if (!(await exists(path))) throw new MovieLensFormatError(`${dir} has u.item but no u.data`)
  for await (const { text, line } of lines(path, 'latin1')) {
    const fields = text.split('\t')
    if (fields.length !== 4) {
      options.onBadLine?.({
        file: 'u.data',
        line,
        reason: `${fields.length} tab-separated fields, expected 4`,
      })
      continue
    }
    const parsed = rating('u.data', line, fields, options)
    if (parsed) yield parsed
  }
}

/**
 * The tags of a MovieLens directory (tags.csv), in file order; nothing when it has none (ml-100k
 * never has). The tag text is as written: what a tag may be is the domain's to decide.
 */
export async function* readMovieLensTags(
  dir: string,
  options: ReadOptions = {},
): AsyncGenerator<MovieLensTag> {
  const path = join(dir, 'tags.csv')
  if ((await detectMovieLensLayout(dir)) !== 'csv' || !(await exists(path))) return
  for await (const { fields, line } of csvRows(path, 'tags.csv', TAG_COLUMNS, options)) {
    const [userField, movieField, tag, timeField] = fields as [string, string, string, string]
    const bad = (reason: string) => options.onBadLine?.({ file: 'tags.csv', line, reason })
    const userId = id(userField)
    if (userId === null) {
      bad('userId is not a positive integer')
      continue
    }
    const movieId = id(movieField)
    if (movieId === null) {
      bad('movieId is not a positive integer')
      continue
    }
    const timestamp = Number(timeField.trim() || Number.NaN)
    if (!Number.isSafeInteger(timestamp) || timestamp < 0) {
      bad('timestamp is not Unix seconds')
      continue
    }
    yield { userId, movieId, tag, timestamp }
  }
}
