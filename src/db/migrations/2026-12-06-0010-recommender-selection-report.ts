/**
 * Each model keeps the report of the selection that chose it (per candidate: settings tuned,
 * validation and test metrics, train time, peak memory, chosen or why not), so `npm run recommender
 * -- status` and GET /api/v1/admin/recommender answer from the database. Models trained before
 * this column have none (null). Frozen once landed.
 */
import type { Kysely } from 'kysely'

// biome-ignore lint/suspicious/noExplicitAny: migrations are frozen in time and must not depend on the app's types
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema.alterTable('recommender_models').addColumn('report', 'jsonb').execute()
}

// biome-ignore lint/suspicious/noExplicitAny: see up()
export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.alterTable('recommender_models').dropColumn('report').execute()
}
