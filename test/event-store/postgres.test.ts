/** The event store contract on the PostgreSQL adapter, plus what only PostgreSQL can show. */
import t from 'tap'
import { createPool } from '../../src/db/connection.ts'
import type { NewEvent } from '../../src/event-store/contract.ts'
import { PostgresEventStore } from '../../src/event-store/postgres/postgres-event-store.ts'
import { createTestDatabase, killConnections } from '../support/database.ts'
import { runEventStoreContract } from './contract-suite.ts'

const database = await createTestDatabase(t)

runEventStoreContract(t, {
  name: 'postgres',
  atomicGuards: true,
  // The bounded-read test needs a log larger than its heap limit, not more: 200k events take about
  // 48 MiB (its estimate of 250 bytes each) against a limit of 32 MiB, the ratio 400k events had
  // against 64 MiB (a paged read grew the heap by 7 MiB); writing and reading 400k took 83 s of a
  // loaded machine's test run, 1M over a minute just to write.
  largeLogSize: 200_000,
  largeLogHeapLimitMiB: 32,
  async create() {
    return new PostgresEventStore(database.pool, { connectionString: database.url, pollIntervalMs: 250 })
  },
  async createUnreachable() {
    const url = 'postgres://postgres@127.0.0.1:1/nowhere'
    return new PostgresEventStore(createPool(url), { connectionString: url })
  },
  async holdOpenTransaction(stream: string, events: NewEvent[]) {
    const client = await database.pool.connect()
    await client.query('BEGIN')
    await client.query(
      'SELECT * FROM append_to_stream($1, $2, $3::uuid[], $4::text[], $5::jsonb[], $6::jsonb[])',
      [
        stream,
        'no_stream',
        events.map((e) => e.id),
        events.map((e) => e.type),
        events.map((e) => JSON.stringify(e.data)),
        events.map((e) => JSON.stringify(e.metadata ?? {})),
      ],
    )
    return {
      async commit() {
        await client.query('COMMIT')
        client.release()
      },
      async rollback() {
        await client.query('ROLLBACK')
        client.release()
      },
    }
  },
  killConnections: () => killConnections(database.name),
})
