/**
 * Runs one PostgreSQL projection: subscribes to the log after its checkpoint, gathers events into
 * batches, and applies each batch and the new checkpoint in one transaction, so after any crash it
 * resumes exactly where it committed: nothing applied twice, nothing skipped.
 */
import { setTimeout as sleep } from 'node:timers/promises'
import type { Kysely } from 'kysely'
import { isConnectionError } from '../db/connection-errors.ts'
import type { Database } from '../db/schema.ts'
import { type EventStore, START, type StoredEvent } from '../event-store/contract.ts'
import { checkpointName, type PostgresProjection, readCheckpoint } from './projection.ts'

export type ProjectionLogger = {
  info(fields: object, message: string): void
  warn(fields: object, message: string): void
  error(fields: object, message: string): void
}

export type RunOptions = {
  store: EventStore
  db: Kysely<Database>
  signal: AbortSignal
  logger: ProjectionLogger
  batchSize?: number
  /** How long a batch waits for more events once it has some (keeps live latency low). */
  lingerMs?: number
}

/** Thrown when the projection's handler fails on an event: the projection stops there. */
export class PoisonEventError extends Error {
  readonly event: StoredEvent

  constructor(projection: string, event: StoredEvent, cause: unknown) {
    super(
      `projection ${projection} failed on event ${event.id} (${event.type} at ${event.position}): ${String(cause)}`,
      {
        cause,
      },
    )
    this.name = 'PoisonEventError'
    this.event = event
  }
}

/** Pulls from an async iterator, handing out what arrives within `lingerMs` as one batch. */
async function* batches<T>(source: AsyncIterable<T>, maxSize: number, lingerMs: number): AsyncGenerator<T[]> {
  const iterator = source[Symbol.asyncIterator]()
  let pending: Promise<IteratorResult<T>> | null = null
  const LINGER_EXPIRED = Symbol('linger')
  try {
    while (true) {
      const batch: T[] = []
      while (batch.length < maxSize) {
        pending ??= iterator.next()
        let result: IteratorResult<T> | typeof LINGER_EXPIRED
        if (batch.length === 0) {
          result = await pending
        } else {
          let timer: NodeJS.Timeout | undefined
          result = await Promise.race([
            pending,
            new Promise<typeof LINGER_EXPIRED>((resolve) => {
              timer = setTimeout(() => resolve(LINGER_EXPIRED), lingerMs)
            }),
          ])
          clearTimeout(timer)
        }
        if (result === LINGER_EXPIRED) break
        pending = null
        if (result.done) {
          if (batch.length > 0) yield batch
          return
        }
        batch.push(result.value)
      }
      yield batch
    }
  } finally {
    // With a next() still in flight, return() would queue behind it until the source yields again,
    // which a live subscription may never do: the owner's close() ends the source instead.
    const closing = iterator.return?.()
    if (pending === null) await closing
    else closing?.catch(() => {})
  }
}

export async function runProjection(projection: PostgresProjection, options: RunOptions): Promise<void> {
  const { store, db, signal, logger } = options
  const name = checkpointName(projection)
  const handled = new Set(projection.handles)
  while (!signal.aborted) {
    const after = (await readCheckpoint(db, projection).catch(() => null)) ?? START
    // Unfiltered on purpose: the checkpoint then passes every event of the log, so a consistency
    // token for any command is reached even when this projection ignores that command's events.
    const subscription = store.subscribe({ after, signal, batchSize: options.batchSize ?? 1_000 })
    logger.info({ projection: name, after }, 'projection subscribed')
    try {
      for await (const batch of batches(subscription, options.batchSize ?? 1_000, options.lingerMs ?? 5)) {
        const relevant = batch.filter((event) => handled.has(event.type))
        const last = batch.at(-1) as StoredEvent
        await db.transaction().execute(async (trx) => {
          if (relevant.length > 0) {
            try {
              await projection.apply(relevant, trx)
            } catch (error) {
              throw await findPoison(projection, relevant, db, error)
            }
          }
          await trx
            .insertInto('projection_checkpoints')
            .values({ name, position: last.position })
            .onConflict((oc) =>
              oc.column('name').doUpdateSet({ position: last.position, updated_at: new Date() }),
            )
            .execute()
        })
      }
    } catch (error) {
      if (error instanceof PoisonEventError) {
        logger.error(
          {
            projection: name,
            eventId: error.event.id,
            type: error.event.type,
            position: error.event.position,
            err: error.cause,
          },
          'projection stopped on a poison event',
        )
        throw error
      }
      if (signal.aborted) break
      logger.warn({ projection: name, err: error }, 'projection batch failed, resuming from its checkpoint')
      await sleep(1_000, undefined, { signal }).catch(() => {})
    } finally {
      await subscription.close()
    }
  }
}

/** Re-applies a failed batch event by event (each in a rolled-back transaction) to name the poison event. */
async function findPoison(
  projection: PostgresProjection,
  events: StoredEvent[],
  db: Kysely<Database>,
  batchError: unknown,
): Promise<unknown> {
  const ROLLBACK = Symbol('rollback')
  for (let i = 0; i < events.length; i++) {
    try {
      await db.transaction().execute(async (trx) => {
        await projection.apply(events.slice(0, i + 1), trx)
        throw ROLLBACK
      })
    } catch (error) {
      if (error === ROLLBACK) continue
      if (isConnectionError(error)) return batchError
      return new PoisonEventError(checkpointName(projection), events[i] as StoredEvent, error)
    }
  }
  // The batch failed but no prefix of it does: a transient error, retried by the caller.
  return batchError
}
