/**
 * Subscriptions: catch-up then live over the global log (read-log.ts), woken by the NOTIFY that
 * appends send after commit (heard through the process's one LISTEN connection, src/db/postgres-notifications.ts),
 * polling meanwhile.
 */
import { setTimeout as sleep } from 'node:timers/promises'
import type { NotificationListener } from '../../db/postgres-notifications.ts'
import type { LogFilter, Position, StoredEvent, SubscribeOptions, Subscription } from '../contract.ts'
import { START } from '../contract.ts'
import { EVENTS_CHANNEL } from './events-table.ts'
import type { TailPage } from './log-tail.ts'
import { DEFAULT_BATCH } from './read-log.ts'

export type SubscriptionSettings = {
  /** Where notifications are heard: shared by every subscription of the process. */
  listen: NotificationListener
  /** Subscriptions re-read at least this often even without a notification (e.g. after a missed one). */
  pollIntervalMs?: number
  /** Called when a subscription hits an error it will retry (for logs). */
  onSubscriptionError?: (error: unknown) => void
}

/** Reads a page of the log (log-tail.ts: shared with the other subscriptions of the store). */
type PageReader = (after: Position, limit: number, filter: LogFilter) => Promise<TailPage>

/**
 * Catch-up then live: reads pages until the log is exhausted, then sleeps until a NOTIFY from an
 * append (or the poll interval, which also covers a missed notification or a long transaction that
 * held the snapshot back). Notifications heard while a read is on its way make one more read, not
 * one each: the page says when its read was sent, and only a notification after that reads again.
 * Any error is retried with backoff from the last delivered position, so a killed connection loses
 * and repeats nothing.
 */
export class PostgresSubscription implements Subscription {
  readonly #storeOptions: SubscriptionSettings
  readonly #options: SubscribeOptions
  readonly #readPage: PageReader
  readonly #closed = new AbortController()
  #unlisten: (() => Promise<void>) | null = null
  #listening = false
  #wake: (() => void) | null = null
  /** When the last notification (or the start of listening) was heard (performance.now()). */
  #notifiedAt = Number.NEGATIVE_INFINITY
  /** Reads failed in a row (the backoff grows with them). */
  #failures = 0

  constructor(storeOptions: SubscriptionSettings, options: SubscribeOptions, readPage: PageReader) {
    this.#storeOptions = storeOptions
    this.#options = options
    this.#readPage = readPage
    options.signal?.addEventListener('abort', () => void this.close(), { once: true })
  }

  /** Event by event, as pages() reads them; closing stops at the next event. */
  async *[Symbol.asyncIterator](): AsyncIterator<StoredEvent> {
    for await (const events of this.pages())
      for (const event of events) {
        if (this.#closed.signal.aborted) return
        yield event
      }
  }

  /** The same events as each read found them (Subscription#pages): the pages with events, in order. */
  async *pages(): AsyncGenerator<StoredEvent[]> {
    let after = this.#options.after ?? START
    const batchSize = this.#options.batchSize ?? DEFAULT_BATCH
    try {
      while (!this.#closed.signal.aborted) {
        const page = await this.#read(after, batchSize)
        if (page === null) continue
        if (page.events.length > 0) {
          if (this.#closed.signal.aborted) return
          yield page.events
        }
        after = page.scannedTo
        await this.#waitAtEnd(page, batchSize)
      }
    } finally {
      await this.close()
    }
  }

  /** The page after `after`; null after a failed read (reported, then waited out with backoff). */
  async #read(after: Position, batchSize: number): Promise<TailPage | null> {
    if (!this.#listening) void this.#listen(this.#storeOptions.listen)
    try {
      const page = await this.#readPage(after, batchSize, this.#options)
      this.#failures = 0
      return page
    } catch (error) {
      this.#failures += 1
      this.#storeOptions.onSubscriptionError?.(error)
      await this.#sleep(Math.min(5_000, 50 * 2 ** this.#failures))
      return null
    }
  }

  /** At the end of the log as its read saw it, and nothing heard since that read was sent: sleeps. */
  async #waitAtEnd(page: TailPage, batchSize: number): Promise<void> {
    if (page.scanned < batchSize && this.#notifiedAt < page.readAt) {
      await this.#sleep(this.#storeOptions.pollIntervalMs ?? 500)
    }
  }

  async close(): Promise<void> {
    if (!this.#closed.signal.aborted) this.#closed.abort()
    this.#wake?.()
    this.#listening = false
    const unlisten = this.#unlisten
    this.#unlisten = null
    await unlisten?.().catch(() => {})
  }

  /**
   * Listens until close(); the listener reconnects by itself. Being told it (re)started listening
   * reads once more: anything committed between the last read and LISTEN notified nobody.
   */
  async #listen(listen: NotificationListener): Promise<void> {
    this.#listening = true
    try {
      const unlisten = await listen(EVENTS_CHANNEL, () => {
        this.#notifiedAt = performance.now()
        this.#wake?.()
      })
      if (this.#closed.signal.aborted) return void (await unlisten())
      this.#unlisten = unlisten
      this.#notifiedAt = performance.now()
      this.#wake?.()
    } catch (error) {
      this.#storeOptions.onSubscriptionError?.(error)
      await sleep(1_000)
      this.#listening = false
    }
  }

  /** Sleeps until woken by a notification, the timeout, or close(). */
  async #sleep(ms: number): Promise<void> {
    if (this.#closed.signal.aborted) return
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
