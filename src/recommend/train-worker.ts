/**
 * The worker thread that trains a model (started by trainModelOffThread): receives the feedback
 * matrix (its typed arrays transferred, not copied) and the spec, runs trainModel, posts progress
 * and then the neighbours (typed arrays transferred back). Pure CPU: no database, no config.
 */
import { parentPort, workerData } from 'node:worker_threads'
import type { FeedbackMatrix } from './feedback-matrix.ts'
import type { ItemNeighbours } from './item-neighbours.ts'
import { type ModelSpec, trainModel } from './model.ts'

export type TrainRequest = { matrix: FeedbackMatrix; spec: ModelSpec }
export type TrainMessage =
  | { type: 'progress'; done: number; total: number }
  | { type: 'done'; model: ItemNeighbours }

const port = parentPort
if (port === null) throw new Error('train-worker.ts runs as a worker thread')
const { matrix, spec } = workerData as TrainRequest
const post = (message: TrainMessage, transfer: ArrayBuffer[] = []) => port.postMessage(message, transfer)
const model = trainModel(matrix, spec, {
  onProgress: (done, total) => post({ type: 'progress', done, total }),
})
post({ type: 'done', model }, [
  model.offsets.buffer as ArrayBuffer,
  model.targets.buffer as ArrayBuffer,
  model.scores.buffer as ArrayBuffer,
])
