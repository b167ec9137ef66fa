/**
 * Fencing tokens of the projection leases (src/projector/lease.ts). A lease is a session advisory
 * lock; taking it also bumps its key's epoch here, and every batch of the holder checks, inside its
 * own transaction, that the epoch is still the one it took (SELECT ... FOR SHARE). The bump waits
 * for a batch that checked first; a batch that checks after the bump finds another epoch and rolls
 * back. So once a new holder has its lease, nothing of the old holder commits, whatever its
 * connections still do (e.g. its lease connection died and it has not noticed yet).
 * Frozen once landed.
 */
import { type Kysely, sql } from 'kysely'

// biome-ignore lint/suspicious/noExplicitAny: migrations are frozen in time and must not depend on the app's types
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .createTable('projection_leases')
    // The lease key, e.g. `projection:movies` or `rebuild:movies`.
    .addColumn('key', 'text', (c) => c.primaryKey())
    .addColumn('epoch', 'bigint', (c) => c.notNull())
    .addColumn('owner', 'text', (c) => c.notNull())
    .addColumn('taken_at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
    .execute()
}

// biome-ignore lint/suspicious/noExplicitAny: see up()
export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropTable('projection_leases').execute()
}
