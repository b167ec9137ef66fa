/**
 * Moderation over HTTP, on real accounts: reports and the moderation queue, hiding, restoring and
 * spoiler marks as threads and the comment's history show them, suspension (reads yes, every
 * command 403 USER_SUSPENDED, sessions ended), the per-user comment limit, THE MODERATION PERMISSION
 * MATRIX (user, moderator, admin, suspended user, suspended moderator × every moderation route), and
 * a rebuild of the moderation queue that equals the live one.
 */
import { randomUUID } from 'node:crypto'
import { sql } from 'kysely'
import t from 'tap'
import { comments } from '../../projections/comments.ts'
import { moderationQueue } from '../../projections/moderation-queue.ts'
import type { Role } from '../../src/domain/user/user.ts'
import { runUserCommand } from '../../src/identity/user-streams.ts'
import { buildTestApp } from '../support/app.ts'

const COMMENT_LIMIT = 4
const { app, addMovie, startProjectors, blueGreenRebuild } = await buildTestApp(t, {
  authRateLimitMax: 1_000,
  loginFailureLimit: 1_000,
  commentRateLimitMax: COMMENT_LIMIT,
  consistencyTimeoutMs: 5_000,
})
startProjectors()
const PASSWORD = 'correct horse battery staple'
const movieId = await addMovie({ title: 'The Quiet Lighthouse' })

type Headers = Record<string, string>
type Reply = { statusCode: number; json(): { error: { code: string } } }
const outcome = (reply: Reply) =>
  reply.statusCode >= 400 ? `${reply.statusCode} ${reply.json().error.code}` : String(reply.statusCode)
const call = (
  method: 'GET' | 'POST' | 'PATCH' | 'PUT' | 'DELETE',
  url: string,
  headers: Headers,
  payload?: object,
) => app.inject({ method, url: `/api/v1${url}`, headers, ...(payload ? { payload } : {}) })

async function login(username: string): Promise<Headers> {
  const reply = await call('POST', '/auth/login', {}, { login: username, password: PASSWORD })
  if (reply.statusCode !== 200) throw new Error(`login: ${reply.statusCode} ${reply.body}`)
  return { authorization: `Bearer ${reply.json().accessToken}` }
}

type Account = { userId: string; username: string; headers: Headers }
async function signUp(role: Role = 'user'): Promise<Account> {
  const username = `m${randomUUID().slice(0, 8)}`
  const reply = await call(
    'POST',
    '/auth/register',
    {},
    { username, email: `${username}@example.com`, password: PASSWORD },
  )
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
  return { userId, username, headers: await login(username) }
}

const admin = await signUp('admin')
const moderator = await signUp('moderator')

async function newComment(author: Account, text = `A comment ${randomUUID()}`): Promise<string> {
  const reply = await call('POST', `/movies/${movieId}/comments`, author.headers, { text })
  if (reply.statusCode !== 201) throw new Error(`comment: ${reply.statusCode} ${reply.body}`)
  return reply.json().id
}

/** Suspends through the API, then signs in again (the old token was revoked). */
async function suspended(account: Account, by: Account = admin): Promise<Account> {
  const reply = await call('POST', `/moderation/users/${account.userId}/suspend`, by.headers, {
    reason: 'spam',
  })
  if (reply.statusCode !== 200) throw new Error(`suspend: ${reply.statusCode} ${reply.body}`)
  return { ...account, headers: await login(account.username) }
}

async function thread(commentId: string, position: string) {
  const reply = await app.inject({
    url: `/api/v1/movies/${movieId}/comments?limit=100`,
    headers: { 'x-consistency-token': position },
  })
  const items = reply.json().items as { id: string; text: string | null; hidden: boolean; spoiler: boolean }[]
  return items.find((item) => item.id === commentId)
}

async function queue(headers: Headers, status = 'open', position?: string) {
  const reply = await call('GET', `/moderation/queue?status=${status}&limit=100`, {
    ...headers,
    ...(position ? { 'x-consistency-token': position } : {}),
  })
  return reply.json().items as {
    commentId: string
    status: string
    reportCount: number
    openReports: number
    text: string | null
    reports: { reportedBy: string; reason: string }[]
    lastDecision: { action: string; by: string; reason: string } | null
  }[]
}

t.test('reported, queued, hidden, restored and marked: threads, queue and history agree', async (t) => {
  const [author, ann, ben] = [await signUp(), await signUp(), await signUp()]
  const commentId = await newComment(author, 'The keeper was the ghost all along.')
  t.equal(
    outcome(await call('POST', `/comments/${commentId}/reports`, ann.headers, { reason: 'spoils the end' })),
    '200',
  )
  const again = await call('POST', `/comments/${commentId}/reports`, ann.headers, { reason: 'still' })
  t.equal(again.json().changed, false, 'reporting twice changes nothing')
  const second = await call('POST', `/comments/${commentId}/reports`, ben.headers, { reason: 'rude' })
  t.equal(
    outcome(await call('POST', `/comments/${commentId}/reports`, author.headers, { reason: 'me' })),
    '422 CANNOT_REPORT_OWN',
  )
  t.equal(
    outcome(await call('POST', `/comments/${commentId}/reports`, ben.headers, { reason: '   ' })),
    '422 REASON_REQUIRED',
  )

  const open = (await queue(moderator.headers, 'open', second.json().position)).find(
    (i) => i.commentId === commentId,
  )
  t.match(open, {
    status: 'open',
    reportCount: 2,
    openReports: 2,
    text: 'The keeper was the ghost all along.',
  })
  t.same(
    open?.reports.map((r) => [r.reportedBy, r.reason]).sort(),
    [
      [ann.userId, 'spoils the end'],
      [ben.userId, 'rude'],
    ].sort(),
  )

  const hide = await call('POST', `/moderation/comments/${commentId}/hide`, moderator.headers, {
    reason: 'insults',
  })
  t.equal(outcome(hide), '200')
  t.match(
    await thread(commentId, hide.json().position),
    { hidden: true, text: null },
    'the public sees it hidden',
  )
  t.equal(
    outcome(await call('PATCH', `/comments/${commentId}`, author.headers, { text: 'edited' })),
    '422 COMMENT_HIDDEN',
  )
  const hiddenItem = (await queue(moderator.headers, 'hidden', hide.json().position)).find(
    (i) => i.commentId === commentId,
  )
  t.match(hiddenItem, {
    status: 'hidden',
    openReports: 0,
    lastDecision: { action: 'hidden', by: moderator.userId, reason: 'insults' },
  })
  t.notOk(
    (await queue(moderator.headers, 'open')).some((i) => i.commentId === commentId),
    'no longer open',
  )

  const restore = await call('POST', `/moderation/comments/${commentId}/restore`, admin.headers, {
    reason: 'appeal',
  })
  t.match(await thread(commentId, restore.json().position), {
    hidden: false,
    text: 'The keeper was the ghost all along.',
  })
  const mark = await call('POST', `/moderation/comments/${commentId}/spoiler`, moderator.headers, {
    spoiler: true,
    reason: 'the twist',
  })
  t.match(await thread(commentId, mark.json().position), {
    spoiler: true,
    text: 'The keeper was the ghost all along.',
  })
  const resolved = (await queue(admin.headers, 'resolved', mark.json().position)).find(
    (i) => i.commentId === commentId,
  )
  t.match(resolved, {
    status: 'resolved',
    lastDecision: { action: 'spoiler', by: moderator.userId, reason: 'the twist' },
  })

  const history = (await call('GET', `/moderation/comments/${commentId}/history`, moderator.headers)).json()
  t.same(
    history.events.map((e: { type: string; actorId: string; reason: string | null }) => [
      e.type,
      e.actorId,
      e.reason,
    ]),
    [
      ['CommentAdded', author.userId, null],
      ['CommentReported', ann.userId, 'spoils the end'],
      ['CommentReported', ben.userId, 'rude'],
      ['CommentHidden', moderator.userId, 'insults'],
      ['CommentRestored', admin.userId, 'appeal'],
      ['CommentSpoilerMarked', moderator.userId, 'the twist'],
    ],
    'each decision with its actor and reason',
  )
  t.notOk(JSON.stringify(history).includes('ghost'), 'the history carries no text')
  t.equal(
    outcome(await call('GET', `/moderation/comments/${randomUUID()}/history`, moderator.headers)),
    '404 COMMENT_NOT_FOUND',
  )
})

t.test(
  'a suspended user reads but every command answers 403 USER_SUSPENDED; reinstated, they write again',
  async (t) => {
    const target = await signUp()
    const before = target.headers
    const commentId = await newComment(target)
    const suspend = await call('POST', `/moderation/users/${target.userId}/suspend`, moderator.headers, {
      reason: 'spam',
    })
    t.equal(outcome(suspend), '200')
    t.equal(
      outcome(await call('GET', `/movies/${movieId}/comments`, before)),
      '401 UNAUTHENTICATED',
      'the token from before the suspension is revoked',
    )
    const refresh = await sql<{ open: number }>`
    SELECT count(*)::int AS open FROM refresh_tokens WHERE user_id = ${target.userId} AND revoked_at IS NULL`.execute(
      app.db,
    )
    t.equal(refresh.rows[0]?.open, 0, 'every refresh token is revoked in PostgreSQL')

    const headers = await login(target.username)
    t.equal(
      outcome(await call('GET', `/movies/${movieId}/comments`, headers)),
      '200',
      'a suspended user reads',
    )
    t.equal(
      outcome(await call('GET', '/me', { ...headers, 'x-consistency-token': suspend.json().position })),
      '200',
    )

    // Every command operation of the OpenAPI document, whatever its body or ids: refused before anything runs.
    const doc = (await app.inject({ url: '/api/docs/json' })).json()
    let commands = 0
    for (const [path, methods] of Object.entries(
      doc.paths as Record<string, Record<string, { 'x-access'?: string }>>,
    )) {
      if (!path.startsWith('/api/v1/')) continue
      for (const [method, op] of Object.entries(methods)) {
        if (
          method === 'get' ||
          method === 'head' ||
          op['x-access'] === 'public' ||
          op['x-access'] === undefined
        )
          continue
        const url = path.replaceAll(/\{[^}]+\}/g, randomUUID())
        const reply = await app.inject({ method: method.toUpperCase() as 'POST', url, headers, payload: {} })
        const exempt = (method === 'delete' && path === '/api/v1/me') || path === '/api/v1/me/password'
        if (exempt) {
          t.not(outcome(reply), '403 USER_SUSPENDED', `${method} ${path} stays open to a suspended user`)
          continue
        }
        const expected =
          op['x-access']?.startsWith('role:') && !op['x-access'].includes('user')
            ? '403 FORBIDDEN'
            : '403 USER_SUSPENDED'
        t.equal(outcome(reply), expected, `${method} ${path}`)
        commands++
      }
    }
    t.ok(commands >= 20, `${commands} command operations refused`)
    t.equal(
      outcome(await call('POST', `/movies/${movieId}/comments`, headers, { text: 'let me in' })),
      '403 USER_SUSPENDED',
    )
    t.equal(outcome(await call('PUT', `/comments/${commentId}/like`, headers)), '403 USER_SUSPENDED')

    const reinstate = await call('POST', `/moderation/users/${target.userId}/reinstate`, moderator.headers, {
      reason: 'appeal accepted',
    })
    t.equal(reinstate.json().changed, true)
    t.equal(
      outcome(await call('POST', `/movies/${movieId}/comments`, headers, { text: 'back again' })),
      '201',
    )
    const events = []
    for await (const event of app.eventStore.readStream(`user-${target.userId}`)) events.push(event)
    t.same(
      events.slice(-2).map((e) => [e.type, (e.data as { reason: string }).reason, e.metadata.actorId]),
      [
        ['UserSuspended', 'spam', moderator.userId],
        ['UserReinstated', 'appeal accepted', moderator.userId],
      ],
    )
  },
)

t.test('a moderator cannot suspend staff or themselves; an admin suspends a moderator', async (t) => {
  const other = await signUp('moderator')
  t.equal(
    outcome(
      await call('POST', `/moderation/users/${other.userId}/suspend`, moderator.headers, { reason: 'x' }),
    ),
    '403 CANNOT_MODERATE_STAFF',
  )
  t.equal(
    outcome(
      await call('POST', `/moderation/users/${admin.userId}/suspend`, moderator.headers, { reason: 'x' }),
    ),
    '403 CANNOT_MODERATE_STAFF',
  )
  t.equal(
    outcome(
      await call('POST', `/moderation/users/${moderator.userId}/suspend`, moderator.headers, { reason: 'x' }),
    ),
    '422 CANNOT_SUSPEND_SELF',
  )
  t.equal(
    outcome(
      await call('POST', `/moderation/users/${randomUUID()}/suspend`, moderator.headers, { reason: 'x' }),
    ),
    '404 USER_NOT_FOUND',
  )
  t.equal(
    outcome(await call('POST', `/moderation/users/${other.userId}/suspend`, admin.headers, { reason: 'x' })),
    '200',
  )
})

t.test('comments per user are limited: one more than the limit answers 429 RATE_LIMITED', async (t) => {
  const author = await signUp()
  for (let i = 0; i < COMMENT_LIMIT; i++) await newComment(author)
  const over = await call('POST', `/movies/${movieId}/comments`, author.headers, { text: 'one too many' })
  t.equal(outcome(over), '429 RATE_LIMITED')
  t.ok(Number(over.headers['retry-after']) >= 1, 'with Retry-After')
  const other = await signUp()
  t.equal(
    outcome(await call('POST', `/movies/${movieId}/comments`, other.headers, { text: 'mine' })),
    '201',
    'per user',
  )
})

t.test(
  'THE MODERATION PERMISSION MATRIX: user, moderator, admin, suspended × every moderation route',
  async (t) => {
    const author = await signUp()
    const actors: Record<string, Account> = {
      user: await signUp(),
      moderator: await signUp('moderator'),
      admin: await signUp('admin'),
      'suspended user': await suspended(await signUp()),
      'suspended moderator': await suspended(await signUp('moderator')),
    }
    type Cell = Record<keyof typeof actors, string>
    const routes: { name: string; run: (who: Account) => Promise<Reply>; expected: Cell }[] = [
      {
        name: 'report a comment',
        run: async (who) =>
          call('POST', `/comments/${await newComment(author)}/reports`, who.headers, { reason: 'rude' }),
        expected: {
          user: '200',
          moderator: '200',
          admin: '200',
          'suspended user': '403 USER_SUSPENDED',
          'suspended moderator': '403 USER_SUSPENDED',
        },
      },
      {
        name: 'read the queue',
        run: (who) => call('GET', '/moderation/queue', who.headers),
        expected: {
          user: '403 FORBIDDEN',
          moderator: '200',
          admin: '200',
          'suspended user': '403 FORBIDDEN',
          'suspended moderator': '200',
        },
      },
      {
        name: "read a comment's history",
        run: async (who) =>
          call('GET', `/moderation/comments/${await newComment(author)}/history`, who.headers),
        expected: {
          user: '403 FORBIDDEN',
          moderator: '200',
          admin: '200',
          'suspended user': '403 FORBIDDEN',
          'suspended moderator': '200',
        },
      },
      ...(['hide', 'restore'] as const).map((action) => ({
        name: `${action} a comment`,
        run: async (who: Account) => {
          const id = await newComment(author)
          if (action === 'restore')
            await call('POST', `/moderation/comments/${id}/hide`, admin.headers, { reason: 'r' })
          return call('POST', `/moderation/comments/${id}/${action}`, who.headers, { reason: 'decided' })
        },
        expected: {
          user: '403 FORBIDDEN',
          moderator: '200',
          admin: '200',
          'suspended user': '403 FORBIDDEN',
          'suspended moderator': '403 USER_SUSPENDED',
        },
      })),
      {
        name: 'mark a spoiler',
        run: async (who) =>
          call('POST', `/moderation/comments/${await newComment(author)}/spoiler`, who.headers, {
            spoiler: true,
            reason: 'twist',
          }),
        expected: {
          user: '403 FORBIDDEN',
          moderator: '200',
          admin: '200',
          'suspended user': '403 FORBIDDEN',
          'suspended moderator': '403 USER_SUSPENDED',
        },
      },
      ...(['suspend', 'reinstate'] as const).map((action) => ({
        name: `${action} a user`,
        run: async (who: Account) => {
          const target = await signUp()
          if (action === 'reinstate') await suspended(target)
          return call('POST', `/moderation/users/${target.userId}/${action}`, who.headers, {
            reason: 'decided',
          })
        },
        expected: {
          user: '403 FORBIDDEN',
          moderator: '200',
          admin: '200',
          'suspended user': '403 FORBIDDEN',
          'suspended moderator': '403 USER_SUSPENDED',
        },
      })),
      {
        name: "delete someone else's comment",
        run: async (who) =>
          call('DELETE', `/comments/${await newComment(author)}?reason=doxxing`, who.headers),
        expected: {
          user: '403 NOT_COMMENT_AUTHOR',
          moderator: '200',
          admin: '200',
          'suspended user': '403 USER_SUSPENDED',
          'suspended moderator': '403 USER_SUSPENDED',
        },
      },
    ]
    // The author writes many comments here: a fresh author per row keeps under the comment limit.
    for (const route of routes) {
      for (const [role, who] of Object.entries(actors)) {
        const rowAuthor = await signUp()
        const original = author.headers
        author.headers = rowAuthor.headers
        t.equal(outcome(await route.run(who)), route.expected[role], `${role}: ${route.name}`)
        author.headers = original
      }
    }
  },
)

t.test('live and rebuilt, the moderation queue builds the same rows', async (t) => {
  const position = (
    await call('POST', `/moderation/comments/${await newComment(await signUp())}/hide`, admin.headers, {
      reason: 'last',
    })
  ).json().position
  await queue(admin.headers, 'hidden', position)
  const rows = async () => ({
    queue: (await sql`SELECT * FROM moderation_queue ORDER BY comment_id`.execute(app.db)).rows,
    reports: (await sql`SELECT * FROM comment_reports ORDER BY comment_id, reported_by`.execute(app.db)).rows,
    comments: (
      await sql`SELECT id, text, hidden_at, spoiler, deleted_at FROM comments ORDER BY id`.execute(app.db)
    ).rows,
  })
  const live = await rows()
  t.ok(live.queue.length >= 10, `${live.queue.length} queue rows`)
  for (const projection of [moderationQueue, comments]) {
    const rebuilt = await blueGreenRebuild(projection, 3)
    t.equal(rebuilt, 'swapped', `${projection.name} rebuilt`)
  }
  t.same(await rows(), live, 'a rebuild in batches of three builds the same rows')
})
