/**
 * Turns an async stream of events into batches: a batch closes when it is full, or when no further
 * event arrives within `lingerMs`; with nothing arriving for `idleMs`, an empty batch tells the
 * consumer it is idle (time for heartbeats and stop checks).
 */
const TIMEOUT = Symbol('timeout')

/**
 * A deadline `ms` after the last `restart()`: one timer for a whole batch, re-armed only when it
 * fires early, instead of a timer set and cleared per event (a rebuild reads millions of events
 * from pages already in memory, and the timers were a visible share of its process's CPU).
 */
class Deadline {
  readonly expired: Promise<typeof TIMEOUT>
  readonly #ms: number
  #startedAt = performance.now()
  #timer: NodeJS.Timeout
  #expire!: () => void

  constructor(ms: number) {
    this.#ms = ms
    this.expired = new Promise((resolve) => {
      this.#expire = () => resolve(TIMEOUT)
    })
    this.#timer = setTimeout(() => this.#check(), ms)
  }

  restart(): void {
    this.#startedAt = performance.now()
  }

  clear(): void {
    clearTimeout(this.#timer)
  }

  #check(): void {
    const left = this.#ms - (performance.now() - this.#startedAt)
    if (left <= 0) this.#expire()
    else this.#timer = setTimeout(() => this.#check(), left)
  }
}

/**
 * `source` gives the events in chunks (a subscription's pages, Subscription#chunks): a batch takes
 * whole chunks while they fit and splits the one that does not, so its size stays at most
 * `maxSize`; lingerMs runs from the last chunk received. Chunks are only read, never changed.
 */
export async function* batches<T>(
  source: AsyncIterable<readonly T[]>,
  options: { maxSize: number; lingerMs: number; idleMs: number },
): AsyncGenerator<T[]> {
  const iterator = source[Symbol.asyncIterator]()
  let pending: Promise<IteratorResult<readonly T[]>> | null = null
  /** The part of the last chunk that did not fit in the batch before. */
  let rest: readonly T[] = []
  let restFrom = 0
  try {
    while (true) {
      const batch: T[] = []
      const take = (chunk: readonly T[], from: number) => {
        const end = Math.min(chunk.length, from + options.maxSize - batch.length)
        for (let i = from; i < end; i++) batch.push(chunk[i] as T)
        rest = end < chunk.length ? chunk : []
        restFrom = end < chunk.length ? end : 0
      }
      if (rest.length > 0) take(rest, restFrom)
      // Waiting for a batch's first event: idleMs; for each further chunk: lingerMs after the last.
      let deadline = new Deadline(batch.length > 0 ? options.lingerMs : options.idleMs)
      try {
        while (batch.length < options.maxSize) {
          pending ??= iterator.next()
          const result = await Promise.race([pending, deadline.expired])
          if (result === TIMEOUT) break
          pending = null
          if (result.done) {
            if (batch.length > 0) yield batch
            return
          }
          if (result.value.length === 0) continue
          const first = batch.length === 0
          take(result.value, 0)
          if (first) {
            deadline.clear()
            deadline = new Deadline(options.lingerMs)
          } else deadline.restart()
        }
      } finally {
        deadline.clear()
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

/** Events one by one as chunks of one (a subscription without Subscription#chunks). */
export async function* singles<T>(source: AsyncIterable<T>): AsyncGenerator<T[]> {
  for await (const value of source) yield [value]
}
