/**
 * Erasure of free text: a user's comment (edited, so the old text is in CommentEdited.previousText
 * too), reply and rating review are sealed with their key. After DELETE /me the words are readable
 * nowhere: not in the thread (the comments show as deleted), not in any read model (SQL over every
 * table that held them), not in the stored events (raw SQL), not in an export file, not through GET
 * /api/v1/events, not after a rebuild of the read models nor in an analyst's replay.
 */
import { spawn } from 'node:child_process'
import { randomUUID } from 'node:crypto'
import { readFile, rm } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { sql } from 'kysely'
import t from 'tap'
import { comments } from '../../projections/comments.ts'
import { projections } from '../../projections/index.ts'
import { userRatings } from '../../projections/user-ratings.ts'
import { prepareReplay, runReplay } from '../../src/analytics/replay.ts'
import { waitForProjections } from '../../src/read/serving/consistency.ts'
import { runEvents } from '../support/analytics.ts'
import { buildTestApp } from '../support/app.ts'
import { finished } from '../support/child-process.ts'
import { testServices } from '../support/services.ts'

const { app, user, addMovie, startProjectors, database, blueGreenRebuild } = await buildTestApp(t, {
  authRateLimitMax: 1_000,
  consistencyTimeoutMs: 10_000,
})
startProjectors()
const PASSWORD = 'correct horse battery staple'
const FIRST = 'I am Erin Smith from Leeds, call me on 07700 900123'
const EDITED = 'I am Erin Smith from Leeds; ring 07700 900123 after six'
const REPLY = 'Erin again: my flat is 14 Wharf Street'
const REVIEW = 'Watched it with my sister Jo Smith in Headingley'
const SECRETS = ['Erin Smith', '07700 900123', 'Wharf Street', 'Headingley']
const LEGACY_SECRETS = ['Canal Wharf', 'Kirkstall']
const admin = user({ role: 'admin' })
const runUsers = (args: string[], databaseUrl: string) =>
  finished(
    spawn(process.execPath, ['scripts/users.ts', ...args], {
      cwd: join(import.meta.dirname, '../..'),
      env: {
        ...process.env,
        DATABASE_URL: databaseUrl,
        REDIS_URL: testServices.redisUrl,
        EVENTSTORE_URL: '',
        LOG_LEVEL: 'warn',
      },
      stdio: ['ignore', 'pipe', 'pipe'],
    }),
  )
const other = user()

const call = (
  method: 'GET' | 'POST' | 'PATCH' | 'PUT' | 'DELETE',
  url: string,
  headers: object,
  payload?: object,
) => app.inject({ method, url: `/api/v1${url}`, headers: { ...headers }, ...(payload ? { payload } : {}) })

const movieId = await addMovie({ title: 'Leeds by Night' })
const username = `e${randomUUID().slice(0, 8)}`
const registered = await call(
  'POST',
  '/auth/register',
  {},
  { username, email: `${username}@example.com`, password: PASSWORD },
)
const erinId: string = registered.json().userId
const signedIn = await call('POST', '/auth/login', {}, { login: username, password: PASSWORD })
const erin = { authorization: `Bearer ${signedIn.json().accessToken}` }

const root = (
  await call('POST', `/movies/${movieId}/comments`, other.headers, { text: 'What did you think?' })
).json().id
const commentId = (await call('POST', `/movies/${movieId}/comments`, erin, { text: FIRST })).json().id
await call('PATCH', `/comments/${commentId}`, erin, { text: EDITED })
const replyId = (
  await call('POST', `/movies/${movieId}/comments`, erin, { text: REPLY, parentId: root })
).json().id
const rated = await call('PUT', `/movies/${movieId}/rating`, erin, { stars: 4, review: REVIEW })
await call('POST', `/comments/${commentId}/reports`, other.headers, { reason: 'personal details' })

// What a writer before sealing left: version 1 events with the text in clear.
const LEGACY = [
  'Legacy Erin lives at 9 Canal Wharf',
  'Legacy Erin wrote 9 Canal Wharf, edited',
  'Legacy review by Erin of Kirkstall',
]
const legacyComment = randomUUID()
const legacyMovie = await addMovie({ title: 'The Abbey' })
await app.eventStore.append(
  `comment-${legacyComment}`,
  [
    {
      id: randomUUID(),
      type: 'CommentAdded',
      data: {
        commentId: legacyComment,
        movieId,
        authorId: erinId,
        parentId: null,
        text: LEGACY[0],
        addedAt: '2026-01-01T00:00:00.000Z',
      },
      metadata: { actorId: erinId, schemaVersion: 1 },
    },
    {
      id: randomUUID(),
      type: 'CommentEdited',
      data: {
        commentId: legacyComment,
        movieId,
        text: LEGACY[1],
        previousText: LEGACY[0],
        editedAt: '2026-01-02T00:00:00.000Z',
      },
      metadata: { actorId: erinId, schemaVersion: 1 },
    },
  ],
  'no_stream',
)
await app.eventStore.append(
  `interaction-${erinId}-${legacyMovie}`,
  [
    {
      id: randomUUID(),
      type: 'RatingGiven',
      data: {
        userId: erinId,
        movieId: legacyMovie,
        stars: 3,
        review: LEGACY[2],
        ratedAt: '2026-01-01T00:00:00.000Z',
        previousStars: null,
      },
      metadata: { actorId: erinId, schemaVersion: 1 },
    },
  ],
  'no_stream',
)

/**
 * Every place a text could be read, as one string: threads, read models, raw events, events API.
 * Read once every projection has passed `position` (the tables are read directly, not through a
 * route that would wait for its own projections).
 */
async function everywhere(position: string): Promise<{ all: string; events: string }> {
  if (!(await waitForProjections(app.pool, projections, position, 60_000)))
    throw new Error(`the projections did not reach ${position}`)
  const thread = await app.inject({
    url: `/api/v1/movies/${movieId}/comments?limit=100`,
    headers: { 'x-consistency-token': position },
  })
  const tables = await Promise.all(
    ['comments', 'user_ratings', 'moderation_queue', 'comment_reports', 'users'].map(
      async (table) => (await sql`SELECT * FROM ${sql.table(table)}`.execute(app.db)).rows,
    ),
  )
  const raw = (await sql`SELECT data, metadata FROM events`.execute(app.db)).rows
  const events = await app.inject({ url: '/api/v1/events', headers: admin.headers })
  const queue = await app.inject({
    url: '/api/v1/moderation/queue',
    headers: { ...admin.headers, 'x-consistency-token': position },
  })
  for (const reply of [thread, events, queue]) if (reply.statusCode !== 200) throw new Error(reply.body)
  // Each place must have been read for real: the comment's id is in every one of them.
  for (const [name, body] of [
    ['thread', thread.body],
    ['events API', events.body],
    ['queue', queue.body],
  ]) {
    if (!body?.includes(commentId)) throw new Error(`${name} does not show the comment`)
  }
  return {
    all: [thread.body, JSON.stringify(tables), JSON.stringify(raw), events.body, queue.body].join('\n'),
    events: events.body,
  }
}

t.test('before erasure the author and readers see the words; the log holds them only sealed', async (t) => {
  const seen = await everywhere(rated.json().position)
  for (const words of [EDITED, REPLY, REVIEW]) {
    t.ok(seen.all.includes(words), `readable before erasure: ${words}`)
    t.ok(seen.events.includes(words), `the events API opens it for a live author: ${words}`)
  }
  const raw = JSON.stringify((await sql`SELECT data FROM events`.execute(app.db)).rows)
  for (const secret of SECRETS)
    t.notOk(raw.includes(secret), `the stored events never hold "${secret}" in clear`)
})

t.test('after erasure the words are readable nowhere', async (t) => {
  const erased = await call('DELETE', '/me', erin, { password: PASSWORD })
  t.equal(erased.statusCode, 200, erased.body)
  // The users projection deletes the key too; wait for every read model to pass the erasure.
  const position = erased.json().position as string
  const seen = await everywhere(position)
  for (const secret of SECRETS) t.notOk(seen.all.includes(secret), `"${secret}" appears nowhere`)
  const models = JSON.stringify(
    (await sql`SELECT text FROM comments UNION ALL SELECT review FROM user_ratings`.execute(app.db)).rows,
  )
  for (const secret of LEGACY_SECRETS) {
    t.notOk(models.includes(secret), `read models hold no "${secret}" (stored in clear before sealing)`)
  }

  const thread = await app.inject({
    url: `/api/v1/movies/${movieId}/comments?limit=100`,
    headers: { 'x-consistency-token': position },
  })
  const items = thread.json().items as {
    id: string
    text: string | null
    deleted: boolean
    replies: { id: string; text: string | null; deleted: boolean }[]
  }[]
  t.match(
    items.find((i) => i.id === commentId),
    { text: null, deleted: true },
    'the comment shows as deleted',
  )
  t.match(
    items.find((i) => i.id === root)?.replies.find((r) => r.id === replyId),
    { text: null, deleted: true },
  )
  t.match(
    items.find((i) => i.id === root),
    { text: 'What did you think?', deleted: false },
    "others' words stay",
  )

  const rating = await sql<{ stars: string; review: string | null }>`
    SELECT stars::text, review FROM user_ratings WHERE user_id = ${erinId} AND movie_id = ${movieId}`.execute(
    app.db,
  )
  t.same(rating.rows, [{ stars: '4.0', review: null }], 'the rating still counts, without its review')

  const file = join(tmpdir(), `erasure-${randomUUID()}.ndjson`)
  t.teardown(() => rm(file, { force: true }))
  const exported = await runEvents(['export', '--out', file], database.url)
  t.equal(exported.code, 0, exported.stderr)
  const text = await readFile(file, 'utf8')
  t.ok(text.includes(commentId), 'the export has the comment events')
  for (const secret of SECRETS) t.notOk(text.includes(secret), `the export file holds no "${secret}"`)
  t.notOk(/sealed:v1:/.test(text), 'nor a sealed value')
})

t.test('rebuilt read models and an analyst replay never see the words', async (t) => {
  for (const projection of [comments, userRatings]) {
    const rebuilt = await blueGreenRebuild(projection, 2)
    t.equal(rebuilt, 'swapped')
  }
  const tables = JSON.stringify([
    (await sql`SELECT * FROM comments`.execute(app.db)).rows,
    (await sql`SELECT * FROM user_ratings`.execute(app.db)).rows,
  ])
  for (const secret of SECRETS) t.notOk(tables.includes(secret), `rebuilt: no "${secret}"`)
  const row = await sql<{ text: string | null; deleted: boolean }>`
    SELECT text, deleted_at IS NOT NULL AS deleted FROM comments WHERE id = ${commentId}`.execute(app.db)
  t.same(row.rows[0], { text: null, deleted: true }, 'rebuilt, the comment is a tombstone')

  const schema = `erasure_${randomUUID().slice(0, 8)}`
  t.teardown(() => sql`DROP SCHEMA IF EXISTS ${sql.id(schema)} CASCADE`.execute(app.db))
  await prepareReplay(app.db, comments, schema, 'projections/comments.ts')
  const replay = await runReplay(comments, schema, {
    store: app.eventStore,
    db: app.db,
    signal: new AbortController().signal,
  })
  t.equal(replay.outcome, 'caught_up')
  const replayed = JSON.stringify(
    (await sql`SELECT * FROM ${sql.id(schema, 'comments')}`.execute(app.db)).rows,
  )
  t.ok(replayed.includes(commentId), 'the replay has the comment')
  for (const secret of SECRETS) t.notOk(replayed.includes(secret), `replayed: no "${secret}"`)
})

t.test("the operator's redaction leaves no clear text stored before sealing", async (t) => {
  const raw = async () => JSON.stringify((await sql`SELECT data FROM events`.execute(app.db)).rows)
  for (const secret of LEGACY_SECRETS) t.ok((await raw()).includes(secret), `before: "${secret}" in the log`)
  const redacted = await runUsers(['redact-free-text', '--user', erinId], database.url)
  t.equal(redacted.code, 0, redacted.stderr)
  t.match(redacted.stdout, /redacted 1 comment\(s\), 1 edit\(s\), 1 review\(s\)/)
  const after = await raw()
  for (const secret of LEGACY_SECRETS) t.notOk(after.includes(secret), `after: no "${secret}" in the log`)
  const api = (await app.inject({ url: '/api/v1/events', headers: admin.headers })).body
  t.ok(api.includes(legacyComment), 'the events API still has the legacy events')
  for (const secret of [...SECRETS, ...LEGACY_SECRETS])
    t.notOk(api.includes(secret), `events API: no "${secret}"`)
  t.notOk(api.includes('sealed:v1:'), 'nor a sealed value')
  const again = await runUsers(['redact-free-text', '--user', erinId], database.url)
  t.match(again.stdout, /redacted 0 comment\(s\), 0 edit\(s\), 0 review\(s\)/, 'a second run finds nothing')
  const live = await runUsers(['redact-free-text', '--user', other.userId], database.url)
  t.equal(live.code, 1, 'a user who is not erased is refused')
  t.match(live.stderr, /USER_NOT_ERASED/)
})
