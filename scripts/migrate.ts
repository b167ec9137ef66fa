/** `npm run migrate`: brings the database of DATABASE_URL to the latest schema (idempotent). */
import { loadConfigOrExit, redact } from '../src/config.ts'
import { createDatabase, createPool } from '../src/db/connection.ts'
import { ensureDatabaseExists, migrateToLatest } from '../src/db/migrate.ts'

const config = loadConfigOrExit()
const pool = createPool(config.databaseUrl, { max: 1 })
const db = createDatabase(pool)
try {
  await ensureDatabaseExists(config.databaseUrl, console.log)
  await migrateToLatest(db, console.log)
} catch (error) {
  console.error(`migrate: failed on ${redact(config.databaseUrl)}: ${String(error)}`)
  process.exitCode = 1
} finally {
  await db.destroy()
}
