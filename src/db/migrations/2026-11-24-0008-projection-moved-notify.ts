/**
 * A NOTIFY on `nexus_projections` whenever a projection's checkpoint moves or its active generation
 * changes, delivered when that transaction commits: API processes keep the positions their ETags
 * are made of in memory and reload them on the notification, instead of querying them per request
 * (src/read/projection-positions.ts). Statement-level triggers on the registry tables, so every
 * writer (batches, swaps, resets, skips) notifies without knowing about it; heartbeats, which touch
 * other columns, do not. Frozen once landed.
 */
import { type Kysely, sql } from 'kysely'

// biome-ignore lint/suspicious/noExplicitAny: migrations are frozen in time and must not depend on the app's types
export async function up(db: Kysely<any>): Promise<void> {
  await sql`
    CREATE FUNCTION notify_projection_moved() RETURNS trigger LANGUAGE plpgsql AS $$
    BEGIN
      PERFORM pg_notify('nexus_projections', '');
      RETURN NULL;
    END
    $$`.execute(db)
  await sql`
    CREATE TRIGGER projection_generations_moved
    AFTER INSERT OR UPDATE OF position, generation OR DELETE ON projection_generations
    FOR EACH STATEMENT EXECUTE FUNCTION notify_projection_moved()`.execute(db)
  await sql`
    CREATE TRIGGER projections_moved
    AFTER INSERT OR UPDATE OF active_generation OR DELETE ON projections
    FOR EACH STATEMENT EXECUTE FUNCTION notify_projection_moved()`.execute(db)
}

// biome-ignore lint/suspicious/noExplicitAny: see up()
export async function down(db: Kysely<any>): Promise<void> {
  await sql`DROP TRIGGER projections_moved ON projections`.execute(db)
  await sql`DROP TRIGGER projection_generations_moved ON projection_generations`.execute(db)
  await sql`DROP FUNCTION notify_projection_moved()`.execute(db)
}
