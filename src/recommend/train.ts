/**
 * One training run, as `npm run recommender -- train` and the retrain reactor do it: read the
 * interaction read models into the feedback matrix (feedbackWeight per user and movie, with when
 * each relation began) in one snapshot (readFeedbackSnapshot), select and train the model
 * (selectModel: every candidate tuned and compared on a temporal split, the winner trained on
 * everything), both on a worker thread on a server (deps.writer: the worker reads over its own
 * connection) so the event loop stays free; in embedded mode the reading is the event loop's and
 * only the selection the worker's. Then write its neighbour table (from another worker thread over its own
 * connection on a server: deps.writer), publish it atomically with the selection's report,
 * and append ModelTrained, report included, on the job stream. Interrupting it (signal) stops the
 * worker and discards the half-written table; the serving model stays as it was.
 */
import type { Kysely } from 'kysely'
import type pg from 'pg'
import type { Database } from '../db/schema.ts'
import { jobStream } from '../domain/job/job.ts'
import type { EventStore } from '../event-store/contract.ts'
import { handleCommand } from '../write/handle-command.ts'
import { matrixSize } from './feedback-matrix.ts'
import { readFeedbackSnapshot } from './feedback-snapshot.ts'
import type { ModelName } from './model.ts'
import { activateModel, beginModel, discardModel, writeNeighbours } from './model-store.ts'
import {
  type NeighbourWriter,
  readAndSelectModelOffThread,
  type SelectionOutcome,
  selectModelOffThread,
  writeNeighboursOffThread,
} from './off-thread.ts'
import type { SelectionReport } from './selection.ts'
import { trainingDecider } from './training-job.ts'

/**
 * Where the feedback is read and the neighbour table written: with `writer` (a server), from worker
 * threads over a connection of their own, one after the other (readAndSelectModelOffThread,
 * writeNeighboursOffThread: neither the relations' rows nor the neighbours' text enter this
 * thread's heap); without it, on this thread over `db` and a client of `pool` (embedded mode:
 * PGlite lives in this process, on its one connection).
 */
export type TrainingDeps = {
  db: Kysely<Database>
  store: EventStore
  writer?: NeighbourWriter | null
  pool?: pg.Pool | null
}

export type TrainingOptions = {
  jobId: string
  /** `auto` (the default): select; a candidate's name: train that one without comparing. */
  model?: ModelName
  /** Who asked (an actor id on the job event's metadata), null for the system. */
  actorId?: string | null
  /** The Idempotency-Key of the ModelTrained append (a reactor derives it from its trigger). */
  idempotencyKey?: string | null
  signal?: AbortSignal
  /** A new stage with the count its progress goes to. */
  onStage?: (stage: 'reading' | 'training' | 'writing', total: number) => void
  onProgress?: (done: number) => void
  /** What the selection is doing (validating a candidate, training the winner...). */
  onSelection?: (step: string) => void
  now?: () => Date
}

export type TrainingOutcome = {
  modelId: number
  model: string
  users: number
  items: number
  interactions: number
  neighbours: number
  durationMs: number
  report: SelectionReport
}

export async function trainRecommender(
  deps: TrainingDeps,
  options: TrainingOptions,
): Promise<TrainingOutcome> {
  const { writer, pool } = deps
  // Known before minutes of training, not after.
  if (!writer && !pool)
    throw new Error('trainRecommender needs a writer (a server) or a pool (embedded mode)')
  const started = performance.now()
  const now = options.now ?? (() => new Date())
  const only = options.model === undefined || options.model === 'auto' ? null : options.model
  // The reading stage (readFeedbackSnapshot), then selection and training on a worker thread: the
  // process's projections and requests keep being served meanwhile. On a server the worker reads
  // too, over a connection of its own (`writer`'s URL and application_name, closed before the
  // neighbour writer opens its own): the relations' rows, the per-relation objects and their
  // collection (tens of milliseconds of scavenges and mark-compact on the event loop) are the
  // worker's. Embedded mode reads here, over the one connection, and hands the matrix's arrays over
  // (moved, not copied).
  let feedbackEvents: number
  let stats: { users: number; items: number; interactions: number }
  let selected: SelectionOutcome
  const selection = {
    signal: options.signal,
    onStage: options.onSelection,
    onProgress: (done: number) => options.onProgress?.(done),
  }
  if (writer) {
    const outcome = await readAndSelectModelOffThread(writer, only, {
      ...selection,
      onReading: (total) => options.onStage?.('reading', total),
      onRows: options.onProgress,
      onRead: (read) => options.onStage?.('training', read.items),
    })
    const { feedbackEvents: counted, ...size } = outcome.read
    feedbackEvents = counted
    stats = size
    selected = outcome
  } else {
    const snapshot = await readFeedbackSnapshot(deps.db, {
      signal: options.signal,
      onTotal: (total) => options.onStage?.('reading', total),
      onRows: options.onProgress,
    })
    feedbackEvents = snapshot.feedbackEvents
    stats = matrixSize(snapshot.matrix)
    options.onStage?.('training', stats.items)
    selected = await selectModelOffThread(snapshot, only, selection)
  }
  const { model: trained, report } = selected
  options.onStage?.('writing', trained.targets.length)
  const id = await beginModel(deps.db, report.chosenModel)
  let neighbours = 0
  const trainedAt = now()
  try {
    neighbours = writer
      ? await writeNeighboursOffThread(writer, id, trained, {
          signal: options.signal,
          onRows: options.onProgress,
        })
      : await writeNeighbours(pool as pg.Pool, id, trained, options.onProgress, options.signal)
    options.signal?.throwIfAborted()
    const durationMs = performance.now() - started
    await activateModel(deps.db, id, {
      ...stats,
      durationMs,
      jobId: options.jobId,
      trainedAt,
      feedbackEvents,
      report,
    })
  } catch (error) {
    await discardModel(deps.db, id)
    throw error
  }
  const outcome: TrainingOutcome = {
    modelId: id,
    model: report.chosenModel,
    ...stats,
    neighbours,
    durationMs: Math.round(performance.now() - started),
    report,
  }
  await handleCommand(
    deps.store,
    jobStream(options.jobId),
    trainingDecider,
    {
      type: 'RecordTraining',
      data: {
        jobId: options.jobId,
        model: outcome.model,
        trainedAt: trainedAt.toISOString(),
        users: outcome.users,
        items: outcome.items,
        interactions: outcome.interactions,
        durationMs: outcome.durationMs,
        metrics: { modelId: id, neighbours },
        selection: report,
      },
    },
    { metadata: { actorId: options.actorId ?? null }, idempotencyKey: options.idempotencyKey ?? null },
  )
  return outcome
}
