/**
 * A local stand-in for TMDb v3 (we have no internet): a node:http server answering the endpoints
 * Nexus uses with TMDb's documented JSON shapes (result pages with page/total_pages/total_results;
 * movies with id, title, release_date, genre_ids, overview, popularity, vote_average; details with
 * genres, imdb_id, runtime, tagline, poster and backdrop paths, and with append_to_response=credits
 * the credits: cast with billing order, crew with job and department; /configuration with the
 * image base URL and sizes) and its documented errors ({ status_code, status_message, success: false }:
 * 7 invalid API key (401), 34 not found (404), 25 over the rate limit (429, Retry-After), 11
 * internal error (500), 9 service offline (503)). Switches inject failures and delays; every
 * request is recorded (without credentials) so tests count what reached "TMDb".
 * @see https://developer.themoviedb.org/docs/errors
 */
import { once } from 'node:events'
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http'
import type { AddressInfo } from 'node:net'

type Teardown = { teardown(fn: () => unknown): void }

export type FakeMovie = {
  id: number
  title: string
  /** "" when unknown, as TMDb sends it. */
  release_date: string
  genre_ids: number[]
  overview: string
  popularity: number
  vote_average: number
  vote_count: number
  imdb_id: string | null
}

export type FakeFailure = {
  status: 429 | 500 | 502 | 503 | 504
  /** Seconds, sent as Retry-After (429 usually carries it). */
  retryAfter?: number
  /** Only requests whose path starts with this (after /3) fail. */
  path?: string
}

export type RecordedRequest = {
  path: string
  /** The query without api_key. */
  query: Record<string, string>
  auth: 'api_key' | 'bearer' | 'none'
  status: number
}

export type FakeTmdb = {
  /** What TMDB_BASE_URL is set to: http://127.0.0.1:<port>/3 */
  baseUrl: string
  apiKey: string
  readToken: string
  movies: FakeMovie[]
  genres: { id: number; name: string }[]
  requests: RecordedRequest[]
  /** Requests whose path starts with `prefix` (all when omitted). */
  count(prefix?: string): number
  /** The next `times` matching requests fail with `failure`. */
  failNext(times: number, failure: FakeFailure): void
  /** Down: every request answers 503 (`'503'`) or has its connection cut (`'reset'`); false: up again. */
  setDown(mode: false | '503' | 'reset'): void
  /** Every answer waits this long first (timeouts). */
  setDelay(ms: number): void
  /** Back to healthy, requests forgotten. */
  reset(): void
}

/** TMDb's /configuration images part, as TMDb serves it (sizes as documented). */
export const TMDB_IMAGE_CONFIGURATION = {
  base_url: 'http://image.tmdb.org/t/p/',
  secure_base_url: 'https://image.tmdb.org/t/p/',
  backdrop_sizes: ['w300', 'w780', 'w1280', 'original'],
  logo_sizes: ['w45', 'w92', 'w154', 'w185', 'w300', 'w500', 'original'],
  poster_sizes: ['w92', 'w154', 'w185', 'w342', 'w500', 'w780', 'original'],
  profile_sizes: ['w45', 'w185', 'h632', 'original'],
  still_sizes: ['w92', 'w185', 'w300', 'original'],
}

/** Fake people: ids 5001.. (actors), 9001.. (directors), 9101.. (writers). */
export const fakePersonName = (id: number) => `Person ${id}`

/**
 * The credits of fake movie `id`: 12 cast members (so the top 10 are kept) from a pool of 30
 * actors, so movies share actors; one director of 5; a screenplay writer of 7 and a novelist (the
 * Writing department); and a producer and a composer (neither kept). Billing order is given
 * shuffled: the importer sorts by it.
 */
export function fakeCredits(id: number) {
  const cast = Array.from({ length: 12 }, (_, order) => ({
    adult: false,
    id: 5001 + ((id + order * 7) % 30),
    name: fakePersonName(5001 + ((id + order * 7) % 30)),
    character: `Role ${order + 1}`,
    order,
    profile_path: order % 2 === 0 ? `/p${5001 + ((id + order * 7) % 30)}.jpg` : null,
    known_for_department: 'Acting',
  })).reverse()
  const director = 9001 + (id % 5)
  const writer = 9101 + (id % 7)
  const crew = [
    { id: 9901, name: fakePersonName(9901), job: 'Producer', department: 'Production', profile_path: null },
    {
      id: writer,
      name: fakePersonName(writer),
      job: 'Screenplay',
      department: 'Writing',
      profile_path: null,
    },
    {
      id: director,
      name: fakePersonName(director),
      job: 'Director',
      department: 'Directing',
      profile_path: `/d${director}.jpg`,
    },
    {
      id: 9902,
      name: fakePersonName(9902),
      job: 'Original Music Composer',
      department: 'Sound',
      profile_path: null,
    },
    { id: 9201, name: fakePersonName(9201), job: 'Novel', department: 'Writing', profile_path: null },
  ]
  return { cast, crew }
}

export const TMDB_GENRES = [
  { id: 28, name: 'Action' },
  { id: 12, name: 'Adventure' },
  { id: 16, name: 'Animation' },
  { id: 35, name: 'Comedy' },
  { id: 80, name: 'Crime' },
  { id: 18, name: 'Drama' },
  { id: 14, name: 'Fantasy' },
  { id: 27, name: 'Horror' },
  { id: 9648, name: 'Mystery' },
  { id: 10749, name: 'Romance' },
  { id: 878, name: 'Science Fiction' },
  { id: 53, name: 'Thriller' },
]

const WORDS = [
  'Silent',
  'Harbor',
  'Crimson',
  'Echo',
  'Paper',
  'Tiger',
  'Last',
  'Orbit',
  'Winter',
  'Garden',
  'Iron',
  'Lantern',
]

/** A deterministic catalogue: `count` movies with ids 1001.., varied titles, years, genres. */
export function fakeMovies(count: number): FakeMovie[] {
  return Array.from({ length: count }, (_, i) => {
    const year = 1970 + ((i * 7) % 55)
    const month = String(1 + (i % 12)).padStart(2, '0')
    const day = String(1 + (i % 28)).padStart(2, '0')
    return {
      id: 1001 + i,
      title: `${WORDS[i % WORDS.length]} ${WORDS[(i * 5 + 3) % WORDS.length]} ${i + 1}`,
      release_date: `${year}-${month}-${day}`,
      genre_ids: [
        TMDB_GENRES[i % TMDB_GENRES.length]?.id ?? 18,
        TMDB_GENRES[(i * 3 + 1) % TMDB_GENRES.length]?.id ?? 35,
      ],
      overview: `Overview of fake movie ${i + 1}.`,
      popularity: Math.round((1000 - i * 3.7) * 100) / 100,
      vote_average: Math.round((5 + ((i * 13) % 50) / 10) * 10) / 10,
      vote_count: 100 + i * 11,
      imdb_id: `tt${String(7000000 + i).padStart(7, '0')}`,
    }
  })
}

const ERRORS = {
  401: {
    status_code: 7,
    status_message: 'Invalid API key: You must be granted a valid key.',
    success: false,
  },
  404: { status_code: 34, status_message: 'The resource you requested could not be found.', success: false },
  429: {
    status_code: 25,
    status_message: 'Your request count (#) is over the allowed limit of (40).',
    success: false,
  },
  500: {
    status_code: 11,
    status_message: 'Internal error: Something went wrong, contact TMDb.',
    success: false,
  },
  502: {
    status_code: 11,
    status_message: 'Internal error: Something went wrong, contact TMDb.',
    success: false,
  },
  503: {
    status_code: 9,
    status_message: 'Service offline: This service is temporarily offline, try again later.',
    success: false,
  },
  504: {
    status_code: 24,
    status_message: 'Your request to the backend server timed out. Try again.',
    success: false,
  },
  422: {
    status_code: 22,
    status_message: 'Invalid page: Pages start at 1 and max at 500. They are expected to be an integer.',
    success: false,
  },
} as const

const PAGE_SIZE = 20

export async function startFakeTmdb(
  t: Teardown,
  options: { movies?: FakeMovie[]; apiKey?: string; readToken?: string } = {},
): Promise<FakeTmdb> {
  const apiKey = options.apiKey ?? 'fake-api-key-0123456789abcdef'
  const readToken = options.readToken ?? 'fake-read-token-eyJhbGciOiJIUzI1NiJ9'
  const movies = options.movies ?? fakeMovies(100)
  const requests: RecordedRequest[] = []
  let failures: (FakeFailure & { remaining: number })[] = []
  let down: false | '503' | 'reset' = false
  let delayMs = 0

  const summary = (movie: FakeMovie) => {
    const { imdb_id: _imdb, ...rest } = movie
    return {
      adult: false,
      original_language: 'en',
      original_title: movie.title,
      poster_path: `/poster${movie.id}.jpg`,
      backdrop_path: movie.id % 3 === 0 ? null : `/backdrop${movie.id}.jpg`,
      video: false,
      ...rest,
    }
  }
  const page = (list: FakeMovie[], number: number) => ({
    page: number,
    results: list.slice((number - 1) * PAGE_SIZE, number * PAGE_SIZE).map(summary),
    total_pages: Math.ceil(list.length / PAGE_SIZE),
    total_results: list.length,
  })

  function route(path: string, query: URLSearchParams): { status: number; body: unknown } {
    const pageNumber = Number(query.get('page') ?? '1')
    const paged = (list: FakeMovie[]) =>
      Number.isInteger(pageNumber) && pageNumber >= 1 && pageNumber <= 500
        ? { status: 200, body: page(list, pageNumber) }
        : { status: 422, body: ERRORS[422] }
    const trending = /^\/trending\/movie\/(day|week)$/.exec(path)
    if (trending) {
      // Day: by popularity; week: by votes, so the two windows differ like TMDb's do.
      const sorted = [...movies].sort((a, b) =>
        trending[1] === 'day' ? b.popularity - a.popularity : b.vote_count - a.vote_count,
      )
      return paged(sorted)
    }
    if (path === '/genre/movie/list') return { status: 200, body: { genres: TMDB_GENRES } }
    if (path === '/configuration') {
      return {
        status: 200,
        body: { images: TMDB_IMAGE_CONFIGURATION, change_keys: ['adult', 'backdrop_path', 'poster_path'] },
      }
    }
    if (path === '/discover/movie') {
      const genre = Number(query.get('with_genres') ?? 'NaN')
      return paged(Number.isNaN(genre) ? movies : movies.filter((m) => m.genre_ids.includes(genre)))
    }
    const movie = /^\/movie\/(\d+)(\/recommendations|\/similar)?$/.exec(path)
    if (movie) {
      const found = movies.find((m) => m.id === Number(movie[1]))
      if (!found) return { status: 404, body: ERRORS[404] }
      if (movie[2]) {
        const others = movies.filter(
          (m) => m.id !== found.id && m.genre_ids.some((g) => found.genre_ids.includes(g)),
        )
        return paged(movie[2] === '/similar' ? others.reverse() : others)
      }
      const { genre_ids, ...rest } = found
      const appended = (query.get('append_to_response') ?? '').split(',')
      return {
        status: 200,
        body: {
          ...rest,
          adult: false,
          runtime: 100 + (found.id % 40),
          genres: TMDB_GENRES.filter((g) => genre_ids.includes(g.id)),
          status: 'Released',
          original_language: found.id % 4 === 0 ? 'fr' : 'en',
          tagline: `Tagline of ${found.title}.`,
          poster_path: `/poster${found.id}.jpg`,
          backdrop_path: found.id % 3 === 0 ? null : `/backdrop${found.id}.jpg`,
          ...(appended.includes('credits') ? { credits: { id: found.id, ...fakeCredits(found.id) } } : {}),
        },
      }
    }
    return { status: 404, body: ERRORS[404] }
  }

  async function handle(request: IncomingMessage, response: ServerResponse): Promise<void> {
    const url = new URL(request.url ?? '/', 'http://fake')
    const path = url.pathname.replace(/^\/3(?=\/)/, '')
    const key = url.searchParams.get('api_key')
    url.searchParams.delete('api_key')
    const bearer = request.headers.authorization
    const auth = key !== null ? 'api_key' : bearer ? 'bearer' : 'none'
    const record = (status: number) =>
      requests.push({ path, query: Object.fromEntries(url.searchParams), auth, status })
    const send = (status: number, body: unknown, headers: Record<string, string> = {}) => {
      record(status)
      if (response.destroyed) return
      response.writeHead(status, { 'content-type': 'application/json;charset=utf-8', ...headers })
      response.end(JSON.stringify(body))
    }
    if (delayMs > 0) await new Promise((resolve) => setTimeout(resolve, delayMs))
    if (down === 'reset') {
      record(0)
      request.socket.destroy()
      return
    }
    if (down === '503') return send(503, ERRORS[503])
    const failure = failures.find((f) => f.remaining > 0 && (f.path === undefined || path.startsWith(f.path)))
    if (failure) {
      failure.remaining--
      failures = failures.filter((f) => f.remaining > 0)
      return send(
        failure.status,
        ERRORS[failure.status],
        failure.retryAfter === undefined ? {} : { 'retry-after': String(failure.retryAfter) },
      )
    }
    const authorised = key !== null ? key === apiKey : bearer === `Bearer ${readToken}`
    if (!authorised) return send(401, ERRORS[401])
    const { status, body } = route(path, url.searchParams)
    send(status, body)
  }

  const server = createServer((request, response) => {
    handle(request, response).catch(() => response.destroy())
  })
  server.listen(0, '127.0.0.1')
  await once(server, 'listening')
  t.teardown(async () => {
    server.closeAllConnections()
    await new Promise((resolve) => server.close(resolve))
  })
  const { port } = server.address() as AddressInfo
  return {
    baseUrl: `http://127.0.0.1:${port}/3`,
    apiKey,
    readToken,
    movies,
    genres: TMDB_GENRES,
    requests,
    count: (prefix = '') => requests.filter((r) => r.path.startsWith(prefix)).length,
    failNext(times, failure) {
      failures.push({ ...failure, remaining: times })
    },
    setDown(mode) {
      down = mode
    },
    setDelay(ms) {
      delayMs = ms
    },
    reset() {
      failures = []
      down = false
      delayMs = 0
      requests.length = 0
    },
  }
}
