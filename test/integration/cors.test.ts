/**
 * CORS is derived from the contract: the test computes, from the OpenAPI document itself, every
 * request header an operation takes and every response header it answers, and the server's preflight
 * must allow all of the first and its answers expose all of the second (a header the document gains
 * is allowed without anyone listing it). Preflights are cached (Access-Control-Max-Age); other
 * origins get no CORS headers.
 */
import t from 'tap'
import { buildTestApp } from '../support/app.ts'

const FRONTEND = 'http://frontend.test:5173'
const { app, addMovie } = await buildTestApp(t, { corsOrigins: [FRONTEND] })

type Parameter = { $ref?: string; in?: string; name?: string }
type Operation = {
  parameters?: Parameter[]
  security?: Record<string, unknown>[]
  requestBody?: unknown
  responses?: Record<string, { headers?: Record<string, unknown> }>
}
type Document = {
  paths: Record<string, Record<string, Operation>>
  components: { parameters: Record<string, Parameter> }
}

const document = (await app.inject({ url: '/api/docs/json' })).json() as Document
const operations = Object.values(document.paths).flatMap((methods) => Object.values(methods))
const headerParameters = operations
  .flatMap((op) => op.parameters ?? [])
  .map((p) => (p.$ref ? document.components.parameters[p.$ref.split('/').pop() ?? ''] : p))
  .filter((p) => p?.in === 'header')
  .map((p) => String(p?.name).toLowerCase())
const requestHeaders = new Set([
  ...headerParameters,
  ...(operations.some((op) => op.security?.some((s) => 'bearerAuth' in s)) ? ['authorization'] : []),
  ...(operations.some((op) => op.requestBody) ? ['content-type'] : []),
])
/** Headers browsers expose anyway (the Fetch standard's CORS-safelisted response headers). */
const safelisted = [
  'cache-control',
  'content-language',
  'content-length',
  'content-type',
  'expires',
  'last-modified',
  'pragma',
]
const responseHeaders = new Set(
  operations
    .flatMap((op) => Object.values(op.responses ?? {}))
    .flatMap((response) => Object.keys(response.headers ?? {}))
    .map((name) => name.toLowerCase())
    .filter((name) => !safelisted.includes(name)),
)
const list = (value: unknown) =>
  String(value ?? '')
    .split(',')
    .map((h) => h.trim().toLowerCase())
    .filter(Boolean)

t.test('the document names the headers a browser client needs', async (t) => {
  for (const header of [
    'authorization',
    'content-type',
    'idempotency-key',
    'if-none-match',
    'x-consistency-token',
    'x-request-id',
  ]) {
    t.ok(requestHeaders.has(header), `request header ${header}`)
  }
  for (const header of [
    'etag',
    'location',
    'retry-after',
    'ratelimit-limit',
    'ratelimit-remaining',
    'ratelimit-reset',
    'x-request-id',
    'x-consistency',
    'x-consistency-token',
  ]) {
    t.ok(responseHeaders.has(header), `response header ${header}`)
  }
})

t.test('a preflight from an allowed origin allows every documented request header', async (t) => {
  const movieId = await addMovie()
  for (const [method, url] of [
    ['PUT', `/api/v1/movies/${movieId}/rating`],
    ['GET', '/api/v1/movies'],
    ['POST', '/api/v1/auth/login'],
  ] as const) {
    const reply = await app.inject({
      method: 'OPTIONS',
      url,
      headers: {
        origin: FRONTEND,
        'access-control-request-method': method,
        'access-control-request-headers': [...requestHeaders].join(', '),
      },
    })
    t.equal(reply.statusCode, 204, `${method} ${url}: preflight answered`)
    t.equal(reply.headers['access-control-allow-origin'], FRONTEND)
    t.ok(list(reply.headers['access-control-allow-methods']).includes(method.toLowerCase()), 'method allowed')
    t.same(
      new Set(list(reply.headers['access-control-allow-headers'])),
      requestHeaders,
      'every header allowed',
    )
    t.equal(reply.headers['access-control-max-age'], '7200', 'the preflight is cached for two hours')
    t.notOk(reply.headers['access-control-allow-credentials'], 'no credentials: tokens travel in headers')
  }
})

t.test('answers to an allowed origin expose every documented response header', async (t) => {
  for (const url of ['/api/v1/movies', '/api/v1/genres', '/api/v1/movies/trending']) {
    const reply = await app.inject({ url, headers: { origin: FRONTEND } })
    t.equal(reply.statusCode, 200)
    t.equal(reply.headers['access-control-allow-origin'], FRONTEND)
    t.same(
      new Set(list(reply.headers['access-control-expose-headers'])),
      responseHeaders,
      `${url} exposes all`,
    )
    t.match(String(reply.headers.vary), /origin/i, 'Vary: Origin, so caches keep answers per origin apart')
  }
  const error = await app.inject({ url: '/api/v1/movies?limit=0', headers: { origin: FRONTEND } })
  t.equal(error.statusCode, 400)
  t.equal(error.headers['access-control-allow-origin'], FRONTEND, 'errors are readable cross-origin too')
})

t.test('another origin gets no CORS headers', async (t) => {
  const preflight = await app.inject({
    method: 'OPTIONS',
    url: '/api/v1/movies',
    headers: { origin: 'http://evil.test', 'access-control-request-method': 'GET' },
  })
  t.notOk(preflight.headers['access-control-allow-origin'], 'no allowed origin')
  const reply = await app.inject({ url: '/api/v1/movies', headers: { origin: 'http://evil.test' } })
  t.notOk(reply.headers['access-control-allow-origin'], 'so the browser lets its script read nothing')
})
