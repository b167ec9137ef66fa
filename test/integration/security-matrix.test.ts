/**
 * The security matrix of the identity issue: forged and stale tokens, the wrong role, another user's
 * account, refresh token reuse, logout, password change, role change and erasure. Every refusal has
 * the right status and changes nothing. Protected routes are taken from the OpenAPI document, so a
 * route added later is checked too.
 */
import { createHmac, randomUUID } from 'node:crypto'
import { setTimeout as sleep } from 'node:timers/promises'
import t from 'tap'
import { userStream } from '../../src/domain/user/user.ts'
import { runUserCommand } from '../../src/identity/user-streams.ts'
import { buildTestApp } from '../support/app.ts'

const { app, config, database } = await buildTestApp(t, { authRateLimitMax: 1_000, loginFailureLimit: 1_000 })

const PASSWORD = 'correct horse battery staple'
const NEW_PASSWORD = 'battery staple horse correct'

type Reply = { statusCode: number; json(): { error: { code: string } } }
const outcome = (reply: Reply) =>
  reply.statusCode >= 400 ? `${reply.statusCode} ${reply.json().error.code}` : String(reply.statusCode)

const post = (url: string, payload: object, headers: Record<string, string> = {}) =>
  app.inject({ method: 'POST', url: `/api/v1${url}`, payload, headers })
const bearer = (token: string) => ({ authorization: `Bearer ${token}` })

async function login(username: string, password = PASSWORD) {
  const reply = await post('/auth/login', { login: username, password })
  if (reply.statusCode !== 200) throw new Error(`login: ${reply.statusCode} ${reply.body}`)
  const tokens = reply.json()
  return { ...tokens, headers: bearer(tokens.accessToken) }
}

async function signUp(role: 'user' | 'analyst' | 'admin' = 'user') {
  const username = `m${randomUUID().slice(0, 8)}`
  const reply = await post('/auth/register', {
    username,
    email: `${username}@example.com`,
    password: PASSWORD,
  })
  const userId: string = reply.json().userId
  if (role !== 'user') {
    await runUserCommand(
      { store: app.eventStore, db: app.db },
      userId,
      { type: 'ChangeRole', data: { userId, role, changedBy: 'test' }, metadata: { now: new Date() } },
      {},
      null,
    )
  }
  return { userId, username, session: await login(username) }
}

/** Revision of the user's stream and their stored rows: what "nothing changed" compares. */
async function footprint(userId: string) {
  const [credentials, tokens, keys] = await Promise.all([
    database.db.selectFrom('credentials').selectAll().where('user_id', '=', userId).execute(),
    database.db
      .selectFrom('refresh_tokens')
      .select(['family_id', 'spent_at', 'revoked_at'])
      .where('user_id', '=', userId)
      .orderBy('issued_at')
      .execute(),
    database.db.selectFrom('user_keys').select('user_id').where('user_id', '=', userId).execute(),
  ])
  return {
    revision: String(await app.eventStore.streamRevision(userStream(userId))),
    credentials,
    tokens,
    keys,
  }
}

function sign(payload: object, secret = config.jwtSecret, header: object = { alg: 'HS256', typ: 'JWT' }) {
  const encode = (value: object) => Buffer.from(JSON.stringify(value)).toString('base64url')
  const unsigned = `${encode(header)}.${encode(payload)}`
  return `${unsigned}.${createHmac('sha256', secret).update(unsigned).digest('base64url')}`
}

t.test('forged, stale and malformed access tokens are refused with 401 and change nothing', async (t) => {
  const victim = await signUp()
  const before = await footprint(victim.userId)
  const now = Math.floor(Date.now() / 1000)
  const good = {
    sub: victim.userId,
    role: 'admin',
    iat: now,
    exp: now + 600,
    iss: 'nexus',
    aud: 'nexus-api',
    jti: randomUUID(),
  }
  const [header, payload, signature] = victim.session.accessToken.split('.')
  const tampered = `${header}.${Buffer.from(JSON.stringify({ ...JSON.parse(Buffer.from(payload, 'base64url').toString()), role: 'admin' })).toString('base64url')}.${signature}`
  const tokens: [string, string | null][] = [
    ['no token', null],
    [
      'alg none',
      `${Buffer.from('{"alg":"none","typ":"JWT"}').toString('base64url')}.${Buffer.from(JSON.stringify(good)).toString('base64url')}.`,
    ],
    ['a payload changed after signing (role: admin)', tampered],
    ['signed with another secret', sign(good, 'another-secret-another-secret-another-secret')],
    ['HS512 instead of HS256', sign(good, config.jwtSecret, { alg: 'HS512', typ: 'JWT' })],
    ['expired', sign({ ...good, iat: now - 1000, exp: now - 10 })],
    ['not yet valid', sign({ ...good, nbf: now + 300 })],
    ['another issuer', sign({ ...good, iss: 'someone-else' })],
    ['another audience', sign({ ...good, aud: 'another-api' })],
    ['sub not a user id', sign({ ...good, sub: 'root' })],
    ['unknown role', sign({ ...good, role: 'superuser' })],
    ['malformed', 'not.a.jwt'],
    ['garbage', 'x'.repeat(2000)],
  ]
  const targets = [
    { method: 'GET', url: '/api/v1/me' },
    { method: 'PATCH', url: '/api/v1/me', payload: { displayName: 'hacked' } },
    {
      method: 'POST',
      url: '/api/v1/me/password',
      payload: { currentPassword: PASSWORD, newPassword: NEW_PASSWORD },
    },
    { method: 'DELETE', url: '/api/v1/me', payload: { password: PASSWORD } },
    { method: 'POST', url: `/api/v1/admin/users/${victim.userId}/role`, payload: { role: 'admin' } },
    { method: 'GET', url: `/api/v1/admin/users/${victim.userId}` },
  ] as const
  for (const [name, token] of tokens) {
    for (const target of targets) {
      const reply = await app.inject({ ...target, headers: token === null ? {} : bearer(token) })
      t.equal(outcome(reply), '401 UNAUTHENTICATED', `${name}: ${target.method} ${target.url}`)
    }
  }
  t.same(await footprint(victim.userId), before, 'nothing changed')
})

t.test('a token accepted before (its claims kept in memory) is refused once it expires', async (t) => {
  const user = await signUp()
  const now = Math.floor(Date.now() / 1000)
  const shortLived = sign({
    sub: user.userId,
    role: 'user',
    iat: now,
    exp: now + 2,
    iss: 'nexus',
    aud: 'nexus-api',
    jti: randomUUID(),
  })
  t.equal((await app.inject({ url: '/api/v1/me/favorites', headers: bearer(shortLived) })).statusCode, 200)
  t.equal(
    (await app.inject({ url: '/api/v1/me/favorites', headers: bearer(shortLived) })).statusCode,
    200,
    'again',
  )
  await new Promise((resolve) => setTimeout(resolve, (now + 3) * 1000 - Date.now()))
  t.equal(
    outcome(await app.inject({ url: '/api/v1/me/favorites', headers: bearer(shortLived) })),
    '401 UNAUTHENTICATED',
    'expired',
  )
})

t.test('every protected route refuses anonymous callers (401) and the wrong role (403)', async (t) => {
  const doc = (await app.inject({ url: '/api/docs/json' })).json()
  const user = await signUp()
  const before = await footprint(user.userId)
  const operations = Object.entries(
    doc.paths as Record<string, Record<string, { security?: unknown; 'x-access'?: string }>>,
  )
    .filter(([path]) => path.startsWith('/api/v1/'))
    .flatMap(([path, methods]) => Object.entries(methods).map(([method, op]) => ({ path, method, op })))
  t.ok(operations.length >= 12, `${operations.length} operations`)
  let roleRoutes = 0
  for (const { path, method, op } of operations) {
    const access = op['x-access']
    const url = path.replaceAll(/\{[^}]+\}/g, randomUUID())
    const request = { method: method.toUpperCase() as 'GET', url, payload: method === 'get' ? undefined : {} }
    if (path.startsWith('/api/v1/auth/')) {
      t.equal(access, 'public', `${method} ${path} is public`)
      t.same(op.security, [], `${method} ${path} shows no bearer requirement (security: [])`)
      continue
    }
    if (access === 'public') {
      // Public reads (the catalogue): a bearer token may be optional, never required.
      t.notSame(op.security, [{ bearerAuth: [] }], `${method} ${path} requires no bearer token`)
      t.not((await app.inject(request)).statusCode, 401, `anonymous ${method} ${path} is answered`)
      continue
    }
    t.same(op.security, [{ bearerAuth: [] }], `${method} ${path} shows the bearer scheme`)
    t.equal(outcome(await app.inject(request)), '401 UNAUTHENTICATED', `anonymous ${method} ${path}`)
    if (access?.startsWith('role:') && !access.includes('user')) {
      roleRoutes++
      t.equal(
        outcome(await app.inject({ ...request, headers: user.session.headers })),
        '403 FORBIDDEN',
        `a user token on ${method} ${path} (${access})`,
      )
    }
  }
  t.ok(roleRoutes >= 4, `${roleRoutes} admin/analyst operations checked`)
  const analyst = await signUp('analyst')
  const promote = await post(
    `/admin/users/${analyst.userId}/role`,
    { role: 'admin' },
    analyst.session.headers,
  )
  t.equal(outcome(promote), '403 FORBIDDEN', 'an analyst cannot make themselves admin')
  t.same(await footprint(user.userId), before, 'nothing changed')
})

t.test("a user cannot act on another user's account or session", async (t) => {
  const alice = await signUp()
  const bob = await signUp()
  const aliceBefore = await footprint(alice.userId)
  t.equal(
    outcome(await post(`/admin/users/${alice.userId}/role`, { role: 'user' }, bob.session.headers)),
    '403 FORBIDDEN',
    "bob cannot change alice's role",
  )
  t.equal(
    outcome(
      await app.inject({
        method: 'DELETE',
        url: `/api/v1/admin/users/${alice.userId}`,
        headers: bob.session.headers,
      }),
    ),
    '403 FORBIDDEN',
    'bob cannot erase alice',
  )
  t.equal(
    outcome(await app.inject({ url: `/api/v1/admin/users/${alice.userId}`, headers: bob.session.headers })),
    '403 FORBIDDEN',
    "bob cannot read alice's account",
  )
  const erase = await app.inject({
    method: 'DELETE',
    url: '/api/v1/me',
    headers: bob.session.headers,
    payload: { password: PASSWORD },
  })
  t.equal(erase.statusCode, 200, "bob's DELETE /me erases bob")
  t.same(await footprint(alice.userId), aliceBefore, 'alice is untouched')
  t.equal(
    (await post('/auth/refresh', { refreshToken: alice.session.refreshToken })).statusCode,
    200,
    "alice's session goes on",
  )
})

t.test('a spent refresh token presented again ends the whole session', async (t) => {
  const user = await signUp()
  const other = await login(user.username)
  const first = await post('/auth/refresh', { refreshToken: user.session.refreshToken })
  t.equal(first.statusCode, 200)
  const second = first.json()
  t.not(second.refreshToken, user.session.refreshToken, 'rotated')
  t.equal(
    outcome(await post('/auth/refresh', { refreshToken: user.session.refreshToken })),
    '401 REFRESH_TOKEN_REUSED',
  )
  t.equal(
    outcome(await post('/auth/refresh', { refreshToken: second.refreshToken })),
    '401 INVALID_REFRESH_TOKEN',
    "the thief's new token is dead too",
  )
  t.equal(
    outcome(await app.inject({ url: '/api/v1/me', headers: bearer(second.accessToken) })),
    '401 UNAUTHENTICATED',
    'and its access token',
  )
  t.equal(
    outcome(await app.inject({ url: '/api/v1/me', headers: user.session.headers })),
    '401 UNAUTHENTICATED',
  )
  const before = await footprint(user.userId)
  t.equal(
    outcome(await post('/auth/refresh', { refreshToken: second.refreshToken })),
    '401 INVALID_REFRESH_TOKEN',
  )
  t.same(await footprint(user.userId), before, 'refused refreshes change nothing')
  t.equal(
    (await post('/auth/refresh', { refreshToken: other.refreshToken })).statusCode,
    200,
    'other sessions go on',
  )
  for (const token of [`nxr_${'A'.repeat(43)}`, 'garbage']) {
    t.equal(outcome(await post('/auth/refresh', { refreshToken: token })), '401 INVALID_REFRESH_TOKEN', token)
  }
})

t.test('logout ends the session: its refresh and access tokens stop working', async (t) => {
  const user = await signUp()
  const other = await login(user.username)
  const out = await post('/auth/logout', { refreshToken: user.session.refreshToken })
  t.equal(out.statusCode, 204)
  t.equal(
    outcome(await post('/auth/refresh', { refreshToken: user.session.refreshToken })),
    '401 INVALID_REFRESH_TOKEN',
  )
  t.equal(
    outcome(await app.inject({ url: '/api/v1/me', headers: user.session.headers })),
    '401 UNAUTHENTICATED',
  )
  // The revocation verdict comes before the body is read: a broken body still gets the 401.
  t.equal(
    outcome(
      await app.inject({
        method: 'PATCH',
        url: '/api/v1/me',
        headers: { ...user.session.headers, 'content-type': 'application/json' },
        payload: '{"displayName": ',
      }),
    ),
    '401 UNAUTHENTICATED',
    'a revoked token with a malformed body',
  )
  t.equal(
    (await post('/auth/logout', { refreshToken: user.session.refreshToken })).statusCode,
    204,
    'twice is fine',
  )
  t.equal(
    (await post('/auth/logout', { refreshToken: `nxr_${'B'.repeat(43)}` })).statusCode,
    204,
    'unknown: same answer',
  )
  t.equal(
    (await post('/auth/refresh', { refreshToken: other.refreshToken })).statusCode,
    200,
    'other sessions go on',
  )
})

t.test('a password change ends the other sessions and needs the current password', async (t) => {
  const user = await signUp()
  const other = await login(user.username)
  const before = await footprint(user.userId)
  const wrong = await post(
    '/me/password',
    { currentPassword: 'not my password', newPassword: NEW_PASSWORD },
    user.session.headers,
  )
  t.equal(outcome(wrong), '403 WRONG_PASSWORD')
  t.same(await footprint(user.userId), before, 'a wrong current password changes nothing')

  const changed = await post(
    '/me/password',
    { currentPassword: PASSWORD, newPassword: NEW_PASSWORD },
    user.session.headers,
  )
  t.equal(changed.statusCode, 200)
  const events = []
  for await (const e of app.eventStore.readStream(userStream(user.userId))) events.push(e)
  t.match(events.at(-1), { type: 'PasswordChanged', data: { userId: user.userId } })
  t.notMatch(JSON.stringify(events.at(-1)?.data), /argon|battery/, 'no password or hash in the event')
  t.equal(
    outcome(await app.inject({ url: '/api/v1/me', headers: other.headers })),
    '401 UNAUTHENTICATED',
    "the other session's access token",
  )
  t.equal(
    outcome(await post('/auth/refresh', { refreshToken: other.refreshToken })),
    '401 INVALID_REFRESH_TOKEN',
    'and its refresh token',
  )
  t.equal(
    (await post('/auth/refresh', { refreshToken: user.session.refreshToken })).statusCode,
    200,
    'this session goes on',
  )
  t.equal(
    outcome(await post('/auth/login', { login: user.username, password: PASSWORD })),
    '401 INVALID_CREDENTIALS',
    'the old password',
  )
  t.equal(
    (await post('/auth/login', { login: user.username, password: NEW_PASSWORD })).statusCode,
    200,
    'the new one',
  )
})

t.test('a role change ends tokens that carry the old role', async (t) => {
  const admin = await signUp('admin')
  const user = await signUp('analyst')
  await sleep(1_000 - (Date.now() % 1_000) + 20) // tokens are dated in whole seconds
  const change = await post(`/admin/users/${user.userId}/role`, { role: 'user' }, admin.session.headers)
  t.equal(change.statusCode, 200)
  t.equal(
    outcome(await app.inject({ url: '/api/v1/me', headers: user.session.headers })),
    '401 UNAUTHENTICATED',
    'the analyst token',
  )
  const refreshed = await post('/auth/refresh', { refreshToken: user.session.refreshToken })
  t.equal(refreshed.json().role, 'user')
  const profile = await app.inject({
    method: 'PATCH',
    url: '/api/v1/me',
    headers: bearer(refreshed.json().accessToken),
    payload: { displayName: 'Still here' },
  })
  t.equal(profile.statusCode, 200, 'the refreshed token works')
})

t.test('an erased user is refused everywhere and cannot come back', async (t) => {
  const admin = await signUp('admin')
  const user = await signUp()
  const other = await login(user.username)
  const wrong = await app.inject({
    method: 'DELETE',
    url: '/api/v1/me',
    headers: user.session.headers,
    payload: { password: 'nope' },
  })
  t.equal(outcome(wrong), '403 WRONG_PASSWORD', 'erasure needs the password')
  const erased = await app.inject({
    method: 'DELETE',
    url: '/api/v1/me',
    headers: user.session.headers,
    payload: { password: PASSWORD },
  })
  t.equal(erased.statusCode, 200)
  const after = await footprint(user.userId)
  t.same([after.credentials, after.tokens, after.keys], [[], [], []], 'no key, hash or token is left')
  for (const headers of [user.session.headers, other.headers]) {
    t.equal(outcome(await app.inject({ url: '/api/v1/me', headers })), '401 UNAUTHENTICATED', 'access tokens')
    t.equal(
      outcome(
        await app.inject({
          method: 'PUT',
          url: `/api/v1/movies/${randomUUID()}/rating`,
          headers,
          payload: { stars: 3 },
        }),
      ),
      '401 UNAUTHENTICATED',
      'even on routes that never read the user',
    )
  }
  t.equal(
    outcome(await post('/auth/refresh', { refreshToken: other.refreshToken })),
    '401 INVALID_REFRESH_TOKEN',
  )
  t.equal(
    outcome(await post('/auth/login', { login: user.username, password: PASSWORD })),
    '401 INVALID_CREDENTIALS',
  )
  t.equal(
    outcome(await post(`/admin/users/${user.userId}/role`, { role: 'admin' }, admin.session.headers)),
    '422 USER_ERASED',
  )
  const again = await app.inject({
    method: 'DELETE',
    url: `/api/v1/admin/users/${user.userId}`,
    headers: admin.session.headers,
  })
  t.match(again.json(), { changed: false }, 'erasing again changes nothing')
  t.same(await footprint(user.userId), after, 'nothing changed')
})
