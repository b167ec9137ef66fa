/**
 * The recommender's model registry and the view serving reads. Each training writes its neighbour
 * table in the `recommender` schema (`item_neighbors_m<id>`), then one transaction marks it active
 * and re-points the `recommendation_neighbors` view, so queries never see half a model. The first
 * model is an empty one, so the view exists before any training. Frozen once landed.
 */
import { type Kysely, sql } from 'kysely'

// biome-ignore lint/suspicious/noExplicitAny: migrations are frozen in time and must not depend on the app's types
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .createTable('recommender_models')
    .addColumn('id', 'integer', (c) => c.primaryKey())
    .addColumn('model', 'text', (c) => c.notNull())
    .addColumn('state', 'text', (c) => c.notNull().check(sql`state IN ('building', 'active', 'retired')`))
    .addColumn('users', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('items', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('interactions', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('duration_ms', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('job_id', 'uuid')
    .addColumn('created_at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
    .addColumn('trained_at', 'timestamptz')
    .execute()
  // At most one model serves.
  await sql`CREATE UNIQUE INDEX recommender_models_one_active ON recommender_models (state) WHERE state = 'active'`.execute(
    db,
  )
  // Raw SQL: schemas and views are below kysely's table builder.
  await sql`CREATE SCHEMA recommender`.execute(db)
  await sql`CREATE TABLE recommender.item_neighbors_m0 (
    movie_id uuid NOT NULL, rank smallint NOT NULL, neighbor_id uuid NOT NULL, score real NOT NULL,
    PRIMARY KEY (movie_id, rank))`.execute(db)
  await sql`CREATE VIEW recommendation_neighbors AS SELECT movie_id, rank, neighbor_id, score FROM recommender.item_neighbors_m0`.execute(
    db,
  )
  await db
    .insertInto('recommender_models')
    .values({ id: 0, model: 'none', state: 'active', trained_at: null })
    .execute()
}

// biome-ignore lint/suspicious/noExplicitAny: see up()
export async function down(db: Kysely<any>): Promise<void> {
  await sql`DROP VIEW IF EXISTS recommendation_neighbors`.execute(db)
  await sql`DROP SCHEMA IF EXISTS recommender CASCADE`.execute(db)
  await db.schema.dropTable('recommender_models').execute()
}
