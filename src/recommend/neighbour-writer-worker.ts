/**
 * The worker thread that writes a trained model's neighbour table (started by
 * writeNeighboursOffThread): receives the neighbours (typed arrays transferred, not copied), opens
 * its own connection (one, for the write's length), COPYs the rows (copyNeighbours: the same
 * encoding as on the event loop), posts progress now and then and, at the end, only the row count
 * PostgreSQL reported. The COPY text of a large model (~80 MB for 2M rows) went through the API's
 * heap and set off a major collection that held the event loop for 100-180 ms; here none of it is
 * the loop's.
 */
import { parentPort, workerData } from 'node:worker_threads'
import type { ItemNeighbours } from './item-neighbours.ts'
import { copyNeighbours } from './model-store.ts'
import { connectWorker } from './worker-connection.ts'
import { releasePooledPages } from './worker-pages.ts'

export type WriteRequest = {
  databaseUrl: string
  applicationName: string
  modelId: number
  model: ItemNeighbours
}
export type WriteMessage = { type: 'progress'; rows: number } | { type: 'written'; rows: number }

/** Progress at most this often: a message per 64 KB chunk would be thousands of turns of the loop. */
const PROGRESS_MS = 100

const port = parentPort
if (port === null) throw new Error('neighbour-writer-worker.ts runs as a worker thread')
const request = workerData as WriteRequest
const client = await connectWorker(request)
try {
  let last = performance.now()
  const rows = await copyNeighbours(client, request.modelId, request.model, {
    onRows: (rows) => {
      const now = performance.now()
      if (now - last < PROGRESS_MS) return
      last = now
      port.postMessage({ type: 'progress', rows } satisfies WriteMessage)
    },
  })
  port.postMessage({ type: 'written', rows } satisfies WriteMessage)
} finally {
  await client.end()
}
// Its spare heap pages (the COPY text's) unmapped here, not by the event loop once this thread has ended.
releasePooledPages()
