/**
 * The one kysely Database interface: every read-model table the app queries, column by column.
 * The event store's own tables are not here: its adapter speaks SQL directly (xid8 snapshots).
 */
import type { ColumnType, Selectable } from 'kysely'

/**
 * The JSON shapes the movie read models store for images and people: the read model's own, written
 * from MovieImported's (src/domain/movie/media.ts) and kept structurally equal to them, so the
 * database layer depends on no domain module.
 */
type ImageConfig = { baseUrl: string; posterSizes: string[]; backdropSizes: string[]; profileSizes: string[] }
type Credit = { tmdbId: number | null; name: string; profilePath: string | null }
type CastMember = Credit & { character: string | null; order: number }
type CrewMember = Credit & { role: 'director' | 'writer'; job: string }

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
  kind: 'postgres' | 'redis' | 'reactor'
  position: string
  /**
   * The position of the last event applied that changed the searchable catalogue (titles, people,
   * tags, genres: the projection's `catalogue` types), at most `position`.
   */
  catalogue_position: ColumnType<string, string | undefined, string>
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

/** Fencing tokens of the projection leases (see the lease-fencing migration). */
export type ProjectionLeasesTable = {
  key: string
  /** bigint: pg returns it as a string. */
  epoch: ColumnType<string, number | string, number | string>
  owner: string
  taken_at: CreatedAt
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

/** Security state that outlives Redis: see the security-state migration. */
export type RevokedSessionsTable = {
  session_id: string
  revoked_at: CreatedAt
  expires_at: Timestamp
}

export type RevokedUsersTable = {
  user_id: string
  erased: ColumnType<boolean, boolean | undefined, boolean>
  /** bigint: pg returns it as a string. */
  before_revision: ColumnType<string | null, number | string | null | undefined, number | string | null>
  updated_at: CreatedAt
  expires_at: Timestamp
}

export type PasswordAttemptsTable = {
  key: string
  window_started_at: Timestamp
  attempts: number
}

/** The users read model (projections/users.ts); personal columns are null once erased. */
export type UsersTable = {
  id: string
  username: string | null
  email: string | null
  display_name: string | null
  favourite_genres: ColumnType<string[], string[] | undefined, string[]>
  /** Whether the user's ratings show on their public profile (ProfileVisibilityChanged). */
  ratings_public: ColumnType<boolean, boolean | undefined, boolean>
  role: string
  registered_at: Timestamp
  updated_at: Timestamp
  erased_at: ColumnType<Date | null, Date | string | null | undefined, Date | string | null>
}

/** The movies read model (projections/movies.ts): the catalogue with its counters. */
export type MoviesTable = {
  id: string
  title: string
  /** Null: unknown (an imported title without a year). */
  year: number | null
  /** pg parses date as a local-midnight Date: queries select it as text. */
  release_date: ColumnType<Date | null, string | null | undefined, string | null>
  overview: string | null
  /** The names of the movie's imported cast and crew, for full-text search (weight C). */
  people_names: ColumnType<string | null, string | null | undefined, string | null>
  genres: string[]
  genre_names: string[]
  added_at: Timestamp
  updated_at: Timestamp
  removed_at: ColumnType<Date | null, Date | string | null | undefined, Date | string | null>
  rating_count: ColumnType<number, number | undefined, number>
  rating_sum: ColumnType<string, number | string | undefined, number | string>
  stars_1: ColumnType<number, number | undefined, number>
  stars_2: ColumnType<number, number | undefined, number>
  stars_3: ColumnType<number, number | undefined, number>
  stars_4: ColumnType<number, number | undefined, number>
  stars_5: ColumnType<number, number | undefined, number>
  favorites_count: ColumnType<number, number | undefined, number>
  likes_count: ColumnType<number, number | undefined, number>
  watches_count: ColumnType<number, number | undefined, number>
  comments_count: ColumnType<number, number | undefined, number>
  /** Of an imported movie (`{ movielens?, imdb?, tmdb?, movielens100k?, demo? }`); `{}` for one added by an admin. */
  external_ids: ColumnType<
    { movielens?: number; imdb?: string; tmdb?: number; movielens100k?: number; demo?: string },
    string | undefined,
    string
  >
  /** Tags in use on the movie (curated, or some user's), sorted: the tag filter's GIN index. */
  tags: ColumnType<string[], string[] | undefined, string[]>
  /** Generated columns: read only. */
  rating_avg: ColumnType<string, never, never>
  popularity: ColumnType<number, never, never>
  released_on: ColumnType<Date, never, never>
  search: ColumnType<string, never, never>
  /** public.search_fold(title): lower case, accents folded. */
  title_folded: ColumnType<string, never, never>
}

/** The lexicon of folded title words typo-tolerant search corrects towards (projections/movies.ts). */
export type MovieWordsTable = { word: string }

export type GenresTable = {
  slug: string
  name: string
  movie_count: number
  /** Created by an admin (GenreCreated, or the result of a rename or merge): listed without movies too. */
  created: ColumnType<boolean, boolean | undefined, boolean>
}
/** A genre name renamed or merged away (by slug) and the genre it now means. */
export type GenreAliasesTable = { slug: string; target_slug: string; target_name: string }

/** One tag on one movie: curated by an admin, and how many users put it there. */
export type MovieTagsTable = {
  movie_id: string
  tag: string
  curated: ColumnType<boolean, boolean | undefined, boolean>
  user_count: ColumnType<number, number | undefined, number>
}
/** A user's own tag on a movie. */
export type UserTagsTable = { user_id: string; movie_id: string; tag: string; tagged_at: Timestamp }
/** A tag in use: on how many listed movies, and how many times (curated once, plus each user's). */
export type TagsTable = { tag: string; movie_count: number; uses: number }
/**
 * The parts of a movie's detail answer kept as JSON text (projections/movies.ts): object members
 * without braces (src/read/movies/detail-document.ts).
 */
export type MovieDetailsTable = { movie_id: string; head: string; about: string; media: string }
/** Users erased: their later tags are not counted. */
export type ErasedTaggersTable = { user_id: string }

export type UserFavoritesTable = { user_id: string; movie_id: string; favorited_at: Timestamp }
/** jsonb written as JSON text, read back parsed. */
type Json<T> = ColumnType<T, string, string>
export type MovieMediaTable = {
  movie_id: string
  poster_path: string | null
  backdrop_path: string | null
  image_config: Json<ImageConfig | null> | null
  runtime: number | null
  original_language: string | null
  tagline: string | null
  /** With each person's id (personKey) beside the event's fields. */
  cast: Json<(CastMember & { personId: string })[]>
  crew: Json<(CrewMember & { personId: string })[]>
}
export type MoviePeopleTable = {
  person_id: string
  movie_id: string
  role: 'cast' | 'director' | 'writer'
  character: string | null
  job: string | null
  credit_order: number
}
export type PeopleTable = {
  person_id: string
  tmdb_id: number | null
  name: string
  profile_path: string | null
  image_config: Json<ImageConfig | null> | null
  movie_count: number
}
export type UserWatchlistTable = { user_id: string; movie_id: string; watchlisted_at: Timestamp }
export type UserLikesTable = { user_id: string; movie_id: string; liked_at: Timestamp }
export type WatchHistoryTable = {
  event_id: string
  user_id: string
  movie_id: string
  progress: Numeric
  watched_at: Timestamp
}

/** The comments read model (projections/comments.ts): comments and replies, tombstones kept. */
export type CommentsTable = {
  id: string
  movie_id: string
  /** The top-level comment a reply answers; null for a top-level comment. */
  parent_id: string | null
  author_id: string
  /** Null once deleted: the row stays as a tombstone in its thread. */
  text: string | null
  added_at: Timestamp
  edited_at: ColumnType<Date | null, Date | string | null | undefined, Date | string | null>
  deleted_at: ColumnType<Date | null, Date | string | null | undefined, Date | string | null>
  likes_count: ColumnType<number, number | undefined, number>
  reply_count: ColumnType<number, number | undefined, number>
  /** Set while a moderator has it hidden: threads withhold its text. */
  hidden_at: ColumnType<Date | null, Date | string | null | undefined, Date | string | null>
  spoiler: ColumnType<boolean, boolean | undefined, boolean>
}

/** The moderation queue (projections/moderation-queue.ts): one row per reported or moderated comment. */
export type ModerationQueueTable = {
  comment_id: string
  movie_id: string
  /** Every report ever made; `open_reports` those since the last decision. */
  report_count: ColumnType<number, number | undefined, number>
  open_reports: ColumnType<number, number | undefined, number>
  hidden: ColumnType<boolean, boolean | undefined, boolean>
  spoiler: ColumnType<boolean, boolean | undefined, boolean>
  deleted: ColumnType<boolean, boolean | undefined, boolean>
  /** open | hidden | resolved | deleted, generated from the columns above. */
  status: ColumnType<string, never, never>
  last_action: string | null
  last_decided_by: string | null
  last_reason: string | null
  last_decided_at: ColumnType<Date | null, Date | string | null | undefined, Date | string | null>
  updated_at: ColumnType<Date, Date | string, Date | string>
}

/** Each report of a comment, one per reporting user (the moderation queue projection). */
export type CommentReportsTable = {
  comment_id: string
  reported_by: string
  reason: string
  reported_at: Timestamp
}

/** Who likes which comment now (the comments projection), for each viewer's own likes. */
export type CommentLikesTable = { comment_id: string; user_id: string; liked_at: Timestamp }

/** The recommendation_feedback projection (projections/recommendation-feedback.ts). */
export type UserDismissalsTable = { user_id: string; movie_id: string; dismissed_at: Timestamp }
export type UserActivityTable = {
  user_id: string
  /** The position of the user's last interaction event: the version of their cached recommendations. */
  last_position: string
  /** bigint: pg returns it as a string. */
  events: ColumnType<string, number | string, number | string>
}

/** The recommender's model registry (migration 0005); rows are written by training. */
export type RecommenderModelsTable = {
  id: number
  model: string
  state: 'building' | 'active' | 'retired'
  users: ColumnType<number, number | undefined, number>
  items: ColumnType<number, number | undefined, number>
  interactions: ColumnType<number, number | undefined, number>
  duration_ms: ColumnType<number, number | undefined, number>
  job_id: string | null
  created_at: CreatedAt
  trained_at: ColumnType<Date | null, Date | string | null | undefined, Date | string | null>
  /**
   * Interaction events the recommendation_feedback projection had counted (sum of
   * user_activity.events) when the training read the read models. bigint: pg returns a string.
   */
  feedback_events: ColumnType<string, number | string | undefined, number | string>
  /** The selection report (src/recommend/selection.ts SelectionReport); null before migration 0010. */
  report: ColumnType<unknown | null, string | null | undefined, string | null>
}

/** A view on the active model's neighbour table: source movie, rank, target movie, weight. */
export type RecommendationNeighborsTable = {
  movie_id: string
  rank: number
  neighbor_id: string
  score: number
}

/** The imports read model (projections/imports.ts): one row per import job, for GET /admin/imports/:id. */
export type ImportsTable = {
  job_id: string
  source: string
  /** What was asked for (TmdbImportRequest). */
  request: ColumnType<unknown, string, string>
  status: 'requested' | 'running' | 'completed' | 'failed'
  requested_by: string | null
  requested_at: Timestamp
  started_at: ColumnType<Date | null, Date | string | null | undefined, Date | string | null>
  finished_at: ColumnType<Date | null, Date | string | null | undefined, Date | string | null>
  imported: ColumnType<number, number | undefined, number>
  skipped: ColumnType<number, number | undefined, number>
  failed: ColumnType<number, number | undefined, number>
  /** { code, message } of a failed import. */
  error: ColumnType<{ code: string; message: string } | null, string | null | undefined, string | null>
}

export type Database = {
  projections: ProjectionsTable
  projection_generations: ProjectionGenerationsTable
  projection_leases: ProjectionLeasesTable
  /** A view on the active generation of the user_ratings projection. */
  user_ratings: UserRatingsTable
  user_keys: UserKeysTable
  credentials: CredentialsTable
  refresh_tokens: RefreshTokensTable
  revoked_sessions: RevokedSessionsTable
  revoked_users: RevokedUsersTable
  password_attempts: PasswordAttemptsTable
  /** A view on the active generation of the users projection. */
  users: UsersTable
  /** Views on the active generation of the movies projection. */
  movies: MoviesTable
  genres: GenresTable
  movie_words: MovieWordsTable
  genre_aliases: GenreAliasesTable
  movie_tags: MovieTagsTable
  user_tags: UserTagsTable
  tags: TagsTable
  erased_taggers: ErasedTaggersTable
  movie_details: MovieDetailsTable
  /** Views on the active generation of the user_library projection. */
  user_favorites: UserFavoritesTable
  user_likes: UserLikesTable
  user_watchlist: UserWatchlistTable
  movie_media: MovieMediaTable
  movie_people: MoviePeopleTable
  people: PeopleTable
  watch_history: WatchHistoryTable
  /** Views on the active generation of the comments projection. */
  comments: CommentsTable
  comment_likes: CommentLikesTable
  /** Views on the active generation of the moderation_queue projection. */
  moderation_queue: ModerationQueueTable
  comment_reports: CommentReportsTable
  /** A view on the active generation of the imports projection. */
  imports: ImportsTable
  /** Views on the active generation of the recommendation_feedback projection. */
  user_dismissals: UserDismissalsTable
  user_activity: UserActivityTable
  recommender_models: RecommenderModelsTable
  /** A view on the active model's table (src/recommend/model-store.ts). */
  recommendation_neighbors: RecommendationNeighborsTable
}

export type UserRating = Selectable<UserRatingsTable>
