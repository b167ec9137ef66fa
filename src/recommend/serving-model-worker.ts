/**
 * The worker thread that reads a model's neighbour table for the serving model (started by
 * serving-model.ts): its own connection (one, for the load's length), the row count checked against
 * the memory bound, then one COPY in the same snapshot, parsed here; the arrays are transferred
 * back (moved, not copied). Hundreds of thousands of rows decoded on the API's event loop held it
 * for tens of milliseconds at a time, mostly in garbage collection; here none of it is the loop's.
 */
import { parentPort, workerData } from 'node:worker_threads'
import { copyNeighbourTable, countNeighbours, type HeldNeighbours, transferables } from './neighbour-table.ts'
import { connectWorker } from './worker-connection.ts'
import { releasePooledPages } from './worker-pages.ts'

export type LoadRequest = {
  databaseUrl: string
  applicationName: string
  modelId: number
  maxEntries: number
}
export type LoadMessage = { type: 'too-big'; rows: number } | { type: 'loaded'; table: HeldNeighbours }

const port = parentPort
if (port === null) throw new Error('serving-model-worker.ts runs as a worker thread')
const request = workerData as LoadRequest
const client = await connectWorker(request)
try {
  // One snapshot: the count that sizes the arrays and the rows are the same table state.
  await client.query('BEGIN ISOLATION LEVEL REPEATABLE READ READ ONLY')
  const rows = await countNeighbours(client, request.modelId)
  if (rows > request.maxEntries) port.postMessage({ type: 'too-big', rows } satisfies LoadMessage)
  else {
    const table = await copyNeighbourTable(client, request.modelId, rows)
    const message: LoadMessage = { type: 'loaded', table }
    port.postMessage(message, transferables(table))
  }
  await client.query('COMMIT')
} finally {
  await client.end()
}
// Its spare heap pages (the parsed rows') unmapped here, not by the event loop once this thread has ended.
releasePooledPages()
