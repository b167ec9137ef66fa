/**
 * An analyst's projection, for `npm run events -- replay`: per day, the ratings given, the ratings
 * removed and the average stars of the ratings given (all genres together). Not run by the projector.
 *
 *   npm run events -- replay projections/examples/ratings-per-day.ts --schema analyst_ratings
 *   psql -c 'SELECT * FROM analyst_ratings.ratings_per_day ORDER BY day'
 *
 * Ctrl-C stops it; the same command continues from its checkpoint. The day is when the rating
 * happened (imports keep their original time in metadata.occurredAt), in UTC.
 */
import { type Kysely, sql } from 'kysely'
import type { StoredEvent } from '../../src/event-store/contract.ts'
import { defineProjection } from '../../src/projector/projection.ts'

type RatingsPerDayTable = {
  day: string
  ratings_given: number
  ratings_removed: number
  /** numeric: imported ratings have half stars. */
  stars_sum: string | number
}
type AnalystDatabase = { ratings_per_day: RatingsPerDayTable }

const dayOf = (event: StoredEvent, fallback: string) => (event.metadata.occurredAt ?? fallback).slice(0, 10)

export const projection = defineProjection({
  kind: 'postgres',
  name: 'ratings_per_day',
  version: 1,
  handles: ['RatingGiven', 'RatingRemoved'],
  tables: ['ratings_per_day'],
  async setup(db) {
    await db.schema
      .createTable('ratings_per_day')
      .addColumn('day', 'date', (c) => c.primaryKey())
      .addColumn('ratings_given', 'integer', (c) => c.notNull())
      .addColumn('ratings_removed', 'integer', (c) => c.notNull())
      .addColumn('stars_sum', 'numeric', (c) => c.notNull())
      .addColumn('average_stars', 'numeric', (c) =>
        c.generatedAlwaysAs(sql`round(stars_sum / nullif(ratings_given, 0), 2)`).stored(),
      )
      .execute()
  },
  async apply(events, trx) {
    const days = new Map<string, { day: string; given: number; removed: number; stars: number }>()
    for (const event of events) {
      const at =
        event.type === 'RatingGiven' ? dayOf(event, event.data.ratedAt) : dayOf(event, event.data.removedAt)
      const day = days.get(at) ?? { day: at, given: 0, removed: 0, stars: 0 }
      if (event.type === 'RatingGiven') {
        day.given += 1
        day.stars += event.data.stars
      } else {
        day.removed += 1
      }
      days.set(at, day)
    }
    if (days.size === 0) return
    // The tables are the analyst's, not the app's Database: a typed view of the same transaction.
    const db = trx as unknown as Kysely<AnalystDatabase>
    await db
      .insertInto('ratings_per_day')
      .values(
        [...days.values()].map((d) => ({
          day: d.day,
          ratings_given: d.given,
          ratings_removed: d.removed,
          stars_sum: d.stars,
        })),
      )
      .onConflict((oc) =>
        oc.column('day').doUpdateSet((eb) => ({
          ratings_given: sql<number>`${eb.ref('ratings_per_day.ratings_given')} + ${eb.ref('excluded.ratings_given')}`,
          ratings_removed: sql<number>`${eb.ref('ratings_per_day.ratings_removed')} + ${eb.ref('excluded.ratings_removed')}`,
          stars_sum: sql<string>`${eb.ref('ratings_per_day.stars_sum')} + ${eb.ref('excluded.stars_sum')}`,
        })),
      )
      .execute()
  },
})

export default projection
