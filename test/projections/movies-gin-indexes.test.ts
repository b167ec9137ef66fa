/**
 * Ratings move a movie's indexed counters, so each update also inserts into the row's GIN indexes
 * (search, genres, tags). Those indexes take the entries at once (fastupdate off, projections/
 * movies.ts): nothing piles up in a pending list that every search and filter would read through.
 */
import { sql } from 'kysely'
import t from 'tap'
import { projections } from '../../projections/index.ts'
import { waitForProjections } from '../../src/read/serving/consistency.ts'
import { buildTestApp } from '../support/app.ts'

const { app, user, addMovie, startProjectors } = await buildTestApp(t, { rateLimitMax: 100_000 })
startProjectors()

t.test('ratings leave no pending entries in the movies GIN indexes', async (t) => {
  await sql`CREATE EXTENSION IF NOT EXISTS pgstattuple`.execute(app.db)
  const movieId = await addMovie({ title: 'Pending Lists Of Summer', genres: ['Drama', 'Comedy'] })
  let position = ''
  for (let i = 0; i < 40; i++) {
    const rater = user()
    const reply = await app.inject({
      method: 'PUT',
      url: `/api/v1/movies/${movieId}/rating`,
      headers: rater.headers,
      payload: { stars: 1 + (i % 5) },
    })
    t.equal(reply.statusCode, 200, reply.body)
    position = reply.json().position
  }
  t.ok(await waitForProjections(app.pool, projections, position, 60_000), 'projected')
  const { rows } = await sql<{ name: string; fastupdate: boolean; pending: number }>`
    SELECT c.relname AS name, coalesce(c.reloptions, '{}') @> '{fastupdate=off}' AS fastupdate,
           (pgstatginindex(c.oid)).pending_tuples::int AS pending
    FROM pg_class c WHERE c.relname IN ('movies_search', 'movies_by_genre', 'movies_by_tag')
    ORDER BY 1`.execute(app.db)
  t.equal(rows.length, 3, 'the three indexes of the live generation')
  for (const row of rows) {
    t.equal(row.pending, 0, `${row.name}: no pending entries after 40 ratings`)
    t.ok(row.fastupdate, `${row.name}: fastupdate off`)
  }
  const counted = await sql<{
    ratings: number
  }>`SELECT rating_count::int AS ratings FROM movies WHERE id = ${movieId}`.execute(app.db)
  t.equal(counted.rows[0]?.ratings, 40, 'the counters moved (the updates happened)')
})
