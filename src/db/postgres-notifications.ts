/**
 * One LISTEN connection for a whole process: every subscription of the event store and the ETag
 * positions listen through it, on as many channels as they like. A pool connection cannot hold
 * LISTEN (it goes back to the pool), so this is the one connection a process keeps outside its
 * pool for notifications, whatever the number of subscriptions (docs/operations.md).
 *
 * The connection opens with the first listener and reconnects by itself (backoff up to 5 s) until
 * close(). Each time listening (re)starts every listener is called once, as for a notification:
 * what was committed while nobody listened was not heard, so it reads again. While the connection
 * is down listeners are told (onLost), and they poll meanwhile.
 */
import { setTimeout as sleep } from 'node:timers/promises'
import pg from 'pg'

/**
 * Starts listening for NOTIFY on `channel` and answers how to stop. `onNotify` runs on every
 * notification and whenever listening (re)starts; `onLost` when the listening connection is lost.
 * Services mode passes PostgresNotifications#listen; embedded mode PGlite's, whose one session
 * hears all.
 */
export type NotificationListener = (
  channel: string,
  onNotify: () => void,
  onLost?: () => void,
) => Promise<() => Promise<void>>

export type NotificationsOptions = {
  /** application_name of the connection: operators count connections by it. */
  applicationName?: string
  /** Called for each connection error it will retry (for logs). */
  onError?: (error: unknown) => void
}

type Listener = { channel: string; onNotify: () => void; onLost: (() => void) | undefined }

const MAX_BACKOFF_MS = 5_000

export class PostgresNotifications {
  readonly #connectionString: string
  readonly #options: NotificationsOptions
  readonly #listeners = new Set<Listener>()
  /** The connection while it listens; null while (re)connecting or closed. */
  #client: pg.Client | null = null
  /** Channels the current connection has LISTENed to. */
  #channels = new Set<string>()
  #connecting: Promise<void> | null = null
  #closed = false

  constructor(connectionString: string, options: NotificationsOptions = {}) {
    this.#connectionString = connectionString
    this.#options = options
  }

  /** Whether the connection is up and listening (for tests and health). */
  get listening(): boolean {
    return this.#client !== null
  }

  readonly listen: NotificationListener = async (channel, onNotify, onLost) => {
    if (this.#closed) throw new Error('the notification listener is closed')
    const listener: Listener = { channel, onNotify, onLost }
    this.#listeners.add(listener)
    const client = this.#client
    if (client === null) {
      this.#connecting ??= this.#connect()
    } else {
      try {
        await this.#listenOn(client, channel)
        onNotify()
      } catch (error) {
        this.#lost(client, error)
      }
    }
    return async () => {
      this.#listeners.delete(listener)
      const current = this.#client
      if (current && !this.#hasListener(channel) && this.#channels.delete(channel)) {
        await current.query(`UNLISTEN ${pg.escapeIdentifier(channel)}`).catch(() => {})
      }
    }
  }

  async close(): Promise<void> {
    this.#closed = true
    const client = this.#client
    this.#client = null
    this.#listeners.clear()
    await client?.end().catch(() => {})
    await this.#connecting
  }

  #hasListener(channel: string): boolean {
    for (const listener of this.#listeners) if (listener.channel === channel) return true
    return false
  }

  async #listenOn(client: pg.Client, channel: string): Promise<void> {
    if (this.#channels.has(channel)) return
    this.#channels.add(channel)
    await client.query(`LISTEN ${pg.escapeIdentifier(channel)}`)
  }

  /** Connects and listens to every channel asked for, retrying with backoff until it does or close(). */
  async #connect(): Promise<void> {
    let backoff = 250
    try {
      while (!this.#closed) {
        const client = new pg.Client({
          connectionString: this.#connectionString,
          connectionTimeoutMillis: 5_000,
          keepAlive: true,
          application_name: this.#options.applicationName ?? 'nexus/listen',
        })
        client.on('error', (error) => this.#lost(client, error))
        client.on('end', () => this.#lost(client))
        client.on('notification', (message) => {
          for (const listener of this.#listeners)
            if (listener.channel === message.channel) listener.onNotify()
        })
        try {
          await client.connect()
          this.#channels = new Set()
          for (const channel of new Set([...this.#listeners].map((l) => l.channel))) {
            await this.#listenOn(client, channel)
          }
          if (this.#closed) {
            await client.end().catch(() => {})
            return
          }
          this.#client = client
          for (const listener of this.#listeners) listener.onNotify()
          return
        } catch (error) {
          this.#options.onError?.(error)
          client.removeAllListeners('end')
          await client.end().catch(() => {})
          await sleep(backoff)
          backoff = Math.min(MAX_BACKOFF_MS, backoff * 2)
        }
      }
    } finally {
      this.#connecting = null
    }
  }

  #lost(client: pg.Client, error?: unknown): void {
    if (this.#client !== client) return
    this.#client = null
    if (error) this.#options.onError?.(error)
    client.end().catch(() => {})
    for (const listener of this.#listeners) listener.onLost?.()
    if (!this.#closed) this.#connecting ??= sleep(1_000).then(() => this.#connect())
  }
}
