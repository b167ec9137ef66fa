/**
 * The PostgreSQL event store: the default adapter of the contract in ../contract.ts, one module per
 * operation beside this one:
 * - append-to-stream.ts: one append (fast path INSERT, else append_events);
 * - group-commit.ts: concurrent appends in one transaction (append_events_group);
 * - append-many.ts: the bulk path (one transaction, set-based INSERT);
 * - read-stream.ts: one stream, first pages coalesced;
 * - read-log.ts: the global log (readAll, head position), never skipping a late commit;
 * - subscription.ts: catch-up then live, woken by NOTIFY;
 * - log-tail.ts: the recent log the subscriptions of the store read together;
 * - src/db/postgres-notifications.ts: the one LISTEN connection a process's subscriptions share;
 * - events-table.ts: the row shape and lock classes they share.
 * Tables and PL/pgSQL functions come from src/db/migrations/ (*-event-store, *-append-guard,
 * *-append-batch, *-append-group).
 */
import type pg from 'pg'
import { type NotificationListener, PostgresNotifications } from '../../db/postgres-notifications.ts'
import type {
  AppendOptions,
  AppendResult,
  EventStore,
  ExpectedRevision,
  NewEvent,
  Position,
  ReadAllOptions,
  ReadStreamOptions,
  StoredEvent,
  StreamWrite,
  SubscribeOptions,
  Subscription,
} from '../contract.ts'
import { appendMany } from './append-many.ts'
import { EVENTS_CHANNEL, query, streamRevision, unavailable } from './events-table.ts'
import { GroupCommit } from './group-commit.ts'
import { LogTail } from './log-tail.ts'
import { headPosition, readAll } from './read-log.ts'
import { StreamReader } from './read-stream.ts'
import { PostgresSubscription, type SubscriptionSettings } from './subscription.ts'

export type { NotificationListener } from '../../db/postgres-notifications.ts'

export type PostgresEventStoreOptions = Omit<SubscriptionSettings, 'listen'> & {
  /**
   * How subscriptions hear appends: the process's shared listener (PostgresNotifications#listen
   * in services mode, PGlite's in embedded mode). Without it the store opens one LISTEN connection
   * of its own from `connectionString`, shared by its subscriptions and closed with the store.
   */
  listen?: NotificationListener
  connectionString?: string
}

export class PostgresEventStore implements EventStore {
  readonly kind = 'postgres'
  readonly #pool: pg.Pool
  readonly #settings: SubscriptionSettings
  /** The LISTEN connection this store opened itself (no shared listener given), closed with it. */
  readonly #ownNotifications: PostgresNotifications | null
  readonly #groupCommit: GroupCommit
  readonly #streams: StreamReader
  readonly #tail: LogTail
  /** The head asked for in this turn of the event loop: callers of one turn share one query. */
  #head: Promise<Position> | null = null
  readonly #subscriptions = new Set<Subscription>()
  #notifying = false
  #notifyAgain = false

  constructor(pool: pg.Pool, options: PostgresEventStoreOptions) {
    if (!options.connectionString && !options.listen) {
      throw new Error('the PostgreSQL event store needs a connectionString or a listen function')
    }
    this.#pool = pool
    this.#ownNotifications = options.listen
      ? null
      : new PostgresNotifications(options.connectionString ?? '', { onError: options.onSubscriptionError })
    const listen = options.listen ?? (this.#ownNotifications as PostgresNotifications).listen
    this.#settings = { ...options, listen }
    this.#groupCommit = new GroupCommit(pool, {
      claim: () => {
        if (this.#notifying) return false
        this.#notifying = true
        this.#notifyAgain = false
        return true
      },
      release: (failed) => {
        // Failed: what the NOTIFY was owed for is still owed.
        if (failed) this.#notifyAgain = true
        this.#notified()
      },
    })
    this.#streams = new StreamReader(pool)
    this.#tail = new LogTail(pool)
  }

  async append(
    stream: string,
    events: NewEvent[],
    expectedRevision: ExpectedRevision,
    options: AppendOptions = {},
  ): Promise<AppendResult> {
    if (events.length === 0) throw new RangeError('append needs at least one event')
    let result: AppendResult
    try {
      result = await this.#groupCommit.append(stream, events, expectedRevision, options.guard ?? null)
    } catch (error) {
      // A NOTIFY owed and left to this append's group or turn goes now.
      this.#sendOwed()
      unavailable(error)
    }
    // A group that claimed the NOTIFY woke the subscribers at its commit.
    if (!this.#groupCommit.notified(result)) this.#wakeSubscribers()
    return result
  }

  async appendMany(writes: StreamWrite[]): Promise<AppendResult[]> {
    const results = await appendMany(this.#pool, writes)
    if (results.length > 0) this.#wakeSubscribers()
    return results
  }

  readStream(stream: string, options: ReadStreamOptions = {}): AsyncIterable<StoredEvent> {
    return this.#streams.read(stream, options)
  }

  streamRevision(stream: string): Promise<bigint | null> {
    return streamRevision(this.#pool, stream)
  }

  readAll(options: ReadAllOptions = {}): AsyncIterable<StoredEvent> {
    return readAll(this.#pool, options)
  }

  /**
   * Callers in the same turn (projections finishing their batches together) share one query, sent
   * after all of them asked: as fresh as a query of their own.
   */
  headPosition(): Promise<Position> {
    if (this.#head === null) {
      this.#head = new Promise<void>((resolve) => setImmediate(resolve)).then(() => {
        this.#head = null
        return headPosition(this.#pool)
      })
    }
    return this.#head
  }

  subscribe(options: SubscribeOptions = {}): Subscription {
    const subscription = new PostgresSubscription(this.#settings, options, (after, limit, filter) =>
      this.#tail.read(after, limit, filter),
    )
    this.#subscriptions.add(subscription)
    const close = subscription.close.bind(subscription)
    subscription.close = async () => {
      this.#subscriptions.delete(subscription)
      await close()
    }
    return subscription
  }

  async ping(): Promise<void> {
    await query(this.#pool, 'SELECT 1 FROM events LIMIT 0', [])
  }

  async close(): Promise<void> {
    await Promise.all([...this.#subscriptions].map((s) => s.close()))
    await this.#ownNotifications?.close()
  }

  /**
   * Wakes subscribers in every process with one NOTIFY after commit, at most one in flight: many
   * appends finishing meanwhile share the next one. That one rides with the next group commit
   * when appends are waiting for it (GroupCommit's NotifyGate: the group's own commit notifies),
   * and is a statement of its own otherwise. A lost notification costs a poll interval.
   */
  #wakeSubscribers(): void {
    if (this.#notifying) {
      this.#notifyAgain = true
      return
    }
    this.#notifying = true
    this.#notifyAgain = false
    this.#pool
      .query(`SELECT pg_notify('${EVENTS_CHANNEL}', '')`)
      .catch(() => {})
      .finally(() => this.#notified())
  }

  /** The NOTIFY in flight (alone or in a group) answered: the one owed meanwhile goes next. */
  #notified(): void {
    this.#notifying = false
    this.#sendOwed()
  }

  /**
   * Sends the NOTIFY owed, if none is in flight, unless appends are waiting for a group: it claims
   * the NOTIFY (or, when they go alone, their own completion sends it).
   */
  #sendOwed(): void {
    if (this.#notifying || !this.#notifyAgain || this.#groupCommit.waiting) return
    this.#wakeSubscribers()
  }
}
