/**
 * The one place events change version: an EventStore around an adapter that reads every event
 * through the event catalogue (src/domain/events.ts) and stamps appends with it. Every reader goes
 * through it (command handlers, projections and their rebuilds, reactors, replay, export, the events
 * API), so each sees the current version of each known type while the stored row keeps the shape it
 * was written with; upcasting never writes.
 *
 * - Reads (readStream, readAll, subscribe): an event whose `schemaVersion` (1 when absent) is older
 *   than its type's is upcast step by step, and reads back with the current `schemaVersion`. The
 *   common case (already current) returns the adapter's object as it is.
 * - Appends (append, appendMany): an event without `schemaVersion` gets its type's current one. With
 *   `validate`, an event at the current version must match its type's schema (a compiled TypeBox
 *   check), else the append throws InvalidEventError and nothing is written.
 * - An unknown event type (a newer writer's, or one no module declares) passes through untouched
 *   both ways: forward compatibility.
 * @see ../../docs/events.md
 */
import type { EventCatalogue } from '../domain/event-catalogue.ts'
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
} from './contract.ts'

/** An append whose event does not match its type's current schema: a bug of the writer, never stored. */
export class InvalidEventError extends Error {
  readonly eventType: string

  constructor(type: string, problem: string) {
    super(`event ${type} does not match its schema: ${problem}`)
    this.name = 'InvalidEventError'
    this.eventType = type
  }
}

export type UpcastingOptions = {
  /** Check each appended event at the current version against its schema (default true). */
  validate?: boolean
}

/** The event at its type's current version (the same object when it already is). */
export function upcastEvent(catalogue: EventCatalogue, event: StoredEvent): StoredEvent {
  const upcast = catalogue.upcast(event.type, event.metadata.schemaVersion ?? 1, event.data)
  if (upcast === null) return event
  return { ...event, data: upcast.data, metadata: { ...event.metadata, schemaVersion: upcast.version } }
}

/** Each value of an async iterable mapped, without the cost of an async generator per value. */
function mapIterable<T, U>(source: AsyncIterable<T>, map: (value: T) => U): AsyncIterable<U> {
  return {
    [Symbol.asyncIterator]() {
      const iterator = source[Symbol.asyncIterator]()
      return {
        next: () =>
          iterator
            .next()
            .then(
              (result): IteratorResult<U> =>
                result.done === true ? result : { done: false, value: map(result.value) },
            ),
        return: (value?: unknown) =>
          (iterator.return
            ? iterator.return(value)
            : Promise.resolve({ done: true as const, value: undefined })) as Promise<IteratorResult<U>>,
      }
    },
  }
}

const mapEvents = (source: AsyncIterable<StoredEvent>, map: (event: StoredEvent) => StoredEvent) =>
  mapIterable(source, map)

/** Each page of an async iterable of pages mapped event by event. */
const mapPages = (source: AsyncIterable<StoredEvent[]>, map: (event: StoredEvent) => StoredEvent) =>
  mapIterable(source, (page: StoredEvent[]) => page.map(map))

export class UpcastingEventStore implements EventStore {
  readonly kind: string
  readonly #store: EventStore
  readonly #catalogue: EventCatalogue
  readonly #validate: boolean
  readonly #upcast: (event: StoredEvent) => StoredEvent

  constructor(store: EventStore, catalogue: EventCatalogue, options: UpcastingOptions = {}) {
    this.kind = store.kind
    this.#store = store
    this.#catalogue = catalogue
    this.#validate = options.validate ?? true
    this.#upcast = (event) => upcastEvent(catalogue, event)
  }

  /** The adapter this store reads and writes through. */
  get inner(): EventStore {
    return this.#store
  }

  #stamp(event: NewEvent): NewEvent {
    const current = this.#catalogue.currentVersion(event.type)
    if (current === undefined) return event
    const version = event.metadata?.schemaVersion
    if (this.#validate && (version === undefined || version === current)) {
      const problem = this.#catalogue.check(event.type, event.data)
      if (problem !== null) throw new InvalidEventError(event.type, problem)
    }
    return version === undefined
      ? { ...event, metadata: { ...event.metadata, schemaVersion: current } }
      : event
  }

  append(
    stream: string,
    events: NewEvent[],
    expectedRevision: ExpectedRevision,
    options?: AppendOptions,
  ): Promise<AppendResult> {
    let stamped: NewEvent[]
    try {
      stamped = events.map((event) => this.#stamp(event))
    } catch (error) {
      return Promise.reject(error)
    }
    return this.#store.append(stream, stamped, expectedRevision, options)
  }

  appendMany(writes: StreamWrite[]): Promise<AppendResult[]> {
    let stamped: StreamWrite[]
    try {
      stamped = writes.map((write) => ({ ...write, events: write.events.map((event) => this.#stamp(event)) }))
    } catch (error) {
      return Promise.reject(error)
    }
    return this.#store.appendMany(stamped)
  }

  readStream(stream: string, options?: ReadStreamOptions): AsyncIterable<StoredEvent> {
    return mapEvents(this.#store.readStream(stream, options), this.#upcast)
  }

  streamRevision(stream: string): Promise<bigint | null> {
    return this.#store.streamRevision(stream)
  }

  readAll(options?: ReadAllOptions): AsyncIterable<StoredEvent> {
    return mapEvents(this.#store.readAll(options), this.#upcast)
  }

  headPosition(): Promise<Position> {
    return this.#store.headPosition()
  }

  subscribe(options?: SubscribeOptions): Subscription {
    const subscription = this.#store.subscribe(options)
    const upcast = this.#upcast
    const pages = subscription.pages?.bind(subscription)
    return Object.assign(mapEvents(subscription, upcast), {
      close: () => subscription.close(),
      ...(pages ? { pages: () => mapPages(pages(), upcast) } : {}),
    })
  }

  ping(): Promise<void> {
    return this.#store.ping()
  }

  close(): Promise<void> {
    return this.#store.close()
  }
}
