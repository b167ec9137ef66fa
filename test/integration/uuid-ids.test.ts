/**
 * Ids in URLs and bodies: the string form of a UUID (either case), never the URN form. ajv-formats'
 * uuid took `urn:uuid:…`, which PostgreSQL's uuid input refuses: routes answered 500 (src/app.ts
 * sets TypeBox's own check). An id in capitals reads the same movie as in lower case.
 */
import t from 'tap'
import { movies } from '../../projections/movies.ts'
import { buildTestApp } from '../support/app.ts'

t.test('an id in URN form is a 400 in the error shape, on reads and commands alike', async (t) => {
  const { app, user } = await buildTestApp(t)
  const id = '3f0c1d7e-8f5b-4a57-9f0e-6a3d2c1b0a99'
  const me = user()
  const asked = [
    { method: 'GET' as const, url: `/api/v1/movies/urn:uuid:${id}` },
    { method: 'GET' as const, url: `/api/v1/movies/urn%3Auuid%3A${id}` },
    { method: 'GET' as const, url: `/api/v1/movies/urn:uuid:${id}`, headers: me.headers },
    { method: 'GET' as const, url: `/api/v1/movies/urn:uuid:${id}/comments` },
    {
      method: 'PUT' as const,
      url: `/api/v1/movies/urn:uuid:${id}/rating`,
      headers: me.headers,
      payload: { stars: 4 },
    },
  ]
  for (const request of asked) {
    const answer = await app.inject(request)
    t.equal(answer.statusCode, 400, `${request.method} ${request.url}`)
    t.equal(answer.json().error.code, 'VALIDATION_FAILED')
    t.match(answer.json().error.message, /uuid/)
  }
})

t.test('an id in capitals reads the same movie, anonymous or signed in', async (t) => {
  const { app, user, startProjectors } = await buildTestApp(t)
  startProjectors({ only: [movies] })
  const added = await app.inject({
    method: 'POST',
    url: '/api/v1/movies',
    headers: user({ role: 'admin' }).headers,
    payload: { title: 'Capital Letters', year: 2020, genres: ['Drama'] },
  })
  t.equal(added.statusCode, 201)
  const { id, position } = added.json() as { id: string; position: string }
  const lower = await app.inject({
    url: `/api/v1/movies/${id}`,
    headers: { 'x-consistency-token': position },
  })
  t.equal(lower.statusCode, 200)
  const upper = await app.inject({ url: `/api/v1/movies/${id.toUpperCase()}` })
  t.equal(upper.statusCode, 200, 'anonymous (the batched read)')
  t.equal(upper.json().id, id)
  t.equal(upper.json().title, 'Capital Letters')
  const signedIn = await app.inject({ url: `/api/v1/movies/${id.toUpperCase()}`, headers: user().headers })
  t.equal(signedIn.statusCode, 200, 'signed in')
  t.equal(signedIn.json().id, id)
})
