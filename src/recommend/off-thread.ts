/**
 * Selection and training off the event loop: comparing the candidates is a minute or more of pure
 * CPU (EASE's inverse above all), and the retrain reactor runs in the projector or in the API
 * process, whose projections and requests would wait that long. selectModelOffThread runs it in a
 * worker thread (train-worker.ts): the matrix's typed arrays are transferred to it (moved, not
 * copied: the caller's matrix is empty afterwards) and the neighbours come back the same way.
 * Aborting the signal terminates the worker. readAndSelectModelOffThread (a server) has the worker
 * read the matrix itself, over a connection of its own, before it selects. `npm run
 * bench:recommender` measures the event loop's longest delay during a training.
 *
 * writeNeighboursOffThread writes the trained neighbours into their table the same way
 * (neighbour-writer-worker.ts): the arrays are transferred to a worker thread that COPYs them over
 * a connection of its own, so the rows' text (~80 MB for 2M rows) never enters this thread's heap.
 */
import { Worker } from 'node:worker_threads'
import type { ItemNeighbours } from './item-neighbours.ts'
import type { CandidateName } from './model.ts'
import type { WriteMessage, WriteRequest } from './neighbour-writer-worker.ts'
import type { SelectionInput, SelectionReport } from './selection.ts'
import type { ReadSummary, TrainMessage, TrainRequest } from './train-worker.ts'
import type { WorkerConnection } from './worker-connection.ts'

const WORKER = new URL('./train-worker.ts', import.meta.url)
const WRITER = new URL('./neighbour-writer-worker.ts', import.meta.url)

export type OffThreadHooks = {
  signal?: AbortSignal
  onStage?: (stage: string) => void
  onProgress?: (done: number, total: number) => void
}

export type SelectionOutcome = { model: ItemNeighbours; report: SelectionReport }

export function selectModelOffThread(
  input: SelectionInput,
  only: CandidateName | null,
  hooks: OffThreadHooks = {},
): Promise<SelectionOutcome> {
  const { matrix } = input
  return runTrainWorker(
    { input, only },
    [
      matrix.userOffsets.buffer,
      matrix.userItems.buffer,
      matrix.userWeights.buffer,
      ...(matrix.userTimes ? [matrix.userTimes.buffer] : []),
      input.positive.buffer,
    ] as ArrayBuffer[],
    hooks,
  )
}

export type ReadAndSelectHooks = OffThreadHooks & {
  /** The reading begins: how many relations it goes through. */
  onReading?: (total: number) => void
  /** The relations read so far, now and then. */
  onRows?: (rows: number) => void
  /** The reading is over (its connection closed): the matrix's size; the selection begins. */
  onRead?: (summary: ReadSummary) => void
}

/**
 * selectModelOffThread with the reading stage in the worker too (a server): the worker opens one
 * connection of its own (`source`: its application_name is counted in the process's budget as the
 * neighbour writer's, which opens only after this one has closed), reads the feedback matrix in one
 * snapshot (readFeedbackSnapshot) and closes it, then selects and trains. The relations' rows and
 * their garbage never enter this thread's heap.
 */
export async function readAndSelectModelOffThread(
  source: WorkerConnection,
  only: CandidateName | null,
  hooks: ReadAndSelectHooks = {},
): Promise<SelectionOutcome & { read: ReadSummary }> {
  let read: ReadSummary | null = null
  const outcome = await runTrainWorker({ read: source, only }, [], {
    ...hooks,
    onRead: (summary) => {
      read = summary
      hooks.onRead?.(summary)
    },
  })
  if (read === null) throw new Error('the training worker selected without reading')
  return { ...outcome, read }
}

function runTrainWorker(
  request: TrainRequest,
  transferList: ArrayBuffer[],
  hooks: ReadAndSelectHooks,
): Promise<SelectionOutcome> {
  hooks.signal?.throwIfAborted()
  const worker = new Worker(WORKER, { workerData: request, transferList })
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
      if (settled) return
      if (message.type === 'reading') hooks.onReading?.(message.total)
      else if (message.type === 'rows') hooks.onRows?.(message.rows)
      else if (message.type === 'read') {
        const { type: _, ...summary } = message
        hooks.onRead?.(summary)
      } else if (message.type === 'progress') hooks.onProgress?.(message.done, message.total)
      else if (message.type === 'stage') hooks.onStage?.(message.stage)
      else settle(() => resolve({ model: message.model, report: message.report }))
    })
    worker.on('error', (error) => settle(() => reject(error)))
    worker.on('exit', (code) => settle(() => reject(new Error(`training worker exited with code ${code}`))))
  })
}

/** Where the neighbour writer connects: the server's URL, and its connection's application_name. */
export type NeighbourWriter = WorkerConnection

/**
 * COPYs `model` into model `id`'s table (created by beginModel) from a worker thread over one
 * connection of its own (`writer`); answers the rows PostgreSQL counted once that connection is
 * closed. The model's typed arrays are transferred (the caller's are empty afterwards). `onRows`
 * hears the rows written so far now and then; aborting `signal` terminates the worker, whose
 * connection closes with it and whose COPY (one statement) is rolled back: the caller discards the
 * model (discardModel).
 */
export function writeNeighboursOffThread(
  writer: NeighbourWriter,
  id: number,
  model: ItemNeighbours,
  hooks: { signal?: AbortSignal; onRows?: (rows: number) => void } = {},
): Promise<number> {
  hooks.signal?.throwIfAborted()
  const request: WriteRequest = { ...writer, modelId: id, model }
  const worker = new Worker(WRITER, {
    workerData: request,
    transferList: [model.offsets.buffer, model.targets.buffer, model.scores.buffer] as ArrayBuffer[],
  })
  return new Promise((resolve, reject) => {
    let written: number | null = null
    // Rejected once the thread is gone (below), its socket with it: the caller's DROP TABLE then
    // waits only for PostgreSQL to see the connection closed and roll the COPY back.
    let aborted = false
    const onAbort = () => {
      aborted = true
      void worker.terminate()
    }
    hooks.signal?.addEventListener('abort', onAbort, { once: true })
    worker.on('message', (message: WriteMessage) => {
      if (message.type === 'written') written = message.rows
      hooks.onRows?.(message.rows)
    })
    let failure: unknown = null
    worker.on('error', (error) => {
      failure = error
    })
    // Settled once the thread has ended (one exit event), whatever the outcome: its connection is
    // closed by then.
    worker.once('exit', (code) => {
      hooks.signal?.removeEventListener('abort', onAbort)
      if (aborted) reject(hooks.signal?.reason)
      else if (failure !== null) reject(failure)
      else if (written !== null && code === 0) resolve(written)
      else reject(new Error(`neighbour writer exited with code ${code}`))
    })
  })
}
