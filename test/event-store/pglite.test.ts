/**
 * The event store contract on embedded mode's PostgreSQL (PGlite through node-postgres): the same
 * PostgresEventStore class and migrations as on a server. What needs a second connection (a
 * transaction held open by another session, killed connections) has no meaning in one process.
 */
import { mkdtemp, rm } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import t from 'tap'
import { createDatabase } from '../../src/db/connection.ts'
import { migrateToLatest } from '../../src/db/migrate.ts'
import { openEmbedded } from '../../src/embedded/runtime.ts'
import { PostgresEventStore } from '../../src/event-store/postgres/postgres-event-store.ts'
import { runEventStoreContract } from './contract-suite.ts'

const dir = await mkdtemp(join(tmpdir(), 'nexus-pglite-'))
const runtime = await openEmbedded(dir)
t.teardown(async () => {
  await runtime.release()
  await rm(dir, { recursive: true, force: true })
})
await migrateToLatest(createDatabase(runtime.pool))

runEventStoreContract(t, {
  name: 'pglite',
  async create() {
    return new PostgresEventStore(runtime.pool, { listen: runtime.listen, pollIntervalMs: 250 })
  },
  largeLogSize: 20_000,
})
