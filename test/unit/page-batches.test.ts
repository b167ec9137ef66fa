/**
 * A rebuild's batches taken page by page (pageBatches in src/projector/batches.ts): each page whole
 * while it fits, split when it does not, and an empty batch when nothing comes for idleMs, as the
 * event-by-event batches() gives.
 */
import t from 'tap'
import { pageBatches } from '../../src/projector/batches.ts'

async function* pagesThenWait(pages: number[][], signal: AbortSignal): AsyncGenerator<number[]> {
  for (const page of pages) yield page
  // Then nothing until the test ends, like a subscription at the head of the log.
  await new Promise<void>((resolve) => signal.addEventListener('abort', () => resolve(), { once: true }))
}

t.test(
  'pages pass whole, a page larger than a batch is split, an idle source gives an empty batch',
  async (t) => {
    const done = new AbortController()
    const big = Array.from({ length: 25 }, (_, i) => 100 + i)
    const source = pageBatches(pagesThenWait([[1, 2, 3], big, [4]], done.signal), { maxSize: 10, idleMs: 50 })
    const seen: number[][] = []
    for await (const batch of source) {
      seen.push(batch)
      if (batch.length === 0) break
    }
    done.abort()
    t.same(
      seen.map((batch) => batch.length),
      [3, 10, 10, 5, 1, 0],
    )
    t.same(seen.flat(), [1, 2, 3, ...big, 4], 'every item once, in order')
  },
)

t.test('a source that ends ends the batches', async (t) => {
  async function* two(): AsyncGenerator<number[]> {
    yield [1]
    yield [2, 3]
  }
  const seen: number[][] = []
  for await (const batch of pageBatches(two(), { maxSize: 10, idleMs: 1_000 })) seen.push(batch)
  t.same(seen, [[1], [2, 3]])
})
