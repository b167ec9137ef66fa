/**
 * Each test file gets its own PostgreSQL database, migrated, and dropped when the file ends, so
 * files run in parallel and no test depends on shared data. Its pool holds at most TEST_POOL_MAX
 * connections: `jobs` files at once (.taprc), each with this pool, the app it builds (the API's
 * budget, src/db/connection.ts) and the servers and scripts it starts, must stay well under
 * PostgreSQL's 100 with other users of the machine (docs/development.md, "How the suite stays fast").
 */
import { randomUUID } from 'node:crypto'
import type { Kysely } from 'kysely'
import pg from 'pg'
import { createDatabase, createPool } from '../../src/db/connection.ts'
import { migrateToLatest } from '../../src/db/migrate.ts'
import { PostgresLeases } from '../../src/db/postgres-leases.ts'
import type { Database } from '../../src/db/schema.ts'
import { testServices } from './services.ts'

export type TestDatabase = {
  url: string
  name: string
  pool: pg.Pool
  db: Kysely<Database>
}

type Teardown = { teardown(fn: () => unknown): void }

/** The server the tests use: DATABASE_URL (or the local one), whatever database it names. */
export function serverUrl(database = 'postgres'): string {
  const url = new URL(testServices.databaseUrl)
  url.pathname = `/${database}`
  return url.toString()
}

async function admin<T>(fn: (client: pg.Client) => Promise<T>): Promise<T> {
  const client = new pg.Client({ connectionString: serverUrl(), connectionTimeoutMillis: 5_000 })
  try {
    await client.connect()
  } catch (error) {
    throw new Error(
      `cannot reach PostgreSQL at ${serverUrl()} (${String(error)}). Start it with: ` +
        'pg_ctlcluster --skip-systemctl-redirect $(ls /etc/postgresql) main start',
    )
  }
  try {
    return await fn(client)
  } finally {
    await client.end()
  }
}

/**
 * The test pool's bound. Tests query it directly (set-up, checks of rows) or give it to a store or
 * an engine under test; the app a test builds has its own pool. Queries beyond it wait their turn.
 */
export const TEST_POOL_MAX = 10

/** A fresh, migrated database for this test file. */
export async function createTestDatabase(
  t: Teardown,
  options: { migrate?: boolean } = {},
): Promise<TestDatabase> {
  const name = `nexus_test_${randomUUID().replaceAll('-', '').slice(0, 16)}`
  await admin((client) => client.query(`CREATE DATABASE ${client.escapeIdentifier(name)}`))
  const url = serverUrl(name)
  const pool = createPool(url, { max: TEST_POOL_MAX, applicationName: 'nexus-test' })
  const db = createDatabase(pool)
  t.teardown(async () => {
    await db.destroy().catch(() => {})
    await dropDatabase(name)
  })
  if (options.migrate !== false) await migrateToLatest(db)
  return { url, name, pool, db }
}

export async function dropDatabase(name: string): Promise<void> {
  await admin((client) =>
    client.query(`DROP DATABASE IF EXISTS ${client.escapeIdentifier(name)} WITH (FORCE)`),
  )
}

/** Terminates every other connection to the database: what a PostgreSQL restart looks like to clients. */
export async function killConnections(name: string): Promise<number> {
  return admin(async (client) => {
    const result = await client.query(
      'SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE datname = $1 AND pid <> pg_backend_pid()',
      [name],
    )
    return result.rowCount ?? 0
  })
}

/**
 * The leases of a test, all on one session as in a real process (src/db/postgres-leases.ts),
 * released when the test ends.
 */
export function leasesFor(t: Teardown, url: string | null): PostgresLeases['acquire'] {
  if (url === null) throw new Error('leasesFor needs a PostgreSQL URL')
  const leases = new PostgresLeases(url, {
    owner: `test/${process.pid}`,
    applicationName: 'nexus-test/lease',
  })
  t.teardown(() => leases.close())
  return leases.acquire
}
