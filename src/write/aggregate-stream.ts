/**
 * Folding one stream into its state: the first half of every command (handle-command.ts) and of
 * each place the write side needs a stream's state without deciding (a reply's parent comment, a
 * job's outcome, a reservation's holder). The store gives the events at their current schema
 * version (src/event-store/upcasting-event-store.ts), so evolve only ever sees today's shapes.
 */
import type { EventStore, Position, ReadStreamOptions, StoredEventOf } from '../event-store/contract.ts'

/** What folding needs of a decider. */
export type Evolver<Event extends { type: string; data: unknown }, State> = {
  initialState: () => State
  evolve: (state: State, event: Event) => State
}

export type AggregateOptions<Event extends { type: string; data: unknown }> = Pick<
  ReadStreamOptions,
  'from' | 'limit'
> & {
  /** Sees each stored event, after it is folded (handleCommand finds an earlier request's events). */
  onEvent?: (event: StoredEventOf<Event>) => void
}

export type Aggregate<State> = {
  state: State
  /** Revision of the stream's last event: the expected revision of the next append; null when empty. */
  revision: bigint | null
  /** Position of the stream's last event; null when the stream does not exist. */
  position: Position | null
}

export async function aggregateStream<Event extends { type: string; data: unknown }, State>(
  store: EventStore,
  stream: string,
  decider: Evolver<Event, State>,
  options: AggregateOptions<Event> = {},
): Promise<Aggregate<State>> {
  const { onEvent, ...read } = options
  let state = decider.initialState()
  let revision: bigint | null = null
  let position: Position | null = null
  for await (const stored of store.readStream(stream, read)) {
    // A stream holds its decider's events only: the stream name is the decider's (movie-, user-...).
    const event = stored as StoredEventOf<Event>
    state = decider.evolve(state, event)
    revision = stored.revision
    position = stored.position
    onEvent?.(event)
  }
  return { state, revision, position }
}
