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

/** Identity, written by the command side (never in events): see migration 0003. */
export type UserKeysTable = {
  user_id: string
  key: Buffer
  created_at: ColumnType<Date, Date | string | undefined, Date | string>
}

export type CredentialsTable = {
  user_id: string
  password_hash: string
  updated_at: ColumnType<Date, Date | string | undefined, Date | string>
}

export type RefreshTokensTable = {
  token_digest: Buffer
  family_id: string
  user_id: string
  issued_at: ColumnType<Date, Date | string | undefined, Date | string>
  expires_at: Timestamp
  spent_at: Date | null
  revoked_at: Date | null
}

/** The users read model (projections/users.ts); personal columns are null once erased. */
export type UsersTable = {
  id: string
  username: string | null
  email: string | null
  display_name: string | null
  favourite_genres: ColumnType<string[], string[] | undefined, string[]>
  role: string
  registered_at: Timestamp
  updated_at: Timestamp
  erased_at: ColumnType<Date | null, Date | string | null | undefined, Date | string | null>
}

export type Database = {
  projections: ProjectionsTable
  projection_generations: ProjectionGenerationsTable
  /** A view on the active generation of the user_ratings projection. */
  user_ratings: UserRatingsTable
  user_keys: UserKeysTable
  credentials: CredentialsTable
  refresh_tokens: RefreshTokensTable
  /** A view on the active generation of the users projection. */
  users: UsersTable
}

export type UserRating = Selectable<UserRatingsTable>
