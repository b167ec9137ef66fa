/** GET /metrics's request duration histogram: one series per route pattern, method and status. */
import t from 'tap'
import { buildTestApp } from '../support/app.ts'

const { app } = await buildTestApp(t)

/** The histogram's lines of one series, by suffix and `le`. */
async function series(labels: string): Promise<Map<string, number>> {
  const text = (await app.inject({ url: '/metrics' })).body
  const found = new Map<string, number>()
  const escaped = labels.replace(/[.*+?^${}()|[\]\\/]/g, '\\$&')
  for (const match of text.matchAll(
    new RegExp(
      `^nexus_http_request_duration_seconds_(bucket|sum|count)\\{(?:le="([^"]+)",)?${escaped}\\} (\\S+)$`,
      'gm',
    ),
  )) {
    found.set(match[2] === undefined ? (match[1] as string) : `le=${match[2]}`, Number(match[3]))
  }
  return found
}

t.test('requests count by route pattern, method and status, never by raw URL', async (t) => {
  const missing = '00000000-0000-4000-8000-0000000000a1'
  const pattern = 'route="/api/v1/movies/:id",method="GET",status="404"'
  const before = (await series(pattern)).get('count') ?? 0
  for (let i = 0; i < 3; i++) {
    t.equal((await app.inject({ url: `/api/v1/movies/${missing}` })).statusCode, 404)
  }
  t.equal((await app.inject({ url: '/no/such/route' })).statusCode, 404)
  t.equal((await app.inject({ method: 'DELETE', url: '/no/such/route' })).statusCode, 404)

  const movie = await series(pattern)
  t.equal(movie.get('count'), before + 3, 'three more requests of the route pattern')
  t.equal(movie.get('le=+Inf'), movie.get('count'), '+Inf holds every request')
  t.ok((movie.get('sum') ?? -1) >= 0, 'a sum of seconds')
  const bounds = [...movie.keys()].filter((key) => key.startsWith('le=') && key !== 'le=+Inf')
  t.equal(bounds.length, 11, 'the eleven buckets')
  const counts = bounds.map((key) => movie.get(key) ?? 0)
  t.same(
    counts,
    [...counts].sort((a, b) => a - b),
    'cumulative buckets',
  )
  t.ok((counts.at(-1) ?? 0) <= (movie.get('count') ?? 0))

  const unmatchedGet = await series('route="unmatched",method="GET",status="404"')
  t.ok((unmatchedGet.get('count') ?? 0) >= 1, 'a request no route matched counts as unmatched')
  const unmatchedDelete = await series('route="unmatched",method="DELETE",status="404"')
  t.equal(unmatchedDelete.get('count'), 1, 'by its method')
  const text = (await app.inject({ url: '/metrics' })).body
  t.notMatch(text, missing, 'no raw URL in a label')
  t.match(text, /^# TYPE nexus_http_request_duration_seconds histogram$/m)
})
