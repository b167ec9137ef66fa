/**
 * The worker thread that selects and trains a model (started by selectModelOffThread and
 * readAndSelectModelOffThread). Either it receives the feedback matrix (its typed arrays
 * transferred, not copied), or, on a server, it reads it itself (readFeedbackSnapshot, the reading
 * stage embedded mode runs on the event loop) over one connection of its own, closed before the
 * selection starts, posting the relations' total, the rows read and then the matrix's size. Then it
 * runs selectModel, posts stages and progress, then the chosen model's neighbours (typed arrays
 * transferred back) and the report.
 */
import { parentPort, workerData } from 'node:worker_threads'
import { createDatabase, createPool } from '../db/connection.ts'
import { lowerThisThreadsPriority } from './background-priority.ts'
import { matrixSize } from './feedback-matrix.ts'
import { type FeedbackSnapshot, readFeedbackSnapshot } from './feedback-snapshot.ts'
import type { ItemNeighbours } from './item-neighbours.ts'
import type { CandidateName } from './model.ts'
import { type SelectionInput, type SelectionReport, selectModel } from './selection.ts'
import type { WorkerConnection } from './worker-connection.ts'
import { releasePooledPages } from './worker-pages.ts'

export type TrainRequest = { only: CandidateName | null } & (
  | { input: SelectionInput }
  /** Read the matrix over a connection of this thread's own. */
  | { read: WorkerConnection }
)
/** What the reading found: the matrix's size and the snapshot's interaction event count. */
export type ReadSummary = { users: number; items: number; interactions: number; feedbackEvents: number }
export type TrainMessage =
  | { type: 'reading'; total: number }
  | { type: 'rows'; rows: number }
  | ({ type: 'read' } & ReadSummary)
  | { type: 'stage'; stage: string }
  | { type: 'progress'; done: number; total: number }
  | { type: 'done'; model: ItemNeighbours; report: SelectionReport }

/** Rows read at most this often: a message per page of users would be a turn of the loop each. */
const PROGRESS_MS = 100

const port = parentPort
if (port === null) throw new Error('train-worker.ts runs as a worker thread')
// Minutes of pure CPU: the process's event loop (requests, projections) goes first.
lowerThisThreadsPriority()
const request = workerData as TrainRequest
const post = (message: TrainMessage, transfer: ArrayBuffer[] = []) => port.postMessage(message, transfer)

async function read(target: WorkerConnection): Promise<FeedbackSnapshot> {
  // One connection: the snapshot's transaction holds it for the whole reading.
  const db = createDatabase(
    createPool(target.databaseUrl, { max: 1, applicationName: target.applicationName }),
  )
  try {
    let last = performance.now()
    return await readFeedbackSnapshot(db, {
      onTotal: (total) => post({ type: 'reading', total }),
      onRows: (rows) => {
        const now = performance.now()
        if (now - last < PROGRESS_MS) return
        last = now
        post({ type: 'rows', rows })
      },
    })
  } finally {
    await db.destroy()
  }
}

let input: SelectionInput
if ('read' in request) {
  const snapshot = await read(request.read)
  post({ type: 'read', ...matrixSize(snapshot.matrix), feedbackEvents: snapshot.feedbackEvents })
  input = snapshot
} else input = request.input
const { trained, report } = selectModel(input, {
  only: request.only,
  onStage: (stage) => post({ type: 'stage', stage }),
  onProgress: (done, total) => post({ type: 'progress', done, total }),
})
const model = trained.neighbours
post({ type: 'done', model, report }, [
  model.offsets.buffer as ArrayBuffer,
  model.targets.buffer as ArrayBuffer,
  model.scores.buffer as ArrayBuffer,
])
// Its spare heap pages unmapped here, not by the event loop once this thread has ended.
releasePooledPages()
