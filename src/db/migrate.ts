/**
 * Runs the migrations in src/db/migrations with kysely's Migrator (idempotent: applied ones are
 * skipped). Used by `npm run migrate`, by `npm start` and by the test setup.
 */
import { promises as fs } from 'node:fs'
import path from 'node:path'
import { setTimeout as sleep } from 'node:timers/promises'
import type { Kysely } from 'kysely'
import { FileMigrationProvider, Migrator } from 'kysely/migration'
import pg from 'pg'
import { isConnectionError } from './connection-errors.ts'

const migrationFolder = path.join(import.meta.dirname, 'migrations')

export type MigrationLog = (message: string) => void

export class MigrationError extends Error {
  constructor(message: string, options?: { cause?: unknown }) {
    super(message, options)
    this.name = 'MigrationError'
  }
}

// biome-ignore lint/suspicious/noExplicitAny: the migrator works below the app's typed schema
export async function migrateToLatest(db: Kysely<any>, log: MigrationLog = () => {}): Promise<void> {
  const migrator = new Migrator({ db, provider: new FileMigrationProvider({ fs, path, migrationFolder }) })
  const { error, results } = await migrator.migrateToLatest()
  for (const result of results ?? []) {
    log(`migration ${result.migrationName}: ${result.status === 'Success' ? 'applied' : result.status}`)
  }
  if (error) throw new MigrationError(`migrations failed: ${String(error)}`, { cause: error })
  if (!results?.length) log('migrations: database is up to date')
}

/**
 * Creates the database named in the URL when it does not exist yet, so `npm start` works on a fresh
 * developer machine. Needs rights to connect to the `postgres` maintenance database; silently does
 * nothing when it cannot (the migration that follows reports the real problem).
 */
export async function ensureDatabaseExists(databaseUrl: string, log: MigrationLog = () => {}): Promise<void> {
  const url = new URL(databaseUrl)
  const name = decodeURIComponent(url.pathname.replace(/^\//, ''))
  if (!name || name === 'postgres') return
  url.pathname = '/postgres'
  const client = new pg.Client({ connectionString: url.toString(), connectionTimeoutMillis: 5_000 })
  // A lost connection fails the next query (caught below) instead of ending the process.
  client.on('error', () => {})
  try {
    await client.connect()
    const found = await client.query('SELECT 1 FROM pg_database WHERE datname = $1', [name])
    if (found.rowCount === 0) {
      // Identifiers cannot be bound parameters; escapeIdentifier quotes the name safely.
      await client.query(`CREATE DATABASE ${client.escapeIdentifier(name)}`)
      log(`created database ${name}`)
    }
  } catch (error) {
    // 42P04: created concurrently by another process.
    if ((error as { code?: string }).code !== '42P04')
      log(`could not ensure database ${name} exists: ${String(error)}`)
  } finally {
    await client.end().catch(() => {})
  }
}

/**
 * migrateToLatest for long-running processes: while PostgreSQL is unreachable (down, restarting,
 * out of connection slots) it waits and tries again (backoff up to 5 s, each wait logged) instead
 * of ending the process. Any other failure is thrown. Gives up (throws) when `signal` aborts.
 */
export async function migrateWhenReachable(
  // biome-ignore lint/suspicious/noExplicitAny: as migrateToLatest
  db: Kysely<any>,
  log: MigrationLog,
  signal?: AbortSignal,
): Promise<void> {
  let backoff = 250
  for (;;) {
    try {
      return await migrateToLatest(db, log)
    } catch (error) {
      const cause = error instanceof MigrationError ? error.cause : error
      if (!isConnectionError(cause) || signal?.aborted) throw error
      log(`migrations: PostgreSQL unreachable (${String(cause)}), retrying in ${backoff} ms`)
      await sleep(backoff, undefined, { signal }).catch(() => {})
      if (signal?.aborted) throw error
      backoff = Math.min(5_000, backoff * 2)
    }
  }
}
