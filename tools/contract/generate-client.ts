/**
 * `npm run generate:client [-- --check]`: writes the OpenAPI document the API serves to
 * clients/openapi.json and the typed client's types to clients/typescript/src/schema.ts
 * (openapi-typescript). With --check it writes nothing and exits 1 when either file differs from what
 * the code generates (test/integration/client-drift.test.ts checks the same in every test run).
 * Builds the app on a scratch database of DATABASE_URL's server, as the benchmarks do.
 */
import { readFile, writeFile } from 'node:fs/promises'
import { generateTypes, renderDocument } from '../../clients/typescript/scripts/generate.ts'
import { buildApp } from '../../src/app.ts'
import { createProgram, parseProgram } from '../../src/cli/command.ts'
import { loadConfigOrExit } from '../../src/config.ts'
import { createDatabase, createPool } from '../../src/db/connection.ts'
import { migrateToLatest } from '../../src/db/migrate.ts'
import { createScratchDatabase } from '../../src/db/scratch-database.ts'
import { requireServices } from '../../src/runtime/open-runtime.ts'

const DOCUMENT_FILE = new URL('../../clients/openapi.json', import.meta.url)
const TYPES_FILE = new URL('../../clients/typescript/src/schema.ts', import.meta.url)

const program = createProgram(
  'generate:client',
  'Writes clients/openapi.json (the OpenAPI document the API serves) and ' +
    "clients/typescript/src/schema.ts (the typed client's types, by openapi-typescript). Needs " +
    'PostgreSQL and Redis (DATABASE_URL, REDIS_URL): the app is built on a scratch database.',
  ['npm run generate:client', 'npm run generate:client -- --check'],
).option('--check', 'write nothing; exit 1 when either file is not what the code generates', false)
parseProgram(program)
const options = program.opts<{ check: boolean }>()

const config = loadConfigOrExit()
const services = requireServices('generate:client', config)
const scratch = await createScratchDatabase(services.databaseUrl, 'nexus_contract')
let document: object
try {
  const pool = createPool(scratch.url)
  await migrateToLatest(createDatabase(pool))
  await pool.end()
  const app = await buildApp({
    ...config,
    databaseUrl: scratch.url,
    logLevel: 'warn',
    runProjectors: false,
    redisKeyPrefix: `nexus-contract-${process.pid}:`,
  })
  document = app.openapi()
  await app.close()
} finally {
  await scratch.drop()
}

const files = [
  { url: DOCUMENT_FILE, text: renderDocument(document) },
  { url: TYPES_FILE, text: await generateTypes(document) },
]
let stale = 0
for (const { url, text } of files) {
  const path = url.pathname.replace(new URL('../..', import.meta.url).pathname, '')
  const current = await readFile(url, 'utf8').catch(() => null)
  if (current === text) {
    process.stdout.write(`${path}: up to date\n`)
  } else if (options.check) {
    stale++
    process.stdout.write(`${path}: differs from what the code generates\n`)
  } else {
    await writeFile(url, text)
    process.stdout.write(`${path}: written\n`)
  }
}
if (stale > 0) {
  process.stdout.write('run `npm run generate:client` and commit the result\n')
  process.exit(1)
}
