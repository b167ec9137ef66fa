/** Runs a reactor's reaction to one event: retries with backoff, then the reactor's giveUp. */
import { setTimeout as sleep } from 'node:timers/promises'
import type { StoredEvent } from '../event-store/contract.ts'
import type { Reactor, ReactorContext } from './projection.ts'

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
