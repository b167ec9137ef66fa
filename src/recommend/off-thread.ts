/**
 * Training off the event loop: trainModel is seconds of pure CPU (item-kNN about 1-4 s per 100,000
 * ratings, EASE tens of seconds), and the retrain reactor runs in the projector or in the API
 * process, whose projections and requests would wait that long. trainModelOffThread runs it in a
 * worker thread (train-worker.ts): the matrix's typed arrays are transferred to it (moved, not
 * copied: the caller's matrix is empty afterwards) and the neighbours come back the same way.
 * Aborting the signal terminates the worker. `npm run bench:recommender` measures the event loop's
 * delay during a training on the thread and off it.
 */
import { Worker } from 'node:worker_threads'
import type { FeedbackMatrix } from './feedback-matrix.ts'
import type { ItemNeighbours } from './item-neighbours.ts'
import type { ModelSpec, TrainHooks } from './model.ts'
import type { TrainMessage, TrainRequest } from './train-worker.ts'

const WORKER = new URL('./train-worker.ts', import.meta.url)

export function trainModelOffThread(
  matrix: FeedbackMatrix,
  spec: ModelSpec,
  hooks: TrainHooks = {},
): Promise<ItemNeighbours> {
  hooks.signal?.throwIfAborted()
  const request: TrainRequest = { matrix, spec }
  const worker = new Worker(WORKER, {
    workerData: request,
    transferList: [
      matrix.userOffsets.buffer,
      matrix.userItems.buffer,
      matrix.userWeights.buffer,
    ] as ArrayBuffer[],
  })
  return new Promise<ItemNeighbours>((resolve, reject) => {
    let settled = false
    const settle = (outcome: () => void) => {
      if (settled) return
      settled = true
      hooks.signal?.removeEventListener('abort', onAbort)
      outcome()
    }
    const onAbort = () => {
      settle(() => reject(hooks.signal?.reason))
      void worker.terminate()
    }
    hooks.signal?.addEventListener('abort', onAbort, { once: true })
    worker.on('message', (message: TrainMessage) => {
      if (message.type === 'progress') hooks.onProgress?.(message.done, message.total)
      else settle(() => resolve(message.model))
    })
    worker.on('error', (error) => settle(() => reject(error)))
    worker.on('exit', (code) => settle(() => reject(new Error(`training worker exited with code ${code}`))))
  })
}
