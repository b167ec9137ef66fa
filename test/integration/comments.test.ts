/** Comments over HTTP on real PostgreSQL/Redis: the permission matrix, rules, threads, paging and counts. */
import { randomUUID } from 'node:crypto'
import t from 'tap'
import { buildTestApp } from '../support/app.ts'

const { app, user, startProjectors } = await buildTestApp(t, { consistencyTimeoutMs: 10_000 })
const admin = user({ role: 'admin' })
startProjectors()

type Headers = Record<string, string>
const send = (method: 'POST' | 'PATCH' | 'PUT' | 'DELETE', url: string, headers: Headers, payload?: object) =>
  app.inject({ method, url: `/api/v1${url}`, headers, ...(payload ? { payload } : {}) })

async function addMovie(title: string) {
  const reply = await send('POST', '/movies', admin.headers, { title, year: 2012, genres: ['Drama'] })
  return reply.json().id as string
}

async function comment(movieId: string, headers: Headers, text: string, parentId?: string) {
  const reply = await send('POST', `/movies/${movieId}/comments`, headers, {
    text,
    ...(parentId ? { parentId } : {}),
  })
  if (reply.statusCode !== 201) throw new Error(`comment failed: ${reply.body}`)
  return reply.json() as { id: string; position: string }
}

const threads = (movieId: string, query: string, token: string) =>
  app.inject({
    url: `/api/v1/movies/${movieId}/comments${query}`,
    headers: { 'x-consistency-token': token },
  })

t.test('the comment permission matrix', async (t) => {
  const movieId = await addMovie('Quiet Meridian')
  const author = user()
  const other = user()
  const { id } = await comment(movieId, author.headers, 'First thoughts.')

  const byOther = await send('PATCH', `/comments/${id}`, other.headers, { text: 'hijacked' })
  t.equal(byOther.statusCode, 403, "another user cannot edit someone else's comment (IDOR)")
  t.equal(byOther.json().error.code, 'NOT_COMMENT_AUTHOR')
  const byAdminEdit = await send('PATCH', `/comments/${id}`, admin.headers, { text: 'moderated' })
  t.equal(byAdminEdit.statusCode, 403, 'not even an admin edits')
  const otherDelete = await send('DELETE', `/comments/${id}`, other.headers)
  t.equal(otherDelete.statusCode, 403, "another user cannot delete someone else's comment")
  const otherDeleteReason = await send('DELETE', `/comments/${id}?reason=spam`, other.headers)
  t.equal(otherDeleteReason.statusCode, 403, 'a reason does not make a user a moderator')

  const edited = await send('PATCH', `/comments/${id}`, author.headers, { text: '  Second thoughts.  ' })
  t.equal(edited.statusCode, 200, 'the author edits')
  t.equal(edited.json().changed, true)
  t.equal(
    (await send('PATCH', `/comments/${id}`, author.headers, { text: 'Second thoughts.' })).json().changed,
    false,
  )
  const empty = await send('PATCH', `/comments/${id}`, author.headers, { text: '   ' })
  t.equal(empty.statusCode, 422, 'blank text after trimming')
  t.equal(empty.json().error.code, 'COMMENT_LENGTH')
  const tooLong = await send('PATCH', `/comments/${id}`, author.headers, { text: 'x'.repeat(2001) })
  t.equal(tooLong.statusCode, 422)

  const adminNoReason = await send('DELETE', `/comments/${id}`, admin.headers)
  t.equal(adminNoReason.statusCode, 422, 'an admin must give a reason')
  t.equal(adminNoReason.json().error.code, 'REASON_REQUIRED')
  const adminDelete = await send('DELETE', `/comments/${id}?reason=spoilers`, admin.headers)
  t.equal(adminDelete.statusCode, 200, 'an admin deletes with a reason')
  t.equal(adminDelete.json().changed, true)

  const editDeleted = await send('PATCH', `/comments/${id}`, author.headers, { text: 'back again' })
  t.equal(editDeleted.statusCode, 422, 'a deleted comment cannot be edited')
  t.equal(editDeleted.json().error.code, 'COMMENT_DELETED')
  const likeDeleted = await send('PUT', `/comments/${id}/like`, other.headers)
  t.equal(likeDeleted.statusCode, 422)

  const own = await comment(movieId, author.headers, 'Mine to remove.')
  const ownDelete = await send('DELETE', `/comments/${own.id}`, author.headers)
  t.equal(ownDelete.statusCode, 200, 'the author deletes without a reason')
  t.equal((await send('DELETE', `/comments/${own.id}`, author.headers)).json().changed, false, 'twice')

  const missing = await send('PATCH', `/comments/${randomUUID()}`, author.headers, { text: 'hello' })
  t.equal(missing.statusCode, 404)
  const anonymous = await app.inject({
    method: 'POST',
    url: `/api/v1/movies/${movieId}/comments`,
    payload: { text: 'hi' },
  })
  t.equal(anonymous.statusCode, 401, 'commenting needs a token')
})

t.test(
  'replies need a live top-level parent on the same movie; removed movies take no comments',
  async (t) => {
    const movieId = await addMovie('Paper Lanterns')
    const elsewhere = await addMovie('Stone Orchard')
    const me = user()
    const root = await comment(movieId, me.headers, 'Root')
    const reply = await comment(movieId, me.headers, 'Reply', root.id)

    const wrongMovie = await send('POST', `/movies/${elsewhere}/comments`, me.headers, {
      text: 'x',
      parentId: root.id,
    })
    t.equal(wrongMovie.statusCode, 422)
    t.equal(wrongMovie.json().error.code, 'PARENT_NOT_FOUND')
    const unknownParent = await send('POST', `/movies/${movieId}/comments`, me.headers, {
      text: 'x',
      parentId: randomUUID(),
    })
    t.equal(unknownParent.json().error.code, 'PARENT_NOT_FOUND')
    const nested = await send('POST', `/movies/${movieId}/comments`, me.headers, {
      text: 'x',
      parentId: reply.id,
    })
    t.equal(nested.json().error.code, 'REPLY_TO_REPLY')
    await send('DELETE', `/comments/${root.id}`, me.headers)
    const toDeleted = await send('POST', `/movies/${movieId}/comments`, me.headers, {
      text: 'x',
      parentId: root.id,
    })
    t.equal(toDeleted.statusCode, 422)
    t.equal(toDeleted.json().error.code, 'PARENT_DELETED')

    const unknownMovie = await send('POST', `/movies/${randomUUID()}/comments`, me.headers, { text: 'x' })
    t.equal(unknownMovie.statusCode, 404)
    await send('DELETE', `/movies/${elsewhere}?reason=duplicate`, admin.headers)
    const removed = await send('POST', `/movies/${elsewhere}/comments`, me.headers, { text: 'still here?' })
    t.equal(removed.statusCode, 422)
    t.equal(removed.json().error.code, 'MOVIE_REMOVED')
  },
)

t.test(
  'threads show replies and tombstones, sort by newest or most liked, and count on the movie',
  async (t) => {
    const movieId = await addMovie('Glass Tide')
    const [a, b, c] = [user(), user(), user()]
    const first = await comment(movieId, a.headers, 'First')
    const second = await comment(movieId, b.headers, 'Second')
    const third = await comment(movieId, c.headers, 'Third')
    const replyOne = await comment(movieId, b.headers, 'Reply one', first.id)
    const replyTwo = await comment(movieId, c.headers, 'Reply two', first.id)
    await send('DELETE', `/comments/${replyOne.id}`, b.headers)
    for (const liker of [a, b, c]) await send('PUT', `/comments/${second.id}/like`, liker.headers)
    t.equal(
      (await send('PUT', `/comments/${second.id}/like`, a.headers)).json().changed,
      false,
      'like is idempotent',
    )
    await send('PUT', `/comments/${first.id}/like`, c.headers)
    const last = await send('DELETE', `/comments/${second.id}/like`, c.headers)
    const token = last.json().position as string

    const newest = await threads(movieId, '', token)
    t.equal(newest.statusCode, 200)
    const body = newest.json()
    t.same(
      body.items.map((i: { id: string }) => i.id),
      [third.id, second.id, first.id],
      'newest first',
    )
    const thread = body.items[2]
    t.equal(thread.replyCount, 2)
    t.same(
      thread.replies.map((r: { id: string; text: string | null; deleted: boolean }) => [
        r.id,
        r.text,
        r.deleted,
      ]),
      [
        [replyOne.id, null, true],
        [replyTwo.id, 'Reply two', false],
      ],
      'replies oldest first, the deleted one a tombstone without text',
    )
    const liked = await threads(movieId, '?sort=liked', token)
    t.same(
      liked.json().items.map((i: { id: string; likes: number }) => [i.id, i.likes]),
      [
        [second.id, 2],
        [first.id, 1],
        [third.id, 0],
      ],
      'most liked first',
    )
    const movie = await app.inject({
      url: `/api/v1/movies/${movieId}`,
      headers: { 'x-consistency-token': token },
    })
    t.equal(movie.json().comments, 4, 'five comments, one deleted')
    const trending = await app.inject({
      url: '/api/v1/movies/trending?window=day&limit=100',
      headers: { 'x-consistency-token': token },
    })
    const entry = trending.json().items.find((item: { movieId: string }) => item.movieId === movieId)
    t.equal(entry?.score, 10, 'each comment or reply weighs 2 in trending; likes of comments do not count')
    const removedMovie = await addMovie('Gone Soon')
    await send('DELETE', `/movies/${removedMovie}?reason=test`, admin.headers)
    t.equal((await threads(randomUUID(), '', token)).statusCode, 404)
  },
)

t.test('keyset pages cover every thread once, also while new comments arrive', async (t) => {
  const movieId = await addMovie('Long Conversation')
  const me = user()
  const ids: string[] = []
  for (let i = 0; i < 7; i++) ids.push((await comment(movieId, me.headers, `Comment ${i}`)).id)
  let token = (await send('PUT', `/comments/${ids[0]}/like`, me.headers)).json().position as string
  for (const sort of ['newest', 'liked']) {
    const seen: string[] = []
    let cursor: string | null = null
    let pages = 0
    do {
      const reply = await threads(
        movieId,
        `?sort=${sort}&limit=3${cursor ? `&cursor=${encodeURIComponent(cursor)}` : ''}`,
        token,
      )
      t.equal(reply.statusCode, 200)
      const page = reply.json()
      seen.push(...page.items.map((i: { id: string }) => i.id))
      cursor = page.nextCursor
      pages++
      if (pages === 1) token = (await comment(movieId, me.headers, 'Late arrival')).position
    } while (cursor !== null && pages < 10)
    t.equal(new Set(seen).size, seen.length, `${sort}: no thread twice`)
    t.ok(
      ids.every((id) => seen.includes(id)),
      `${sort}: every thread that existed before paging began, no gaps`,
    )
  }
  const bad = await threads(movieId, '?cursor=nope', token)
  t.equal(bad.statusCode, 400)
  t.equal(bad.json().error.code, 'INVALID_CURSOR')
})
