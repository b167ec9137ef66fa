/**
 * Hostile input over every operation of the OpenAPI document: each path parameter, query value,
 * keyset cursor and body field in turn replaced by something hostile (NUL, lone surrogates, huge
 * strings, wrong types, out-of-range numbers and dates, bad uuids, bad percent-encoding, malformed
 * JSON), sent as a user and as an admin. Whatever comes in: never a 5xx, every error in the
 * documented body with a code of the catalogue, and a refused command appends nothing.
 */
import { randomUUID } from 'node:crypto'
import { sql } from 'kysely'
import t from 'tap'
import { ERROR_CODES } from '../../src/http/error-codes.ts'
import { type OpenApiDocument, operationsOf, responseErrorCodes } from '../../src/http/openapi-document.ts'
import { loggableError } from '../../src/plugins/error-handler.ts'
import { buildTestApp } from '../support/app.ts'

const { app, user, addMovie, database } = await buildTestApp(t, {
  rateLimitMax: 1_000_000,
  authRateLimitMax: 1_000_000,
  // Else the eleventh comment answers 429 before its body is read: the comment probes would stop there.
  commentRateLimitMax: 1_000_000,
  // Import requests are accepted (no reactor runs here, so TMDb is never called).
  tmdbReadToken: 'fuzz',
})

type Json = Record<string, unknown>
type Identity = { name: string; headers: Record<string, string> }

// What the requests point at: a movie, a comment on it, a registered user (the one the admin
// suspends, reinstates and changes the role of), and the registered member who sends the user's
// probes (suspending the member revoked its token: its probes after the moderation ones answered 401
// before reading any input).
const movieId = await addMovie({ title: 'Fuzz Target', year: 2001, genres: ['Drama'] })
const register = async (name: string) => {
  const registered = await app.inject({
    method: 'POST',
    url: '/api/v1/auth/register',
    payload: {
      username: `${name}${Date.now()}`,
      email: `${name}${Date.now()}@example.com`,
      password: 'a long passphrase 42',
    },
  })
  return (registered.json() as { userId: string }).userId
}
const userId = await register('fuzz')
const memberId = await register('member')
const member = user({ userId: memberId })
const admin = user({ role: 'admin' })
const posted = await app.inject({
  method: 'POST',
  url: `/api/v1/movies/${movieId}/comments`,
  headers: member.headers,
  payload: { text: 'a comment to aim at' },
})
const commentId = (posted.json() as { id: string }).id

const identities: Identity[] = [
  { name: 'user', headers: member.headers },
  { name: 'admin', headers: admin.headers },
]

const document = app.openapi()

/** A real id for a path parameter, by what the path names. */
function validParam(path: string, name: string): string {
  if (name === 'movieId' || path.startsWith('/api/v1/movies/')) return movieId
  if (path.startsWith('/api/v1/comments/')) return commentId
  if (path.includes('/users/')) return userId
  return randomUUID()
}

const resolve = (schema: Json | undefined): Json => {
  if (schema === undefined) return {}
  const ref = schema.$ref
  if (typeof ref !== 'string') return schema
  const name = ref.split('/').pop() as string
  return resolve((document.components as { schemas: Record<string, Json> }).schemas[name])
}

let sampled = 0

/** A value the schema takes (or nearly: the domain may still refuse it), to vary one field at a time. */
function sample(raw: Json | undefined): unknown {
  const schema = resolve(raw)
  const examples = schema.examples
  if (Array.isArray(examples) && examples.length > 0) return examples[0]
  if (Array.isArray(schema.anyOf)) {
    const branches = schema.anyOf as Json[]
    return branches.some((branch) => branch.type === 'null') ? null : sample(branches[0])
  }
  if (Array.isArray(schema.enum)) return schema.enum[0]
  switch (schema.type) {
    case 'object': {
      const properties = (schema.properties ?? {}) as Record<string, Json>
      return Object.fromEntries(Object.entries(properties).map(([key, value]) => [key, sample(value)]))
    }
    case 'array':
      return [sample(schema.items as Json)]
    case 'integer':
      return typeof schema.minimum === 'number' ? schema.minimum : 1
    case 'number':
      return typeof schema.minimum === 'number' ? schema.minimum : 0.5
    case 'boolean':
      return true
    case 'string':
      if (schema.format === 'uuid') return randomUUID()
      if (schema.format === 'date-time') return new Date().toISOString()
      if (schema.format === 'email') return `fuzz${randomUUID().slice(0, 8)}@example.com`
      // Unique, so registrations do not collide; letters and digits, so usernames and titles pass.
      return `fuzz${String(++sampled).padStart(8, '0')}`
    default:
      return null
  }
}

const HUGE = 'x'.repeat(5_000)
const HOSTILE_TEXT = [
  '\u0000',
  'a\u0000b',
  '\ud800',
  'x\udc00y',
  'ok\ud83d',
  '',
  ' ',
  HUGE,
  '-1',
  '1e309',
  'NaN',
  '-271821-04-20T00:00:00Z',
  '275760-09-13T00:00:00.001Z',
  '2024-02-30',
  '0000-00-00T00:00:00Z',
  '------------------------------------',
  '00000000-0000-0000-0000-00000000000g',
  '../../etc/passwd',
  "'; DROP TABLE events; --",
  '\u202e\u200b',
]
const HOSTILE_VALUES: unknown[] = [
  ...HOSTILE_TEXT,
  null,
  true,
  0,
  -1,
  1.5,
  1e308,
  -1e308,
  2 ** 63,
  [],
  {},
  ['\u0000'],
  { nested: '\ud800' },
]
/** Raw (already percent-encoded) query and path values: bad escapes and encoded NUL or surrogates. */
const RAW_ENCODED = ['%', '%zz', '%E0%A4%A', '%00', '%ED%A0%80', '%C0%80', '%FF', 'a%2F..%2F..']

/** Percent-encodes, lone surrogates included (as the UTF-8 of their code unit, which is invalid). */
function encode(value: string): string {
  let out = ''
  for (const char of value) {
    const unit = char.charCodeAt(0)
    out +=
      unit >= 0xd800 && unit <= 0xdfff && char.length === 1
        ? `%${(0xe0 | (unit >> 12)).toString(16)}%${(0x80 | ((unit >> 6) & 0x3f)).toString(16)}%${(0x80 | (unit & 0x3f)).toString(16)}`
        : encodeURIComponent(char)
  }
  return out
}

const b64 = (value: unknown) =>
  Buffer.from(typeof value === 'string' ? value : JSON.stringify(value)).toString('base64url')

const ZERO_UUID = '00000000-0000-0000-0000-000000000000'
const SORT_NAMES = ['popularity', 'rating', 'release', 'title', 'newest', 'relevance', 'liked', 'bogus']
const KEY_VALUES: unknown[] = [
  'abc',
  '1',
  '-1',
  '1e309',
  'NaN',
  'Infinity',
  '99999999999999999999999',
  '-271821-04-20T00:00:00Z',
  '275760-09-13T00:00:00.000Z',
  '294277-01-01',
  '2024-01-01T00:00:00Z',
  '\u0000',
  '\ud800',
  1,
  null,
]
const KEY_IDS: unknown[] = [ZERO_UUID, '------------------------------------', 'g'.repeat(36), 7]
/** Cursors a client could forge: not base64, not JSON, wrong shapes, keys of every type out of range. */
const CURSORS: { raw: string; sort?: string }[] = [
  ...['garbage', '!!!!', '%00', HUGE].map((raw) => ({ raw })),
  ...['not json', '{"a":1}', [], null, 1, [ZERO_UUID]].map((value) => ({ raw: b64(value) })),
  ...KEY_VALUES.flatMap((value) => KEY_IDS.map((id) => ({ raw: b64([value, id]) }))),
  ...SORT_NAMES.flatMap((sort) => [
    ...KEY_VALUES.map((value) => ({ raw: b64([sort, value, ZERO_UUID]), sort })),
    { raw: b64([sort, '2024-01-01T00:00:00Z', '------------------------------------']), sort },
  ]),
]
const POSITIONS = ['f'.repeat(32), `${'0'.repeat(16)}${'f'.repeat(16)}`, `${'f'.repeat(16)}${'0'.repeat(16)}`]

type Probe = {
  operation: string
  identity: Identity
  method: string
  url: string
  body?: string
  contentType?: string
  headers?: Record<string, string>
}

/** Content types the API does not take, or takes only in part. */
const CONTENT_TYPES = [
  'text/plain',
  'application/x-www-form-urlencoded',
  'multipart/form-data; boundary=x',
  'application/json; charset=utf-16',
  'application/json; charset=latin1',
  'application/json, text/plain',
  'application/jsonx',
  ';',
]

/** Hostile values of the headers operations document, by header. */
const HOSTILE_HEADERS: Record<string, string[]> = {
  'x-consistency-token': ['f'.repeat(32), 'zz', ' ', 'x'.repeat(5_000)],
  'idempotency-key': ['x'.repeat(201), ' ', '\u0000'],
  'if-none-match': ['x'.repeat(2_000), '*', 'W/"'],
}

type Parameter = { name: string; in: string; schema?: Json }

function parametersOf(operation: Json): Parameter[] {
  const components = (document.components as { parameters?: Record<string, Parameter> }).parameters ?? {}
  return ((operation.parameters ?? []) as (Parameter | { $ref: string })[]).map((parameter) =>
    '$ref' in parameter ? (components[parameter.$ref.split('/').pop() as string] as Parameter) : parameter,
  )
}

/** Every probe of one operation, for one identity. */
function probesOf(path: string, method: string, operation: Json, identity: Identity): Probe[] {
  const parameters = parametersOf(operation)
  const pathParams = parameters.filter((p) => p.in === 'path')
  const queryParams = parameters.filter((p) => p.in === 'query')
  const urlWith = (override: Record<string, string> = {}, query = '') =>
    path.replace(/\{([A-Za-z0-9_]+)\}/g, (_, name: string) => override[name] ?? validParam(path, name)) +
    (query ? `?${query}` : '')
  const bodySchema = (operation.requestBody as { content?: Record<string, { schema?: Json }> } | undefined)
    ?.content?.['application/json']?.schema
  const validBody = bodySchema ? sample(bodySchema) : undefined
  const json = validBody === undefined ? undefined : JSON.stringify(validBody)
  const base = { operation: `${method.toUpperCase()} ${path}`, identity, method: method.toUpperCase() }
  const probes: Probe[] = []
  const add = (url: string, body = json, contentType = body === undefined ? undefined : 'application/json') =>
    probes.push({
      ...base,
      url,
      ...(body === undefined ? {} : { body }),
      ...(contentType ? { contentType } : {}),
    })

  for (const param of parameters.filter((p) => p.in === 'header')) {
    for (const value of HOSTILE_HEADERS[param.name] ?? []) {
      probes.push({ ...base, url: urlWith(), headers: { [param.name]: value } })
    }
  }
  for (const param of pathParams) {
    for (const value of HOSTILE_TEXT) add(urlWith({ [param.name]: encode(value) }))
    for (const raw of RAW_ENCODED) add(urlWith({ [param.name]: raw }))
    add(urlWith({ [param.name]: ZERO_UUID.toUpperCase() }))
  }
  for (const param of queryParams) {
    const values = [...HOSTILE_TEXT.map(encode), ...RAW_ENCODED]
    if (param.name === 'cursor') {
      const sorts = resolve(queryParams.find((p) => p.name === 'sort')?.schema).enum as string[] | undefined
      // Each cursor with the sort it names (so it gets past the sort check to its keys), else the default.
      for (const { raw, sort } of CURSORS) {
        const query = sorts?.includes(sort ?? '') ? `&sort=${sort}` : ''
        add(urlWith({}, `cursor=${encode(raw)}${query}`))
      }
    }
    if (param.name === 'after') values.push(...POSITIONS)
    for (const value of values) add(urlWith({}, `${param.name}=${value}`))
    add(urlWith({}, `${param.name}=a&${param.name}=b`))
  }
  if (
    json !== undefined &&
    typeof validBody === 'object' &&
    validBody !== null &&
    !Array.isArray(validBody)
  ) {
    for (const field of Object.keys(validBody)) {
      for (const value of HOSTILE_VALUES) {
        add(urlWith(), JSON.stringify({ ...(sample(bodySchema) as Json), [field]: value }))
      }
    }
    for (const raw of ['{', '{"a":', '[', 'null', '"text"', '123', '{"__proto__":{"x":1}}', '\u0000', '']) {
      add(urlWith(), raw)
    }
    add(urlWith(), JSON.stringify({ ...validBody, pad: 'x'.repeat(300 * 1024) }))
    for (const type of CONTENT_TYPES) add(urlWith(), json, type)
  }
  return probes
}

const operations = operationsOf(document as OpenApiDocument)
// Erasing and removing last, so the rest still reaches live targets.
const destructive = (method: string) => (method === 'delete' ? 1 : 0)
operations.sort((a, b) => destructive(a.method) - destructive(b.method))

/** Operations a user is refused (403) before any input is read: a sample of probes is enough there. */
const adminOnly = (operation: Json) =>
  responseErrorCodes((operation.responses as Record<string, Json> | undefined)?.['403']).includes('FORBIDDEN')
const probes = operations.flatMap(({ path, method, operation }) =>
  identities.flatMap((identity) => {
    // A public operation reads no token: once is enough.
    const security = (operation as unknown as Json).security
    if (identity.name === 'admin' && Array.isArray(security) && security.length === 0) return []
    const all = probesOf(path, method, operation as unknown as Json, identity)
    return identity.name === 'user' && adminOnly(operation as unknown as Json)
      ? all.filter((_, i) => i % 20 === 0)
      : all
  }),
)
// Whole URLs no operation matches cleanly: bad escapes, overlong parameters, the docs' static files.
const extraUrls = [
  '/api/v1/movies/%E0%A4%A',
  '/api/v1/movies/%',
  `/api/v1/movies/${'a'.repeat(5_000)}`,
  `/api/v1/movies/${'a'.repeat(5_000)}/comments`,
  '/api/v1/%00',
  '/api/docs/static/../../package.json',
  '/api/docs/static/%2e%2e/%2e%2e/package.json',
  '/api/docs/static/..%2f..%2fpackage.json',
  '/api/docs/static/%00',
  '/api/docs/static/nothing.js',
  '/api/docs/%2e%2e/%2e%2e/etc/passwd',
  '/api/docs/json?%zz',
  '/health/live?%',
]
for (const url of extraUrls)
  probes.push({ operation: `GET ${url}`, identity: identities[0] as Identity, method: 'GET', url })

const eventCount = async () => {
  const { rows } = await sql<{ n: string }>`SELECT count(*) AS n FROM events`.execute(database.db)
  return Number(rows[0]?.n)
}

const isErrorBody = (body: unknown): body is { error: { code: string; message: string } } => {
  const error = (body as { error?: unknown } | null)?.error as
    | { code?: unknown; message?: unknown }
    | undefined
  return typeof error?.code === 'string' && typeof error.message === 'string'
}

const send = (method: string, url: string, headers: Record<string, string>, payload?: Json) =>
  app.inject({ method: method as 'GET', url, headers, ...(payload === undefined ? {} : { payload }) })

t.test('NUL or an unpaired surrogate in any text is refused with 400 and nothing is appended', async (t) => {
  const cases: [string, string, Record<string, string>, Json, string][] = [
    [
      'PUT',
      `/api/v1/movies/${movieId}/rating`,
      member.headers,
      { stars: 4, review: 'great\u0000' },
      'body/review',
    ],
    ['POST', `/api/v1/movies/${movieId}/comments`, member.headers, { text: 'hi \ud800' }, 'body/text'],
    ['PATCH', `/api/v1/comments/${commentId}`, member.headers, { text: '\udc00' }, 'body/text'],
    ['PATCH', `/api/v1/movies/${movieId}`, admin.headers, { overview: 'a\u0000b' }, 'body/overview'],
    [
      'POST',
      '/api/v1/movies',
      admin.headers,
      { title: 'T\u0000', year: 2001, genres: ['Drama'] },
      'body/title',
    ],
    [
      'POST',
      '/api/v1/movies',
      admin.headers,
      { title: 'T', year: 2001, genres: ['Dr\ud83dama'] },
      'body/genres/0',
    ],
    ['PATCH', '/api/v1/me', member.headers, { displayName: 'Ada\ud800' }, 'body/displayName'],
    [
      'POST',
      '/api/v1/auth/register',
      {},
      { username: 'nul\u0000user', email: 'nul@example.com', password: 'a long passphrase 42' },
      'body/username',
    ],
  ]
  for (const [method, url, headers, payload, path] of cases) {
    const before = await eventCount()
    const reply = await send(method, url, headers, payload)
    t.equal(reply.statusCode, 400, `${method} ${url} ${path}`)
    t.equal(reply.json().error.code, 'VALIDATION_FAILED')
    t.equal(reply.json().error.details[0].path, path)
    t.match(reply.json().error.message, /NUL .* unpaired surrogate/)
    t.equal(await eventCount(), before, 'nothing appended')
  }
})

t.test('a forged keyset cursor answers INVALID_CURSOR whatever its keys hold', async (t) => {
  const forged: [string, unknown][] = [
    ['/api/v1/movies?sort=popularity', ['popularity', 'abc', ZERO_UUID]],
    ['/api/v1/movies?sort=rating', ['rating', 'NaN', ZERO_UUID]],
    ['/api/v1/movies?sort=release', ['release', '294277-01-01', ZERO_UUID]],
    ['/api/v1/movies?sort=newest', ['newest', '-271821-04-20T00:00:00Z', ZERO_UUID]],
    ['/api/v1/movies?sort=title', ['title', 'a\u0000', ZERO_UUID]],
    ['/api/v1/movies?sort=title', ['popularity', '1', ZERO_UUID]],
    ['/api/v1/me/ratings', ['1', ZERO_UUID]],
    ['/api/v1/me/ratings', ['-271821-04-20T00:00:00Z', ZERO_UUID]],
    ['/api/v1/me/favorites', ['2024-01-01T00:00:00Z', '------------------------------------']],
    ['/api/v1/me/history', ['275760-09-13T00:00:00.000Z', ZERO_UUID]],
    [`/api/v1/movies/${movieId}/comments?sort=liked`, ['liked', '99999999999', ZERO_UUID]],
    [`/api/v1/movies/${movieId}/comments?sort=newest`, ['newest', '2024-02-30T00:00:00Z', ZERO_UUID]],
    ['/api/v1/admin/users', ['2024-01-01T00:00:00Z', 'g'.repeat(36)]],
  ]
  for (const [url, keys] of forged) {
    const reply = await send(
      'GET',
      `${url}${url.includes('?') ? '&' : '?'}cursor=${b64(keys)}`,
      admin.headers,
    )
    t.equal(reply.statusCode, 400, `${url} ${JSON.stringify(keys)}`)
    t.equal(reply.json().error.code, 'INVALID_CURSOR')
  }
})

t.test('the events API refuses a position beyond the store and a NUL stream prefix', async (t) => {
  const overflow = `${'0'.repeat(16)}8${'0'.repeat(15)}`
  for (const query of [`after=${'f'.repeat(32)}`, `after=${overflow}`, 'streamPrefix=%00']) {
    const reply = await send('GET', `/api/v1/events?${query}`, admin.headers)
    t.equal(reply.statusCode, 400, query)
    t.equal(reply.json().error.code, 'VALIDATION_FAILED')
  }
  const largest = `7${'f'.repeat(15)}7${'f'.repeat(15)}`
  const reply = await send('GET', `/api/v1/events?after=${largest}`, admin.headers)
  t.equal(reply.statusCode, 200, 'the largest position is taken')
  t.same(JSON.parse(reply.body.trim()), { next: largest, more: false })
})

t.test("Fastify's own errors and the docs' files answer in the error body", async (t) => {
  const cases: [string, number, string][] = [
    ['/api/v1/movies/%E0%A4%A', 400, 'INVALID_URL'],
    [`/api/v1/movies/${movieId}%zz/comments`, 400, 'INVALID_URL'],
    [`/api/v1/movies/${'a'.repeat(5_000)}`, 414, 'URI_TOO_LONG'],
    ['/api/docs/static/%00', 404, 'ROUTE_NOT_FOUND'],
    ['/api/docs/static/..%2f..%2fpackage.json', 404, 'ROUTE_NOT_FOUND'],
    ['/api/docs/static/nothing.js', 404, 'ROUTE_NOT_FOUND'],
  ]
  for (const [url, status, code] of cases) {
    const reply = await send('GET', url, {})
    t.equal(reply.statusCode, status, url.slice(0, 60))
    t.same(Object.keys(reply.json().error).sort(), ['code', 'message'])
    t.equal(reply.json().error.code, code)
    t.ok(reply.json().error.message.length < 300, 'the message does not echo a long path')
  }
  const badJson = await app.inject({
    method: 'PUT',
    url: `/api/v1/movies/${movieId}/rating`,
    headers: { ...member.headers, 'content-type': 'application/json' },
    payload: '{"stars":',
  })
  t.equal(badJson.statusCode, 400)
  t.equal(badJson.json().error.code, 'INVALID_JSON')
})

t.test('a database error is logged without the event it refused', async (t) => {
  const event = { id: randomUUID(), type: 'Probe', data: { text: 'private words\u0000' }, metadata: {} }
  const error = await app.eventStore.append(`probe-${randomUUID()}`, [event] as never, 'any').then(
    () => null,
    (error: unknown) => error,
  )
  t.ok(error, 'PostgreSQL refuses the event')
  t.match(JSON.stringify(error), /private words/, 'its fields quote the event')
  const logged = JSON.stringify(loggableError(error))
  t.notMatch(logged, /private words/, 'what is logged does not')
  t.match(logged, /"code":"22P05"/, 'it keeps the SQLSTATE')
})

t.test(
  `${probes.length} hostile requests: no 5xx, every error in the documented shape, nothing appended`,
  async (t) => {
    const serverErrors: string[] = []
    const badShapes: string[] = []
    const wrongStatus: string[] = []
    const appended: string[] = []
    const statuses = new Map<number, number>()
    for (const probe of probes) {
      const command = probe.method !== 'GET' && probe.method !== 'HEAD'
      const before = command ? await eventCount() : 0
      const reply = await app.inject({
        method: probe.method as 'GET',
        url: probe.url,
        headers: {
          ...probe.identity.headers,
          ...(probe.contentType ? { 'content-type': probe.contentType } : {}),
          ...probe.headers,
        },
        ...(probe.body === undefined ? {} : { payload: probe.body }),
      })
      const status = reply.statusCode
      statuses.set(status, (statuses.get(status) ?? 0) + 1)
      const label = `${probe.identity.name} ${probe.method} ${probe.url.slice(0, 160)} ${(probe.body ?? '').slice(0, 120)} -> ${status}`
      if (status >= 500) serverErrors.push(`${label} ${reply.body.slice(0, 200)}`)
      if (status >= 400) {
        let body: unknown = null
        try {
          body = reply.json()
        } catch {}
        if (!isErrorBody(body)) badShapes.push(`${label} ${reply.body.slice(0, 200)}`)
        else {
          const entry = (ERROR_CODES as Record<string, { status: number }>)[body.error.code]
          if (entry?.status !== status) wrongStatus.push(`${label} ${body.error.code}`)
        }
        if (command && (await eventCount()) !== before) appended.push(label)
      }
    }
    const byOperation = new Map<string, number>()
    for (const line of serverErrors) {
      const key = line.split(' ').slice(1, 3).join(' ').replace(/\?.*/, '')
      byOperation.set(key, (byOperation.get(key) ?? 0) + 1)
    }
    if (byOperation.size > 0)
      t.comment(`5xx by operation: ${JSON.stringify(Object.fromEntries(byOperation))}`)
    t.comment(`statuses: ${JSON.stringify(Object.fromEntries([...statuses].sort()))}`)
    t.same(serverErrors.slice(0, 60), [], `no 5xx (${serverErrors.length} seen)`)
    t.same(
      badShapes.slice(0, 30),
      [],
      `every error body is { error: { code, message } } (${badShapes.length} not)`,
    )
    t.same(
      wrongStatus.slice(0, 30),
      [],
      `every code is in the catalogue with this status (${wrongStatus.length} not)`,
    )
    t.same(appended, [], 'a refused command appends nothing')
  },
)
