/**
 * `npm run migrate`: brings the database to the latest schema (idempotent): the one of DATABASE_URL,
 * or in embedded mode the PGlite database in NEXUS_DATA_DIR (`npm start` migrates it too).
 */
import { createProgram, parseProgram } from '../src/cli/command.ts'
import { loadConfigOrExit, redact } from '../src/config.ts'
import { ensureDatabaseExists, migrateToLatest } from '../src/db/migrate.ts'
import { openRuntimeOrExit } from '../src/runtime/open-runtime.ts'

parseProgram(
  createProgram(
    'migrate',
    'Brings the database to the latest schema (idempotent): the one of DATABASE_URL, or in embedded ' +
      'mode the PGlite database in NEXUS_DATA_DIR (`npm start` migrates it too). It takes no arguments.',
    ['npm run migrate', 'DATABASE_URL=postgres://localhost:5432/nexus npm run migrate'],
  ),
)
const config = loadConfigOrExit()
const where =
  config.databaseUrl === null ? `the embedded database in ${config.dataDir}` : redact(config.databaseUrl)
if (config.databaseUrl !== null) await ensureDatabaseExists(config.databaseUrl, console.log)
const database = await openRuntimeOrExit('migrate', config, { max: 1, applicationName: 'nexus-migrate' })
try {
  await migrateToLatest(database.db, console.log)
} catch (error) {
  console.error(`migrate: failed on ${where}: ${String(error)}`)
  process.exitCode = 1
} finally {
  await database.close()
}
