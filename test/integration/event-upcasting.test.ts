/**
 * Upcasting on every read path, against real PostgreSQL and Redis. A test catalogue declares
 * CommentAdded at version 2, whose version 1 called the text `body`; a version-1 CommentAdded is
 * stored as an old writer left it. The command handler (its state: the edit's previousText and the
 * "same text changes nothing" rule), the live projector, a blue-green rebuild, an analyst's replay,
 * the export and GET /api/v1/events all see version 2, and the row in `events` stays version 1.
 */
import { randomUUID } from 'node:crypto'
import { sql } from 'kysely'
import t from 'tap'
import { comments } from '../../projections/comments.ts'
import { exportPages } from '../../src/analytics/export-log.ts'
import { createExportView } from '../../src/analytics/export-view.ts'
import { prepareReplay, runReplay } from '../../src/analytics/replay.ts'
import { commentAdded, commentStream } from '../../src/domain/comment/comment.ts'
import { createEventCatalogue, defineEvent } from '../../src/domain/event-catalogue.ts'
import { EVENT_DEFINITIONS } from '../../src/domain/events.ts'
import { loadUserKey } from '../../src/identity/user-streams.ts'
import { openText } from '../../src/privacy/personal-data.ts'
import { buildTestApp } from '../support/app.ts'

const commentAddedV2 = defineEvent('CommentAdded', {
  description: commentAdded.description,
  data: commentAdded.schema,
  version: 2,
  upcasters: [
    {
      from: 1,
      change: '`body` renamed `text`',
      up: ({ body, ...rest }) => ({ ...rest, text: body }),
    },
  ],
})
const catalogue = createEventCatalogue(
  EVENT_DEFINITIONS.map((definition) => (definition.type === 'CommentAdded' ? commentAddedV2 : definition)),
)

const { app, user, addMovie, startProjectors, blueGreenRebuild } = await buildTestApp(
  t,
  { consistencyTimeoutMs: 10_000 },
  undefined,
  { eventCatalogue: catalogue },
)
const _silent = { info() {}, warn() {}, error() {} }

// A version-1 CommentAdded, appended as it was written then: `body`, schemaVersion 1.
const author = user()
const movieId = await addMovie({ title: 'Old Shapes' })
const commentId = randomUUID()
const eventId = randomUUID()
const OLD_TEXT = 'Written when the field was called body'
const stored = await app.eventStore.append(
  commentStream(commentId),
  [
    {
      id: eventId,
      type: 'CommentAdded',
      data: {
        commentId,
        movieId,
        authorId: author.userId,
        parentId: null,
        body: OLD_TEXT,
        addedAt: '2026-01-01T00:00:00.000Z',
      },
      metadata: { actorId: author.userId, schemaVersion: 1 },
    },
  ],
  'no_stream',
)

/** The row as stored: never rewritten by a read. */
async function storedRow() {
  const { rows } = await sql<{ data: Record<string, unknown>; metadata: Record<string, unknown> }>`
    SELECT data, metadata FROM events WHERE id = ${eventId}`.execute(app.db)
  return rows[0]
}

t.test('the store reads the version-1 event as version 2; the row keeps version 1', async (t) => {
  const events = []
  for await (const event of app.eventStore.readStream(commentStream(commentId))) events.push(event)
  t.equal(events.length, 1)
  t.match(events[0], {
    id: eventId,
    type: 'CommentAdded',
    data: { text: OLD_TEXT },
    metadata: { schemaVersion: 2 },
  })
  t.notOk(events[0] && 'body' in (events[0].data as object), 'no version-1 field left')
  const row = await storedRow()
  t.equal(row?.data.body, OLD_TEXT)
  t.notOk(row && 'text' in row.data, 'the stored data still has no text')
  t.equal(row?.metadata.schemaVersion, 1)
})

const projectedText = async () =>
  (await sql<{ text: string | null }>`SELECT text FROM comments WHERE id = ${commentId}`.execute(app.db))
    .rows[0]?.text

t.test('the live projector and a blue-green rebuild see version 2', async (t) => {
  startProjectors()
  // Read-your-writes on the append: the projector has applied the version-1 event.
  const live = await app.inject({
    url: `/api/v1/movies/${movieId}/comments`,
    headers: { 'x-consistency-token': stored.position },
  })
  t.equal(live.statusCode, 200, live.body)
  t.equal(live.headers['x-consistency'], 'reached')
  t.equal(await projectedText(), OLD_TEXT, 'the live row has the text of the version-1 body')
  t.match(live.json(), { items: [{ id: commentId, text: OLD_TEXT }] })

  const rebuilt = await blueGreenRebuild(comments, 1)
  t.equal(rebuilt, 'swapped')
  t.equal(await projectedText(), OLD_TEXT, 'the rebuilt generation has it too')
})

t.test("an analyst's replay sees version 2", async (t) => {
  const schema = `upcast_${randomUUID().slice(0, 8)}`
  t.teardown(() => sql`DROP SCHEMA IF EXISTS ${sql.id(schema)} CASCADE`.execute(app.db))
  // Only the CommentAdded: replay its stream's first event by handling that type alone.
  const addedOnly = { ...comments, handles: ['CommentAdded'] as const }
  await prepareReplay(app.db, addedOnly, schema, 'projections/comments.ts')
  const outcome = await runReplay(addedOnly, schema, {
    store: app.eventStore,
    db: app.db,
    signal: new AbortController().signal,
  })
  t.equal(outcome.outcome, 'caught_up')
  const { rows } = await sql<{ text: string | null }>`
    SELECT text FROM ${sql.id(schema, 'comments')} WHERE id = ${commentId}`.execute(app.db)
  t.equal(rows[0]?.text, OLD_TEXT, 'the replayed row has the text of the version-1 body')
})

t.test('the export and GET /api/v1/events see version 2', async (t) => {
  const pages = []
  for await (const page of exportPages(app.eventStore, createExportView(app.db), {
    streamPrefix: commentStream(commentId),
  })) {
    pages.push(...page)
  }
  const exported = pages.find((event) => event.id === eventId)
  t.match(exported, { type: 'CommentAdded', data: { text: OLD_TEXT }, metadata: { schemaVersion: 2 } })
  t.notOk(exported && 'body' in (exported.data as object))

  const analyst = user({ role: 'analyst' })
  const reply = await app.inject({
    url: '/api/v1/events',
    query: { streamPrefix: commentStream(commentId) },
    headers: analyst.headers,
  })
  t.equal(reply.statusCode, 200, reply.body)
  const lines = reply.body
    .split('\n')
    .filter(Boolean)
    .map((line) => JSON.parse(line))
  const line = lines.find((event) => event.id === eventId)
  t.match(line, {
    type: 'CommentAdded',
    position: stored.position,
    data: { text: OLD_TEXT },
    metadata: { schemaVersion: 2 },
  })
  t.notOk('body' in line.data)

  const row = await storedRow()
  t.strictSame(
    row,
    {
      data: {
        commentId,
        movieId,
        authorId: author.userId,
        parentId: null,
        body: OLD_TEXT,
        addedAt: '2026-01-01T00:00:00.000Z',
      },
      metadata: { actorId: author.userId, schemaVersion: 1 },
    },
    'after every path read it, the stored row is exactly as written',
  )
})

t.test(
  'the command handler decides on version 2: the same text changes nothing, an edit keeps it',
  async (t) => {
    const same = await app.inject({
      method: 'PATCH',
      url: `/api/v1/comments/${commentId}`,
      headers: author.headers,
      payload: { text: OLD_TEXT },
    })
    t.equal(same.statusCode, 200, same.body)
    t.equal(same.json().changed, false, 'the state has the upcast text')
    const edit = await app.inject({
      method: 'PATCH',
      url: `/api/v1/comments/${commentId}`,
      headers: author.headers,
      payload: { text: 'Edited after the upgrade' },
    })
    t.equal(edit.statusCode, 200, edit.body)
    t.equal(edit.json().changed, true)
    const { rows } = await sql<{ data: Record<string, unknown>; metadata: Record<string, unknown> }>`
    SELECT data, metadata FROM events WHERE stream_id = ${commentStream(commentId)} AND type = 'CommentEdited'`.execute(
      app.db,
    )
    t.equal(rows.length, 1)
    // The new edit seals its texts with the author's key (personal data, docs/identity.md).
    const key = await loadUserKey(app.db, author.userId)
    t.equal(
      openText(key, author.userId, 'comment-text', String(rows[0]?.data.previousText)),
      OLD_TEXT,
      'previousText comes from the upcast state',
    )
    t.equal(rows[0]?.metadata.schemaVersion, 2, 'a new event is stamped with its current version')
    t.equal((await storedRow())?.metadata.schemaVersion, 1, 'the old row is untouched')
    const read = await app.inject({
      url: `/api/v1/movies/${movieId}/comments`,
      headers: { 'x-consistency-token': edit.json().position },
    })
    t.equal(read.headers['x-consistency'], 'reached')
    t.equal(await projectedText(), 'Edited after the upgrade', 'the projector applied the edit on top')
  },
)

t.test('appends stamp the current version and check the schema; unknown types pass through', async (t) => {
  const stream = commentStream(randomUUID())
  const data = {
    commentId: randomUUID(),
    movieId,
    authorId: author.userId,
    parentId: null,
    text: 'A new comment',
    addedAt: new Date().toISOString(),
  }
  await app.eventStore.append(stream, [{ id: randomUUID(), type: 'CommentAdded', data }], 'no_stream')
  const { rows } = await sql<{ metadata: Record<string, unknown> }>`
    SELECT metadata FROM events WHERE stream_id = ${stream}`.execute(app.db)
  t.strictSame(rows, [{ metadata: { schemaVersion: 2 } }], 'stamped with the catalogue’s version')

  const invalid = commentStream(randomUUID())
  await t.rejects(
    app.eventStore.append(
      invalid,
      [{ id: randomUUID(), type: 'CommentAdded', data: { ...data, text: 42 } }],
      'no_stream',
    ),
    { name: 'InvalidEventError', message: /CommentAdded does not match its schema: \/text/ },
  )
  t.equal(await app.eventStore.streamRevision(invalid), null, 'nothing was written')

  const foreign = `future-${randomUUID()}`
  const shape = { anything: ['goes', 1], nested: { deep: true } }
  await app.eventStore.append(
    foreign,
    [{ id: randomUUID(), type: 'FromTheFuture', data: shape, metadata: { schemaVersion: 7 } }],
    'no_stream',
  )
  const back = []
  for await (const event of app.eventStore.readStream(foreign)) back.push(event)
  t.match(back, [{ type: 'FromTheFuture', data: shape, metadata: { schemaVersion: 7 } }])
})
