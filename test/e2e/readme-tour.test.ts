/**
 * The README's curl tour, run verbatim through bash against the real server, so the README never
 * lies: once on the real `npm start` in embedded mode (no service variables, a temporary data
 * directory, the demo data), once on PostgreSQL and Redis servers; each restarts the server and
 * checks that the data survived.
 */
import { execFile } from 'node:child_process'
import { randomUUID } from 'node:crypto'
import { mkdtemp, readFile, rm } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { setTimeout as sleep } from 'node:timers/promises'
import { promisify } from 'node:util'
import t, { type Test } from 'tap'
import { PostgresEventStore } from '../../src/event-store/postgres/postgres-event-store.ts'
import { createTestDatabase } from '../support/database.ts'
import {
  type ServerProcess,
  startEmbedded,
  startServer,
  uniqueRedisPrefix,
} from '../support/server-process.ts'

const run = promisify(execFile)
const readme = await readFile(new URL('../../README.md', import.meta.url), 'utf8')
const MARKER = '<<<readme-tour-command-end>>>'

/** A section's shell blocks that call curl, each cut into commands (continuations joined). */
function shellCommands(heading: string): string[] {
  const start = readme.indexOf(heading)
  if (start === -1) return []
  const end = readme.indexOf('\n## ', start + 1)
  const section = readme.slice(start, end === -1 ? undefined : end)
  const blocks = [...section.matchAll(/```sh\n([\s\S]*?)```/g)]
    .map((match) => match[1] ?? '')
    .filter((block) => block.includes('curl'))
  const commands: string[] = []
  for (const block of blocks) {
    let current = ''
    for (const line of block.split('\n')) {
      if (line.trim() === '' || line.startsWith('#')) continue
      current += current ? `\n${line}` : line
      if (!line.endsWith('\\')) {
        commands.push(current)
        current = ''
      }
    }
  }
  return commands
}

const commands = shellCommands('## API tour')
const firstCommands = readme.slice(0, readme.indexOf('\n## ', readme.indexOf('## Start and test') + 1))

t.test('the README starts with the two commands and tours the API on localhost:3000', async (t) => {
  t.match(
    firstCommands,
    /```sh\nnpm ci && npm start[^\n]*\nnpm test[^\n]*\n```/,
    'npm start and npm test first',
  )
  const order = ['## Start and test', '## API tour', '## Configuration', '## With docker compose'].map((h) =>
    readme.indexOf(h),
  )
  t.ok(
    order.every((at, i) => at > 0 && (i === 0 || at > (order[i - 1] ?? 0))),
    'then the tour, the configuration table and docker compose',
  )
  t.ok(readme.includes('| `NEXUS_DATA_DIR`'), 'the table has NEXUS_DATA_DIR')
  for (const path of [
    '/auth/register',
    '/auth/login',
    '/rating',
    '/me/ratings',
    '/movies/trending',
    '/me/recommendations',
  ]) {
    t.ok(
      commands.some((command) => command.includes(path) && command.includes('localhost:3000')),
      `the tour calls ${path}`,
    )
  }
})

type Recommendations = {
  items: { movieId: string; reason: string; because: { movieId: string } | null }[]
  personalShare: number
  model: { id: number; name: string }
}
type Tour = {
  movie: string
  token: string
  trending: Record<string, unknown>
  recommendations: Recommendations
}

/** Runs the tour against the server; checks each step's answer; answers what later checks need. */
async function runTour(t: Test, server: ServerProcess): Promise<Tour> {
  // The commands run verbatim; a marker after each one tells their outputs apart, and a last line
  // shows the token the tour's login kept in $TOKEN.
  const script = [...commands, 'printf %s "$TOKEN"']
    .map((command) => `${command.replaceAll('localhost:3000', `127.0.0.1:${server.port}`)}\necho '${MARKER}'`)
    .join('\n')
  const { stdout } = await run('bash', ['-c', script], { timeout: 120_000 })
  const outputs = stdout.split(`${MARKER}\n`).map((output) => output.trim())
  const outputOf = (needle: string): string => outputs[commands.findIndex((c) => c.includes(needle))] ?? ''
  const parse = (text: string): Record<string, unknown> => {
    try {
      return JSON.parse(text) as Record<string, unknown>
    } catch {
      t.fail(`not JSON: ${text}`)
      return {}
    }
  }

  const registered = parse(outputOf('/auth/register'))
  t.match(registered, { userId: String, username: 'ada' }, 'registration succeeded')
  const token = outputs[commands.length] ?? ''
  t.match(token, /^[\w-]+\.[\w-]+\.[\w-]+$/, 'the login gave a token')
  const movie = outputOf('MOVIE=')
  t.match(movie, /^[0-9a-f-]{36}$/, 'the tour picked a movie of the catalogue')
  const rated = parse(outputOf('/rating'))
  t.match(rated, { changed: true, position: /^[0-9a-f]{32}$/ }, 'the rating changed and gave a position')
  const mine = parse(outputOf('/me/ratings'))
  t.match(mine, { items: [{ movieId: movie, stars: 4 }] }, 'my ratings list holds the rating')
  const trending = parse(outputOf('/movies/trending'))
  t.match(trending, { window: 'week', items: Array }, 'trending answers')
  const recommendations = parse(outputOf('/me/recommendations')) as Recommendations
  t.match(recommendations, { items: Array, model: { id: Number } }, 'recommendations answer')
  t.equal(recommendations.personalShare, 0.25, 'one liked movie: a quarter personal')
  t.notOk(
    recommendations.items?.some((item) => item.movieId === movie),
    'the movie just rated is not recommended',
  )
  return { movie, token, trending, recommendations }
}

async function signIn(server: ServerProcess, login: string, password: string): Promise<Response> {
  return fetch(`${server.base}/api/v1/auth/login`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ login, password }),
  })
}

/** After a restart: ada signs in and her rating is still there. */
async function ratingSurvived(t: Test, server: ServerProcess, movie: string): Promise<void> {
  const login = await signIn(server, 'ada', 'correct horse battery')
  t.equal(login.status, 200, 'signs in after the restart')
  const { accessToken } = (await login.json()) as { accessToken: string }
  const after = await fetch(`${server.base}/api/v1/me/ratings`, {
    headers: { authorization: `Bearer ${accessToken}` },
  })
  t.equal(after.status, 200)
  t.match(await after.json(), { items: [{ movieId: movie, stars: 4 }] }, 'the rating survived the restart')
}

t.test('embedded: the real npm start, no service variables, demo data, the tour, a restart', async (t) => {
  const dataDir = await mkdtemp(join(tmpdir(), 'nexus-embedded-'))
  t.teardown(() => rm(dataDir, { recursive: true, force: true }))

  const first = await startEmbedded(t, { dataDir })
  const ready = (await (await fetch(`${first.base}/health/ready`)).json()) as Record<string, unknown>
  t.match(ready, { status: 'ready', mode: 'embedded', eventStore: 'postgres' }, '/health/ready says embedded')
  const banner = first.output()
  t.match(banner, /demo data: loading \d+ movies/, 'the first start loads the demo data')
  t.match(
    banner,
    new RegExp(`API +http://127\\.0\\.0\\.1:${first.port}/api/v1`),
    'it prints where the API is',
  )
  t.match(banner, new RegExp(`docs +http://127\\.0\\.0\\.1:${first.port}/api/docs`), 'and where the docs are')
  const admin = /admin +admin +password (\S+)/.exec(banner)?.[1]
  t.ok(admin, 'it prints the demo admin password')
  const docs = await fetch(`${first.base}/api/docs/json`)
  t.equal(docs.status, 200, 'the OpenAPI document is served')

  const catalogue = (await (await fetch(`${first.base}/api/v1/movies?limit=100`)).json()) as {
    items: { title: string }[]
  }
  t.equal(catalogue.items.length, 100, 'the demo catalogue is listed')
  t.match(banner, /demo data: recommender trained/, 'the first start trains the recommender')
  t.notMatch(
    banner,
    /recommender retrained/,
    'once: the retrain reactor waits for the training on the whole demo (no retrain halfway through it)',
  )
  const tour = await runTour(t, first)
  t.ok((tour.trending.items as unknown[]).length > 0, 'trending has demo movies')
  // The model trained on the demo at the first start serves ada's one rating at once.
  const { recommendations } = tour
  t.ok(recommendations.model.id > 0, `a trained model serves (${recommendations.model.name})`)
  t.equal(recommendations.items.length, 3, 'three recommendations')
  t.ok(
    recommendations.items.some(
      (item) => item.because?.movieId === tour.movie && /^because you liked /.test(item.reason),
    ),
    `personal: "because you liked" the rated movie (${recommendations.items.map((i) => i.reason).join('; ')})`,
  )
  t.equal(await first.stop(), 0, `exit code 0 (${first.output().slice(-300)})`)

  const second = await startEmbedded(t, { dataDir, readyTimeoutMs: 60_000 })
  t.notMatch(second.output(), /demo data: loading/, 'the restart does not load the demo data again')
  t.match(
    second.output(),
    new RegExp(`admin +admin +password ${admin}`),
    'the same demo accounts are printed',
  )
  await ratingSurvived(t, second, tour.movie)
  const adminLogin = await signIn(second, 'admin', admin ?? '')
  t.equal(adminLogin.status, 200, 'the printed admin password signs in')
  const { accessToken } = (await adminLogin.json()) as { accessToken: string }
  const users = await fetch(`${second.base}/api/v1/admin/users`, {
    headers: { authorization: `Bearer ${accessToken}` },
  })
  t.equal(users.status, 200, 'as an admin')
  const trending = (await (
    await fetch(`${second.base}/api/v1/movies/trending?window=week&limit=3`)
  ).json()) as {
    items: { movieId: string }[]
  }
  t.strictSame(
    trending.items.map((item) => item.movieId),
    (tour.trending.items as { movieId: string }[]).map((item) => item.movieId),
    'the counters survived the restart (the same week top 3)',
  )
  t.equal(await second.stop(), 0, `exit code 0 after the restart (${second.output().slice(-300)})`)
})

t.test('services: the tour on PostgreSQL and Redis servers, and a restart', async (t) => {
  const { url, pool } = await createTestDatabase(t)
  const redisKeyPrefix = uniqueRedisPrefix()
  // No demo data in services mode: the tour's movie is one the catalogue already holds.
  const store = new PostgresEventStore(pool, { connectionString: url })
  const movieId = randomUUID()
  await store.append(
    `movie-${movieId}`,
    [
      {
        id: randomUUID(),
        type: 'MovieAdded',
        data: {
          movieId,
          title: 'The Tour',
          year: 2020,
          genres: ['Drama'],
          overview: null,
          releaseDate: null,
          addedAt: new Date().toISOString(),
          addedBy: null,
        },
        metadata: { schemaVersion: 1 },
      },
    ],
    'no_stream',
  )
  await store.close()
  const server = await startServer(t, { databaseUrl: url, redisKeyPrefix })
  for (let i = 0; i < 100; i++) {
    const listed = (await (await fetch(`${server.base}/api/v1/movies?limit=1`)).json()) as {
      items: unknown[]
    }
    if (listed.items.length > 0) break
    await sleep(100)
  }
  const ready = (await (await fetch(`${server.base}/health/ready`)).json()) as Record<string, unknown>
  t.match(ready, { status: 'ready', mode: 'services' }, '/health/ready says services')
  const tour = await runTour(t, server)
  t.equal(tour.movie, movieId, 'the tour rated the one movie of the catalogue')
  // No model trained here and nothing else in the catalogue: cold start, with the rated movie left out.
  t.match(
    tour.recommendations,
    { items: [], model: { id: 0, name: 'none' } },
    'no model yet: an empty cold start',
  )
  t.equal(await server.stop(), 0, `exit code 0 (${server.output().slice(-300)})`)

  const again = await startServer(t, { databaseUrl: url, redisKeyPrefix })
  await ratingSurvived(t, again, movieId)
  t.equal(await again.stop(), 0, `exit code 0 after the restart (${again.output().slice(-300)})`)
})
