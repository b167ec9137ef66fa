/**
 * The app holds itself to its document: an error answered with a code its operation does not list
 * is recorded (test/support/app.ts fails any test file that made one), while documented errors and
 * routes outside the document are not.
 */
import t from 'tap'
import { buildTestApp } from '../support/app.ts'

t.test('documented errors pass, an undocumented one is recorded', async (t) => {
  const { app, user } = await buildTestApp(t)
  const check = app.contractCheck
  const missing = await app.inject({ url: '/api/v1/movies/3f0c1d7e-8f5b-4a57-9f0e-6a3d2c1b0a99' })
  t.equal(missing.statusCode, 404)
  const invalid = await app.inject({ url: '/api/v1/movies?limit=0' })
  t.equal(invalid.statusCode, 400)
  const anonymous = await app.inject({ url: '/api/v1/me' })
  t.equal(anonymous.statusCode, 401)
  const notAdmin = await app.inject({ url: '/api/v1/admin/projections', headers: user().headers })
  t.equal(notAdmin.statusCode, 403)
  const unknownRoute = await app.inject({ url: '/api/v1/nowhere' })
  t.equal(unknownRoute.statusCode, 404)
  t.same(check.undocumented, [], 'all of those are documented (or outside the document)')

  // The check itself, on a request to a documented route with a code that route never answers.
  const request = { method: 'GET', routeOptions: { url: '/api/v1/movies/:id' } } as never
  t.equal(check.check(request, 404, 'MOVIE_NOT_FOUND'), null, 'a documented code passes')
  t.equal(
    check.check(request, 409, 'CONCURRENT_MODIFICATION'),
    'GET /api/v1/movies/{id} 409 CONCURRENT_MODIFICATION',
  )
  t.same(check.undocumented, ['GET /api/v1/movies/{id} 409 CONCURRENT_MODIFICATION'], 'recorded')
  check.undocumented.length = 0
})
