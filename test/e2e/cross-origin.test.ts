/**
 * A frontend on another origin, in a real browser: Chromium loads a page from a second local server
 * (another port, so another origin), which imports the generated TypeScript client (types stripped,
 * openapi-fetch from node_modules through an import map) and runs test/e2e/cross-origin/scenario.ts
 * against the API, started with that origin in CORS_ORIGINS. Any console message about CORS fails
 * the test, as does a header the scenario needs that reads as null (not exposed).
 */
import { randomUUID } from 'node:crypto'
import { mkdir, readFile } from 'node:fs/promises'
import { createServer } from 'node:http'
import { stripTypeScriptTypes } from 'node:module'
import { setTimeout as sleep } from 'node:timers/promises'
import t from 'tap'
import { buildTestApp } from '../support/app.ts'
import { browserMissing, openBrowser } from '../support/browser.ts'
import { freePort, startServer, uniqueRedisPrefix } from '../support/server-process.ts'
import type { runScenario, ScenarioInput } from './cross-origin/scenario.ts'

const root = new URL('../../', import.meta.url)
/** What the page may load, by URL path prefix: the scenario, the client, openapi-fetch. */
const SERVED: [string, URL][] = [
  ['/test/e2e/cross-origin/', new URL('test/e2e/cross-origin/', root)],
  ['/clients/typescript/src/', new URL('clients/typescript/src/', root)],
  ['/vendor/openapi-fetch/', new URL('node_modules/openapi-fetch/dist/', root)],
]
const PAGE = `<!doctype html>
<html><head><meta charset="utf-8"><title>Nexus cross-origin check</title>
<script type="importmap">{ "imports": { "openapi-fetch": "/vendor/openapi-fetch/index.mjs" } }</script>
<script type="module">
  import { runScenario } from '/test/e2e/cross-origin/scenario.ts'
  globalThis.runScenario = runScenario
</script></head><body>Nexus cross-origin check</body></html>`

/** The second origin: the page and its modules (TypeScript served with its types stripped). */
async function startFrontend(t: { teardown(fn: () => unknown): void }): Promise<string> {
  const server = createServer(async (request, response) => {
    const path = new URL(request.url ?? '/', 'http://frontend').pathname
    if (path === '/') {
      response.writeHead(200, { 'content-type': 'text/html; charset=utf-8' }).end(PAGE)
      return
    }
    const served = SERVED.find(([prefix]) => path.startsWith(prefix))
    const file = served && !path.includes('..') ? new URL(path.slice(served[0].length), served[1]) : null
    const source = file ? await readFile(file, 'utf8').catch(() => null) : null
    if (source === null) {
      response.writeHead(404).end()
      return
    }
    const code = path.endsWith('.ts') ? stripTypeScriptTypes(source, { mode: 'strip' }) : source
    response.writeHead(200, { 'content-type': 'text/javascript; charset=utf-8' }).end(code)
  })
  const port = await freePort()
  await new Promise<void>((resolve) => server.listen(port, '127.0.0.1', resolve))
  t.teardown(() => new Promise<void>((resolve) => server.close(() => resolve())))
  return `http://127.0.0.1:${port}`
}

const missing = browserMissing('the cross-origin client not checked')
if (missing !== null) {
  const reason = missing
  console.log(`# skip: ${reason}`)
  t.pass('skipped', { skip: reason })
} else {
  t.test('a page on another origin uses the generated client through the whole journey', async (t) => {
    const frontend = await startFrontend(t)
    const { app, database, addMovie } = await buildTestApp(t)
    const genre = `Noir ${randomUUID().slice(0, 8)}`
    for (const title of ['Alpha Street', 'Bravo Harbor', 'Charlie Docks'])
      await addMovie({ title, genres: [genre] })
    const server = await startServer(t, {
      databaseUrl: database.url,
      redisKeyPrefix: uniqueRedisPrefix(),
      // A loaded machine may project slower than the default second: reads wait for their token longer.
      env: { CORS_ORIGINS: frontend, CONSISTENCY_TIMEOUT_MS: '20000' },
    })
    t.teardown(async () => {
      await server.stop()
    })
    await app.close()
    // The server's projector catches up with the seeded movies before the page browses them.
    for (let tries = 0; ; tries++) {
      const listed = await fetch(`${server.base}/api/v1/movies?genre=${encodeURIComponent(genre)}`)
      if (((await listed.json()) as { items: unknown[] }).items.length === 3) break
      if (tries > 600) throw new Error('the seeded movies were never projected')
      await sleep(100)
    }

    const { page } = await openBrowser(t, { timeoutMs: 120_000 })
    const messages: string[] = []
    page.on('console', (message) => messages.push(`${message.type()}: ${message.text()}`))
    page.on('pageerror', (error) => messages.push(`pageerror: ${error.message}`))
    const failed: string[] = []
    page.on('requestfailed', (request) =>
      failed.push(`${request.method()} ${request.url()}: ${request.failure()?.errorText}`),
    )

    await page.goto(frontend)
    await page.waitForFunction(() => 'runScenario' in globalThis)
    const username = `browser${randomUUID().slice(0, 8)}`
    const input: ScenarioInput = { api: server.base, genre, username }
    const seen = await page.evaluate(
      (given) => (globalThis as unknown as { runScenario: typeof runScenario }).runScenario(given),
      input,
    )

    const cors = messages.filter((line) => /cors|access-control|cross-origin/i.test(line))
    t.same(cors, [], 'no CORS message in the console')
    t.same(failed, [], 'no request failed')
    t.same(
      messages.filter((line) => line.startsWith('pageerror')),
      [],
      'no script error',
    )

    t.equal(seen.register.status, 201, 'registered')
    t.equal(seen.login.status, 200, 'signed in')
    t.equal(seen.login.requestId, `browser-${username}`, 'X-Request-Id echoed and readable')
    t.ok(
      seen.login.rateLimit.every((value) => value !== null && /^\d+$/.test(value)),
      'RateLimit-* readable',
    )
    t.same(
      seen.browse,
      { titles: ['Alpha Street', 'Bravo Harbor', 'Charlie Docks'], pages: 2 },
      'filtered pages by cursor',
    )
    t.equal(seen.rate.status, 200)
    t.match(seen.rate.first, { changed: true, position: /^[0-9a-f]{32}$/ }, 'rated')
    t.same(seen.rate.retry, seen.rate.first, 'the retry with the same Idempotency-Key answers the same')
    t.equal(seen.readBack.consistency, 'reached', 'X-Consistency readable')
    t.match(seen.readBack.rating, { stars: 4, review: 'Seen from another origin.' }, 'the rating reads back')
    t.equal(seen.readBack.total, 1, 'with the total')
    t.match(seen.listFlags, { rating: 4, favorite: false }, 'my rating flagged on the list item')
    t.match(seen.conditional.etag, /^W\/".+"$/, 'ETag readable')
    t.equal(seen.conditional.status, 304, '304 with If-None-Match')
    t.match(seen.comments.location, /^\/api\/v1\/comments\/[0-9a-f-]{36}$/, 'Location readable')
    t.match(seen.comments.commentToken, /^[0-9a-f]{32}$/, 'the X-Consistency-Token of a 201 readable')
    t.match(
      seen.comments.author,
      { id: seen.register.userId, displayName: 'Ada from the browser' },
      'author named',
    )
    t.equal(seen.comments.likedByMe, false, 'I did not like my comment')
    t.match(seen.comments.reply, [
      { likedByMe: true, likes: 1, author: { displayName: 'Ada from the browser' } },
    ])
    t.equal(seen.profile.status, 200, 'public profile')
    t.match(seen.profile.body, { id: seen.register.userId, displayName: 'Ada from the browser' })
    t.notOk(JSON.stringify(seen.profile.body).includes('@example.com'), 'no email on a public profile')
    t.same(seen.refresh, { status: 200, newTokenWorks: 200, changed: true }, 'refreshed')
    t.same(seen.logout, { status: 204, afterwards: 401, code: 'UNAUTHENTICATED' }, 'signed out at once')

    await mkdir(new URL('test-artifacts/', root), { recursive: true })
    await page.screenshot({ path: new URL('test-artifacts/cross-origin.png', root).pathname })
  })
}
