/**
 * `npm run generate -- [--events 1000000] [--seed 42] [--chunk 5000] [--prefix gen-]`: appends a
 * seeded, realistic event log through the event store's bulk path (appendMany). Ctrl-C stops after
 * the current chunk; running the same command again resumes where it stopped (the same seed gives
 * the same events and ids, and chunks already stored are skipped).
 */
import { parseArgs } from 'node:util'
import { createProgress } from '../src/cli/progress.ts'
import { loadConfigOrExit } from '../src/config.ts'
import { ensureDatabaseExists, migrateToLatest } from '../src/db/migrate.ts'
import { openDatabaseOrExit } from '../src/db/open-database.ts'
import { createEventStore } from '../src/event-store/create-event-store.ts'
import { syntheticLog } from '../src/generate/synthetic-log.ts'

const { values } = parseArgs({
  options: {
    events: { type: 'string', default: '1000000' },
    seed: { type: 'string', default: '42' },
    chunk: { type: 'string', default: '5000' },
    prefix: { type: 'string', default: '' },
  },
})
const events = Number(values.events)
const seed = Number(values.seed)
const chunkSize = Number(values.chunk)
if (![events, seed, chunkSize].every((n) => Number.isInteger(n) && n > 0)) {
  console.error('generate: --events, --seed and --chunk must be positive integers')
  process.exit(2)
}

const config = loadConfigOrExit()
if (config.databaseUrl !== null) await ensureDatabaseExists(config.databaseUrl)
// Embedded mode: works while no `npm start` holds the data directory (it says so otherwise).
const database = await openDatabaseOrExit('generate', config, { applicationName: 'nexus-generate' })
const { pool, db } = database
await migrateToLatest(db)
const store = createEventStore(config, pool, undefined, database.listen)

let stopping = false
process.once('SIGINT', () => {
  stopping = true
})
process.once('SIGTERM', () => {
  stopping = true
})

const progress = createProgress('generate', events)
const started = performance.now()
let done = 0
let skipped = 0
try {
  for (const chunk of syntheticLog({ seed, events, chunkSize, streamPrefix: values.prefix })) {
    if (stopping) break
    const size = chunk.reduce((n, write) => n + write.events.length, 0)
    // Resume: a chunk whose last event is already in its stream was written by an earlier run.
    const last = chunk.at(-1)
    const lastId = last?.events.at(-1)?.id
    let stored = false
    if (last && lastId) {
      for await (const event of store.readStream(last.stream, { direction: 'backwards', limit: 50 })) {
        if (event.id === lastId) stored = true
      }
    }
    if (stored) skipped += size
    else await store.appendMany(chunk)
    done += size
    progress.update(done)
  }
} finally {
  progress.stop()
  await store.close()
  await database.close()
}
const seconds = (performance.now() - started) / 1000
const written = done - skipped
console.error(
  `generate: ${stopping ? 'interrupted after' : 'done:'} ${done} events (${written} written, ${skipped} already stored) in ${seconds.toFixed(1)} s, ${Math.round(written / seconds)} events/s`,
)
if (stopping) {
  console.error('generate: run the same command again to resume')
  process.exitCode = 130
}
