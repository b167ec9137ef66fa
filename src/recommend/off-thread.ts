/**
 * Selection and training off the event loop: comparing the candidates is a minute or more of pure
 * CPU (EASE's inverse above all), and the retrain reactor runs in the projector or in the API
 * process, whose projections and requests would wait that long. selectModelOffThread runs it in a
 * worker thread (train-worker.ts): the matrix's typed arrays are transferred to it (moved, not
 * copied: the caller's matrix is empty afterwards) and the neighbours come back the same way.
 * Aborting the signal terminates the worker. `npm run bench:recommender` measures the event loop's
 * longest delay during a training.
 */
import { Worker } from 'node:worker_threads'
import type { ItemNeighbours } from './item-neighbours.ts'
import type { CandidateName } from './model.ts'
import type { SelectionInput, SelectionReport } from './selection.ts'
import type { TrainMessage, TrainRequest } from './train-worker.ts'

const WORKER = new URL('./train-worker.ts', import.meta.url)

export type OffThreadHooks = {
  signal?: AbortSignal
  onStage?: (stage: string) => void
  onProgress?: (done: number, total: number) => void
}

export function selectModelOffThread(
  input: SelectionInput,
  only: CandidateName | null,
  hooks: OffThreadHooks = {},
): Promise<{ model: ItemNeighbours; report: SelectionReport }> {
  hooks.signal?.throwIfAborted()
  const request: TrainRequest = { ...input, only }
  const { matrix } = input
  const worker = new Worker(WORKER, {
    workerData: request,
    transferList: [
      matrix.userOffsets.buffer,
      matrix.userItems.buffer,
      matrix.userWeights.buffer,
      ...(matrix.userTimes ? [matrix.userTimes.buffer] : []),
      input.positive.buffer,
    ] as ArrayBuffer[],
  })
  return new Promise((resolve, reject) => {
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
      else if (message.type === 'stage') hooks.onStage?.(message.stage)
      else settle(() => resolve({ model: message.model, report: message.report }))
    })
    worker.on('error', (error) => settle(() => reject(error)))
    worker.on('exit', (code) => settle(() => reject(new Error(`training worker exited with code ${code}`))))
  })
}
