/** GET /api/v1/events over real PostgreSQL: roles, NDJSON with filters and limit, the cursor line, errors. */
import { setTimeout as sleep } from 'node:timers/promises'
import t from 'tap'
import { appendKnownLog, erase, register } from '../support/analytics.ts'
import { buildTestApp } from '../support/app.ts'

const { app, database, user } = await buildTestApp(t, { authRateLimitMax: 1_000, rateLimitMax: 1_000 })
const known = await appendKnownLog(app.eventStore, database.pool)
const analyst = user({ role: 'analyst' })

type Line = Record<string, unknown> & { id?: string; type?: string; position?: string }

async function events(query: Record<string, string>, headers: Record<string, string> = analyst.headers) {
  const reply = await app.inject({ url: '/api/v1/events', query, headers })
  const lines: Line[] =
    reply.statusCode === 200
      ? reply.body
          .split('\n')
          .filter(Boolean)
          .map((line) => JSON.parse(line))
      : []
  return { reply, events: lines.slice(0, -1), cursor: lines.at(-1) as { next: string | null; more: boolean } }
}

/**
 * The log shows an event once every transaction older than it has ended, on the whole PostgreSQL
 * server (the xid8 horizon): on a loaded machine another database's open transaction delays what was
 * just appended. A client polls until it appears; so does this test, for up to a minute (then the
 * assertions that follow fail and show what was missing).
 */
async function eventually(
  query: Record<string, string>,
  done: (lines: Line[]) => boolean,
  headers: Record<string, string> = analyst.headers,
) {
  const deadline = Date.now() + 60_000
  for (;;) {
    const result = await events(query, headers)
    if (result.reply.statusCode !== 200 || done(result.events) || Date.now() > deadline) return result
    await sleep(50)
  }
}
await eventually({ streamPrefix: known.prefix }, (lines) => lines.length === known.events.length)

t.test('only analysts and admins may read the log', async (t) => {
  const anonymous = await app.inject({ url: '/api/v1/events' })
  t.equal(anonymous.statusCode, 401)
  const asUser = await app.inject({ url: '/api/v1/events', headers: user().headers })
  t.equal(asUser.statusCode, 403)
  t.equal(asUser.json().error.code, 'FORBIDDEN')
  const asAdmin = await events({ streamPrefix: known.prefix }, user({ role: 'admin' }).headers)
  t.equal(asAdmin.reply.statusCode, 200)
  t.equal(asAdmin.events.length, known.events.length)
})

t.test('an analyst gets NDJSON in log order, filtered, ending with the cursor line', async (t) => {
  const { reply, events: lines, cursor } = await events({ streamPrefix: known.prefix })
  t.equal(reply.statusCode, 200)
  t.match(reply.headers['content-type'], /^application\/x-ndjson/)
  t.equal(reply.headers['cache-control'], 'no-store')
  t.strictSame(
    lines.map((line) => line.id),
    known.events.map((event) => event.id),
  )
  t.match(lines[0], {
    position: known.events[0]?.position,
    type: 'MovieAdded',
    stream: known.events[0]?.stream,
    revision: 0,
    createdAt: '2020-01-01T12:00:00.000Z',
  })
  t.strictSame(cursor, { next: known.events.at(-1)?.position, more: false })

  const typed = await events({ streamPrefix: known.prefix, types: 'RatingGiven,MovieRemoved' })
  t.strictSame(
    typed.events.map((line) => line.type),
    ['RatingGiven', 'RatingGiven', 'MovieRemoved'],
  )
  const window = await events({ streamPrefix: known.prefix, since: '2020-01-03', until: '2020-01-05' })
  t.strictSame(
    window.events.map((line) => line.id),
    known.events.slice(2, 4).map((event) => event.id),
  )
  const secrets = await events({ streamPrefix: known.prefix, types: 'ImportRequested' })
  t.notMatch(JSON.stringify(secrets.events), /hunter2|tok-should-not-leak|argon2id|clientSecret/)
})

t.test('limit and the cursor page through the log with nothing skipped or repeated', async (t) => {
  const seen: string[] = []
  let after: string | null = null
  for (let page = 0; page < 10; page++) {
    const query: Record<string, string> = { streamPrefix: known.prefix, limit: '4' }
    if (after) query.after = after
    const { events: lines, cursor } = await events(query)
    seen.push(...lines.map((line) => line.id as string))
    t.ok(lines.length <= 4)
    t.equal(cursor.more, lines.length === 4, 'more is true exactly when the limit was reached')
    if (!cursor.more) break
    after = cursor.next
  }
  t.strictSame(
    seen,
    known.events.map((event) => event.id),
  )
  const past = await events({ streamPrefix: known.prefix, after: known.events.at(-1)?.position as string })
  t.strictSame(past.events, [])
  t.strictSame(past.cursor, { next: known.events.at(-1)?.position, more: false }, 'next stays where it was')
  const nothing = await events({ streamPrefix: `${known.prefix}nothing-` })
  t.strictSame(nothing.cursor, { next: null, more: false })
})

t.test("erased users' personal data is null; live users' is there", async (t) => {
  const live = await register(app)
  const gone = await register(app)
  await erase(app, gone.userId, user({ role: 'admin' }).headers)
  const { events: lines } = await eventually({ types: 'UserRegistered', limit: '10000' }, (lines) =>
    [live, gone].every((account) =>
      lines.some((line) => (line.data as { userId: string }).userId === account.userId),
    ),
  )
  const registered = (userId: string) =>
    lines.find((line) => (line.data as { userId: string }).userId === userId)?.data
  t.match(registered(live.userId), { username: live.username, email: live.email })
  t.match(registered(gone.userId), { username: null, email: null, displayName: null })
})

t.test('bad parameters answer 400 with the error body', async (t) => {
  const cases: [Record<string, string>, string][] = [
    [{ after: 'not-a-position' }, 'VALIDATION_FAILED'],
    [{ after: '000000000000031A0000000000000042' }, 'VALIDATION_FAILED'],
    [{ limit: '0' }, 'VALIDATION_FAILED'],
    [{ limit: '10001' }, 'VALIDATION_FAILED'],
    [{ since: 'yesterday' }, 'VALIDATION_FAILED'],
    [{ since: '2026-02-30' }, 'INVALID_DATE'],
    [{ since: '2026-02-02', until: '2026-02-01' }, 'INVALID_DATE'],
    [{ types: 'RatingGiven,' }, 'VALIDATION_FAILED'],
    [{ colour: 'blue' }, 'VALIDATION_FAILED'],
  ]
  for (const [query, code] of cases) {
    const reply = await app.inject({ url: '/api/v1/events', query, headers: analyst.headers })
    t.equal(reply.statusCode, 400, JSON.stringify(query))
    t.equal(reply.json().error.code, code, JSON.stringify(query))
  }
  const bad = await app.inject({ url: '/api/v1/events?after=nope', headers: analyst.headers })
  t.match(bad.json().error.message, /after/, 'the message names the parameter')
})

t.test(
  'the OpenAPI document shows the NDJSON response with an example, the roles and the errors',
  async (t) => {
    const doc = (await app.inject({ url: '/api/docs/json' })).json()
    const operation = doc.paths['/api/v1/events'].get
    t.equal(operation['x-access'], 'role: analyst or admin')
    t.same(operation.security, [{ bearerAuth: [] }])
    const ndjson = operation.responses['200'].content['application/x-ndjson']
    t.ok(ndjson, 'documented as application/x-ndjson')
    t.match(JSON.stringify(ndjson), /\\"next\\"/, 'the example ends with the cursor line')
    for (const status of ['400', '401', '403', '429', '503'])
      t.ok(operation.responses[status], `documents ${status}`)
    t.match(operation.description, /final line/)
    const named = (p: { name?: string; $ref?: string }) =>
      p.name ?? doc.components.parameters[String(p.$ref).split('/').pop() as string].name
    t.strictSame(operation.parameters.map(named).sort(), [
      'after',
      'limit',
      'since',
      'streamPrefix',
      'types',
      'until',
      'x-request-id',
    ])
  },
)
