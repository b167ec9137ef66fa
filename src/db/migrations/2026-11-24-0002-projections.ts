/**
 * Projection checkpoints and the first read model, user_ratings. Frozen once landed.
 * A checkpoint is written in the same transaction as its projection's rows (exactly once).
 */
import { type Kysely, sql } from 'kysely'

// biome-ignore lint/suspicious/noExplicitAny: migrations are frozen in time and must not depend on the app's types
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .createTable('projection_checkpoints')
    .addColumn('name', 'text', (c) => c.primaryKey())
    // Position tokens are fixed-width hex: byte order (COLLATE "C") is log order.
    .addColumn('position', sql`text COLLATE "C"`, (c) => c.notNull())
    .addColumn('updated_at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
    .execute()

  await db.schema
    .createTable('user_ratings')
    .addColumn('user_id', 'uuid', (c) => c.notNull())
    .addColumn('movie_id', 'uuid', (c) => c.notNull())
    // Half stars are kept for imported data (MovieLens); the API accepts whole stars.
    .addColumn('stars', sql`numeric(2,1)`, (c) => c.notNull())
    .addColumn('review', 'text')
    .addColumn('rated_at', 'timestamptz', (c) => c.notNull())
    .addPrimaryKeyConstraint('user_ratings_pk', ['user_id', 'movie_id'])
    .execute()
  // Backs GET /me/ratings: newest first, keyset on (rated_at, movie_id).
  await db.schema
    .createIndex('user_ratings_by_user_recent')
    .on('user_ratings')
    .columns(['user_id', 'rated_at desc', 'movie_id desc'])
    .execute()
}

// biome-ignore lint/suspicious/noExplicitAny: see up()
export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropTable('user_ratings').execute()
  await db.schema.dropTable('projection_checkpoints').execute()
}
