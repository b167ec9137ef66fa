/**
 * The projection engine's registry. Read models themselves are not created here: each projection
 * creates its tables in a schema per generation (proj_<name>_g<n>), and public views point queries
 * at the active generation, so a rebuild fills a new generation while the old one keeps serving.
 * Frozen once landed.
 */
import { type Kysely, sql } from 'kysely'

// biome-ignore lint/suspicious/noExplicitAny: migrations are frozen in time and must not depend on the app's types
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .createTable('projections')
    .addColumn('name', 'text', (c) => c.primaryKey())
    // The generation queries read; null until the first one exists.
    .addColumn('active_generation', 'integer')
    .addColumn('updated_at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
    .execute()

  await db.schema
    .createTable('projection_generations')
    .addColumn('name', 'text', (c) => c.notNull())
    .addColumn('generation', 'integer', (c) => c.notNull())
    .addColumn('version', 'integer', (c) => c.notNull())
    .addColumn('kind', 'text', (c) => c.notNull().check(sql`kind IN ('postgres', 'redis')`))
    // Position tokens are fixed-width hex: byte order (COLLATE "C") is log order.
    .addColumn('position', sql`text COLLATE "C"`, (c) => c.notNull())
    .addColumn('last_event_at', 'timestamptz')
    .addColumn('events_applied', 'bigint', (c) => c.notNull().defaultTo(0))
    .addColumn('state', 'text', (c) =>
      c.notNull().check(sql`state IN ('building', 'catching_up', 'live', 'stopped', 'retired')`),
    )
    // Why it stopped: { eventId, type, position, message } of a poison event.
    .addColumn('error', 'jsonb')
    .addColumn('owner', 'text')
    .addColumn('heartbeat_at', 'timestamptz')
    .addColumn('created_at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
    .addColumn('updated_at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
    .addPrimaryKeyConstraint('projection_generations_pk', ['name', 'generation'])
    .execute()
}

// biome-ignore lint/suspicious/noExplicitAny: see up()
export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropTable('projection_generations').execute()
  await db.schema.dropTable('projections').execute()
}
