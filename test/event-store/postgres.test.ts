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
  // The bounded-read test needs a log larger than its 64 MiB heap limit, not more: 400k events
  // take about 95 MiB (its estimate of 250 bytes each); 1M took a minute to write on a loaded machine.
  largeLogSize: 400_000,
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
