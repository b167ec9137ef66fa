/**
 * Turns an async stream of events into batches: a batch closes when it is full, or when no further
 * event arrives within `lingerMs`; with nothing arriving for `idleMs`, an empty batch tells the
 * consumer it is idle (time for heartbeats and stop checks).
 */
const TIMEOUT = Symbol('timeout')

function within<T>(promise: Promise<T>, ms: number): Promise<T | typeof TIMEOUT> {
  let timer: NodeJS.Timeout | undefined
  return Promise.race([
    promise,
    new Promise<typeof TIMEOUT>((resolve) => {
      timer = setTimeout(() => resolve(TIMEOUT), ms)
    }),
  ]).finally(() => clearTimeout(timer))
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
      while (batch.length < options.maxSize) {
        pending ??= iterator.next()
        const result = await within(pending, batch.length === 0 ? options.idleMs : options.lingerMs)
        if (result === TIMEOUT) break
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
