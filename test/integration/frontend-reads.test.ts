/**
 * What frontend screens read, with real accounts: threads name their authors (null once erased:
 * "deleted user") and say what the viewer likes; public profiles show only what the user made
 * public; list items carry the viewer's own flags when signed in and nothing more when anonymous;
 * per-user lists count their items.
 */
import { randomUUID } from 'node:crypto'
import t from 'tap'
import { buildTestApp } from '../support/app.ts'

const { app, addMovie, startProjectors } = await buildTestApp(t, { consistencyTimeoutMs: 10_000 })
startProjectors()

const PASSWORD = 'correct horse battery staple'
type Session = { userId: string; username: string; headers: Record<string, string>; position: string }

async function signUp(displayName?: string): Promise<Session> {
  const username = `u${randomUUID().slice(0, 8)}`
  const registered = await app.inject({
    method: 'POST',
    url: '/api/v1/auth/register',
    payload: {
      username,
      email: `${username}@example.com`,
      password: PASSWORD,
      ...(displayName ? { displayName } : {}),
    },
  })
  if (registered.statusCode !== 201) throw new Error(`register: ${registered.body}`)
  const login = await app.inject({
    method: 'POST',
    url: '/api/v1/auth/login',
    payload: { login: username, password: PASSWORD },
  })
  const { accessToken, userId } = login.json() as { accessToken: string; userId: string }
  const { position } = registered.json() as { position: string }
  return { userId, username, headers: { authorization: `Bearer ${accessToken}` }, position }
}

const send = (method: 'POST' | 'PUT' | 'PATCH' | 'DELETE', url: string, session: Session, payload?: object) =>
  app.inject({ method, url: `/api/v1${url}`, headers: session.headers, ...(payload ? { payload } : {}) })
const get = (url: string, token: string, session?: Session) =>
  app.inject({ url: `/api/v1${url}`, headers: { 'x-consistency-token': token, ...session?.headers } })

type Author = { id: string; displayName: string | null; erased: boolean }
type Thread = {
  id: string
  author: Author
  likedByMe: boolean | null
  replies: { author: Author; likedByMe: boolean | null }[]
}

t.test('threads, profiles and flags as the screens show them', async (t) => {
  const genre = `Genre ${randomUUID().slice(0, 6)}`
  const movieId = await addMovie({ title: 'Harbor Lights', genres: [genre] })
  const ada = await signUp('Ada L.')
  const bob = await signUp()

  const comment = (await send('POST', `/movies/${movieId}/comments`, ada, { text: 'Loved it.' })).json()
  const reply = (
    await send('POST', `/movies/${movieId}/comments`, bob, { text: 'Me too.', parentId: comment.id })
  ).json()
  const liked = (await send('PUT', `/comments/${comment.id}/like`, bob)).json()

  const asBob = await get(`/movies/${movieId}/comments`, liked.position, bob)
  t.equal(asBob.statusCode, 200)
  const [thread] = (asBob.json() as { items: Thread[] }).items
  t.same(
    thread?.author,
    { id: ada.userId, displayName: 'Ada L.', erased: false },
    'the author by display name',
  )
  t.equal(thread?.likedByMe, true, 'Bob likes it')
  t.same(
    thread?.replies[0]?.author,
    { id: bob.userId, displayName: bob.username, erased: false },
    'else the username',
  )
  t.equal(thread?.replies[0]?.likedByMe, false)
  t.equal(asBob.json().total, 1, 'one thread in all')
  t.equal(asBob.headers['cache-control'], 'private, no-cache', "a viewer's own answer is private")
  const anonymous = (await get(`/movies/${movieId}/comments`, reply.position)).json() as { items: Thread[] }
  t.equal(anonymous.items[0]?.likedByMe, null, 'no viewer, no likedByMe')

  // A public profile: the name and the comment count; ratings only once made public.
  const rated = (await send('PUT', `/movies/${movieId}/rating`, ada, { stars: 5, review: 'A gem.' })).json()
  const privateProfile = await get(`/users/${ada.userId}`, rated.position)
  t.equal(privateProfile.statusCode, 200)
  t.same(
    privateProfile.json(),
    {
      id: ada.userId,
      displayName: 'Ada L.',
      ratingsPublic: false,
      commentCount: 1,
      ratingCount: null,
      ratings: null,
    },
    'ratings stay private until the user says otherwise',
  )
  t.notOk(
    /@example\.com|"role"|"username"|favouriteGenres/.test(privateProfile.body),
    'no email, role or username',
  )
  const made = (await send('PATCH', '/me', ada, { ratingsPublic: true })).json()
  t.equal(made.changed, true)
  const publicProfile = (await get(`/users/${ada.userId}`, made.position)).json()
  t.match(publicProfile, {
    ratingsPublic: true,
    ratingCount: 1,
    ratings: [{ movieId, title: 'Harbor Lights', stars: 5, review: 'A gem.' }],
  })
  t.equal((await get('/me', made.position, ada)).json().ratingsPublic, true, 'GET /me says so too')

  // Lists: `me` per item with a token, no such field without one; per-user lists count.
  const signedIn = (await get(`/movies?genre=${encodeURIComponent(genre)}`, rated.position, ada)).json()
  t.same(signedIn.items[0]?.me, { rating: 5, favorite: false, liked: false }, 'my flags on the list item')
  const anonymousList = (await get(`/movies?genre=${encodeURIComponent(genre)}`, rated.position)).json()
  t.notOk('me' in anonymousList.items[0], 'anonymous items are unchanged')
  const trending = (await get('/movies/trending?window=all&limit=100', rated.position, ada)).json()
  const mine = trending.items.find((item: { movieId: string }) => item.movieId === movieId)
  t.same(mine?.me, { rating: 5, favorite: false, liked: false }, 'and on trending items')
  t.equal((await get('/me/ratings', rated.position, ada)).json().total, 1, 'my ratings count')
  const favored = (await send('PUT', `/movies/${movieId}/favorite`, ada)).json()
  t.equal((await get('/me/favorites', favored.position, ada)).json().total, 1, 'my favourites count')

  // Erased: null everywhere ("deleted user"), and no profile.
  const erased = await send('DELETE', '/me', ada, { password: PASSWORD })
  t.equal(erased.statusCode, 200)
  const after = (await get(`/movies/${movieId}/comments`, erased.json().position)).json() as {
    items: Thread[]
  }
  t.same(after.items[0]?.author, { id: ada.userId, displayName: null, erased: true }, 'a deleted user')
  const gone = await get(`/users/${ada.userId}`, erased.json().position)
  t.equal(gone.statusCode, 404)
  t.equal(gone.json().error.code, 'USER_NOT_FOUND')
  t.equal(
    (await get(`/users/${randomUUID()}`, erased.json().position)).statusCode,
    404,
    'nor for an unknown id',
  )
})

t.test("X-Request-Id: the client's when sane, else a new UUID", async (t) => {
  const mine = await app.inject({ url: '/api/v1/genres', headers: { 'x-request-id': 'checkout-42.a:b_c' } })
  t.equal(mine.headers['x-request-id'], 'checkout-42.a:b_c', 'echoed')
  const odd = await app.inject({ url: '/api/v1/genres', headers: { 'x-request-id': 'two words "quoted"' } })
  t.match(odd.headers['x-request-id'], /^[0-9a-f-]{36}$/, 'replaced by a UUID')
  const error = await app.inject({
    url: '/api/v1/movies?limit=0',
    headers: { 'x-request-id': 'bad-query-1' },
  })
  t.equal(error.headers['x-request-id'], 'bad-query-1', 'errors carry it too')
  t.ok(error.headers['ratelimit-limit'], 'and the rate limit headers')
})
