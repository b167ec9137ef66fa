/**
 * The EventStoreDB adapter of the contract in ../contract.ts, over @eventstore/db-client (gRPC).
 * The production store of docker-compose; the contract suite runs on it when EVENTSTORE_URL is set.
 * @see ../../../../shared/DESIGN.md "Event store contract"
 */
import {
  type AllStreamSubscription,
  type AppendExpectedRevision,
  BACKWARDS,
  CancelledError,
  DeadlineExceededError,
  END,
  START as ESDB_START,
  type Position as EsdbPosition,
  EventStoreDBClient,
  eventTypeFilter,
  excludeSystemEvents,
  type Filter,
  FORWARDS,
  type JSONType,
  jsonEvent,
  NotLeaderError,
  type ReadPosition,
  type ReadRevision,
  StreamDeletedError,
  type StreamingRead,
  StreamNotFoundError,
  streamNameFilter,
  TimeoutError,
  UnavailableError,
  WrongExpectedVersionError,
} from '@eventstore/db-client'
import {
  type AppendOptions,
  type AppendResult,
  comparePositions,
  decodePosition,
  type EventMetadata,
  type EventStore,
  EventStoreUnavailableError,
  type ExpectedRevision,
  encodePosition,
  type LogFilter,
  type NewEvent,
  type Position,
  type ReadAllOptions,
  type ReadStreamOptions,
  START,
  type StoredEvent,
  type StreamWrite,
  type SubscribeOptions,
  type Subscription,
  WrongExpectedRevisionError,
} from '../contract.ts'

const STREAM_PAGE = 500
const DEFAULT_BATCH = 1_000
const HEAD_PAGE = 100
/** Filtering is client-side, so a tiny batchSize would cost a round trip per couple of events scanned. */
const MIN_ALL_PAGE = 100
const PING_TIMEOUT_MS = 5_000
/** How long an idempotent retry may wait for the original append to become readable. */
const POSITION_LOOKUP_ATTEMPTS = 20

export type EventStoreDbEventStoreOptions = {
  /** Called when a subscription hits an error it will retry (for logs). */
  onSubscriptionError?: (error: unknown) => void
}

/** The fields of a recorded event the adapter reads; both stream and $all reads have them. */
type Recorded = {
  id: string
  type: string
  streamId: string
  revision: bigint
  created: Date
  data: unknown
  metadata: unknown
  position?: EsdbPosition
}

// gRPC status codes that mean "the server or the connection is gone" on errors the client left raw.
const GRPC_UNAVAILABLE = 14
const GRPC_DEADLINE_EXCEEDED = 4

function isUnavailable(error: unknown): boolean {
  if (
    error instanceof UnavailableError ||
    error instanceof DeadlineExceededError ||
    error instanceof TimeoutError ||
    error instanceof CancelledError ||
    error instanceof NotLeaderError
  ) {
    return true
  }
  if (!(error instanceof Error)) return false
  const code = (error as { code?: unknown }).code
  if (code === GRPC_UNAVAILABLE || code === GRPC_DEADLINE_EXCEEDED) return true
  if (
    typeof code === 'string' &&
    ['ECONNREFUSED', 'ECONNRESET', 'ETIMEDOUT', 'ENOTFOUND', 'EHOSTUNREACH'].includes(code)
  ) {
    return true
  }
  return /No connection established|Connection dropped|ECONNREFUSED|Failed to discover/i.test(error.message)
}

/** Transport failures become EventStoreUnavailableError; everything else passes through. */
function storeError(error: unknown): unknown {
  if (error instanceof EventStoreUnavailableError || !isUnavailable(error)) return error
  return new EventStoreUnavailableError(`EventStoreDB unavailable: ${(error as Error).message}`, {
    cause: error,
  })
}

function appendError(error: unknown, stream: string, expected: ExpectedRevision): unknown {
  if (error instanceof WrongExpectedVersionError) {
    // The client says 'no_stream' for a missing stream; servers answering through gRPC metadata say -1.
    const actual = error.actualVersion
    return new WrongExpectedRevisionError(
      stream,
      expected,
      typeof actual === 'bigint' && actual >= 0n ? actual : null,
    )
  }
  return storeError(error)
}

/** Errors a subscription cannot recover from by resubscribing: bugs and refusals, not outages. */
function isPermanent(error: unknown): boolean {
  if (error instanceof TypeError || error instanceof RangeError) return true
  const type = (error as { type?: unknown } | null)?.type
  return type === 'access-denied' || type === 'invalid-argument' || type === 'unsupported'
}

function esdbExpected(expected: ExpectedRevision): AppendExpectedRevision {
  if (typeof expected === 'bigint') {
    if (expected < 0n) throw new RangeError(`expected revision must be >= 0, got ${expected}`)
    return expected
  }
  return expected
}

function toEsdbPosition(position: Position): ReadPosition {
  if (position === START) return ESDB_START
  const { high, low } = decodePosition(position)
  return { commit: high, prepare: low }
}

function fromEsdbPosition(position: EsdbPosition): Position {
  return encodePosition(position.commit, position.prepare)
}

function isSystem(event: Recorded): boolean {
  return event.type.startsWith('$') || event.streamId.startsWith('$')
}

/** The client-side half of a log filter; system events never pass. */
function logMatcher(filter: LogFilter): (event: Recorded) => boolean {
  const types = filter.types && filter.types.length > 0 ? new Set(filter.types) : null
  const prefix = filter.streamPrefix || null
  return (event) =>
    !isSystem(event) &&
    (types === null || types.has(event.type)) &&
    (prefix === null || event.streamId.startsWith(prefix))
}

/**
 * The server-side half for subscriptions: EventStoreDB takes one filter, on stream names or on event
 * types. A stream prefix is usually the narrower, so it wins; types go as prefixes (the exact match is
 * client-side). Either excludes system events as ours never start with `$`.
 */
function serverFilter(filter: LogFilter): Filter {
  if (filter.streamPrefix) return streamNameFilter({ prefixes: [filter.streamPrefix] })
  if (filter.types && filter.types.length > 0) return eventTypeFilter({ prefixes: [...filter.types] })
  return excludeSystemEvents()
}

function toMetadata(value: unknown): EventMetadata {
  return value !== null &&
    typeof value === 'object' &&
    !Array.isArray(value) &&
    !(value instanceof Uint8Array)
    ? (value as EventMetadata)
    : {}
}

function toStored(event: Recorded): StoredEvent {
  if (!event.position) {
    throw new Error(
      `EventStoreDB returned event ${event.id} of ${event.streamId} without a log position (servers before 22.6 do not send it on stream reads)`,
    )
  }
  return {
    id: event.id,
    type: event.type,
    stream: event.streamId,
    revision: event.revision,
    position: fromEsdbPosition(event.position),
    data: event.data,
    metadata: toMetadata(event.metadata),
    createdAt: event.created,
  }
}

/**
 * Iterates one client read: maps transport errors, swallows late errors once iteration is over, and
 * cancels the gRPC call when the consumer stops early (reads have no deadline, they would stay open).
 */
async function* iterate<E>(read: StreamingRead<E>): AsyncGenerator<E> {
  read.on('error', () => {})
  let finished = false
  try {
    for await (const item of read) yield item
    finished = true
  } catch (error) {
    finished = true
    throw storeError(error)
  } finally {
    if (!finished) await read.cancel().catch(() => {})
  }
}

function delay(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms))
}

export class EventStoreDbEventStore implements EventStore {
  readonly kind = 'eventstoredb'
  readonly #client: EventStoreDBClient
  readonly #options: EventStoreDbEventStoreOptions
  readonly #subscriptions = new Set<Subscription>()

  constructor(client: EventStoreDBClient, options: EventStoreDbEventStoreOptions = {}) {
    this.#client = client
    this.#options = options
  }

  async append(
    stream: string,
    events: NewEvent[],
    expectedRevision: ExpectedRevision,
    options: AppendOptions = {},
  ): Promise<AppendResult> {
    if (events.length === 0) throw new RangeError('append needs at least one event')
    const expected = esdbExpected(expectedRevision)
    const guard = options.guard
    if (guard) {
      // No multi-stream transaction here: the guard is checked just before the append (see the
      // contract). A retry of an append already stored answers its original result first.
      const actual = await this.streamRevision(guard.stream)
      if (actual !== guard.revision) {
        const stored = await this.#storedResult(stream, events)
        if (stored) return stored
        throw new WrongExpectedRevisionError(guard.stream, guard.revision, actual)
      }
    }
    const data = events.map((event) =>
      jsonEvent({
        id: event.id,
        type: event.type,
        data: (event.data ?? null) as JSONType,
        metadata: event.metadata ?? {},
      }),
    )
    let result: Awaited<ReturnType<EventStoreDBClient['appendToStream']>>
    try {
      // Retried event ids are recognised by the server itself: the original result comes back.
      result = await this.#client.appendToStream(stream, data, { expectedRevision: expected })
    } catch (error) {
      throw appendError(error, stream, expectedRevision)
    }
    const nextExpectedRevision = result.nextExpectedRevision
    // The server answers (transaction, transaction) as the append's position: that is the position of
    // a single event, but for several it is the first one's, and an idempotent retry may carry none.
    // The contract promises the last event's, so those cases read it back.
    const position =
      events.length === 1 && result.position
        ? fromEsdbPosition(result.position)
        : await this.#positionOf(stream, nextExpectedRevision)
    return { nextExpectedRevision, position }
  }

  /** The log position of one stream event, waiting briefly for an original append still being indexed. */
  /** The original result when these events are already stored in the stream, in order; else null. */
  async #storedResult(stream: string, events: NewEvent[]): Promise<AppendResult | null> {
    let matched = 0
    for await (const stored of this.readStream(stream)) {
      matched = stored.id === events[matched]?.id ? matched + 1 : stored.id === events[0]?.id ? 1 : 0
      if (matched === events.length)
        return { nextExpectedRevision: stored.revision, position: stored.position }
    }
    return null
  }

  async #positionOf(stream: string, revision: bigint): Promise<Position> {
    for (let attempt = 0; attempt < POSITION_LOOKUP_ATTEMPTS; attempt++) {
      for await (const event of this.readStream(stream, { from: revision, limit: 1 })) {
        if (event.revision === revision) return event.position
      }
      await delay(25 * (attempt + 1))
    }
    throw new Error(`EventStoreDB append to ${stream} succeeded but revision ${revision} cannot be read back`)
  }

  /**
   * One append per stream write, one after the other: the log then holds the writes in the caller's
   * order, as on PostgreSQL. Not atomic across streams (EventStoreDB has no multi-stream transaction):
   * on a failure the earlier writes stay and the error is thrown.
   */
  async appendMany(writes: StreamWrite[]): Promise<AppendResult[]> {
    const results: AppendResult[] = []
    for (const write of writes) {
      results.push(await this.append(write.stream, write.events, write.expectedRevision))
    }
    return results
  }

  async *readStream(stream: string, options: ReadStreamOptions = {}): AsyncIterable<StoredEvent> {
    const forwards = (options.direction ?? 'forwards') === 'forwards'
    let remaining = options.limit ?? Number.POSITIVE_INFINITY
    let from: ReadRevision = options.from ?? (forwards ? ESDB_START : END)
    while (remaining > 0) {
      const page = Math.min(STREAM_PAGE, remaining)
      let count = 0
      let last: bigint | null = null
      try {
        const read = this.#client.readStream(stream, {
          fromRevision: from,
          direction: forwards ? FORWARDS : BACKWARDS,
          maxCount: page,
        })
        for await (const resolved of iterate(read)) {
          count++
          if (!resolved.event) continue
          last = resolved.event.revision
          yield toStored(resolved.event)
        }
      } catch (error) {
        if (error instanceof StreamNotFoundError || error instanceof StreamDeletedError) return
        throw error
      }
      remaining -= count
      if (count < page || last === null) return
      from = forwards ? last + 1n : last - 1n
      if (from < 0n) return
    }
  }

  async streamRevision(stream: string): Promise<bigint | null> {
    for await (const event of this.readStream(stream, { direction: 'backwards', limit: 1 }))
      return event.revision
    return null
  }

  async *readAll(options: ReadAllOptions = {}): AsyncIterable<StoredEvent> {
    // This client's readAll takes no server filter (it always sends NoFilter): filtering is ours.
    const matches = logMatcher(options)
    let cursor = options.after ?? START
    let remaining = options.limit ?? Number.POSITIVE_INFINITY
    // Reading $all from a position includes the event at it, so every page repeats one event.
    const page = Math.max(MIN_ALL_PAGE, options.batchSize ?? DEFAULT_BATCH)
    while (remaining > 0) {
      const from = cursor
      let count = 0
      const read = this.#client.readAll({
        fromPosition: toEsdbPosition(from),
        direction: FORWARDS,
        maxCount: page,
      })
      for await (const resolved of iterate(read)) {
        count++
        const event = resolved.event
        if (!event) continue
        const position = fromEsdbPosition(event.position)
        if (comparePositions(position, cursor) <= 0) continue
        cursor = position
        if (!matches(event)) continue
        yield toStored(event)
        remaining--
        if (remaining <= 0) return
      }
      if (count < page || cursor === from) return
    }
  }

  async headPosition(): Promise<Position> {
    let from: ReadPosition = END
    for (;;) {
      let count = 0
      let last: EsdbPosition | null = null
      const read = this.#client.readAll({ fromPosition: from, direction: BACKWARDS, maxCount: HEAD_PAGE })
      for await (const resolved of iterate(read)) {
        count++
        const event = resolved.event
        if (!event) continue
        if (!isSystem(event)) return fromEsdbPosition(event.position)
        last = event.position
      }
      if (count < HEAD_PAGE || last === null) return START
      from = last
    }
  }

  subscribe(options: SubscribeOptions = {}): Subscription {
    const subscription = new EventStoreDbSubscription(
      this.#client,
      options,
      this.#options.onSubscriptionError,
      (closed) => this.#subscriptions.delete(closed),
    )
    // A subscription born closed (its signal already aborted) has nothing for close() to end.
    if (!options.signal?.aborted) this.#subscriptions.add(subscription)
    return subscription
  }

  async ping(): Promise<void> {
    const events = iterate(this.#client.readAll({ direction: BACKWARDS, fromPosition: END, maxCount: 1 }))
    let timer: ReturnType<typeof setTimeout> | undefined
    const timeout = new Promise<never>((_, reject) => {
      timer = setTimeout(() => reject(new Error(`no answer within ${PING_TIMEOUT_MS} ms`)), PING_TIMEOUT_MS)
    })
    try {
      await Promise.race([events.next(), timeout])
    } catch (error) {
      if (error instanceof EventStoreUnavailableError) throw error
      throw new EventStoreUnavailableError(`EventStoreDB ping failed: ${(error as Error).message}`, {
        cause: error,
      })
    } finally {
      clearTimeout(timer)
      // Cancels the read if it is still waiting for the server.
      void events.return(undefined).catch(() => {})
    }
  }

  async close(): Promise<void> {
    await Promise.all([...this.#subscriptions].map((s) => s.close()))
    await this.#client.dispose()
  }
}

/**
 * Catch-up then live through one subscribeToAll at a time. The server skips the event at the given
 * position; the client also drops anything at or before the last position it saw, so a resubscription
 * after a dropped connection (with backoff, from that position) neither repeats nor skips an event.
 */
class EventStoreDbSubscription implements Subscription {
  readonly #client: EventStoreDBClient
  readonly #options: SubscribeOptions
  readonly #onError: ((error: unknown) => void) | undefined
  readonly #onClose: (subscription: Subscription) => void
  #closed = false
  #current: AllStreamSubscription | null = null
  #wake: (() => void) | null = null

  constructor(
    client: EventStoreDBClient,
    options: SubscribeOptions,
    onError: ((error: unknown) => void) | undefined,
    onClose: (subscription: Subscription) => void,
  ) {
    this.#client = client
    this.#options = options
    this.#onError = onError
    this.#onClose = onClose
    if (options.signal?.aborted) void this.close()
    else options.signal?.addEventListener('abort', () => void this.close(), { once: true })
  }

  async *[Symbol.asyncIterator](): AsyncIterator<StoredEvent> {
    const matches = logMatcher(this.#options)
    const filter = serverFilter(this.#options)
    const highWaterMark = Math.max(1, Math.min(this.#options.batchSize ?? 100, 1_000))
    // Last position seen, delivered or filtered out: where a resubscription starts.
    let cursor = this.#options.after ?? START
    let failures = 0
    try {
      while (!this.#closed) {
        const subscription = this.#client.subscribeToAll(
          { fromPosition: toEsdbPosition(cursor), filter },
          { highWaterMark },
        )
        // Errors after we stop iterating (a drop during close) must not become uncaught 'error' events.
        subscription.on('error', () => {})
        this.#current = subscription
        try {
          for await (const resolved of subscription) {
            if (this.#closed) return
            failures = 0
            const event = resolved.event
            if (!event) continue
            const position = fromEsdbPosition(event.position)
            if (comparePositions(position, cursor) <= 0) continue
            cursor = position
            if (!matches(event)) continue
            yield toStored(event)
            if (this.#closed) return
          }
          // The server ended the subscription without an error: resubscribe like after a drop.
        } catch (error) {
          if (this.#closed) return
          if (isPermanent(error)) throw storeError(error)
          this.#onError?.(error)
        } finally {
          this.#current = null
          subscription.destroy()
          await subscription.unsubscribe().catch(() => {})
        }
        failures += 1
        await this.#sleep(Math.min(5_000, 100 * 2 ** Math.min(failures, 6)))
      }
    } finally {
      await this.close()
    }
  }

  async close(): Promise<void> {
    if (this.#closed) return
    this.#closed = true
    this.#wake?.()
    const current = this.#current
    this.#current = null
    if (current) {
      // Destroying ends the pending `for await`; unsubscribing cancels the gRPC call.
      current.destroy()
      await current.unsubscribe().catch(() => {})
    }
    this.#onClose(this)
  }

  async #sleep(ms: number): Promise<void> {
    if (this.#closed) return
    await new Promise<void>((resolve) => {
      const timer = setTimeout(done, ms)
      function done() {
        clearTimeout(timer)
        resolve()
      }
      this.#wake = done
    })
    this.#wake = null
  }
}

export function createEventStoreDbEventStore(
  connectionString: string,
  options: EventStoreDbEventStoreOptions = {},
): EventStoreDbEventStore {
  return new EventStoreDbEventStore(EventStoreDBClient.connectionString(connectionString), options)
}
