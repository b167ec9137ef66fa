/**
 * Subscriptions: catch-up then live over the global log (read-log.ts), woken by the NOTIFY that
 * appends send after commit, polling meanwhile.
 */
import { setTimeout as sleep } from 'node:timers/promises'
import pg from 'pg'
import {
  type LogFilter,
  type Position,
  START,
  type StoredEvent,
  type SubscribeOptions,
  type Subscription,
} from '../contract.ts'
import { EVENTS_CHANNEL } from './events-table.ts'
import { DEFAULT_BATCH, type LogPage } from './read-log.ts'

/**
 * Starts listening for NOTIFY on `channel` and answers how to stop. The default opens a dedicated
 * connection from `connectionString`; embedded mode passes PGlite's, whose one session hears all.
 */
export type NotificationListener = (channel: string, onNotify: () => void) => Promise<() => Promise<void>>

export type SubscriptionSettings = {
  /** Used for the LISTEN connection of subscriptions (a pool client cannot hold LISTEN). */
  connectionString?: string
  /** Replaces the LISTEN connection (embedded mode); one of the two is required. */
  listen?: NotificationListener
  /** Subscriptions re-read at least this often even without a notification (e.g. after a missed one). */
  pollIntervalMs?: number
  /** Called when a subscription hits an error it will retry (for logs). */
  onSubscriptionError?: (error: unknown) => void
}

type PageReader = (after: Position, limit: number, filter: LogFilter) => Promise<LogPage>

/**
 * Catch-up then live: reads pages until the log is exhausted, then sleeps until a NOTIFY from an
 * append (or the poll interval, which also covers a missed notification or a long transaction that
 * held the snapshot back). Any error is retried with backoff from the last delivered position, so a
 * killed connection loses and repeats nothing.
 */
export class PostgresSubscription implements Subscription {
  readonly #storeOptions: SubscriptionSettings
  readonly #options: SubscribeOptions
  readonly #readPage: PageReader
  readonly #closed = new AbortController()
  #listener: pg.Client | null = null
  #unlisten: (() => Promise<void>) | null = null
  #listening = false
  #wake: (() => void) | null = null
  #notified = false

  constructor(storeOptions: SubscriptionSettings, options: SubscribeOptions, readPage: PageReader) {
    this.#storeOptions = storeOptions
    this.#options = options
    this.#readPage = readPage
    options.signal?.addEventListener('abort', () => void this.close(), { once: true })
  }

  async *[Symbol.asyncIterator](): AsyncIterator<StoredEvent> {
    let after = this.#options.after ?? START
    const batchSize = this.#options.batchSize ?? DEFAULT_BATCH
    const pollMs = this.#storeOptions.pollIntervalMs ?? 500
    let failures = 0
    try {
      while (!this.#closed.signal.aborted) {
        if (!this.#listening) void this.#listen()
        let page: LogPage
        try {
          this.#notified = false
          page = await this.#readPage(after, batchSize, this.#options)
          failures = 0
        } catch (error) {
          failures += 1
          this.#storeOptions.onSubscriptionError?.(error)
          await this.#sleep(Math.min(5_000, 50 * 2 ** failures))
          continue
        }
        for (const event of page.events) {
          if (this.#closed.signal.aborted) return
          yield event
          after = event.position
        }
        after = page.scannedTo
        if (page.scanned < batchSize && !this.#notified) await this.#sleep(pollMs)
      }
    } finally {
      await this.close()
    }
  }

  async close(): Promise<void> {
    if (!this.#closed.signal.aborted) this.#closed.abort()
    this.#wake?.()
    const listener = this.#listener
    this.#listener = null
    this.#listening = false
    if (listener) await listener.end().catch(() => {})
    const unlisten = this.#unlisten
    this.#unlisten = null
    await unlisten?.().catch(() => {})
  }

  /** Listening through the given function (embedded mode): nothing to reconnect. */
  async #listenWith(listen: NotificationListener): Promise<void> {
    try {
      const unlisten = await listen(EVENTS_CHANNEL, () => {
        this.#notified = true
        this.#wake?.()
      })
      if (this.#closed.signal.aborted) return void (await unlisten())
      this.#unlisten = unlisten
      this.#notified = true
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

  /** Holds a LISTEN connection; on loss the read loop starts a new one (polling covers the gap). */
  async #listen(): Promise<void> {
    this.#listening = true
    const listen = this.#storeOptions.listen
    if (listen) return this.#listenWith(listen)
    const client = new pg.Client({
      connectionString: this.#storeOptions.connectionString,
      connectionTimeoutMillis: 5_000,
      application_name: 'nexus-subscription',
    })
    let dropped = false
    const drop = (error?: Error) => {
      if (dropped) return
      dropped = true
      if (error) this.#storeOptions.onSubscriptionError?.(error)
      if (this.#listener === client) this.#listener = null
      client.end().catch(() => {})
    }
    client.on('error', (error) => {
      drop(error)
      this.#listening = false
    })
    client.on('end', () => {
      drop()
      this.#listening = false
    })
    client.on('notification', () => {
      this.#notified = true
      this.#wake?.()
    })
    try {
      await client.connect()
      if (this.#closed.signal.aborted) return drop()
      await client.query(`LISTEN ${EVENTS_CHANNEL}`)
      this.#listener = client
      // Anything committed between our last read and LISTEN did not notify us: read once more.
      this.#notified = true
      this.#wake?.()
    } catch (error) {
      drop(error as Error)
      // Back off before the read loop tries to listen again; polling goes on meanwhile.
      await sleep(1_000)
      this.#listening = false
    }
  }
}
