/**
 * What a projection declares: a name, a version, the event types it handles and a batch handler.
 * The engine (run-projection.ts) owns batching, checkpoints and retries.
 * @see ../../../shared/DESIGN.md "Projections"
 */
import type { Kysely, Transaction } from 'kysely'
import type { Database } from '../db/schema.ts'
import type { Position, StoredEvent } from '../event-store/contract.ts'

export type PostgresProjection = {
  name: string
  version: number
  handles: readonly string[]
  /** Applies a batch (only handled types, in log order) inside the transaction that also writes the checkpoint. */
  apply(events: StoredEvent[], trx: Transaction<Database>): Promise<void>
}

/** The checkpoint row of one version of a projection. */
export const checkpointName = (projection: Pick<PostgresProjection, 'name' | 'version'>) =>
  `${projection.name}@${projection.version}`

export async function readCheckpoint(
  db: Kysely<Database>,
  projection: Pick<PostgresProjection, 'name' | 'version'>,
): Promise<Position | null> {
  const row = await db
    .selectFrom('projection_checkpoints')
    .select('position')
    .where('name', '=', checkpointName(projection))
    .executeTakeFirst()
  return row?.position ?? null
}
