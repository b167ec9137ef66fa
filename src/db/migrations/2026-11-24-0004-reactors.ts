/**
 * Reactors (src/reactors/) run on the projection engine and keep their checkpoint in its registry:
 * the registry's kind now admits them. Frozen once landed.
 */
import { type Kysely, sql } from 'kysely'

// biome-ignore lint/suspicious/noExplicitAny: migrations are frozen in time and must not depend on the app's types
export async function up(db: Kysely<any>): Promise<void> {
  // Raw SQL: kysely's builder cannot alter a check constraint.
  await sql`ALTER TABLE projection_generations
    DROP CONSTRAINT projection_generations_kind_check,
    ADD CONSTRAINT projection_generations_kind_check CHECK (kind IN ('postgres', 'redis', 'reactor'))`.execute(
    db,
  )
}

// biome-ignore lint/suspicious/noExplicitAny: see up()
export async function down(db: Kysely<any>): Promise<void> {
  await sql`DELETE FROM projection_generations WHERE kind = 'reactor'`.execute(db)
  await sql`ALTER TABLE projection_generations
    DROP CONSTRAINT projection_generations_kind_check,
    ADD CONSTRAINT projection_generations_kind_check CHECK (kind IN ('postgres', 'redis'))`.execute(db)
}
