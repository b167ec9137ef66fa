/**
 * TMDb imports end to end on real PostgreSQL and Redis, against the local fake TMDb: POST
 * /admin/imports appends ImportRequested, the tmdb_import reactor (run by the projector in this
 * process) imports the movies and records the outcome, GET /admin/imports/:id shows it from the
 * imports read model. Re-running adds nothing; a failing TMDb ends in ImportFailed; a TMDb outage
 * never touches catalogue queries; a reaction replayed, raced or cut short appends its outcome once.
 */
import { randomUUID } from 'node:crypto'
import { setTimeout as sleep } from 'node:timers/promises'
import type { FastifyInstance } from 'fastify'
import t from 'tap'
import { jobStream } from '../../src/domain/job/job.ts'
import { importedMovieId } from '../../src/domain/movie/external-ids.ts'
import { movieStream } from '../../src/domain/movie/movie.ts'
import type { StoredEvent } from '../../src/event-store/contract.ts'
import { createTmdbImportReactor } from '../../src/ingest/tmdb/import-reactor.ts'
import type { ReactorContext } from '../../src/projector/projection.ts'
import { reactTo } from '../../src/projector/reactor.ts'
import { projectionStatus } from '../../src/projector/status.ts'
import { createReactorServices } from '../../src/runtime/reactor-services.ts'
import { buildTestApp, type TestApp } from '../support/app.ts'
import { leasesFor } from '../support/database.ts'
import { fakeMovies, startFakeTmdb } from '../support/fake-tmdb.ts'

/** Fast TMDb timings for tests: short backoff, one retry, a breaker that rarely opens. */
const fastTmdb = { retryBaseMs: 20, maxRetries: 1, breaker: { volumeThreshold: 1000 } }

async function until<T>(
  what: string,
  probe: () => Promise<T>,
  timeoutMs = 120_000,
): Promise<NonNullable<Exclude<T, false>>> {
  const deadline = Date.now() + timeoutMs
  for (;;) {
    const value = await probe()
    if (value) return value as NonNullable<Exclude<T, false>>
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`)
    await sleep(50)
  }
}

/**
 * Events of the given types in the global log. The PostgreSQL store shows the log only below the
 * oldest running transaction, so call it after a read model showed the outcome (the projector saw
 * the same log) or to check that nothing was appended.
 */
async function events(app: FastifyInstance, types: string[]): Promise<StoredEvent[]> {
  const found: StoredEvent[] = []
  for await (const event of app.eventStore.readAll({ types })) found.push(event)
  return found
}

/** Events of the given types in one stream: a stream read sees every committed event at once. */
async function streamEvents(app: FastifyInstance, stream: string, types: string[]): Promise<StoredEvent[]> {
  const found: StoredEvent[] = []
  for await (const event of app.eventStore.readStream(stream))
    if (types.includes(event.type)) found.push(event)
  return found
}

/** MovieImported events on the streams of these TMDb ids. */
async function importedEvents(app: FastifyInstance, tmdbIds: number[]): Promise<number> {
  let count = 0
  for (const tmdb of tmdbIds)
    count += (await streamEvents(app, movieStream(importedMovieId({ tmdb })), ['MovieImported'])).length
  return count
}

async function finishedJob(testApp: TestApp, jobId: string, headers: { authorization: string }) {
  return until(`job ${jobId} to finish`, async () => {
    const reply = await testApp.app.inject({ url: `/api/v1/admin/imports/${jobId}`, headers })
    if (reply.statusCode !== 200) return null
    const job = reply.json()
    return job.status === 'completed' || job.status === 'failed' ? job : null
  })
}

t.test('permissions and bad input: 401, 403, 400 and 404, nothing appended', async (t) => {
  const fake = await startFakeTmdb(t)
  const { app, user } = await buildTestApp(t, { tmdbBaseUrl: fake.baseUrl, tmdbApiKey: fake.apiKey })
  const admin = user({ role: 'admin' })
  const good = { source: 'tmdb', kind: 'trending', window: 'day', pages: 1 }
  const post = (payload: unknown, headers: Record<string, string> = admin.headers) =>
    app.inject({ method: 'POST', url: '/api/v1/admin/imports', headers, payload: payload as object })

  t.equal((await post(good, {})).statusCode, 401)
  t.equal((await post(good, user().headers)).statusCode, 403)
  t.equal((await post(good, user({ role: 'analyst' }).headers)).statusCode, 403)
  for (const bad of [
    { ...good, pages: 0 },
    { ...good, pages: 21 },
    { ...good, window: 'month' },
    { ...good, source: 'imdb' },
    { ...good, extra: true },
    { source: 'tmdb', kind: 'movie', tmdbIds: [] },
    { source: 'tmdb', kind: 'movie', tmdbIds: [0] },
    { source: 'tmdb', kind: 'movie', tmdbIds: Array.from({ length: 101 }, (_, i) => i + 1) },
    { source: 'tmdb', kind: 'discover' },
  ]) {
    const reply = await post(bad)
    t.equal(reply.statusCode, 400, `400 for ${JSON.stringify(bad).slice(0, 80)}`)
    t.equal(reply.json().error.code, 'VALIDATION_FAILED')
  }
  t.same(await events(app, ['ImportRequested']), [], 'no request was recorded')

  t.equal(
    (await app.inject({ url: `/api/v1/admin/imports/${randomUUID()}`, headers: admin.headers })).statusCode,
    404,
  )
  t.equal(
    (await app.inject({ url: '/api/v1/admin/imports/not-a-uuid', headers: admin.headers })).statusCode,
    400,
  )
  t.equal(
    (await app.inject({ url: `/api/v1/admin/imports/${randomUUID()}`, headers: user().headers })).statusCode,
    403,
  )
  t.equal((await app.inject({ url: '/api/v1/admin/imports' })).statusCode, 401)
  t.equal(fake.count(), 0, 'nothing reached TMDb')
})

t.test('without TMDb credentials the API refuses with 503 TMDB_NOT_CONFIGURED', async (t) => {
  const { app, user } = await buildTestApp(t, { tmdbApiKey: null, tmdbReadToken: null })
  const reply = await app.inject({
    method: 'POST',
    url: '/api/v1/admin/imports',
    headers: user({ role: 'admin' }).headers,
    payload: { source: 'tmdb', kind: 'trending', window: 'week' },
  })
  t.equal(reply.statusCode, 503)
  t.equal(reply.json().error.code, 'TMDB_NOT_CONFIGURED')
  t.same(await events(app, ['ImportRequested']), [])
})

t.test('an import end to end: movies appear with external ids; running it again adds nothing', async (t) => {
  const fake = await startFakeTmdb(t, { movies: fakeMovies(50) })
  const testApp = await buildTestApp(t, {
    tmdbBaseUrl: fake.baseUrl,
    tmdbApiKey: null,
    tmdbReadToken: fake.readToken,
    consistencyTimeoutMs: 5_000,
  })
  const { app, user, startProjectors } = testApp
  startProjectors({ reactors: true, tmdb: fastTmdb })
  const admin = user({ role: 'admin' })

  const accepted = await app.inject({
    method: 'POST',
    url: '/api/v1/admin/imports',
    headers: admin.headers,
    payload: { source: 'tmdb', kind: 'trending', window: 'day', pages: 2 },
  })
  t.equal(accepted.statusCode, 202)
  const { jobId, status, position } = accepted.json()
  t.equal(status, 'requested')
  t.equal(accepted.headers.location, `/api/v1/admin/imports/${jobId}`)
  const seen = await app.inject({
    url: `/api/v1/admin/imports/${jobId}`,
    headers: { ...admin.headers, 'x-consistency-token': position },
  })
  t.equal(seen.statusCode, 200, 'the job is visible with the consistency token')
  t.same(seen.json().request, { kind: 'trending', window: 'day', pages: 2, details: false })
  t.equal(seen.json().requestedBy, admin.userId)

  const job = await finishedJob(testApp, jobId, admin.headers)
  t.equal(job.status, 'completed')
  t.same(job.counts, { imported: 40, skipped: 0, failed: 0 }, 'two pages of 20')
  t.ok(job.startedAt && job.finishedAt)
  t.equal(job.error, null)

  // The most popular fake movie is 1001: on page 1 of the day window.
  const first = fake.movies[0]
  if (!first) throw new Error('no fake movie')
  const movieId = importedMovieId({ tmdb: first.id })
  const detail = await until('the movie in the catalogue', async () => {
    const reply = await app.inject({ url: `/api/v1/movies/${movieId}` })
    return reply.statusCode === 200 ? reply.json() : null
  })
  t.equal(detail.title, first.title)
  t.equal(detail.year, Number(first.release_date.slice(0, 4)))
  t.equal(detail.releaseDate, first.release_date)
  t.equal(detail.overview, first.overview)
  t.same(detail.genres.length, 2)
  t.same(detail.externalIds, { tmdb: first.id }, 'tmdb id (no details fetched: no imdb id)')
  // The first movie projected does not mean all 40 are (no consistency token on these reads): the
  // projectors catch up with the second page on their own, without another append to wake them.
  const listed = await until('all 40 movies in the catalogue', async () => {
    const items = (await app.inject({ url: '/api/v1/movies?limit=100&sort=title' })).json().items
    return items.length >= 40 ? items : null
  })
  t.equal(listed.length, 40)

  const imported = await events(app, ['MovieImported'])
  t.equal(imported.length, 40)
  t.ok(
    imported.every(
      (e) => (e.data as { jobId: string }).jobId === jobId && e.metadata.correlationId === jobId,
    ),
    'each MovieImported names its job',
  )
  const requestsBefore = fake.count()

  // The same import again: nothing new; TMDb answers come from the Redis cache.
  const again = await app.inject({
    method: 'POST',
    url: '/api/v1/admin/imports',
    headers: admin.headers,
    payload: { source: 'tmdb', kind: 'trending', window: 'day', pages: 2 },
  })
  const second = await finishedJob(testApp, again.json().jobId, admin.headers)
  t.same(second.counts, { imported: 0, skipped: 40, failed: 0 })
  t.equal((await events(app, ['MovieImported'])).length, 40, 'no MovieImported appended')
  t.equal(fake.count(), requestsBefore, 'cached: TMDb was not asked again')

  // By TMDb id, with details: the IMDb id comes along; an id TMDb lacks counts as failed.
  const byId = await app.inject({
    method: 'POST',
    url: '/api/v1/admin/imports',
    headers: admin.headers,
    payload: { source: 'tmdb', kind: 'movie', tmdbIds: [1045, 1001, 999_999] },
  })
  const third = await finishedJob(testApp, byId.json().jobId, admin.headers)
  t.same(third.counts, { imported: 1, skipped: 1, failed: 1 })
  const withImdb = await until('movie 1045', async () => {
    const reply = await app.inject({ url: `/api/v1/movies/${importedMovieId({ tmdb: 1045 })}` })
    return reply.statusCode === 200 ? reply.json() : null
  })
  t.same(withImdb.externalIds, { imdb: 'tt7000044', tmdb: 1045 })

  // An Idempotency-Key makes the POST itself safe to retry.
  const key = randomUUID()
  const post = () =>
    app.inject({
      method: 'POST',
      url: '/api/v1/admin/imports',
      headers: { ...admin.headers, 'idempotency-key': key },
      payload: { source: 'tmdb', kind: 'movie', tmdbIds: [1046] },
    })
  const [a, b] = [await post(), await post()]
  t.equal(a.json().jobId, b.json().jobId)
  t.equal((await streamEvents(app, jobStream(a.json().jobId), ['ImportRequested'])).length, 1)

  const list2 = await app.inject({ url: '/api/v1/admin/imports?limit=10', headers: admin.headers })
  t.ok(list2.json().items.length >= 3)

  // The reactor shows up in the projection status, caught up.
  const statusReply = await app.inject({ url: '/api/v1/admin/projections', headers: admin.headers })
  const reactor = statusReply.json().projections.find((p: { name: string }) => p.name === 'tmdb_import')
  t.equal(reactor?.kind, 'reactor')
  t.equal(reactor?.generations[0]?.kind, 'reactor')
})

t.test(
  'a failing TMDb ends the job in ImportFailed with a clear error, and never breaks queries',
  async (t) => {
    const fake = await startFakeTmdb(t, { movies: fakeMovies(30) })
    const testApp = await buildTestApp(t, { tmdbBaseUrl: fake.baseUrl, tmdbApiKey: fake.apiKey })
    const { app, user, startProjectors } = testApp
    startProjectors({ reactors: true, tmdb: fastTmdb })
    const admin = user({ role: 'admin' })
    const importTrending = async (pages: number) =>
      (
        await app.inject({
          method: 'POST',
          url: '/api/v1/admin/imports',
          headers: admin.headers,
          payload: { source: 'tmdb', kind: 'trending', window: 'week', pages },
        })
      ).json().jobId as string

    const ok = await finishedJob(testApp, await importTrending(1), admin.headers)
    t.equal(ok.counts.imported, 20)
    const [firstImported] = await events(app, ['MovieImported'])
    const movieId = (firstImported?.data as { movieId?: string } | undefined)?.movieId ?? ''
    await until('the imported movie in the catalogue', async () => {
      const reply = await app.inject({ url: `/api/v1/movies/${movieId}` })
      return reply.statusCode === 200
    })

    fake.setDown('503')
    const down = await finishedJob(testApp, await importTrending(2), admin.headers)
    t.equal(down.status, 'failed')
    t.equal(down.error.code, 'TMDB_UNAVAILABLE')
    t.match(down.error.message, /503/)
    t.notOk(JSON.stringify(down).includes(fake.apiKey), 'the key is not in the outcome')
    const failedEvents = await events(app, ['ImportFailed'])
    t.equal(failedEvents.length, 1)
    t.notOk(JSON.stringify(failedEvents.map((e) => e.data)).includes(fake.apiKey), 'nor in the event')

    // Catalogue and recommendation queries read only our read models: TMDb down changes nothing.
    const before = fake.count()
    const viewer = user()
    for (const url of [
      '/api/v1/movies',
      `/api/v1/movies/${movieId}`,
      '/api/v1/movies?q=silent',
      '/api/v1/genres',
      '/api/v1/movies/trending?window=week',
      `/api/v1/movies/${movieId}/similar`,
    ]) {
      const reply = await app.inject({ url })
      t.equal(reply.statusCode, 200, `${url} answers while TMDb is down`)
    }
    const recommendations = await app.inject({ url: '/api/v1/me/recommendations', headers: viewer.headers })
    t.equal(recommendations.statusCode, 200, '/me/recommendations answers while TMDb is down')
    t.equal(fake.count(), before, 'no query called TMDb')
  },
)

t.test('an invalid key fails the import with TMDB_INVALID_KEY', async (t) => {
  const fake = await startFakeTmdb(t)
  const testApp = await buildTestApp(t, { tmdbBaseUrl: fake.baseUrl, tmdbApiKey: 'wrong-key-1234567890' })
  testApp.startProjectors({ reactors: true, tmdb: fastTmdb })
  const admin = testApp.user({ role: 'admin' })
  const reply = await testApp.app.inject({
    method: 'POST',
    url: '/api/v1/admin/imports',
    headers: admin.headers,
    payload: { source: 'tmdb', kind: 'movie', tmdbIds: [1001] },
  })
  const job = await finishedJob(testApp, reply.json().jobId, admin.headers)
  t.equal(job.status, 'failed')
  t.equal(job.error.code, 'TMDB_INVALID_KEY')
  t.match(job.error.message, /Invalid API key/)
  t.notOk(job.error.message.includes('wrong-key-1234567890'))
})

t.test('a reaction replayed, raced or cut short appends its outcome once', async (t) => {
  const fake = await startFakeTmdb(t, { movies: fakeMovies(60) })
  // The day window orders by popularity, which falls with the id: page 1 is the first 20 ids.
  const ids = fake.movies.map((movie) => movie.id)
  const { app, config, user } = await buildTestApp(t, { tmdbBaseUrl: fake.baseUrl, tmdbApiKey: fake.apiKey })
  const services = createReactorServices({ config, redis: app.projectionRedis.redis, tmdb: fastTmdb })
  t.teardown(() => services.close())
  const tmdbImport = createTmdbImportReactor(services)
  const context = (signal = new AbortController().signal): ReactorContext => ({
    store: app.eventStore,
    db: app.db,
    logger: app.log,
    owner: 'test/reactor',
    signal,
  })
  const request = async (pages: number) => {
    const reply = await app.inject({
      method: 'POST',
      url: '/api/v1/admin/imports',
      headers: user({ role: 'admin' }).headers,
      payload: { source: 'tmdb', kind: 'trending', window: 'day', pages },
    })
    const jobId = reply.json().jobId as string
    const [trigger] = await streamEvents(app, jobStream(jobId), ['ImportRequested'])
    if (!trigger) throw new Error('no ImportRequested')
    return { jobId, trigger }
  }
  const jobEvents = async (jobId: string) =>
    (await streamEvents(app, jobStream(jobId), ['ImportStarted', 'ImportCompleted', 'ImportFailed'])).map(
      (e) => e.type,
    )

  // Raced: two runners react to the same event at once.
  const raced = await request(1)
  await Promise.all([tmdbImport.react(raced.trigger, context()), tmdbImport.react(raced.trigger, context())])
  t.same(await jobEvents(raced.jobId), ['ImportStarted', 'ImportCompleted'], 'one start, one outcome')
  t.equal(await importedEvents(app, ids.slice(0, 20)), 20, 'each movie once')

  // Replayed (redelivered after its outcome): no work, nothing appended.
  const requests = fake.count()
  await reactTo(tmdbImport, raced.trigger, context())
  await reactTo(tmdbImport, raced.trigger, context())
  t.same(await jobEvents(raced.jobId), ['ImportStarted', 'ImportCompleted'])
  t.equal(fake.count(), requests, 'a finished job does no work again')

  // Cut short: the runner stops (crash, shutdown) after the first of three pages...
  const cut = await request(3)
  const stop = new AbortController()
  // Page 1 is cached by now; each TMDb answer takes 300 ms, so the stop lands while page 3 is on its way.
  fake.setDelay(300)
  const firstRun = tmdbImport.react(cut.trigger, context(stop.signal))
  await until('page 2 requested', async () =>
    fake.requests.some((r) => r.path === '/trending/movie/day' && r.query.page === '2'),
  )
  stop.abort()
  fake.setDelay(0)
  await firstRun.then(
    () => t.fail('the cut reaction should throw'),
    () => t.pass('the cut reaction throws, so its event stays undelivered'),
  )
  t.same(await jobEvents(cut.jobId), ['ImportStarted'], 'started, no outcome yet')
  // ...and the event is delivered again: the import resumes and ends once.
  await reactTo(tmdbImport, cut.trigger, context())
  t.same(await jobEvents(cut.jobId), ['ImportStarted', 'ImportCompleted'])
  const completed = (await streamEvents(app, jobStream(cut.jobId), ['ImportCompleted']))[0]?.data as {
    counts: { imported: number; skipped: number }
  }
  t.equal(
    completed.counts.imported + completed.counts.skipped,
    60,
    'every movie of the three pages accounted for',
  )
  t.equal(await importedEvents(app, ids), 60, 'each movie imported exactly once')
})

t.test(
  'the runtime: a reaction that keeps failing gives up with the failure outcome and moves on',
  async (t) => {
    const testApp = await buildTestApp(t)
    const { app, config } = testApp
    const attempts: string[] = []
    const gaveUp: string[] = []
    const reacted: string[] = []
    const broken = {
      kind: 'reactor' as const,
      name: 'broken_reactor',
      version: 1,
      handles: ['TestPoked'],
      maxAttempts: 2,
      async react(event: StoredEvent) {
        const { fail } = event.data as { fail: boolean }
        attempts.push(event.id)
        if (fail) throw new Error('always broken')
        reacted.push(event.id)
      },
      async giveUp(event: StoredEvent, error: unknown) {
        gaveUp.push(`${event.id}: ${(error as Error).message}`)
      },
    }
    const { runProjector } = await import('../../src/projector/run-projector.ts')
    const stop = new AbortController()
    const running = runProjector([broken], {
      store: app.eventStore,
      db: app.db,
      redis: app.projectionRedis,
      logger: app.log,
      owner: 'test/runtime',
      acquireLease: leasesFor(t, config.databaseUrl),
      signal: stop.signal,
      standbyRetryMs: 100,
    })
    t.teardown(async () => {
      stop.abort()
      await running
    })
    const poke = (fail: boolean) =>
      app.eventStore.append(
        `test-${randomUUID()}`,
        [{ id: randomUUID(), type: 'TestPoked', data: { fail } }],
        'no_stream',
      )
    await poke(true)
    const after = await poke(false)
    await until('the second event reacted to', async () => reacted.length === 1)
    t.equal(gaveUp.length, 1)
    t.match(gaveUp[0], /always broken/)
    t.equal(attempts.length, 3, 'two attempts for the broken event, one for the next')
    const report = await until('checkpoint past both', async () => {
      const status = await projectionStatus(app.db, app.eventStore, [broken])
      const generation = status.projections[0]?.generations[0]
      return generation && generation.checkpoint >= after.position ? generation : null
    })
    t.equal(report.kind, 'reactor')
    t.equal(report.state === 'live' || report.state === 'catching_up', true)
    t.equal(report.error, null, 'never stopped as a poison event')
  },
)
