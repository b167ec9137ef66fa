/**
 * Hostile input over every operation of the OpenAPI document: each path parameter, query value,
 * keyset cursor and body field in turn replaced by something hostile (NUL, lone surrogates, huge
 * strings, wrong types, out-of-range numbers and dates, bad uuids, bad percent-encoding, malformed
 * JSON), sent as a user and as an admin (every value and every target, not every pair, on the
 * operations a user may call too: sampledFor). Whatever comes in: never a 5xx, every error in the
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
/**
 * Cursors a client could forge for a list taking `sorts` (none: one order): not base64, not JSON,
 * wrong shapes, keys of every type out of range. Each sort the list takes leads every key value; the
 * names it does not take (another list's, or none at all) are one class for it, refused before any
 * key is read (src/read/serving/keyset-cursor.ts): they take turns over the key values, so each key
 * value and each name is still sent, not each pair (8 names x 16 cursors were 128 of a list's 198).
 */
function cursorsFor(sorts: readonly string[]): { raw: string; sort?: string }[] {
  const foreign = SORT_NAMES.filter((sort) => !sorts.includes(sort))
  const keys = [
    ...KEY_VALUES.map((value) => [value, ZERO_UUID]),
    ['2024-01-01T00:00:00Z', '------------------------------------'],
  ]
  return [
    ...['garbage', '!!!!', '%00', HUGE].map((raw) => ({ raw })),
    ...['not json', '{"a":1}', [], null, 1, [ZERO_UUID]].map((value) => ({ raw: b64(value) })),
    ...KEY_VALUES.flatMap((value) => KEY_IDS.map((id) => ({ raw: b64([value, id]) }))),
    ...SORT_NAMES.filter((sort) => sorts.includes(sort)).flatMap((sort) =>
      keys.map((pair) => ({ raw: b64([sort, ...pair]), sort })),
    ),
    // Each name the list does not take at least once (at most 8 of them), each key value once.
    ...keys.map((pair, i) => {
      const sort = foreign[i % foreign.length] as string
      return { raw: b64([sort, ...pair]), sort }
    }),
  ]
}
const POSITIONS = ['f'.repeat(32), `${'0'.repeat(16)}${'f'.repeat(16)}`, `${'f'.repeat(16)}${'0'.repeat(16)}`]

type Probe = {
  operation: string
  identity: Identity
  method: string
  url: string
  body?: string
  contentType?: string
  headers?: Record<string, string>
  /**
   * What the probe varies: `target` (a parameter, a body field, the body) gets value number `value`
   * of the list of `kind` (every target of a kind takes the same list), for sampling (sampledFor).
   */
  cell?: { kind: string; target: string; value: number }
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
  const add = (
    cell: Probe['cell'],
    url: string,
    body = json,
    contentType = body === undefined ? undefined : 'application/json',
  ) =>
    probes.push({
      ...base,
      url,
      ...(body === undefined ? {} : { body }),
      ...(contentType ? { contentType } : {}),
      cell,
    })

  for (const param of parameters.filter((p) => p.in === 'header')) {
    for (const [i, value] of (HOSTILE_HEADERS[param.name] ?? []).entries()) {
      probes.push({
        ...base,
        url: urlWith(),
        headers: { [param.name]: value },
        cell: { kind: `header ${param.name}`, target: param.name, value: i },
      })
    }
  }
  // Path and query values: one list, the same numbers (the hostile text, then the raw escapes).
  const text = (target: string, values: string[], at: (value: string) => string) => {
    for (const [i, value] of values.entries()) add({ kind: 'text', target, value: i }, at(value))
  }
  for (const param of pathParams) {
    text(
      `path ${param.name}`,
      [...HOSTILE_TEXT.map(encode), ...RAW_ENCODED, ZERO_UUID.toUpperCase()],
      (value) => urlWith({ [param.name]: value }),
    )
  }
  for (const param of queryParams) {
    const values = [...HOSTILE_TEXT.map(encode), ...RAW_ENCODED]
    if (param.name === 'cursor') {
      const sorts = resolve(queryParams.find((p) => p.name === 'sort')?.schema).enum as string[] | undefined
      // Each cursor with the sort it names (so it gets past the sort check to its keys), else the default.
      for (const [i, { raw, sort }] of cursorsFor(sorts ?? []).entries()) {
        const query = sorts?.includes(sort ?? '') ? `&sort=${sort}` : ''
        add({ kind: 'cursor', target: 'cursor', value: i }, urlWith({}, `cursor=${encode(raw)}${query}`))
      }
    }
    if (param.name === 'after') values.push(...POSITIONS)
    text(`query ${param.name}`, values, (value) => urlWith({}, `${param.name}=${value}`))
    add(
      { kind: 'repeated', target: `query ${param.name}`, value: 0 },
      urlWith({}, `${param.name}=a&${param.name}=b`),
    )
  }
  if (
    json !== undefined &&
    typeof validBody === 'object' &&
    validBody !== null &&
    !Array.isArray(validBody)
  ) {
    for (const field of Object.keys(validBody)) {
      for (const [i, value] of HOSTILE_VALUES.entries()) {
        add(
          { kind: 'field', target: field, value: i },
          urlWith(),
          JSON.stringify({ ...(sample(bodySchema) as Json), [field]: value }),
        )
      }
    }
    for (const [i, raw] of [
      '{',
      '{"a":',
      '[',
      'null',
      '"text"',
      '123',
      '{"__proto__":{"x":1}}',
      '\u0000',
      '',
    ].entries()) {
      add({ kind: 'raw body', target: 'body', value: i }, urlWith(), raw)
    }
    add(
      { kind: 'padded body', target: 'body', value: 0 },
      urlWith(),
      JSON.stringify({ ...validBody, pad: 'x'.repeat(300 * 1024) }),
    )
    for (const [i, type] of CONTENT_TYPES.entries())
      add({ kind: 'content type', target: 'body', value: i }, urlWith(), json, type)
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

/**
 * The admin's probes of an operation a user may call too: every value of every list at least once
 * and every target at least once, not every pair. Within a kind, value i goes to target i mod n of
 * its n targets, so each target gets a share of the values (`uncovered` checks that none is left
 * out). The user sends every pair. On these operations the role is read only by the auth plugin's
 * requireRole (src/plugins/auth.ts), so what the admin adds is another caller (an id with no account)
 * through the same handlers, which each value and each target still takes. A bug on the admin's
 * path alone that only one pair outside its share sets off is what the sample could miss.
 */
function sampledFor(all: Probe[]): Probe[] {
  const kinds = new Map<string, { targets: string[]; values: number }>()
  for (const { cell } of all) {
    if (!cell) continue
    const kind = kinds.get(cell.kind) ?? { targets: [], values: 0 }
    if (!kind.targets.includes(cell.target)) kind.targets.push(cell.target)
    kind.values = Math.max(kind.values, cell.value + 1)
    kinds.set(cell.kind, kind)
  }
  return all.filter(({ cell }) => {
    if (!cell) return true
    const { targets, values } = kinds.get(cell.kind) as { targets: string[]; values: number }
    const at = targets.indexOf(cell.target)
    // A list shorter than the targets (one repeated parameter each) is sent to every target.
    return cell.value % targets.length === at || (at >= values && cell.value === at % values)
  })
}

/** The kinds whose values or targets `sent` leaves out of `all` (none, for a covering sample). */
function uncovered(all: Probe[], sent: Probe[]): string[] {
  const seen = new Set(
    sent.flatMap(({ cell }) => (cell ? [`${cell.kind} #${cell.value}`, `${cell.kind} ${cell.target}`] : [])),
  )
  const missing = new Set<string>()
  for (const { cell } of all) {
    if (!cell) continue
    if (!seen.has(`${cell.kind} #${cell.value}`)) missing.add(`${cell.kind} #${cell.value}`)
    if (!seen.has(`${cell.kind} ${cell.target}`)) missing.add(`${cell.kind} ${cell.target}`)
  }
  return [...missing]
}

const samplesUncovered: string[] = []
const probes = operations.flatMap(({ path, method, operation }) =>
  identities.flatMap((identity) => {
    // A public operation reads no token: once is enough.
    const security = (operation as unknown as Json).security
    if (identity.name === 'admin' && Array.isArray(security) && security.length === 0) return []
    const all = probesOf(path, method, operation as unknown as Json, identity)
    if (identity.name === 'user' && adminOnly(operation as unknown as Json))
      return all.filter((_, i) => i % 20 === 0)
    if (identity.name !== 'admin' || adminOnly(operation as unknown as Json)) return all
    const sent = sampledFor(all)
    for (const missing of uncovered(all, sent)) samplesUncovered.push(`${method} ${path}: ${missing}`)
    return sent
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
    t.same(samplesUncovered, [], "the admin's samples cover every value and every target")
    // The count after one command is the count before the next: one count per command, and one
    // more after reads (nothing else appends here: no projector or reactor runs).
    let known: number | null = null
    for (const probe of probes) {
      const command = probe.method !== 'GET' && probe.method !== 'HEAD'
      const before: number = command ? (known ?? (await eventCount())) : 0
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
      }
      if (command) {
        known = await eventCount()
        if (status >= 400 && known !== before) appended.push(label)
      } else known = null
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
