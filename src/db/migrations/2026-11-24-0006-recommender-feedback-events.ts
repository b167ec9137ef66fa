/**
 * Each model remembers how many interaction events the `recommendation_feedback` projection had
 * counted (the sum of `user_activity.events`) when its training read the read models, so "new
 * interactions since the serving model" is a difference of two stored numbers: the retrain reactor
 * keeps no count of its own and a restart neither loses nor repeats one. Models trained before
 * this column count from 0 (the next interaction batch may retrain once). Frozen once landed.
 */
import type { Kysely } from 'kysely'

// biome-ignore lint/suspicious/noExplicitAny: migrations are frozen in time and must not depend on the app's types
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .alterTable('recommender_models')
    .addColumn('feedback_events', 'bigint', (c) => c.notNull().defaultTo(0))
    .execute()
}

// biome-ignore lint/suspicious/noExplicitAny: see up()
export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.alterTable('recommender_models').dropColumn('feedback_events').execute()
}
