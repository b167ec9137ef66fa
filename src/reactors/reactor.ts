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
import { setTimeout as sleep } from 'node:timers/promises'
import type { Kysely } from 'kysely'
import type { Database } from '../db/schema.ts'
import type { DomainEventType, EventOfType } from '../domain/events.ts'
import type { EventStore, StoredEvent, StoredEventOf } from '../event-store/contract.ts'
import type { ProjectionLogger } from '../projector/run-generation.ts'
import type { ReactorServices } from './services.ts'

export type ReactorContext = {
  store: EventStore
  db: Kysely<Database>
  logger: ProjectionLogger
  /** Aborted when the runner stops (shutdown, lease lost): give up the work, the event comes again. */
  signal: AbortSignal
  /** `<host>/<pid>` of the process reacting. */
  owner: string
  services: ReactorServices
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

const RETRY_BASE_MS = 500
const RETRY_MAX_MS = 10_000

/** Reacts to one event: up to maxAttempts with jittered backoff, then the reactor's giveUp. */
export async function reactTo(reactor: Reactor, event: StoredEvent, context: ReactorContext): Promise<void> {
  const maxAttempts = reactor.maxAttempts ?? 3
  for (let attempt = 1; ; attempt++) {
    try {
      await reactor.react(event, context)
      return
    } catch (error) {
      if (context.signal.aborted) throw error
      if (attempt >= maxAttempts) {
        context.logger.error(
          { reactor: reactor.name, eventId: event.id, type: event.type, attempts: attempt, err: error },
          'reaction failed every attempt: recording the failure',
        )
        await reactor.giveUp(event, error, context)
        return
      }
      const delay = Math.min(RETRY_MAX_MS, RETRY_BASE_MS * 2 ** (attempt - 1))
      context.logger.warn(
        { reactor: reactor.name, eventId: event.id, type: event.type, attempt, err: error },
        'reaction failed, retrying',
      )
      await sleep(delay / 2 + Math.random() * (delay / 2), undefined, { signal: context.signal })
    }
  }
}
