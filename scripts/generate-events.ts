/**
 * `npm run generate -- [--events 1000000] [--seed 42] [--chunk 5000] [--prefix gen-]`: appends a
 * seeded, realistic event log through the event store's bulk path (appendMany). Ctrl-C stops after
 * the current chunk; running the same command again resumes where it stopped (the same seed gives
 * the same events and ids, and chunks already stored are skipped).
 */
import { createProgram, integerValue, interruptions, parseProgram } from '../src/cli/command.ts'
import { createProgress } from '../src/cli/progress.ts'
import { loadConfigOrExit } from '../src/config.ts'
import { ensureDatabaseExists, migrateToLatest } from '../src/db/migrate.ts'
import { syntheticLog } from '../src/generate/synthetic-log.ts'
import { openRuntimeOrExit } from '../src/runtime/open-runtime.ts'

const program = createProgram(
  'generate',
  "Appends a seeded, realistic event log through the event store's bulk path (appendMany), with " +
    'progress. Ctrl-C stops after the current chunk (exit 130); the same command again resumes: the ' +
    'same seed gives the same events and ids, and chunks already stored are skipped.',
  ['npm run generate', 'npm run generate -- --events 100000 --seed 7 --prefix demo-'],
)
  .option('--events <n>', 'how many events, a positive integer', '1000000')
  .option('--seed <n>', 'the seed, a positive integer (another seed, other ids)', '42')
  .option('--chunk <n>', 'events per appendMany, 1 to 100000', '5000')
  .option('--prefix <prefix>', 'prefix of every stream name', '')
parseProgram(program)
const values = program.opts<{ events: string; seed: string; chunk: string; prefix: string }>()
const events = integerValue(program, 'events', values.events, 1, 1_000_000_000)
const seed = integerValue(program, 'seed', values.seed, 1, 2 ** 31 - 1)
const chunkSize = integerValue(program, 'chunk', values.chunk, 1, 100_000)

const config = loadConfigOrExit()
if (config.databaseUrl !== null) await ensureDatabaseExists(config.databaseUrl)
// Embedded mode: works while no `npm start` holds the data directory (it says so otherwise).
const runtime = await openRuntimeOrExit('generate', config, { applicationName: 'nexus-generate' })
const { db, store } = runtime
await migrateToLatest(db)

const stop = interruptions('generate')

const progress = createProgress('generate', events)
const started = performance.now()
let done = 0
let skipped = 0
try {
  for (const chunk of syntheticLog({ seed, events, chunkSize, streamPrefix: values.prefix })) {
    if (stop.signal.aborted) break
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
  await runtime.close()
}
const seconds = (performance.now() - started) / 1000
const written = done - skipped
console.error(
  `generate: ${stop.signal.aborted ? 'interrupted after' : 'done:'} ${done} events (${written} written, ${skipped} already stored) in ${seconds.toFixed(1)} s, ${Math.round(written / Math.max(seconds, 0.001))} events/s`,
)
if (stop.signal.aborted) {
  console.error(
    `generate: run the same command again to resume: ${['npm run generate', ...(process.argv.length > 2 ? ['--', ...process.argv.slice(2)] : [])].join(' ')}`,
  )
  process.exitCode = stop.exitCode
}
