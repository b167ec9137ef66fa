/**
 * The demo data embedded mode loads into an empty store on its first start, so a newcomer's API
 * answers with something to look at: about 2,900 real films (vega-datasets' movies.json, BSD-3-Clause:
 * titles, release dates, genres, directors, box office and ratings; the overview is composed from
 * those fields), imported as MovieImported (source `demo`, external id the film's title-and-year
 * slug: the file has no id from any film database); synthetic users and their ratings, favourites,
 * likes and watches over the past week from the seeded latent-factor generator of the
 * recommendations issue (src/generate/latent-factor-dataset.ts: users with genre tastes, the most
 * voted films the most watched), so trending and recommendations both have structure to show; and
 * three accounts, user, analyst and admin, the user with a few ratings of its own (science fiction
 * loved, horror not), so its recommendations are personal at once.
 *
 * Everything goes through the event store's bulk path (appendMany) with ids derived from the data
 * and the seed, and the plan (seed, start time, passwords) is written to the data directory before
 * the first event: an interrupted load is resumed by the next start, and appends already stored are
 * idempotent no-ops. Once the projections have caught up, the first start trains the recommender
 * (ensureDemoModel); the plan records it, so a start stopped before that trains at the next one.
 */
import { createHash, randomBytes } from 'node:crypto'
import { readFile, rename, writeFile } from 'node:fs/promises'
import { join } from 'node:path'
import type { Kysely } from 'kysely'
import type pg from 'pg'
import type { Database } from '../../db/schema.ts'
import { importedMovieId } from '../../domain/movie/external-ids.ts'
import { ValueTakenError } from '../../domain/user/reservation.ts'
import type { Role } from '../../domain/user/user.ts'
import { AppError } from '../../errors.ts'
import { type EventStore, type NewEvent, START, type StreamWrite } from '../../event-store/contract.ts'
import { generateLatentFactorDataset } from '../../generate/latent-factor-dataset.ts'
import { seededRandom } from '../../generate/synthetic-log.ts'
import { registerUser } from '../../identity/register.ts'
import { type TrainingOutcome, trainRecommender } from '../../recommend/train.ts'
import { importMovies } from '../import-movies.ts'

export type DemoAccount = { username: string; email: string; password: string; role: Role }

type Plan = {
  /** 1: MovieAdded films and uniform interactions (before the latent-factor users); 2: this. */
  format: 1 | 2
  state: 'loading' | 'done'
  seed: number
  /** The interactions span the week from here: the last ones are around the first start. */
  startAt: string
  /** Synthetic users of the latent-factor generator. */
  users: number
  accounts: DemoAccount[]
  loadedIn?: { seconds: number; movies: number; interactions: number }
  /** When the first start's training published a model (ensureDemoModel). */
  trainedAt?: string
}

type VegaMovie = {
  Title: unknown
  'Release Date': unknown
  'Major Genre': unknown
  'Creative Type': unknown
  Director: unknown
  Distributor: unknown
  Source: unknown
  'MPAA Rating': unknown
  'Running Time min': unknown
  'Rotten Tomatoes Rating': unknown
  'IMDB Rating': unknown
  'IMDB Votes': unknown
}

export type DemoMovie = {
  movieId: string
  /** The external id (`demo`): the title and year as a slug. */
  key: string
  title: string
  year: number
  releaseDate: string
  genres: string[]
  overview: string
  /** What the source has of the people and media (no images, no ids: none are invented). */
  director: string | null
  runtime: number | null
}

const PLAN_FILE = 'demo.json'
const USERS = 700
/**
 * The generator's settings for the demo: ratings per user above its minimum of 20 (median; the
 * tail is heavy); genre tastes dominate (one hidden style factor, and enjoyment weighs more than
 * popularity), and a gentler popularity skew than MovieLens': on about 45 ratings a user over 2,900
 * films, the defaults' neighbours were mostly the few blockbusters everyone rated, whatever the
 * taste (a science fiction fan's top 10 held no science fiction; with these, about half).
 */
const GENERATOR = {
  medianExtraRatings: 12,
  styleFactors: 1,
  selectivity: 2.4,
  popularityExponent: 0.7,
} as const
const CHUNK = 1_000
const SEED = 7
/** Interactions spread over the last week, so the day and week windows of trending both fill. */
const SPAN_MS = 7 * 24 * 3600 * 1000

const MAJOR_GENRES: Record<string, string[]> = {
  Drama: ['Drama'],
  Comedy: ['Comedy'],
  Musical: ['Musical'],
  'Thriller/Suspense': ['Thriller'],
  Adventure: ['Adventure'],
  Action: ['Action'],
  'Romantic Comedy': ['Romance', 'Comedy'],
  Horror: ['Horror'],
  Western: ['Western'],
  Documentary: ['Documentary'],
  'Black Comedy': ['Comedy'],
  'Concert/Performance': ['Music'],
}
const CREATIVE_GENRES: Record<string, string[]> = {
  'Science Fiction': ['Science Fiction'],
  Fantasy: ['Fantasy'],
  'Super Hero': ['Superhero'],
  'Kids Fiction': ['Family'],
  'Historical Fiction': ['History'],
}
const MONTHS = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec']

/** A UUID whose bits come from a SHA-256 of `text`: the same input always gets the same id. */
export function uuidOf(text: string): string {
  const hex = createHash('sha256').update(text).digest('hex')
  const variant = ((Number.parseInt(hex[16] ?? '0', 16) & 0x3) | 0x8).toString(16)
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-5${hex.slice(13, 16)}-${variant}${hex.slice(17, 20)}-${hex.slice(20, 32)}`
}

/** Lower-case letters and digits, runs of anything else as one '-' (accents dropped). */
const slug = (value: string) =>
  value
    .normalize('NFKD')
    .replace(/\p{M}/gu, '')
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-|-$/g, '')

const text = (value: unknown) => (typeof value === 'string' && value.trim() !== '' ? value.trim() : null)
const count = (value: unknown) => (typeof value === 'number' && Number.isFinite(value) ? value : null)

// Built once: toLocaleDateString and toLocaleString with options build a formatter on every call
// (about 0.2 ms each, most of demoMovies' time over a few thousand films).
const RELEASE_DATE = new Intl.DateTimeFormat('en-GB', {
  day: 'numeric',
  month: 'long',
  year: 'numeric',
  timeZone: 'UTC',
})
const VOTES = new Intl.NumberFormat('en-US')

function sentence(movie: VegaMovie, title: string, year: number, genres: string[], date: Date): string {
  const director = text(movie.Director)
  const distributor = text(movie.Distributor)
  const source = text(movie.Source)
  const rating = text(movie['MPAA Rating'])
  const minutes = count(movie['Running Time min'])
  const tomatoes = count(movie['Rotten Tomatoes Rating'])
  const imdb = count(movie['IMDB Rating'])
  const votes = count(movie['IMDB Votes'])
  const kind = genres.map((genre) => genre.toLowerCase()).join(' and ')
  const parts = [
    `${title} is a ${year} ${kind} film${director ? ` directed by ${director}` : ''}${source ? `, ${source.toLowerCase()}` : ''}.`,
  ]
  const released = RELEASE_DATE.format(date)
  const facts = [
    `Released ${distributor ? `by ${distributor} ` : ''}on ${released}`,
    minutes ? `${minutes} minutes` : null,
    rating ? `rated ${rating}` : null,
  ].filter(Boolean)
  parts.push(`${facts.join(', ')}.`)
  const scores = [
    tomatoes !== null ? `${tomatoes}% on Rotten Tomatoes` : null,
    imdb !== null ? `${imdb}/10 on IMDb${votes ? ` from ${VOTES.format(votes)} votes` : ''}` : null,
  ].filter(Boolean)
  if (scores.length > 0) parts.push(`Critics and audiences: ${scores.join(', ')}.`)
  return parts.join(' ')
}

/**
 * The demo catalogue, most voted first (the synthetic interactions favour the first movies, so the
 * well-known films trend). Films without a usable title, date or genre are left out; two-digit
 * years the source turned into the 2020s (1925 as 2025) are put back in their century.
 */
export function demoMovies(source: readonly VegaMovie[]): DemoMovie[] {
  const seen = new Set<string>()
  const movies: (DemoMovie & { votes: number })[] = []
  for (const movie of source) {
    const title = text(typeof movie.Title === 'number' ? String(movie.Title) : movie.Title)
    const date = /^([A-Z][a-z]{2}) (\d{2}) (\d{4})$/.exec(text(movie['Release Date']) ?? '')
    if (!title || !date) continue
    let year = Number(date[3])
    if (year > 2012) year -= 100
    const month = MONTHS.indexOf(date[1] ?? '')
    if (month < 0 || year < 1900) continue
    const genres = [
      ...new Set([
        ...(MAJOR_GENRES[text(movie['Major Genre']) ?? ''] ?? []),
        ...(CREATIVE_GENRES[text(movie['Creative Type']) ?? ''] ?? []),
      ]),
    ]
    if (genres.length === 0) continue
    const key = slug(`${title} ${year}`)
    if (key === String(year) || seen.has(key)) continue
    seen.add(key)
    const released = new Date(Date.UTC(year, month, Number(date[2])))
    movies.push({
      movieId: importedMovieId({ demo: key }),
      key,
      title,
      year,
      releaseDate: released.toISOString().slice(0, 10),
      genres,
      overview: sentence(movie, title, year, genres, released),
      director: text(movie.Director),
      runtime: count(movie['Running Time min']),
      votes: count(movie['IMDB Votes']) ?? 0,
    })
  }
  movies.sort((a, b) => b.votes - a.votes || (a.title < b.title ? -1 : 1))
  return movies.map(({ votes: _, ...movie }) => movie)
}

async function readPlan(dataDir: string): Promise<Plan | null> {
  try {
    return JSON.parse(await readFile(join(dataDir, PLAN_FILE), 'utf8')) as Plan
  } catch (error) {
    if ((error as { code?: string }).code === 'ENOENT') return null
    throw error
  }
}

async function writePlan(dataDir: string, plan: Plan): Promise<void> {
  const file = join(dataDir, PLAN_FILE)
  // Owner-only: it holds the demo accounts' passwords (printed at every embedded start anyway).
  await writeFile(`${file}.tmp`, `${JSON.stringify(plan, null, 2)}\n`, { mode: 0o600 })
  await rename(`${file}.tmp`, file)
}

const password = () => randomBytes(9).toString('base64url')

function newPlan(now: Date): Plan {
  return {
    format: 2,
    state: 'loading',
    seed: SEED,
    startAt: new Date(now.getTime() - SPAN_MS).toISOString(),
    users: USERS,
    accounts: [
      { username: 'demo', email: 'demo@example.com', password: password(), role: 'user' },
      { username: 'analyst', email: 'analyst@example.com', password: password(), role: 'analyst' },
      { username: 'admin', email: 'admin@example.com', password: password(), role: 'admin' },
    ],
  }
}

/**
 * Whether a chunk was appended by an earlier, interrupted load: appendMany is all or nothing, so its
 * last event being stored means the whole chunk is (the check generate-events.ts makes too).
 * Skipping it is only quicker: appending it again would be an idempotent no-op, write by write.
 */
async function alreadyStored(store: EventStore, chunk: readonly StreamWrite[]): Promise<boolean> {
  const last = chunk.at(-1)
  const id = last?.events.at(-1)?.id
  if (!last || !id) return false
  for await (const event of store.readStream(last.stream, { direction: 'backwards', limit: 50 })) {
    if (event.id === id) return true
  }
  return false
}

export type DemoOutcome =
  | { kind: 'skipped' }
  | { kind: 'present'; accounts: DemoAccount[]; trained: boolean }
  | {
      kind: 'loaded'
      accounts: DemoAccount[]
      seconds: number
      movies: number
      interactions: number
      trained: false
    }

export type DemoDeps = {
  store: EventStore
  db: Kysely<Database>
  dataDir: string
  log: (message: string) => void
  signal?: AbortSignal
}

/** Reads the catalogue from the vega-datasets package (a dev dependency, like the pinned Node). */
async function catalogue(): Promise<DemoMovie[] | null> {
  try {
    // The package exports only its entry point (build/index.js); the data sits beside it.
    const file = new URL('../data/movies.json', import.meta.resolve('vega-datasets'))
    return demoMovies(JSON.parse(await readFile(file, 'utf8')) as VegaMovie[])
  } catch {
    return null
  }
}

type Interaction = { userId: string; movieId: string; at: number }

/** One write of a stream's first events, ids from the stream: the same plan always writes the same. */
function firstEvents(stream: string, events: Omit<NewEvent, 'id'>[]): StreamWrite {
  return {
    stream,
    expectedRevision: 'no_stream',
    events: events.map((event, i) => ({ ...event, id: uuidOf(`nexus-demo-event:${stream}:${i}`) })),
  }
}

/**
 * A user's first interactions with a movie: sometimes a watch first, then the rating (whole stars,
 * as the API takes them), then for the best rated sometimes a favourite or a like.
 */
function interactionEvents(interaction: Interaction, stars: number, random: () => number): StreamWrite {
  const { userId, movieId } = interaction
  const base = { userId, movieId }
  const meta = (at: number) => ({
    actorId: userId,
    correlationId: 'nexus-demo',
    occurredAt: new Date(at).toISOString(),
  })
  const events: Omit<NewEvent, 'id'>[] = []
  const watchedAt = interaction.at - 2 * 3600_000
  if (random() < 0.2) {
    events.push({
      type: 'MovieWatched',
      data: { ...base, progress: 1, watchedAt: new Date(watchedAt).toISOString() },
      metadata: meta(watchedAt),
    })
  }
  const ratedAt = new Date(interaction.at).toISOString()
  events.push({
    type: 'RatingGiven',
    data: { ...base, stars, review: null, ratedAt, previousStars: null },
    metadata: meta(interaction.at),
  })
  const roll = random()
  const later = interaction.at + 60_000
  if (stars === 5 && roll < 0.3)
    events.push({
      type: 'MovieFavorited',
      data: { ...base, favoritedAt: new Date(later).toISOString() },
      metadata: meta(later),
    })
  else if (stars >= 4 && roll < 0.5)
    events.push({
      type: 'MovieLiked',
      data: { ...base, likedAt: new Date(later).toISOString() },
      metadata: meta(later),
    })
  return firstEvents(`interaction-${userId}-${movieId}`, events)
}

/**
 * The synthetic users' interactions in chunks of about CHUNK events, oldest first: the
 * latent-factor generator's ratings of the demo films (its timestamps, 1996-2018, mapped onto the
 * week before the first start, so each user's activity stays together and in order).
 */
function* demoInteractions(plan: Plan, movies: readonly DemoMovie[]): Generator<StreamWrite[]> {
  const dataset = generateLatentFactorDataset({
    seed: plan.seed,
    users: plan.users,
    movies: movies.length,
    catalogue: movies,
    ...GENERATOR,
  })
  let first = Number.POSITIVE_INFINITY
  let last = Number.NEGATIVE_INFINITY
  for (const rating of dataset.ratings) {
    first = Math.min(first, rating.timestamp)
    last = Math.max(last, rating.timestamp)
  }
  const start = Date.parse(plan.startAt)
  // Keep the last two hours clear: the demo account rates then.
  const span = SPAN_MS - 3 * 3600_000
  const userIds = Array.from({ length: plan.users }, (_, i) =>
    uuidOf(`nexus-demo-user:${plan.seed}:${i + 1}`),
  )
  const ratings = dataset.ratings
    .map((rating) => ({
      userId: userIds[rating.userId - 1] as string,
      movieId: (movies[rating.movieId - 1] as DemoMovie).movieId,
      at: start + Math.round(((rating.timestamp - first) / Math.max(1, last - first)) * span),
      stars: Math.min(5, Math.max(1, Math.round(rating.rating))),
    }))
    .sort((a, b) => a.at - b.at || (a.userId < b.userId ? -1 : a.userId > b.userId ? 1 : 0))
  const random = seededRandom(plan.seed + 1)
  let chunk: StreamWrite[] = []
  let size = 0
  for (const rating of ratings) {
    const write = interactionEvents(rating, rating.stars, random)
    chunk.push(write)
    size += write.events.length
    if (size >= CHUNK) {
      yield chunk
      chunk = []
      size = 0
    }
  }
  if (chunk.length > 0) yield chunk
}

/**
 * The demo account's own ratings, two hours before the first start: the five most voted science
 * fiction films, loved (5 and 4 stars). (A low rating would still count a little as "watches this
 * kind", so there is none.)
 */
function demoAccountRatings(plan: Plan, userId: string, movies: readonly DemoMovie[]): StreamWrite[] {
  const rated = movies
    .filter((m) => m.genres.includes('Science Fiction'))
    .slice(0, 5)
    .map((movie, i) => ({ movie, stars: i % 2 === 0 ? 5 : 4 }))
  const at = Date.parse(plan.startAt) + SPAN_MS - 2 * 3600_000
  const random = () => 1 // no watch, favourite or like: ratings only
  return rated.map(({ movie, stars }, i) =>
    interactionEvents({ userId, movieId: movie.movieId, at: at + i * 60_000 }, stars, random),
  )
}

/** Registers the demo accounts (those an interrupted load registered are found); answers the user's id. */
async function registerAccounts(deps: DemoDeps, plan: Plan): Promise<string | null> {
  let demoUserId: string | null = null
  for (const account of plan.accounts) {
    let userId: string | null = null
    try {
      userId = (
        await registerUser(
          { store: deps.store, db: deps.db },
          { ...account, displayName: `Demo ${account.role}` },
          { allowReservedUsername: true, metadata: { correlationId: 'nexus-demo' } },
        )
      ).userId
    } catch (error) {
      // Registered by an earlier, interrupted load: the username's holder is the account.
      if (error instanceof ValueTakenError) userId = error.holder
      else if (!(error instanceof AppError && error.statusCode === 409)) throw error
    }
    if (account.role === 'user') demoUserId = userId
  }
  return demoUserId
}

/**
 * Loads the demo data when the store is empty (or resumes a load that was interrupted); answers
 * what happened, with the accounts to print.
 */
export async function ensureDemoData(deps: DemoDeps, now = new Date()): Promise<DemoOutcome> {
  let plan = await readPlan(deps.dataDir)
  if (plan?.state === 'done')
    return { kind: 'present', accounts: plan.accounts, trained: plan.trainedAt !== undefined }
  if (plan !== null && plan.format !== 2) {
    deps.log(
      `demo data: ${deps.dataDir} holds a demo load an older version started and did not finish; ` +
        'delete the directory to load the current demo',
    )
    return { kind: 'skipped' }
  }
  if (plan === null) {
    // Only an empty store gets the demo: never mix it into data someone else wrote.
    if ((await deps.store.headPosition()) !== START) return { kind: 'skipped' }
    plan = newPlan(now)
    await writePlan(deps.dataDir, plan)
  }
  const movies = await catalogue()
  if (movies === null) {
    deps.log('demo data: the vega-datasets package is not installed (npm ci installs it): starting empty')
    return { kind: 'skipped' }
  }
  const started = performance.now()
  deps.log(
    `demo data: loading ${movies.length} movies, the interactions of ${plan.users} users and 3 accounts (first start only)`,
  )

  // importMovies skips a movie already stored (an interrupted load); a chunk whose last movie is
  // stored was wholly written (appendMany is all or nothing), so it is not even looked at.
  const importedAt = new Date(plan.startAt)
  for (let i = 0; i < movies.length; i += CHUNK) {
    if (deps.signal?.aborted) throw new Error('demo data loading interrupted')
    const chunk = movies.slice(i, i + CHUNK)
    const last = chunk.at(-1) as DemoMovie
    if ((await deps.store.streamRevision(`movie-${last.movieId}`)) !== null) continue
    const result = await importMovies(
      deps.store,
      chunk.map((movie) => ({
        title: movie.title,
        year: movie.year,
        genres: movie.genres,
        overview: movie.overview,
        releaseDate: movie.releaseDate,
        externalIds: { demo: movie.key },
        // The director by name (no TMDb person id: people are keyed by name, src/domain/movie/media.ts).
        media: {
          runtime: movie.runtime === null ? null : Math.round(movie.runtime),
          crew:
            movie.director === null
              ? []
              : [
                  {
                    tmdbId: null,
                    name: movie.director,
                    role: 'director',
                    job: 'Director',
                    profilePath: null,
                  },
                ],
        },
      })),
      {
        source: 'demo',
        jobId: null,
        now: importedAt,
        metadata: { correlationId: 'nexus-demo' },
        chunkSize: CHUNK,
        signal: deps.signal,
      },
    )
    const failed = result.failed[0]
    if (failed) throw new Error(`demo film ${JSON.stringify(failed.externalIds)} refused: ${failed.message}`)
  }

  let written = 0
  for (const chunk of demoInteractions(plan, movies)) {
    if (deps.signal?.aborted) throw new Error('demo data loading interrupted')
    if (!(await alreadyStored(deps.store, chunk))) await deps.store.appendMany(chunk)
    written += chunk.reduce((n, write) => n + write.events.length, 0)
  }

  const demoUserId = await registerAccounts(deps, plan)
  if (demoUserId !== null) {
    const own = demoAccountRatings(plan, demoUserId, movies)
    if (!(await alreadyStored(deps.store, own))) await deps.store.appendMany(own)
    written += own.reduce((n, write) => n + write.events.length, 0)
  }

  const seconds = (performance.now() - started) / 1000
  await writePlan(deps.dataDir, {
    ...plan,
    state: 'done',
    loadedIn: { seconds, movies: movies.length, interactions: written },
  })
  return {
    kind: 'loaded',
    accounts: plan.accounts,
    seconds,
    movies: movies.length,
    interactions: written,
    trained: false,
  }
}

/** The first start's training job: one id, so a training cut short and run again records once. */
const DEMO_TRAINING_JOB = uuidOf('nexus-demo-training')

/**
 * Trains the recommender once over the projected demo data (call it when the projections have
 * caught up), so the demo account's recommendations are personal from the first start; the plan
 * records it, and a start stopped before it trains at the next one. Answers the outcome, or null
 * when there is nothing to do (no demo, or already trained).
 */
export async function ensureDemoModel(
  deps: { db: Kysely<Database>; pool: pg.Pool; store: EventStore; dataDir: string; signal?: AbortSignal },
  now = () => new Date(),
): Promise<TrainingOutcome | null> {
  const plan = await readPlan(deps.dataDir)
  if (plan?.state !== 'done' || plan.trainedAt !== undefined) return null
  const outcome = await trainRecommender(
    { db: deps.db, pool: deps.pool, store: deps.store },
    { jobId: DEMO_TRAINING_JOB, idempotencyKey: 'nexus-demo-training', signal: deps.signal, now },
  )
  await writePlan(deps.dataDir, { ...plan, trainedAt: now().toISOString() })
  return outcome
}
