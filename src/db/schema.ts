/**
 * The one kysely Database interface: every read-model table the app queries, column by column.
 * The event store's own tables are not here: its adapter speaks SQL directly (xid8 snapshots).
 */
import type { ColumnType, Selectable } from 'kysely'

type Timestamp = ColumnType<Date, Date | string, Date | string>
/** numeric comes back from pg as a string, exact; convert where it is read. */
type Numeric = ColumnType<string, number | string, number | string>

type CreatedAt = ColumnType<Date, Date | string | undefined, Date | string>

export type ProjectionsTable = {
  name: string
  active_generation: number | null
  updated_at: CreatedAt
}

export type GenerationState = 'building' | 'catching_up' | 'live' | 'stopped' | 'retired'

export type ProjectionGenerationsTable = {
  name: string
  generation: number
  version: number
  kind: 'postgres' | 'redis'
  position: string
  last_event_at: Date | null
  /** bigint: pg returns it as a string. */
  events_applied: ColumnType<string, number | string | undefined, number | string>
  state: GenerationState
  error: ColumnType<PoisonDetails | null, string | null, string | null>
  owner: string | null
  heartbeat_at: Date | null
  created_at: CreatedAt
  updated_at: CreatedAt
}

export type PoisonDetails = { eventId: string; type: string; position: string; message: string }

export type UserRatingsTable = {
  user_id: string
  movie_id: string
  stars: Numeric
  review: string | null
  rated_at: Timestamp
}

export type Database = {
  projections: ProjectionsTable
  projection_generations: ProjectionGenerationsTable
  /** A view on the active generation of the user_ratings projection. */
  user_ratings: UserRatingsTable
}

export type UserRating = Selectable<UserRatingsTable>
