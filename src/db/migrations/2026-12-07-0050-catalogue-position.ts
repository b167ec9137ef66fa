/**
 * `catalogue_position` on each generation: the position of the last event it applied that changed
 * what a text search or a suggestion matches (a title, a person, a tag, a genre: the types a
 * projection lists as `catalogue`, every type it handles when it lists none). Ratings, favourites
 * and watches move a generation's `position` but not this one, so the API can keep what depends on
 * the searchable catalogue only (words resolved, suggestions) while they flow
 * (src/read/serving/projection-tags.ts). Moved in the checkpoint's own update, so the
 * `nexus_projections` NOTIFY covers it. Existing generations start at their checkpoint (as if every
 * event so far had changed the catalogue); new ones at the start of the log. Frozen once landed.
 */
import { type Kysely, sql } from 'kysely'

// biome-ignore lint/suspicious/noExplicitAny: migrations are frozen in time and must not depend on the app's types
export async function up(db: Kysely<any>): Promise<void> {
  await sql`ALTER TABLE projection_generations ADD COLUMN catalogue_position text COLLATE "C"`.execute(db)
  await sql`UPDATE projection_generations SET catalogue_position = position`.execute(db)
  await sql`
    ALTER TABLE projection_generations
      ALTER COLUMN catalogue_position SET DEFAULT '00000000000000000000000000000000',
      ALTER COLUMN catalogue_position SET NOT NULL`.execute(db)
}

// biome-ignore lint/suspicious/noExplicitAny: see up()
export async function down(db: Kysely<any>): Promise<void> {
  await sql`ALTER TABLE projection_generations DROP COLUMN catalogue_position`.execute(db)
}
