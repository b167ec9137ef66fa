/** What every route shares: error bodies, health, the OpenAPI document, behaviour when storage is down. */
import { randomUUID } from 'node:crypto'
import t from 'tap'
import { buildTestApp } from '../support/app.ts'
import { killConnections } from '../support/database.ts'

const { app, user, addMovie, database } = await buildTestApp(t)
const movieId = await addMovie()

t.test('an unknown route answers 404 with the error body', async (t) => {
  const reply = await app.inject({ url: '/api/v1/nothing-here?x=1' })
  t.equal(reply.statusCode, 404)
  t.same(reply.json(), { error: { code: 'ROUTE_NOT_FOUND', message: 'no route GET /api/v1/nothing-here' } })
})

t.test('a wrong content type is refused with the error body', async (t) => {
  const reply = await app.inject({
    method: 'PUT',
    url: `/api/v1/movies/${randomUUID()}/rating`,
    headers: { ...user().headers, 'content-type': 'text/plain' },
    payload: 'stars=4',
  })
  t.equal(reply.statusCode, 415)
  t.equal(reply.json().error.code, 'UNSUPPORTED_MEDIA_TYPE')
})

t.test('health: live always, ready when PostgreSQL, Redis and the event store answer', async (t) => {
  const live = await app.inject({ url: '/health/live' })
  t.same(live.json(), { status: 'ok' })
  const ready = await app.inject({ url: '/health/ready' })
  t.equal(ready.statusCode, 200)
  t.same(ready.json(), {
    status: 'ready',
    mode: 'services',
    eventStore: 'postgres',
    checks: { postgres: { status: 'up' }, redis: { status: 'up' }, eventStore: { status: 'up' } },
  })
})

t.test('the OpenAPI document describes every API route with the bearer scheme', async (t) => {
  const reply = await app.inject({ url: '/api/docs/json' })
  t.equal(reply.statusCode, 200)
  const doc = reply.json()
  t.equal(doc.components.securitySchemes.bearerAuth.scheme, 'bearer')
  const rating = doc.paths['/api/v1/movies/{id}/rating']
  t.ok(rating?.put, 'PUT rating is documented')
  t.same(rating.put.security, [{ bearerAuth: [] }])
  for (const [path, methods] of Object.entries(
    doc.paths as Record<string, Record<string, Record<string, unknown>>>,
  )) {
    for (const [method, operation] of Object.entries(methods)) {
      t.ok(
        operation.summary && operation.description && operation.tags,
        `${method} ${path} has summary, description, tags`,
      )
    }
  }
  const ui = await app.inject({ url: '/api/docs' })
  t.ok(ui.statusCode === 200 || ui.statusCode === 302, 'Swagger UI is served')
})

t.test('storage unreachable: 503 with Retry-After, no crash', async (t) => {
  const down = await buildTestApp(t, { databaseUrl: 'postgres://postgres@127.0.0.1:1/nowhere' }, database)
  const me = down.user()
  const put = await down.app.inject({
    method: 'PUT',
    url: `/api/v1/movies/${randomUUID()}/rating`,
    headers: me.headers,
    payload: { stars: 4 },
  })
  t.equal(put.statusCode, 503)
  t.equal(put.headers['retry-after'], '5')
  t.equal(put.json().error.code, 'SERVICE_UNAVAILABLE')
  t.notMatch(put.body, /127\.0\.0\.1|ECONNREFUSED/, 'no internals in the body')
  const ready = await down.app.inject({ url: '/health/ready' })
  t.equal(ready.statusCode, 503)
  t.equal(ready.json().checks.postgres.status, 'down')
})

t.test('after the database drops every connection, requests recover', async (t) => {
  const me = user()
  const first = await app.inject({
    method: 'PUT',
    url: `/api/v1/movies/${movieId}/rating`,
    headers: me.headers,
    payload: { stars: 4 },
  })
  t.equal(first.statusCode, 200)
  await killConnections(database.name)
  const statuses: number[] = []
  for (let i = 0; i < 5; i++) {
    const reply = await app.inject({
      method: 'PUT',
      url: `/api/v1/movies/${movieId}/rating`,
      headers: me.headers,
      payload: { stars: 3 + (i % 2) },
    })
    statuses.push(reply.statusCode)
  }
  t.ok(
    statuses.every((s) => s === 200 || s === 503),
    `only 200 or 503 while reconnecting (${statuses.join(', ')})`,
  )
  t.equal(statuses.at(-1), 200, 'the last request succeeds')
})
