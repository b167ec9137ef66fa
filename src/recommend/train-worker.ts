/**
 * The worker thread that selects and trains a model (started by selectModelOffThread): receives the
 * feedback matrix (its typed arrays transferred, not copied), runs selectModel, posts stages and
 * progress, then the chosen model's neighbours (typed arrays transferred back) and the report.
 * Pure CPU: no database, no config.
 */
import { parentPort, workerData } from 'node:worker_threads'
import { lowerThisThreadsPriority } from './background-priority.ts'
import type { ItemNeighbours } from './item-neighbours.ts'
import type { CandidateName } from './model.ts'
import { type SelectionInput, type SelectionReport, selectModel } from './selection.ts'
import { releasePooledPages } from './worker-pages.ts'

export type TrainRequest = SelectionInput & { only: CandidateName | null }
export type TrainMessage =
  | { type: 'stage'; stage: string }
  | { type: 'progress'; done: number; total: number }
  | { type: 'done'; model: ItemNeighbours; report: SelectionReport }

const port = parentPort
if (port === null) throw new Error('train-worker.ts runs as a worker thread')
// Minutes of pure CPU: the process's event loop (requests, projections) goes first.
lowerThisThreadsPriority()
const request = workerData as TrainRequest
const post = (message: TrainMessage, transfer: ArrayBuffer[] = []) => port.postMessage(message, transfer)
const { trained, report } = selectModel(request, {
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
