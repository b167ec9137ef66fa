/**
 * The `nexus_projections` NOTIFY (projection-moved-notify migration) no longer fires for the
 * checkpoint moves of a generation being built: no ETag is made of a generation that is not active,
 * yet every API process reloaded its positions once per batch transaction of a rebuild (about 8 per
 * 5,000 events of the log, every projection moving its own checkpoint). The update trigger becomes a
 * row trigger with a condition on the row's new state (a statement trigger sees no rows without a
 * transition table, which PostgreSQL refuses with a column list); identical notifications of one
 * transaction still reach listeners once. Inserts and deletes notify as before, and so does a
 * generation's activation (the `projections` trigger) and every move once it is active
 * ('catching_up', 'live', 'stopped'). Frozen once landed.
 */
import { type Kysely, sql } from 'kysely'

// biome-ignore lint/suspicious/noExplicitAny: migrations are frozen in time and must not depend on the app's types
export async function up(db: Kysely<any>): Promise<void> {
  await sql`DROP TRIGGER projection_generations_moved ON projection_generations`.execute(db)
  await sql`
    CREATE TRIGGER projection_generations_moved
    AFTER INSERT OR DELETE ON projection_generations
    FOR EACH STATEMENT EXECUTE FUNCTION notify_projection_moved()`.execute(db)
  await sql`
    CREATE TRIGGER projection_generations_moved_unless_building
    AFTER UPDATE OF position, generation ON projection_generations
    FOR EACH ROW WHEN (NEW.state IS DISTINCT FROM 'building')
    EXECUTE FUNCTION notify_projection_moved()`.execute(db)
}

// biome-ignore lint/suspicious/noExplicitAny: see up()
export async function down(db: Kysely<any>): Promise<void> {
  await sql`DROP TRIGGER projection_generations_moved_unless_building ON projection_generations`.execute(db)
  await sql`DROP TRIGGER projection_generations_moved ON projection_generations`.execute(db)
  await sql`
    CREATE TRIGGER projection_generations_moved
    AFTER INSERT OR UPDATE OF position, generation OR DELETE ON projection_generations
    FOR EACH STATEMENT EXECUTE FUNCTION notify_projection_moved()`.execute(db)
}
