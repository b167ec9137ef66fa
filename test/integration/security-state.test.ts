/**
 * Security state that must not regress, on real PostgreSQL and a redis-server of this file's own:
 * the failed-password lockout under parallel guesses (one address and many), revocations and
 * failed-login counts that survive Redis losing everything (flushed, restarted empty, down), exact
 * revocation on a role change in the same second as a sign-in, and tokens without exp refused.
 */
import { spawn } from 'node:child_process'
import { createHmac, randomUUID } from 'node:crypto'
import { fileURLToPath } from 'node:url'
import { sql } from 'kysely'
import t, { type Test } from 'tap'

import { buildTestApp } from '../support/app.ts'
import { finished } from '../support/child-process.ts'
import { startOwnRedis } from '../support/own-redis.ts'

const PASSWORD = 'correct horse battery staple'
const LIMIT = 5

const redis = await startOwnRedis(t)
const { app, user, config, addMovie, database } = await buildTestApp(t, {
  redisUrl: redis.url,
  loginFailureLimit: LIMIT,
  loginFailureWindowSeconds: 600,
  authRateLimitMax: 10_000,
  rateLimitMax: 100_000,
})
const admin = user({ role: 'admin' })

const post = (url: string, payload: object, headers: Record<string, string> = {}, remoteAddress?: string) =>
  app.inject({
    method: 'POST',
    url: `/api/v1${url}`,
    payload,
    headers,
    ...(remoteAddress ? { remoteAddress } : {}),
  })
const bearer = (token: string) => ({ authorization: `Bearer ${token}` })

type Session = { accessToken: string; refreshToken: string }

async function signUp(): Promise<{ username: string; userId: string }> {
  const username = `u${randomUUID().slice(0, 8)}`
  const reply = await post('/auth/register', {
    username,
    email: `${username}@example.com`,
    password: PASSWORD,
  })
  if (reply.statusCode !== 201) throw new Error(`register: ${reply.statusCode} ${reply.body}`)
  return { username, userId: reply.json().userId }
}

async function signIn(username: string): Promise<Session> {
  const reply = await post('/auth/login', { login: username, password: PASSWORD })
  if (reply.statusCode !== 200) throw new Error(`login: ${reply.statusCode} ${reply.body}`)
  return reply.json()
}

const me = async (token: string) =>
  (await app.inject({ url: '/api/v1/me/ratings', headers: bearer(token) })).statusCode

t.test(
  'parallel guesses never get more than the limit of password checks, from one address or many',
  async (t) => {
    for (const spread of [false, true]) {
      const { username } = await signUp()
      // 19 wrong passwords and the right one, all at once (across 20 addresses in the second round).
      const passwords = [...Array.from({ length: 19 }, (_, i) => `wrong password ${i}`), PASSWORD]
      const replies = await Promise.all(
        passwords.map((password, i) =>
          post('/auth/login', { login: username, password }, {}, spread ? `10.9.${i}.${i + 1}` : undefined),
        ),
      )
      const statuses = replies.map((reply) => reply.statusCode)
      const checked = statuses.filter((status) => status === 200 || status === 401).length
      const throttled = statuses.filter((status) => status === 429).length
      t.ok(
        checked <= LIMIT,
        `at most ${LIMIT} passwords checked (${checked}; ${spread ? 'many addresses' : 'one address'})`,
      )
      t.equal(checked + throttled, passwords.length, `the rest answer 429: ${statuses.join(',')}`)
      for (const reply of replies.filter((r) => r.statusCode === 429)) {
        t.equal(reply.json().error.code, 'TOO_MANY_FAILED_ATTEMPTS')
        t.ok(Number(reply.headers['retry-after']) > 0, 'with Retry-After')
      }
      // Another round: still locked, the right password included.
      const again = await post('/auth/login', { login: username, password: PASSWORD })
      if (statuses.filter((status) => status === 401).length >= LIMIT)
        t.equal(again.statusCode, 429, 'still locked')
    }
  },
)

t.test(
  'a successful check gives its reservation back: the right password never locks the account',
  async (t) => {
    const { username } = await signUp()
    const replies = await Promise.all(
      Array.from({ length: LIMIT * 3 }, () => post('/auth/login', { login: username, password: PASSWORD })),
    )
    const statuses = replies.map((reply) => reply.statusCode)
    t.ok(statuses.includes(200), 'signed in')
    t.notOk(
      statuses.some((status) => status !== 200 && status !== 429),
      `only 200 or 429: ${statuses.join(',')}`,
    )
    t.equal(
      (await post('/auth/login', { login: username, password: PASSWORD })).statusCode,
      200,
      'not locked afterwards',
    )
  },
)

t.test('revocations and failed-login counts survive Redis losing everything', async (t) => {
  // Each kind of revocation, made while Redis holds its cache.
  const loggedOut = await signUp()
  const loggedOutSession = await signIn(loggedOut.username)
  t.equal((await post('/auth/logout', { refreshToken: loggedOutSession.refreshToken })).statusCode, 204)

  const stolen = await signUp()
  const stolenSession = await signIn(stolen.username)
  t.equal((await post('/auth/refresh', { refreshToken: stolenSession.refreshToken })).statusCode, 200)
  const reuse = await post('/auth/refresh', { refreshToken: stolenSession.refreshToken })
  t.equal(reuse.json().error.code, 'REFRESH_TOKEN_REUSED')

  const erased = await signUp()
  const erasedSession = await signIn(erased.username)
  const erasedAgain = await signIn(erased.username)
  t.equal(
    (
      await app.inject({
        method: 'DELETE',
        url: '/api/v1/me',
        headers: bearer(erasedSession.accessToken),
        payload: { password: PASSWORD },
      })
    ).statusCode,
    200,
  )

  const demoted = await signUp()
  const promoted = await post(`/admin/users/${demoted.userId}/role`, { role: 'analyst' }, admin.headers)
  t.equal(promoted.statusCode, 200)
  const analystSession = await signIn(demoted.username)
  t.equal(
    (await post(`/admin/users/${demoted.userId}/role`, { role: 'user' }, admin.headers)).statusCode,
    200,
  )

  const changed = await signUp()
  const otherDevice = await signIn(changed.username)
  const thisDevice = await signIn(changed.username)
  const change = await post(
    '/me/password',
    { currentPassword: PASSWORD, newPassword: 'a whole new passphrase 42' },
    bearer(thisDevice.accessToken),
  )
  t.equal(change.statusCode, 200)

  const live = await signUp()
  const liveSession = await signIn(live.username)

  const locked = await signUp()
  for (let i = 0; i < LIMIT; i++) {
    t.equal((await post('/auth/login', { login: locked.username, password: `nope ${i}` })).statusCode, 401)
  }

  const movieId = await addMovie()
  const rate = (token: string) =>
    app.inject({
      method: 'PUT',
      url: `/api/v1/movies/${movieId}/rating`,
      headers: bearer(token),
      payload: { stars: 4 },
    })

  const revoked = {
    'signed out': loggedOutSession.accessToken,
    'refresh token reused': stolenSession.accessToken,
    erased: erasedAgain.accessToken,
    'role changed': analystSession.accessToken,
    'password changed (other session)': otherDevice.accessToken,
  }
  const expectState = async (t: Test, when: string) => {
    const started = Date.now()
    for (const [why, token] of Object.entries(revoked))
      t.equal(await me(token), 401, `${why}: refused ${when}`)
    t.equal((await rate(erasedAgain.accessToken)).statusCode, 401, `the erased user appends nothing ${when}`)
    t.equal(await me(liveSession.accessToken), 200, `a live token works ${when}`)
    t.equal(await me(thisDevice.accessToken), 200, `the session that changed the password goes on ${when}`)
    const login = await post('/auth/login', { login: locked.username, password: PASSWORD })
    t.equal(login.statusCode, 429, `the locked account stays locked ${when}`)
    t.comment(`${when}: ${Date.now() - started} ms`)
  }

  await expectState(t, 'with the cache')
  t.equal(
    await redis.command('EXISTS', `${config.redisKeyPrefix}auth:revocations-loaded`),
    1,
    'the cache is loaded',
  )

  await redis.flushAll()
  await expectState(t, 'after FLUSHALL')
  await expectState(t, 'after FLUSHALL, once reloaded')
  t.equal(
    await redis.command('EXISTS', `${config.redisKeyPrefix}auth:revocations-loaded`),
    1,
    'the cache is loaded again',
  )
  t.equal(
    await redis.command('GET', `${config.redisKeyPrefix}auth:revoked-user:${erased.userId}`),
    'erased',
    'with the entries from PostgreSQL',
  )

  await redis.stop()
  await expectState(t, 'while Redis is down')
  await redis.start()
  await expectState(t, 'after Redis restarted empty')

  const { rows } = await sql<{ count: string }>`
    select count(*) as count from events
    where type = 'RatingGiven' and stream_id like ${`%${erased.userId}%`}`.execute(app.db)
  t.equal(Number(rows[0]?.count), 0, 'no rating of the erased user in the log')
})

t.test(
  'a role change in the same second as a sign-in ends that sign-in’s token; the next one works',
  async (t) => {
    const { username, userId } = await signUp()
    for (const role of ['analyst', 'user', 'admin'] as const) {
      const session = await signIn(username)
      const changed = await post(`/admin/users/${userId}/role`, { role }, admin.headers)
      t.equal(changed.statusCode, 200)
      t.equal(await me(session.accessToken), 401, `the token of the old role is refused (now ${role})`)
      const refreshed = await post('/auth/refresh', { refreshToken: session.refreshToken })
      t.equal(refreshed.statusCode, 200)
      t.equal(refreshed.json().role, role, 'the refresh carries the new role')
      t.equal(await me(refreshed.json().accessToken), 200, 'and its token works at once')
    }
  },
)

t.test('npm run users -- set-role ends the old role’s tokens at once, durably', async (t) => {
  const { username, userId } = await signUp()
  const session = await signIn(username)
  const ran = await finished(
    spawn(process.execPath, ['scripts/users.ts', 'set-role', '--user', userId, '--role', 'analyst'], {
      cwd: fileURLToPath(new URL('../..', import.meta.url)),
      env: {
        ...process.env,
        DATABASE_URL: database.url,
        REDIS_URL: redis.url,
        REDIS_KEY_PREFIX: config.redisKeyPrefix,
        EVENTSTORE_URL: '',
        LOG_LEVEL: 'silent',
      },
      stdio: ['ignore', 'pipe', 'pipe'],
      timeout: 120_000,
    }),
  )
  t.equal(ran.code, 0, ran.stderr)
  t.equal(await me(session.accessToken), 401, 'the token of the old role is refused')
  await redis.flushAll()
  t.equal(await me(session.accessToken), 401, 'also once Redis has lost the entry')
  const refreshed = await post('/auth/refresh', { refreshToken: session.refreshToken })
  t.equal(refreshed.json().role, 'analyst', 'the refresh carries the new role')
  t.equal(await me(refreshed.json().accessToken), 200)
})

t.test(
  'a role change recorded by the previous version (whole seconds in Redis) is still honoured',
  async (t) => {
    const { username, userId } = await signUp()
    const session = await signIn(username)
    // As the previous version wrote it: the second before which tokens are refused, no marker needed.
    const key = `${config.redisKeyPrefix}auth:revoked-user:${userId}`
    await redis.command('SET', key, String(Math.floor(Date.now() / 1000) + 1), 'EX', 60)
    t.equal(await me(session.accessToken), 401, 'a token issued before that second is refused')
    await redis.command('DEL', key)
    t.equal(await me(session.accessToken), 200, 'and accepted without the entry')
  },
)

t.test('a token signed with the real secret but without exp is refused', async (t) => {
  const { username, userId } = await signUp()
  const session = await signIn(username)
  const encode = (value: object) => Buffer.from(JSON.stringify(value)).toString('base64url')
  const sign = (claims: object) => {
    const unsigned = `${encode({ alg: 'HS256', typ: 'JWT' })}.${encode(claims)}`
    return `${unsigned}.${createHmac('sha256', config.jwtSecret).update(unsigned).digest('base64url')}`
  }
  const claims = JSON.parse(
    Buffer.from(session.accessToken.split('.')[1] ?? '', 'base64url').toString('utf8'),
  )
  t.equal(claims.sub, userId)
  t.equal(await me(sign(claims)), 200, 'the same claims, signed here, are accepted (the signing is right)')
  const { exp: _exp, ...forever } = claims
  const refused = await app.inject({ url: '/api/v1/me', headers: bearer(sign(forever)) })
  t.equal(refused.statusCode, 401)
  t.equal(refused.json().error.code, 'UNAUTHENTICATED')
})
