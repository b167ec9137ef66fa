/**
 * What a projection declares: a name, a version, the event types it handles and a batch handler.
 * The engine owns batching, checkpoints, generations (blue-green rebuilds), leases and retries.
 * Declared with defineProjection, the handler receives typed events: narrowing on `event.type`
 * narrows `event.data`, at the current schema version (the store upcasts every event it reads).
 * @see ../../../shared/DESIGN.md "Projections"
 */
import type { Kysely, Transaction } from 'kysely'
import type { Database } from '../db/schema.ts'
import type { DomainEventType, EventOfType } from '../domain/events.ts'
import type { EventStore, StoredEvent, StoredEventOf } from '../event-store/contract.ts'
import type { CounterCommand } from '../key-value/contract.ts'

/** Any event: what the engine handles without knowing the types. */
export type AnyEvent = { type: string; data: unknown }

/** A read model in PostgreSQL. Its tables live in a schema per generation; public views follow the active one. */
export type PostgresProjection<Event extends AnyEvent = AnyEvent> = {
  kind: 'postgres'
  /** Lower-case letters, digits and underscores: it names schemas and Redis keys. */
  name: string
  version: number
  handles: readonly Event['type'][]
  /**
   * The handled types whose events change what a text search or a suggestion matches (titles,
   * people, tags, genres): the engine records the position of the last one applied as the
   * generation's `catalogue_position`, which the API's search memos are keyed by
   * (src/read/serving/projection-tags.ts). Without it every handled type counts.
   */
  catalogue?: readonly Event['type'][]
  /** The tables setup() creates; queries see them as public views of the same names. */
  tables: readonly string[]
  /** Creates the tables and indexes with unqualified names (search_path is the generation's schema). */
  // biome-ignore lint/suspicious/noExplicitAny: DDL runs below the typed schema, like a migration
  setup(db: Kysely<any>): Promise<void>
  /**
   * Secondary indexes only queries need (not apply), idempotent (IF NOT EXISTS). A rebuild creates
   * them once its generation has caught up, before it serves: building an index over the finished
   * table is much cheaper than keeping it up to date row by row through the whole log. A generation
   * that serves from its start (first run, reset) gets them right after setup.
   */
  // biome-ignore lint/suspicious/noExplicitAny: see setup
  indexes?(db: Kysely<any>): Promise<void>
  /**
   * Applies a batch (only handled types, in log order) in the transaction that also moves the
   * checkpoint. Unqualified table names resolve to this generation's tables. `staged` (a rebuild
   * whose generation has `staging` tables, see below): rows that the projection would merge into
   * its tables go to the staging tables instead, as plain appends.
   */
  apply(events: StoredEventOf<Event>[], trx: Transaction<Database>, options?: ApplyOptions): Promise<void>
  /**
   * Staging for a generation built before it serves (a rebuild), for tables whose rows a batch
   * merges (upserts, counter updates) but that no batch reads back: each batch appends its rows to
   * staging tables with no index, in its transaction (so with its checkpoint move), and once the
   * generation has caught up `fold` merges all of them into the tables in one set-based statement
   * per table, before the query indexes are built. A merge per batch probes and rewrites the same
   * rows again and again (a user's activity row once per batch the user appears in); an append
   * writes each row once. A generation that serves from its start (first run, reset) never stages.
   */
  staging?: {
    /**
     * The staging tables `setup` creates (dropped once folded), with autovacuum off: appended to,
     * read once by `fold` and dropped, they have nothing to vacuum, and autovacuum's passes over
     * them as they grew cost a rebuild CPU for nothing.
     */
    tables: readonly string[]
    // biome-ignore lint/suspicious/noExplicitAny: see setup
    setup(db: Kysely<any>): Promise<void>
    /**
     * Merges every staged row into the tables, as the batches that staged them would have, in
     * one transaction that also drops the staging tables (so it runs once).
     */
    // biome-ignore lint/suspicious/noExplicitAny: see setup
    fold(db: Kysely<any>): Promise<void>
  }
}

/** How the engine asks a PostgreSQL projection to apply a batch (PostgresProjection.apply). */
export type ApplyOptions = { staged: boolean }

/** One Redis write; the key is relative to the generation's key prefix. */
export type RedisCommand = CounterCommand

/** Counters in Redis: a pure function from a batch to commands, applied atomically with the checkpoint. */
export type RedisProjection<Event extends AnyEvent = AnyEvent> = {
  kind: 'redis'
  name: string
  version: number
  handles: readonly Event['type'][]
  apply(events: StoredEventOf<Event>[]): RedisCommand[]
}

/** A reactor (below) runs on the same engine: lease, registry row, checkpoint, status. */
export type Projection = PostgresProjection | RedisProjection | Reactor

/**
 * A projection whose handler receives the events of the types it handles, typed: the union of
 * `handles` is inferred, so `switch (event.type)` narrows `event.data` with no cast. The engine
 * delivers only those types, each at its current schema version.
 */
export function defineProjection<const Types extends DomainEventType>(
  projection: PostgresProjection<EventOfType<Types>> & { handles: readonly Types[] },
): PostgresProjection
export function defineProjection<const Types extends DomainEventType>(
  projection: RedisProjection<EventOfType<Types>> & { handles: readonly Types[] },
): RedisProjection
export function defineProjection<const Types extends DomainEventType>(
  projection: (PostgresProjection<EventOfType<Types>> | RedisProjection<EventOfType<Types>>) & {
    handles: readonly Types[]
  },
): PostgresProjection | RedisProjection {
  return projection
}

export type ProjectionLogger = {
  info(fields: object, message: string): void
  warn(fields: object, message: string): void
  error(fields: object, message: string): void
}

/**
 * What a reactor declares: a projection whose handler causes work (a TMDb import, retraining the
 * recommender) instead of writing a read model, and appends the outcome as events. The projection
 * engine runs it (lease, registry row, checkpoint, status, skip); only the writer differs: each
 * event is reacted to outside any transaction, then the checkpoint moves past it (compare-and-set).
 * Delivery is at-least-once (a crash mid-work delivers the event again), so a reaction must be
 * idempotent: outcome events get ids derived from the trigger event's id (reactionKey with
 * handleCommand), and a replayed reaction finds its outcome and appends nothing.
 * @see ../../../shared/DESIGN.md "Reactors"
 */
export type ReactorContext = {
  store: EventStore
  db: Kysely<Database>
  logger: ProjectionLogger
  /** Aborted when the runner stops (shutdown, lease lost): give up the work, the event comes again. */
  signal: AbortSignal
  /** `<host>/<pid>` of the process reacting. */
  owner: string
}

export type Reactor<Event extends { type: string; data: unknown } = { type: string; data: unknown }> = {
  kind: 'reactor'
  /** Lower-case letters, digits and underscores; shares the namespace of projection names. */
  name: string
  /**
   * A new version re-delivers the whole log to the reactor (like a projection rebuild): reactions
   * are idempotent, so only events without an outcome cause work.
   */
  version: number
  handles: readonly Event['type'][]
  /** Does the work for one event and appends its outcome. Throws only for what a retry may cure. */
  react(event: StoredEventOf<Event>, context: ReactorContext): Promise<void>
  /**
   * Records the failure outcome once `react` has thrown `maxAttempts` times in a row, so one
   * broken event never blocks the reactor. When this throws too (the store is down), the engine
   * retries the event from the checkpoint later.
   */
  giveUp(event: StoredEventOf<Event>, error: unknown, context: ReactorContext): Promise<void>
  /** Attempts of `react` for one event before `giveUp` (default 3). */
  maxAttempts?: number
}

/** A reactor whose `react` receives the typed events of the types it handles (as defineProjection). */
export const defineReactor = <const Types extends DomainEventType>(
  reactor: Reactor<EventOfType<Types>> & { handles: readonly Types[] },
): Reactor => reactor

/**
 * The Idempotency-Key of a reaction's command: the trigger event's id and a label per step
 * (`start`, `outcome`), so handleCommand derives the outcome's event ids from the trigger's and a
 * replayed reaction finds them in the stream instead of appending again.
 */
export const reactionKey = (trigger: Pick<StoredEvent, 'id'>, step: string) => `${trigger.id}:${step}`

/**
 * A reactor whose work depends on how much happened rather than on each event (retraining the
 * recommender after N interactions) takes a whole batch at once: the engine calls `reactToBatch`
 * with every handled event of the batch, then moves the checkpoint once, instead of one reaction and
 * one checkpoint move per event (a bulk import's 100,000 interactions are 100 moves, not 100,000).
 * Retries and giveUp are as for `react`, with the batch's last event as the trigger; a crash
 * re-delivers the whole batch, so the reaction must be idempotent over any regrouping of events.
 */
export type BatchReactor = Reactor & {
  reactToBatch(events: StoredEvent[], context: ReactorContext): Promise<void>
}

export const isBatchReactor = (reactor: Reactor): reactor is BatchReactor =>
  typeof (reactor as Partial<BatchReactor>).reactToBatch === 'function'

const NAME = /^[a-z][a-z0-9_]{0,39}$/

export function assertProjectionName(name: string): void {
  if (!NAME.test(name)) throw new Error(`projection name ${JSON.stringify(name)} must match ${NAME}`)
}

/** The PostgreSQL schema of one generation of a projection. */
export const generationSchema = (name: string, generation: number) => `proj_${name}_g${generation}`

/** The Redis key prefix of one generation (after the app's REDIS_KEY_PREFIX). */
export const generationKeyPrefix = (name: string, generation: number) => `proj:${name}:g${generation}:`
