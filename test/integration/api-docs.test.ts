/**
 * Where a client starts: `/` and `/api/v1` answer an index whose links all resolve, and the Postman
 * collection at /api/docs/postman.json parses with Postman's own SDK and holds every operation of the
 * OpenAPI document, with its environment.
 */
/// <reference path="../../node_modules/postman-collection/types/index.d.ts" />
import postman from 'postman-collection'
import t from 'tap'
import { buildTestApp } from '../support/app.ts'

const { app } = await buildTestApp(t)

type Document = { paths: Record<string, Record<string, { operationId?: string }>> }
/** The parts of the SDK's Item this test reads (its bundled typings lag the SDK). */
type Item = {
  name: string
  request: {
    method: string
    url: { getPath(unresolved: boolean): string; query: { all(): { disabled?: boolean }[] } }
    headers: { all(): { key: string; value: string }[] }
  }
  getAuth(): { parameters(): { toObject(): Record<string, string> } } | undefined
  events: { all(): { listen: string; script: { toSource(): string } }[] }
}

t.test('/ and /api/v1 answer an index whose links resolve', async (t) => {
  for (const url of ['/', '/api/v1']) {
    const reply = await app.inject({ url })
    t.equal(reply.statusCode, 200, `${url} answers`)
    const body = reply.json() as { name: string; links: Record<string, string> }
    t.equal(body.name, 'Nexus API')
    t.equal(body.links.docs, '/api/docs')
    t.equal(body.links.openapi, '/api/docs/json')
    t.equal(body.links.postmanCollection, '/api/docs/postman.json')
    t.match(reply.headers['x-request-id'], /^[0-9a-f-]{36}$/, `${url} carries X-Request-Id`)
  }
  const { links } = (await app.inject({ url: '/api/v1' })).json() as { links: Record<string, string> }
  for (const [name, link] of Object.entries(links)) {
    if (name === 'health') continue // readiness needs the projector's event store subscription
    const reply = await app.inject({ url: link })
    t.ok(
      reply.statusCode === 200 || reply.statusCode === 302,
      `${name} (${link}) resolves: ${reply.statusCode}`,
    )
  }
})

t.test('the Postman collection parses and covers every operation', async (t) => {
  const document = (await app.inject({ url: '/api/docs/json' })).json() as Document
  const reply = await app.inject({ url: '/api/docs/postman.json' })
  t.equal(reply.statusCode, 200)
  const raw = reply.json() as { info: { schema: string } }
  t.match(raw.info.schema, /collection\/v2\.1\.0/, 'a v2.1 collection')
  const collection = new postman.Collection(raw as never) as unknown as {
    forEachItem(each: (item: Item) => void): void
  }

  const requests = new Map<string, Item>()
  collection.forEachItem((item) => {
    const path = item.request.url.getPath(true).replace(/\/:([A-Za-z0-9_]+)/g, '/{$1}')
    requests.set(`${item.request.method} ${path}`, item)
  })
  const operations = Object.entries(document.paths).flatMap(([path, methods]) =>
    Object.keys(methods).map((method) => `${method.toUpperCase()} ${path}`),
  )
  t.ok(operations.length > 40, `${operations.length} operations in the document`)
  const missing = operations.filter((operation) => !requests.has(operation))
  t.same(missing, [], 'every operation has its request')
  t.equal(requests.size, operations.length, 'and nothing else')

  const rate = requests.get('PUT /api/v1/movies/{id}/rating')
  t.same(
    rate?.getAuth()?.parameters().toObject(),
    { token: '{{bearerToken}}' },
    'bearer from the environment',
  )
  const key = rate?.request.headers.all().find((h) => h.key === 'idempotency-key')
  t.equal(key?.value, '{{$guid}}', 'a fresh Idempotency-Key per send')
  const login = requests.get('POST /api/v1/auth/login')
  const script = login?.events
    .all()
    .find((e) => e.listen === 'test')
    ?.script.toSource()
  t.match(script, "pm.environment.set('bearerToken', body.accessToken)", 'signing in keeps the token')
  const movies = requests.get('GET /api/v1/movies')
  t.ok(
    movies?.request.url.query.all().every((q) => q.disabled),
    'optional query parameters are left unticked',
  )

  const environment = await app.inject({
    url: '/api/docs/postman-environment.json',
    headers: { host: 'nexus.test:8080' },
  })
  const values = (environment.json() as { values: { key: string; value: string }[] }).values
  t.same(
    values.map((v) => [v.key, v.value]),
    [
      ['baseUrl', 'http://nexus.test:8080'],
      ['bearerToken', ''],
      ['refreshToken', ''],
    ],
    'the environment points at the server it came from',
  )
})
