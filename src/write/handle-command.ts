/**
 * The one command runner of the write side: read the stream, fold its events with evolve, decide,
 * append at the revision that was read. A conflict (someone appended in between) re-runs the whole
 * cycle a bounded number of times, then surfaces as 409. What decide needs from another stream (a
 * command's context, e.g. the movie's availability) is read beside the stream, in parallel, on every
 * attempt; its guard makes the append conditional on that other stream not having moved.
 * @see ../../../shared/DESIGN.md "The path of a command and of a query"
 */
import { createHash, randomUUID } from 'node:crypto'
import { setTimeout as sleep } from 'node:timers/promises'
import type { FastifyReply } from 'fastify'
import { AppError } from '../errors.ts'
import {
  type AppendGuard,
  type EventMetadata,
  type EventStore,
  type Position,
  WrongExpectedRevisionError,
} from '../event-store/contract.ts'
import { aggregateStream, type Evolver } from './aggregate-stream.ts'

export type Decider<Command, Event extends { type: string; data: unknown }, State> = Evolver<Event, State> & {
  decide: (command: Command, state: State) => Event[]
}

export type CommandResult<Event> = {
  /** The events this command appended; empty when the decision changed nothing. */
  events: Event[]
  /** Position of the stream's last event after the command; null for a stream that still does not exist. */
  position: Position | null
}

/** What a command needs from outside its stream, read on every attempt. */
export type CommandContext<Value> = {
  read: () => Promise<{ value: Value; guard: AppendGuard | null }>
}

export type HandleOptions = {
  metadata?: EventMetadata
  maxAttempts?: number
  /**
   * The client's Idempotency-Key: event ids are derived from it (with the actor and stream), so a
   * retried request finds its own events in the stream and answers the original result instead of
   * appending again, even when the retry races the original.
   */
  idempotencyKey?: string | null
}

/** A UUID (version 8, name-based) from the actor, the key, the stream and the event's index. */
export function idempotentEventId(actorId: string, key: string, stream: string, index: number): string {
  const hex = createHash('sha256').update(`${actorId}\n${key}\n${stream}\n${index}`).digest('hex')
  const variant = ((Number.parseInt(hex[16] ?? '0', 16) & 0x3) | 0x8).toString(16)
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-8${hex.slice(13, 16)}-${variant}${hex.slice(17, 20)}-${hex.slice(20, 32)}`
}

async function readStream<Event extends { type: string; data: unknown }, State>(
  store: EventStore,
  stream: string,
  decider: Decider<never, Event, State>,
  isReplayed: (id: string, index: number) => boolean,
) {
  // The events an earlier request with the same Idempotency-Key appended, in order, if any.
  const replayed: { event: Event; position: Position }[] = []
  const { state, revision, position } = await aggregateStream(store, stream, decider, {
    onEvent: (stored) => {
      if (isReplayed(stored.id, replayed.length)) {
        replayed.push({ event: { type: stored.type, data: stored.data } as Event, position: stored.position })
      }
    },
  })
  return { state, revision, position, replayed }
}

export async function handleCommand<
  Command,
  Event extends { type: string; data: unknown },
  State,
  Context = undefined,
>(
  store: EventStore,
  stream: string,
  decider: Decider<Command, Event, State>,
  /** The command, or (with `context`) a function of the context read on this attempt. */
  command: Command | ((context: Context) => Command),
  options: HandleOptions & { context?: CommandContext<Context> } = {},
): Promise<CommandResult<Event>> {
  const maxAttempts = options.maxAttempts ?? 5
  const key = options.idempotencyKey ?? null
  const eventId = (index: number) =>
    key === null ? randomUUID() : idempotentEventId(options.metadata?.actorId ?? '', key, stream, index)
  const isReplayed = (id: string, index: number) => key !== null && id === eventId(index)
  for (let attempt = 1; ; attempt++) {
    const [read, context] = await Promise.all([
      readStream(store, stream, decider as Decider<never, Event, State>, isReplayed),
      options.context?.read(),
    ])
    const { state, revision, position, replayed } = read
    const last = replayed.at(-1)
    if (last) return { events: replayed.map((r) => r.event), position: last.position }
    const events = decider.decide(
      typeof command === 'function'
        ? (command as (context: Context) => Command)(context?.value as Context)
        : command,
      state,
    )
    if (events.length === 0) return { events, position }
    try {
      const result = await store.append(
        stream,
        events.map((event, index) => ({
          id: eventId(index),
          type: event.type,
          data: event.data,
          // The store stamps each event with its type's current schema version.
          ...(options.metadata ? { metadata: options.metadata } : {}),
        })),
        revision === null ? 'no_stream' : revision,
        context?.guard ? { guard: context.guard } : {},
      )
      return { events, position: result.position }
    } catch (error) {
      if (!(error instanceof WrongExpectedRevisionError)) throw error
      if (attempt >= maxAttempts) {
        throw new AppError(
          409,
          'CONCURRENT_MODIFICATION',
          `${stream} kept changing while this command ran; retry it`,
          {
            cause: error,
          },
        )
      }
      // Jittered backoff so competing writers do not collide again in lockstep. (A moved guard
      // needs none, but the next attempt reads it again anyway.)
      await sleep(Math.random() * 10 * attempt)
    }
  }
}

/**
 * The answer of a command route: `{ changed, position }` (CommandAccepted), with the position also
 * in `X-Consistency-Token` so the next query can wait for it (read your writes).
 */
export function answerCommand(
  reply: FastifyReply,
  result: CommandResult<unknown>,
): { changed: boolean; position: Position | null } {
  if (result.position) reply.header('x-consistency-token', result.position)
  return { changed: result.events.length > 0, position: result.position }
}
