/**
 * The one kysely Database interface: every read-model table the app queries, column by column.
 * The event store's own tables are not here: its adapter speaks SQL directly (xid8 snapshots).
 */
import type { ColumnType, Selectable } from 'kysely'

type Timestamp = ColumnType<Date, Date | string, Date | string>
/** numeric comes back from pg as a string, exact; convert where it is read. */
type Numeric = ColumnType<string, number | string, number | string>

export type ProjectionCheckpointsTable = {
  name: string
  position: string
  updated_at: ColumnType<Date, Date | string | undefined, Date | string>
}

export type UserRatingsTable = {
  user_id: string
  movie_id: string
  stars: Numeric
  review: string | null
  rated_at: Timestamp
}

export type Database = {
  projection_checkpoints: ProjectionCheckpointsTable
  user_ratings: UserRatingsTable
}

export type UserRating = Selectable<UserRatingsTable>
