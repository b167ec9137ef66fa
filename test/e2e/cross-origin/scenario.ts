/**
 * What a frontend does with the generated client, run in a real browser page on another origin
 * (test/e2e/cross-origin.test.ts serves it, types stripped): register, sign in, browse with filters
 * and a cursor, rate with an Idempotency-Key and retry it, read it back with X-Consistency-Token, a
 * 304 with If-None-Match, comment and reply, like, a public profile, refresh the token, sign out.
 * Every step reads only what a browser script may read cross-origin: a header the server did not
 * expose reads as null here. It returns what it saw; the test asserts on it.
 */
import { createNexusClient, newIdempotencyKey } from '../../../clients/typescript/src/index.ts'

export type ScenarioInput = { api: string; genre: string; username: string }

const header = (response: Response, name: string) => response.headers.get(name)

export async function runScenario({ api, genre, username }: ScenarioInput) {
  let accessToken: string | null = null
  const client = createNexusClient({ baseUrl: api, accessToken: () => accessToken })
  const password = 'correct horse battery staple'

  // Register and sign in.
  const registered = await client.POST('/api/v1/auth/register', {
    body: { username, email: `${username}@example.com`, password, displayName: 'Ada from the browser' },
  })
  const registerSeen = { status: registered.response.status, userId: registered.data?.userId }
  const login = await client.POST('/api/v1/auth/login', {
    body: { login: username, password },
    params: { header: { 'x-request-id': `browser-${username}` } },
  })
  if (!login.data) throw new Error(`sign-in failed: ${JSON.stringify(login.error)}`)
  accessToken = login.data.accessToken
  let refreshToken = login.data.refreshToken
  const userId = login.data.userId
  const loginSeen = {
    status: login.response.status,
    requestId: header(login.response, 'x-request-id'),
    rateLimit: [
      header(login.response, 'ratelimit-limit'),
      header(login.response, 'ratelimit-remaining'),
      header(login.response, 'ratelimit-reset'),
    ],
  }

  // Browse one genre by title, two per page, following the cursor to the end.
  const titles: string[] = []
  let cursor: string | undefined
  let pages = 0
  do {
    const page = await client.GET('/api/v1/movies', {
      params: { query: { genre, sort: 'title', limit: 2, ...(cursor ? { cursor } : {}) } },
    })
    if (!page.data) throw new Error(`browsing failed: ${JSON.stringify(page.error)}`)
    titles.push(...page.data.items.map((movie) => movie.title))
    cursor = page.data.nextCursor ?? undefined
    pages++
  } while (cursor && pages < 10)
  const browseSeen = { titles, pages }
  const first = await client.GET('/api/v1/movies', { params: { query: { genre, sort: 'title', limit: 1 } } })
  const movieId = first.data?.items[0]?.id
  if (!movieId) throw new Error('no movie to rate')

  // Rate with an Idempotency-Key; the retry (same key) answers the same.
  const key = newIdempotencyKey()
  const rate = () =>
    client.PUT('/api/v1/movies/{id}/rating', {
      params: { path: { id: movieId }, header: { 'idempotency-key': key } },
      body: { stars: 4, review: 'Seen from another origin.' },
    })
  const rated = await rate()
  const retried = await rate()
  const rateSeen = { status: rated.response.status, first: rated.data, retry: retried.data }
  const position = rated.data?.position
  if (!position) throw new Error(`rating failed: ${JSON.stringify(rated.error)}`)

  // Read it back, waiting for the projection with the command's position.
  const mine = await client.GET('/api/v1/me/ratings', {
    params: { header: { 'x-consistency-token': position } },
  })
  const readBackSeen = {
    consistency: header(mine.response, 'x-consistency'),
    rating: mine.data?.items.find((item) => item.movieId === movieId),
    total: mine.data?.total,
  }
  const flagged = await client.GET('/api/v1/movies', {
    params: { query: { genre, sort: 'title' }, header: { 'x-consistency-token': position } },
  })
  const listFlagsSeen = flagged.data?.items.find((item) => item.id === movieId)?.me

  // A conditional GET: the ETag the answer carried gets a 304 while nothing changed.
  const movie = await client.GET('/api/v1/movies/{id}', { params: { path: { id: movieId } } })
  const etag = header(movie.response, 'etag')
  const again = await client.GET('/api/v1/movies/{id}', {
    params: { path: { id: movieId }, header: { 'if-none-match': etag ?? '' } },
  })
  const conditionalSeen = { etag, status: again.response.status }

  // Comment, reply, like the reply; read the thread back with names and my likes.
  const comment = await client.POST('/api/v1/movies/{id}/comments', {
    params: { path: { id: movieId }, header: { 'idempotency-key': newIdempotencyKey() } },
    body: { text: 'Watched it twice.' },
  })
  const commentId = comment.data?.id
  if (!commentId) throw new Error(`commenting failed: ${JSON.stringify(comment.error)}`)
  const reply = await client.POST('/api/v1/movies/{id}/comments', {
    params: { path: { id: movieId } },
    body: { text: 'Third time soon.', parentId: commentId },
  })
  const replyId = reply.data?.id ?? ''
  const liked = await client.PUT('/api/v1/comments/{id}/like', { params: { path: { id: replyId } } })
  const thread = await client.GET('/api/v1/movies/{id}/comments', {
    params: { path: { id: movieId }, header: { 'x-consistency-token': liked.data?.position ?? '' } },
  })
  const top = thread.data?.items.find((item) => item.id === commentId)
  const commentsSeen = {
    location: header(comment.response, 'location'),
    commentToken: header(comment.response, 'x-consistency-token'),
    author: top?.author,
    likedByMe: top?.likedByMe,
    reply: top?.replies.map((r) => ({ author: r.author, likedByMe: r.likedByMe, likes: r.likes })),
  }

  // My public profile, as anyone sees it.
  const profile = await client.GET('/api/v1/users/{id}', {
    params: { path: { id: userId }, header: { 'x-consistency-token': liked.data?.position ?? '' } },
  })
  const profileSeen = { status: profile.response.status, body: profile.data }

  // Refresh: the new access token works.
  const refreshed = await client.POST('/api/v1/auth/refresh', { body: { refreshToken } })
  if (!refreshed.data) throw new Error(`refresh failed: ${JSON.stringify(refreshed.error)}`)
  const oldAccessToken = accessToken
  accessToken = refreshed.data.accessToken
  refreshToken = refreshed.data.refreshToken
  const me = await client.GET('/api/v1/me', {})
  const refreshSeen = {
    status: refreshed.response.status,
    newTokenWorks: me.response.status,
    changed: oldAccessToken !== accessToken,
  }

  // Sign out: the session's access token stops working at once.
  const logout = await client.POST('/api/v1/auth/logout', { body: { refreshToken } })
  const after = await client.GET('/api/v1/me', {})
  const logoutSeen = {
    status: logout.response.status,
    afterwards: after.response.status,
    code: after.error?.error.code,
  }
  return {
    register: registerSeen,
    login: loginSeen,
    browse: browseSeen,
    rate: rateSeen,
    readBack: readBackSeen,
    listFlags: listFlagsSeen,
    conditional: conditionalSeen,
    comments: commentsSeen,
    profile: profileSeen,
    refresh: refreshSeen,
    logout: logoutSeen,
  }
}
