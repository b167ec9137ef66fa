/**
 * The event store contract every adapter (PostgreSQL, EventStoreDB) implements and the shared
 * contract suite in test/event-store/ proves.
 * @see ../../../shared/DESIGN.md "Event store contract"
 */

/**
 * A global log position: an opaque, totally ordered token. Both adapters encode two unsigned 64-bit
 * numbers as 32 lower-case hex digits (PostgreSQL: transaction id and sequence; EventStoreDB: commit
 * and prepare position), so plain string comparison is log order. Clients must treat it as opaque.
 */
export type Position = string

/** Before the first event of the log: reading or subscribing after it starts from the beginning. */
export const START: Position = '0'.repeat(32)

export type ExpectedRevision = 'no_stream' | 'stream_exists' | 'any' | bigint

export type EventMetadata = {
  actorId?: string | null
  correlationId?: string | null
  causationId?: string | null
  schemaVersion?: number
  /** When the fact happened, if earlier than the append (imports keep original timestamps). */
  occurredAt?: string
}

/** An event as a command handler proposes it, before the store gives it a revision and position. */
export type NewEvent<Type extends string = string, Data = unknown> = {
  id: string
  type: Type
  data: Data
  metadata?: EventMetadata
}

/** The stored envelope of DESIGN.md. */
export type StoredEvent<Type extends string = string, Data = unknown> = {
  id: string
  type: Type
  stream: string
  revision: bigint
  position: Position
  data: Data
  metadata: EventMetadata
  createdAt: Date
}

/**
 * The stored envelope of a known union of events, still discriminated by `type`: narrowing on
 * `event.type` narrows `event.data`. What the store returns is this once the reader knows which
 * types it asked for (a stream's decider, a projection's `handles`): the store has upcast them.
 */
export type StoredEventOf<Event extends { type: string; data: unknown }> = StoredEvent & Event

export type AppendResult = {
  /** Revision of the last event now in the stream (the value to pass as the next expectedRevision). */
  nextExpectedRevision: bigint
  /** Global position of the last event of this append. */
  position: Position
}

/**
 * A condition on another stream: the append happens only while `stream` is at `revision` (its last
 * event's), e.g. an interaction only while its movie is as the command read it.
 */
export type AppendGuard = { stream: string; revision: bigint }

export type AppendOptions = {
  /**
   * PostgreSQL holds the guard until commit: an append to the guard stream made meanwhile either
   * committed first (the guard fails) or waits and comes after this append in the log. EventStoreDB
   * has no multi-stream transaction: it checks the guard just before appending, so an append to the
   * guard stream in that gap (one round trip) can slip by.
   */
  guard?: AppendGuard
}

export type StreamWrite = {
  stream: string
  events: NewEvent[]
  expectedRevision: ExpectedRevision
}

export type Direction = 'forwards' | 'backwards'

export type ReadStreamOptions = {
  /** First revision to return (inclusive); defaults to the start (forwards) or the end (backwards). */
  from?: bigint
  direction?: Direction
  limit?: number
}

export type LogFilter = {
  /** Only these event types. */
  types?: readonly string[]
  /** Only streams whose name starts with this prefix, e.g. `interaction-`. */
  streamPrefix?: string
}

export type ReadAllOptions = LogFilter & {
  /** Events strictly after this position; defaults to START. */
  after?: Position
  limit?: number
  /** Events fetched per round trip; memory stays bounded by it. */
  batchSize?: number
}

export type SubscribeOptions = LogFilter & {
  after?: Position
  batchSize?: number
  signal?: AbortSignal
}

/** Catch-up then live events; iterate with `for await`, end with `close()` (or the signal). */
export type Subscription = AsyncIterable<StoredEvent> & {
  close(): Promise<void>
  /**
   * The same events page by page as the adapter reads them (arrays never empty, in log order), for
   * a consumer that takes them a batch at a time: a rebuild reads millions of events, and a promise
   * and a turn of the iteration per event cost its process as much as decoding them. Iterate either
   * the subscription or its pages, not both. Optional: without it, iterate the events.
   */
  pages?(): AsyncIterable<StoredEvent[]>
}

export interface EventStore {
  /** `postgres` or `eventstoredb`, for logs and health. */
  readonly kind: string
  /**
   * Appends events atomically to one stream if its revision matches. Appending event ids that
   * are already the stream's events at that place is a no-op that answers the original result (also
   * when a guard has moved since).
   * @throws WrongExpectedRevisionError (naming the guard stream when the guard failed),
   *   EventStoreUnavailableError
   */
  append(
    stream: string,
    events: NewEvent[],
    expectedRevision: ExpectedRevision,
    options?: AppendOptions,
  ): Promise<AppendResult>
  /**
   * The bulk path for imports and generators: many streams in as few round trips as the adapter
   * can. Each stream's write keeps the append guarantees; PostgreSQL also commits the whole call as
   * one transaction, EventStoreDB does not (it has no multi-stream transaction).
   */
  appendMany(writes: StreamWrite[]): Promise<AppendResult[]>
  /** The events of one stream; empty when the stream does not exist. */
  readStream(stream: string, options?: ReadStreamOptions): AsyncIterable<StoredEvent>
  /** Revision of the stream's last event, or null when the stream does not exist. */
  streamRevision(stream: string): Promise<bigint | null>
  /** The global log in position order. */
  readAll(options?: ReadAllOptions): AsyncIterable<StoredEvent>
  /** Position of the last event of the log visible to readers, START when empty. */
  headPosition(): Promise<Position>
  subscribe(options?: SubscribeOptions): Subscription
  /** Cheap round trip for readiness checks; throws EventStoreUnavailableError. */
  ping(): Promise<void>
  close(): Promise<void>
}

export class WrongExpectedRevisionError extends Error {
  readonly stream: string
  readonly expected: ExpectedRevision
  readonly actual: bigint | null

  constructor(stream: string, expected: ExpectedRevision, actual: bigint | null) {
    super(
      `stream ${stream}: expected revision ${String(expected)}, actual ${actual === null ? 'no stream' : actual}`,
    )
    this.name = 'WrongExpectedRevisionError'
    this.stream = stream
    this.expected = expected
    this.actual = actual
  }
}

/** An event id reused for a different place (another stream, revision, or a mismatching batch). */
export class DuplicateEventIdError extends Error {
  readonly eventId: string

  constructor(eventId: string, detail: string) {
    super(`event id ${eventId} already used: ${detail}`)
    this.name = 'DuplicateEventIdError'
    this.eventId = eventId
  }
}

export class EventStoreUnavailableError extends Error {
  constructor(message: string, options?: { cause?: unknown }) {
    super(message, options)
    this.name = 'EventStoreUnavailableError'
  }
}

/**
 * A position token: two numbers in 16 hex digits each, both below 2^63 (PostgreSQL's xid8 and bigint
 * positions, EventStoreDB's commit and prepare positions), so any token that matches is one every
 * store can take (`ffff...` would overflow a bigint).
 */
export const POSITION_PATTERN = '^[0-7][0-9a-f]{15}[0-7][0-9a-f]{15}$'

const TOKEN = new RegExp(POSITION_PATTERN)

export function isPosition(value: string): value is Position {
  return TOKEN.test(value)
}

/** Encodes two unsigned 64-bit numbers as one ordered token. */
export function encodePosition(high: bigint, low: bigint): Position {
  return high.toString(16).padStart(16, '0') + low.toString(16).padStart(16, '0')
}

export function decodePosition(position: Position): { high: bigint; low: bigint } {
  if (!isPosition(position)) throw new TypeError(`not a position token: ${position}`)
  return { high: BigInt(`0x${position.slice(0, 16)}`), low: BigInt(`0x${position.slice(16)}`) }
}

export function comparePositions(a: Position, b: Position): number {
  return a < b ? -1 : a > b ? 1 : 0
}
