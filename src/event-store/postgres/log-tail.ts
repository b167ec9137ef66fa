/**
 * The recent end of the global log, shared by the unfiltered subscriptions of one store (the
 * projections of a process): a NOTIFY wakes every one of them, and each used to read the same new
 * events in a query of its own, a dozen reads and parses per burst. Here a read after a position
 * another subscription is already reading joins that read, and a subscription behind the newest read
 * takes its events from the window the last reads left in memory. One read per burst, parsed once.
 *
 * The window holds a contiguous run of the log: every event after `from` up to `to`, as read. Two
 * reads join only end to end (the second starting where the window ends), so the window never has
 * a hole: what a read answers after P is everything visible after P up to where it stopped (see
 * read-log.ts), and a later read sees at least that much. A page served from it carries `readAt`,
 * when the read that found its end was sent: a subscription notified after that reads again instead
 * of sleeping, so nothing committed meanwhile waits for the poll.
 */
import type { LogFilter, Position, StoredEvent } from '../contract.ts'
import type { Queryable } from './events-table.ts'
import { type LogPage, readLogPage } from './read-log.ts'

/**
 * A page of the log and when the read that found its end was sent (performance.now()):
 * -Infinity when that read stopped at its limit, so the log may well go on past the page.
 */
export type TailPage = LogPage & { readAt: number }

/** Events the window keeps at most: a few batches, enough for every live subscription to find its place. */
const WINDOW_EVENTS = 10_000

type Window = {
  /** Position before the window's first event (exclusive). */
  from: Position
  /** Position of its last event: where the read that ended it stopped. */
  to: Position
  events: StoredEvent[]
  /** When the read that ended it was sent; -Infinity when it stopped at its limit, not at the end. */
  readAt: number
}

export class LogTail {
  readonly #db: Queryable
  #window: Window | null = null
  /** Reads in flight by (after, limit): a subscription asking the same joins. */
  readonly #reading = new Map<string, Promise<TailPage>>()

  constructor(db: Queryable) {
    this.#db = db
  }

  read(after: Position, limit: number, filter: LogFilter): Promise<TailPage> {
    if (filter.types?.length || filter.streamPrefix) {
      const readAt = performance.now()
      return readLogPage(this.#db, after, limit, filter).then((page) => ({ ...page, readAt }))
    }
    const served = this.#fromWindow(after, limit)
    if (served) return Promise.resolve(served)
    const key = `${after}/${limit}`
    const joined = this.#reading.get(key)
    if (joined) return joined
    const readAt = performance.now()
    const reading = readLogPage(this.#db, after, limit, filter)
      .then((page) => {
        this.#keep(after, page, page.scanned < limit ? readAt : Number.NEGATIVE_INFINITY)
        return { ...page, readAt }
      })
      .finally(() => this.#reading.delete(key))
    this.#reading.set(key, reading)
    return reading
  }

  /** The events after `after` when the window holds them (after at or past its start, before its end). */
  #fromWindow(after: Position, limit: number): TailPage | null {
    const window = this.#window
    if (window === null || after < window.from || after >= window.to) return null
    const { events } = window
    // The first event past `after` (positions are fixed-width tokens: string order is log order).
    let low = 0
    let high = events.length
    while (low < high) {
      const middle = (low + high) >> 1
      if ((events[middle] as StoredEvent).position <= after) low = middle + 1
      else high = middle
    }
    const page = events.slice(low, low + limit)
    if (page.length === limit) {
      const last = page.at(-1) as StoredEvent
      return { events: page, scanned: limit, scannedTo: last.position, readAt: window.readAt }
    }
    // To the window's end: as far as the newest read saw when it was sent.
    return { events: page, scanned: page.length, scannedTo: window.to, readAt: window.readAt }
  }

  /**
   * Keeps what an unfiltered read found: it extends the window when it starts at its end. `readAt`
   * is -Infinity for a read that stopped at its limit.
   */
  #keep(after: Position, page: LogPage, readAt: number): void {
    const window = this.#window
    if (window !== null && after === window.to) {
      for (const event of page.events) window.events.push(event)
      window.to = page.scannedTo
      window.readAt = readAt
      if (window.events.length > 2 * WINDOW_EVENTS) {
        const dropped = window.events.splice(0, window.events.length - WINDOW_EVENTS)
        window.from = (dropped.at(-1) as StoredEvent).position
      }
      return
    }
    // A read past the window (or the first): the window starts over from it. A read behind it (a
    // subscription catching up) leaves the window alone.
    if (page.scanned > 0 && (window === null || page.scannedTo > window.to)) {
      this.#window = { from: after, to: page.scannedTo, events: [...page.events], readAt }
    }
  }
}
