/**
 * The API warms the search statements on every pool connection before it listens (src/db/warm-up.ts,
 * WARM_UP_CONNECTIONS): each connection holds each warm-up statement with its generic plan made, the
 * pool keeps every connection open, and what the routes then send (suggestions with one word and
 * several, resolved in the statement and before, batched; a q= search) is among what was warmed, so
 * no request pays a first execution. Real PostgreSQL, the real projections.
 */
import { type AddressInfo, createServer } from 'node:net'
import type { CompiledQuery } from 'kysely'
import t from 'tap'
import { createPool } from '../../src/db/connection.ts'
import { WARM_UP_EXECUTIONS, warmConnections } from '../../src/db/warm-up.ts'
import { searchWarmUpStatements } from '../../src/read/movies/queries.ts'
import { suggestWarmUpStatements } from '../../src/read/search/queries.ts'
import { buildTestApp } from '../support/app.ts'
import { addTitles } from '../support/catalogue.ts'

const { app, user, startProjectors } = await buildTestApp(t, {
  warmUpConnections: true,
  consistencyTimeoutMs: 3_000,
  // The suggestions go to the statements warmed here, not to the copy in memory (suggestion-index.ts).
  suggestIndexMaxMovies: 0,
})
const max = app.pool.options.max ?? 0
const warmed = [...suggestWarmUpStatements(app.db), ...searchWarmUpStatements(app.db)].map((s) => s.sql)

type Prepared = { statement: string; generic_plans: string; custom_plans: string }

/** The prepared statements of every connection of the pool (all checked out at once: each one). */
async function preparedOnEachConnection(): Promise<Prepared[][]> {
  const clients = await Promise.all(Array.from({ length: max }, () => app.pool.connect()))
  try {
    return await Promise.all(
      clients.map(
        async (client) =>
          (
            await client.query<Prepared>(
              'SELECT statement, generic_plans::text, custom_plans::text FROM pg_prepared_statements',
            )
          ).rows,
      ),
    )
  } finally {
    for (const client of clients) client.release()
  }
}

t.test('every connection of the pool holds every warm-up statement, its generic plan made', async (t) => {
  t.ok(max > 1, 'a pool of several connections')
  t.equal(app.pool.totalCount, max, 'all of them opened by the warm-up, none closed since')
  t.equal(app.pool.options.min, max, 'the pool keeps them open however long idle')
  t.equal(warmed.length, 7, 'four suggest shapes, the batch, two searches')
  const connections = await preparedOnEachConnection()
  t.equal(connections.length, max)
  for (const prepared of connections) {
    for (const text of warmed) {
      const statement = prepared.find((p) => p.statement === text)
      t.ok(statement, 'prepared on this connection')
      t.equal(Number(statement?.generic_plans), 1, 'the generic plan made once')
      t.equal(Number(statement?.custom_plans), WARM_UP_EXECUTIONS - 1, 'after the five custom plans')
    }
  }
})

t.test('what the search routes send afterwards was warmed', async (t) => {
  const admin = user({ role: 'admin' })
  startProjectors()
  await addTitles(
    app,
    admin.headers,
    ['Night River 123', 'The Night Garden', 'Rivers of Babylon', 'Storm Chasers'],
    () => ['Drama'],
    '/api/v1/search/suggest?q=rivers',
  )
  const suggest = (q: string) => app.inject({ url: `/api/v1/search/suggest?q=${encodeURIComponent(q)}` })
  // Resolved in the statement: one word, then two (which teaches the words to the route).
  for (const q of ['night', 'night ri']) t.equal((await suggest(q)).statusCode, 200, q)
  // Resolved before: one word ('ri' as the last), several ('night' whole, 'ri' last), both at once
  // (one batched statement), and a q= search of a word resolved before and one to resolve.
  const replies = await Promise.all(['ri', 'night night ri'].map(suggest))
  t.same(
    replies.map((reply) => reply.statusCode),
    [200, 200],
  )
  t.ok(replies[1]?.json().items.some((item: { label: string }) => item.label === 'Night River 123'))
  for (const q of ['night', 'nigt']) {
    const reply = await app.inject({ url: `/api/v1/movies?q=${q}` })
    t.equal(reply.statusCode, 200, q)
    t.ok(reply.json().items.length > 0, `${q} finds a movie`)
  }
  const searchStatements = (await preparedOnEachConnection())
    .flat()
    .filter((p) => p.statement.includes('search_terms'))
  t.ok(searchStatements.length >= warmed.length * max)
  t.same(
    searchStatements.filter((p) => !warmed.includes(p.statement)).map((p) => p.statement.slice(0, 200)),
    [],
    'no search statement the warm-up did not prepare',
  )
  t.ok(
    searchStatements.some((p) => Number(p.generic_plans) > 1),
    'requests ran on the generic plans',
  )
})

t.test('a statement that fails ends that connection’s warm-up, not the boot', async (t) => {
  const broken = { sql: 'SELECT no_such_column FROM movies', parameters: [] } as unknown as CompiledQuery
  const ok = { sql: 'SELECT 1 AS one', parameters: [] } as unknown as CompiledQuery
  t.same(await warmConnections(app.pool, [ok, broken], 2), {
    connections: 2,
    executions: 2 * WARM_UP_EXECUTIONS,
    failed: 2,
  })
})

t.test('connections that cannot be had are counted as failed, not thrown', async (t) => {
  // Nothing listens on a port just closed: every connect is refused, as when PostgreSQL is short of slots.
  const closed = createServer()
  await new Promise<void>((done) => closed.listen(0, '127.0.0.1', done))
  const { port } = closed.address() as AddressInfo
  await new Promise<void>((done) => closed.close(() => done()))
  const unreachable = createPool(`postgres://postgres@127.0.0.1:${port}/nexus`, { max: 3 })
  t.teardown(() => unreachable.end())
  const ok = { sql: 'SELECT 1 AS one', parameters: [] } as unknown as CompiledQuery
  t.same(await warmConnections(unreachable, [ok], 3), { connections: 0, executions: 0, failed: 3 })
})
