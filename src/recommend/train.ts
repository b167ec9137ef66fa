/**
 * One training run, as `npm run recommender -- train` and the retrain reactor do it: read the
 * interaction read models into the feedback matrix (feedbackWeight per user and movie, with when
 * each relation began) in one snapshot, select and train the model (selectModel: every candidate
 * tuned and compared on a temporal split, the winner trained on everything; on a worker thread so
 * the event loop stays free), write its neighbour table (from another worker thread over its own
 * connection on a server: deps.writer), publish it atomically with the selection's report,
 * and append ModelTrained, report included, on the job stream. Interrupting it (signal) stops the
 * worker and discards the half-written table; the serving model stays as it was.
 */
import { setImmediate } from 'node:timers/promises'
import type { Kysely } from 'kysely'
import type pg from 'pg'
import type { Database } from '../db/schema.ts'
import { jobStream } from '../domain/job/job.ts'
import type { EventStore } from '../event-store/contract.ts'
import { handleCommand } from '../write/handle-command.ts'
import { feedbackWeight, isPositive } from './feedback.ts'
import { createMatrixBuilder } from './feedback-matrix.ts'
import { allUserRelations, countRelations, interactionEventCount } from './feedback-source.ts'
import type { ModelName } from './model.ts'
import { activateModel, beginModel, discardModel, writeNeighbours } from './model-store.ts'
import { type NeighbourWriter, selectModelOffThread, writeNeighboursOffThread } from './off-thread.ts'
import type { SelectionReport } from './selection.ts'
import { trainingDecider } from './training-job.ts'

/**
 * Where the neighbour table is written: with `writer` (a server), from a worker thread over a
 * connection of its own (writeNeighboursOffThread: the rows' text never enters this thread's heap);
 * without it, over a client of `pool` on this thread (embedded mode: PGlite lives in this process,
 * on its one connection).
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
  // One snapshot (REPEATABLE READ): the relations are read as of one instant, and the count of
  // interaction events the model stands for (what "interactions since the model" counts from) is
  // taken in that same instant.
  const { matrix, positive, feedbackEvents } = await deps.db
    .transaction()
    .setIsolationLevel('repeatable read')
    .setAccessMode('read only')
    .execute(async (trx) => {
      const feedbackEvents = await interactionEventCount(trx)
      options.onStage?.('reading', await countRelations(trx))
      const builder = createMatrixBuilder()
      // Parallel to the matrix's entries: relations are one per movie, added in order.
      const positive: number[] = []
      let users = 0
      // Pages of 25 users (~3,700 rows at MovieLens' density), not the default 500: a page's rows
      // arrive and are decoded at once, and its row objects live until its last user is taken; 75,000
      // of them held the event loop for 60-300 ms, decoding them and later collecting them.
      for await (const user of allUserRelations(trx, { pageUsers: 25, onRows: options.onProgress })) {
        options.signal?.throwIfAborted()
        const kept = user.relations
          .map((r) => ({
            movieId: r.movieId,
            weight: feedbackWeight(r.signals),
            at: r.at,
            liked: isPositive(r.signals),
          }))
          .filter((r) => r.weight > 0)
        builder.addUser(kept)
        for (const r of kept) positive.push(r.liked ? 1 : 0)
        // A page of users arrives at once: let timers and requests run every 10 of its users.
        if (++users % 10 === 0) await setImmediate()
      }
      return { matrix: builder.build(), positive: Uint8Array.from(positive), feedbackEvents }
    })
  const stats = {
    users: matrix.userCount,
    items: matrix.itemIds.length,
    interactions: matrix.userItems.length,
  }
  options.onStage?.('training', stats.items)
  // On a worker thread: the process's projections and requests keep being served meanwhile. The
  // matrix's arrays move to the worker (stats are taken above).
  const { model: trained, report } = await selectModelOffThread({ matrix, positive }, only, {
    signal: options.signal,
    onStage: options.onSelection,
    onProgress: (done) => options.onProgress?.(done),
  })
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
