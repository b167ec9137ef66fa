/**
 * The demo data embedded mode loads into an empty store on its first start, so a newcomer's API
 * answers with something to look at: about 2,900 real films (vega-datasets' movies.json, BSD-3-Clause:
 * titles, release dates, genres, directors, box office and ratings; the overview is composed from
 * those fields), seeded synthetic interactions over the past week from src/generate/synthetic-log.ts
 * (so trending has a day and a week to show), and three accounts, user, analyst and admin.
 *
 * Everything goes through the event store's bulk path (appendMany) with ids derived from the data
 * and the seed, and the plan (seed, start time, passwords) is written to the data directory before
 * the first event: an interrupted load is resumed by the next start, and appends already stored are
 * idempotent no-ops. Movies are MovieAdded events for now (a MovieImported event with external ids
 * is being added elsewhere; the demo should move to it once it lands).
 */
import { createHash, randomBytes } from 'node:crypto'
import { readFile, rename, writeFile } from 'node:fs/promises'
import { join } from 'node:path'
import type { Kysely } from 'kysely'
import type { Database } from '../db/schema.ts'
import { decide } from '../domain/movie/decide.ts'
import { movieStream } from '../domain/movie/movie.ts'
import type { Role } from '../domain/user/user.ts'
import { AppError } from '../errors.ts'
import { type EventStore, START, type StreamWrite } from '../event-store/contract.ts'
import { syntheticLog } from '../generate/synthetic-log.ts'
import { registerUser } from '../write/identity/register.ts'

export type DemoAccount = { username: string; email: string; password: string; role: Role }

type Plan = {
  format: 1
  state: 'loading' | 'done'
  seed: number
  /** The interactions start here and come about every 15 s: the last ones are around the first start. */
  startAt: string
  interactions: number
  accounts: DemoAccount[]
  loadedIn?: { seconds: number; movies: number; interactions: number }
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
  title: string
  year: number
  releaseDate: string
  genres: string[]
  overview: string
}

const PLAN_FILE = 'demo.json'
const INTERACTIONS = 40_000
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

/** A UUID whose bits come from a SHA-256 of `text`: the same film always gets the same id. */
export function uuidOf(text: string): string {
  const hex = createHash('sha256').update(text).digest('hex')
  const variant = ((Number.parseInt(hex[16] ?? '0', 16) & 0x3) | 0x8).toString(16)
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-5${hex.slice(13, 16)}-${variant}${hex.slice(17, 20)}-${hex.slice(20, 32)}`
}

const text = (value: unknown) => (typeof value === 'string' && value.trim() !== '' ? value.trim() : null)
const count = (value: unknown) => (typeof value === 'number' && Number.isFinite(value) ? value : null)

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
  const released = date.toLocaleDateString('en-GB', {
    day: 'numeric',
    month: 'long',
    year: 'numeric',
    timeZone: 'UTC',
  })
  const facts = [
    `Released ${distributor ? `by ${distributor} ` : ''}on ${released}`,
    minutes ? `${minutes} minutes` : null,
    rating ? `rated ${rating}` : null,
  ].filter(Boolean)
  parts.push(`${facts.join(', ')}.`)
  const scores = [
    tomatoes !== null ? `${tomatoes}% on Rotten Tomatoes` : null,
    imdb !== null ? `${imdb}/10 on IMDb${votes ? ` from ${votes.toLocaleString('en-US')} votes` : ''}` : null,
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
    const key = `${title.toLowerCase()}|${year}`
    if (seen.has(key)) continue
    seen.add(key)
    const released = new Date(Date.UTC(year, month, Number(date[2])))
    movies.push({
      movieId: uuidOf(`nexus-demo-movie:${key}`),
      title,
      year,
      releaseDate: released.toISOString().slice(0, 10),
      genres,
      overview: sentence(movie, title, year, genres, released),
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
    format: 1,
    state: 'loading',
    seed: SEED,
    startAt: new Date(now.getTime() - SPAN_MS).toISOString(),
    interactions: INTERACTIONS,
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
  | { kind: 'present'; accounts: DemoAccount[] }
  | { kind: 'loaded'; accounts: DemoAccount[]; seconds: number; movies: number; interactions: number }

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

/**
 * Loads the demo data when the store is empty (or resumes a load that was interrupted); answers
 * what happened, with the accounts to print.
 */
export async function ensureDemoData(deps: DemoDeps, now = new Date()): Promise<DemoOutcome> {
  let plan = await readPlan(deps.dataDir)
  if (plan?.state === 'done') return { kind: 'present', accounts: plan.accounts }
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
    `demo data: loading ${movies.length} movies, ${plan.interactions} interactions and 3 accounts (first start only)`,
  )

  const addedAt = new Date(plan.startAt)
  for (let i = 0; i < movies.length; i += CHUNK) {
    if (deps.signal?.aborted) throw new Error('demo data loading interrupted')
    const writes: StreamWrite[] = movies.slice(i, i + CHUNK).map((movie) => {
      const [event] = decide(
        {
          type: 'AddMovie',
          data: { ...movie, addedBy: null },
          metadata: { now: addedAt },
        },
        { status: 'unknown' },
      )
      return {
        stream: movieStream(movie.movieId),
        expectedRevision: 'no_stream',
        events: [
          {
            id: uuidOf(`nexus-demo-event:${movie.movieId}:0`),
            type: event?.type ?? 'MovieAdded',
            data: event?.data,
            metadata: { actorId: null, correlationId: 'nexus-demo', schemaVersion: 1 },
          },
        ],
      }
    })
    if (!(await alreadyStored(deps.store, writes))) await deps.store.appendMany(writes)
  }

  const log = syntheticLog({
    seed: plan.seed,
    events: plan.interactions,
    chunkSize: CHUNK,
    startAt: new Date(plan.startAt),
    maxGapMs: Math.floor((2 * SPAN_MS) / plan.interactions),
    movieIds: movies.map((movie) => movie.movieId),
    users: 800,
  })
  let written = 0
  for (const chunk of log) {
    if (deps.signal?.aborted) throw new Error('demo data loading interrupted')
    if (!(await alreadyStored(deps.store, chunk))) await deps.store.appendMany(chunk)
    written += chunk.reduce((n, write) => n + write.events.length, 0)
  }

  for (const account of plan.accounts) {
    try {
      await registerUser(
        { store: deps.store, db: deps.db },
        { ...account, displayName: `Demo ${account.role}` },
        { allowReservedUsername: true, metadata: { correlationId: 'nexus-demo' } },
      )
    } catch (error) {
      // Registered by an earlier, interrupted load.
      if (!(error instanceof AppError && error.statusCode === 409)) throw error
    }
  }
  const seconds = (performance.now() - started) / 1000
  await writePlan(deps.dataDir, {
    ...plan,
    state: 'done',
    loadedIn: { seconds, movies: movies.length, interactions: written },
  })
  return { kind: 'loaded', accounts: plan.accounts, seconds, movies: movies.length, interactions: written }
}
