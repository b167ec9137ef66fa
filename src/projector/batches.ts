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

export async function* batches<T>(
  source: AsyncIterable<T>,
  options: { maxSize: number; lingerMs: number; idleMs: number },
): AsyncGenerator<T[]> {
  const iterator = source[Symbol.asyncIterator]()
  let pending: Promise<IteratorResult<T>> | null = null
  try {
    while (true) {
      const batch: T[] = []
      // Waiting for a batch's first event: idleMs; for each further one: lingerMs after the last.
      let deadline = new Deadline(options.idleMs)
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
          batch.push(result.value)
          if (batch.length === 1) {
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

/**
 * Batches from a source that gives its items page by page (Subscription#pages): each page as it
 * comes (split when larger than `maxSize`), and with nothing arriving for `idleMs` an empty batch,
 * as batches() gives. No lingering: a rebuild's pages are full until it reaches the head of the log,
 * and taking them whole spares its process a promise and a race per event.
 */
export async function* pageBatches<T>(
  source: AsyncIterable<T[]>,
  options: { maxSize: number; idleMs: number },
): AsyncGenerator<T[]> {
  const iterator = source[Symbol.asyncIterator]()
  let pending: Promise<IteratorResult<T[]>> | null = null
  try {
    while (true) {
      pending ??= iterator.next()
      const deadline = new Deadline(options.idleMs)
      let result: IteratorResult<T[]> | typeof TIMEOUT
      try {
        result = await Promise.race([pending, deadline.expired])
      } finally {
        deadline.clear()
      }
      if (result === TIMEOUT) {
        yield []
        continue
      }
      pending = null
      if (result.done) return
      const page = result.value
      if (page.length <= options.maxSize) yield page
      else
        for (let from = 0; from < page.length; from += options.maxSize)
          yield page.slice(from, from + options.maxSize)
    }
  } finally {
    // As in batches(): with a next() in flight, the owner's close() ends the source.
    const closing = iterator.return?.()
    if (pending === null) await closing
    else closing?.catch(() => {})
  }
}
