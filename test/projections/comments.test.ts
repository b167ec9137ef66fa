/**
 * The comments projection on its own: the rows it builds live from commands (replies counted once,
 * tombstones without text, an edit after deletion ignored, likes summed per batch), and a rebuild
 * from the log in tiny batches (so every rule also runs across batch boundaries) that builds exactly
 * the same rows.
 */
import { sql } from 'kysely'
import t from 'tap'
import { comments } from '../../projections/comments.ts'
import { buildTestApp } from '../support/app.ts'

const { app, user, addMovie, startProjectors, blueGreenRebuild } = await buildTestApp(t, {
  consistencyTimeoutMs: 5_000,
})
const _silent = { info() {}, warn() {}, error() {} }

const send = (method: 'POST' | 'PATCH' | 'PUT' | 'DELETE', url: string, headers: object, payload?: object) =>
  app.inject({ method, url: `/api/v1${url}`, headers: { ...headers }, ...(payload ? { payload } : {}) })

type Row = {
  id: string
  parent_id: string | null
  text: string | null
  deleted: boolean
  edited: boolean
  likes_count: number
  reply_count: number
}

async function rows(movieId: string): Promise<Row[]> {
  const result = await sql<Row>`
    SELECT id, parent_id, text, deleted_at IS NOT NULL AS deleted, edited_at IS NOT NULL AS edited,
           likes_count, reply_count
    FROM comments WHERE movie_id = ${movieId} ORDER BY added_at, id`.execute(app.db)
  return result.rows
}

t.test('live and rebuilt, the comments projection builds the same rows', async (t) => {
  startProjectors()
  const movieId = await addMovie({ title: 'Quiet Valley' })
  const [ann, ben, cat] = [user(), user(), user()]
  const root = (await send('POST', `/movies/${movieId}/comments`, ann.headers, { text: 'Root' })).json().id
  const other = (await send('POST', `/movies/${movieId}/comments`, ben.headers, { text: 'Other' })).json().id
  const replies: string[] = []
  for (const [who, text] of [
    [ben, 'Reply A'],
    [cat, 'Reply B'],
    [ann, 'Reply C'],
  ] as const) {
    replies.push(
      (await send('POST', `/movies/${movieId}/comments`, who.headers, { text, parentId: root })).json().id,
    )
  }
  t.equal((await send('PATCH', `/comments/${other}`, ben.headers, { text: 'Other, edited' })).statusCode, 200)
  t.equal((await send('DELETE', `/comments/${replies[1]}`, cat.headers)).statusCode, 200)
  const late = await send('PATCH', `/comments/${replies[1]}`, cat.headers, { text: 'back?' })
  t.equal(late.statusCode, 422, 'a deleted comment is not edited')
  for (const who of [ann, ben, cat]) await send('PUT', `/comments/${root}/like`, who.headers)
  await send('DELETE', `/comments/${root}/like`, ben.headers)
  await send('PUT', `/comments/${other}/like`, cat.headers)
  const last = await send('PUT', `/comments/${other}/like`, ann.headers)
  const token = last.json().position as string
  const waited = await app.inject({
    url: `/api/v1/movies/${movieId}/comments`,
    headers: { 'x-consistency-token': token },
  })
  t.equal(waited.headers['x-consistency'], 'reached')

  const live = await rows(movieId)
  t.same(
    live.map((r) => [r.id, r.parent_id, r.text, r.deleted, r.edited, r.likes_count, r.reply_count]),
    [
      [root, null, 'Root', false, false, 2, 3],
      [other, null, 'Other, edited', false, true, 2, 0],
      [replies[0], root, 'Reply A', false, false, 0, 0],
      [replies[1], root, null, true, false, 0, 0],
      [replies[2], root, 'Reply C', false, false, 0, 0],
    ],
    'replies counted on their parent, a tombstone without text, likes net of unlikes',
  )

  const rebuilt = await blueGreenRebuild(comments, 2)
  t.equal(rebuilt, 'swapped')
  t.same(await rows(movieId), live, 'a rebuild in batches of two builds the same rows')
})
