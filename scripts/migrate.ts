/**
 * `npm run migrate`: brings the database to the latest schema (idempotent): the one of DATABASE_URL,
 * or in embedded mode the PGlite database in NEXUS_DATA_DIR (`npm start` migrates it too).
 */
import { loadConfigOrExit, redact } from '../src/config.ts'
import { ensureDatabaseExists, migrateToLatest } from '../src/db/migrate.ts'
import { openDatabaseOrExit } from '../src/db/open-database.ts'

const config = loadConfigOrExit()
const where =
  config.databaseUrl === null ? `the embedded database in ${config.dataDir}` : redact(config.databaseUrl)
if (config.databaseUrl !== null) await ensureDatabaseExists(config.databaseUrl, console.log)
const database = await openDatabaseOrExit('migrate', config, { max: 1, applicationName: 'nexus-migrate' })
try {
  await migrateToLatest(database.db, console.log)
} catch (error) {
  console.error(`migrate: failed on ${where}: ${String(error)}`)
  process.exitCode = 1
} finally {
  await database.close()
}
