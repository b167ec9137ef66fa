/**
 * One training run, as `npm run recommender -- train` and the retrain reactor do it: read the
 * interaction read models into the feedback matrix (feedbackWeight per user and movie), train the
 * production model (trainModel, the function the offline evaluation measures), publish its
 * neighbour table atomically, and append ModelTrained on the job stream. Interrupting it (signal)
 * discards the half-written table; the serving model stays as it was.
 */
import type { Kysely } from 'kysely'
import type pg from 'pg'
import type { Database } from '../db/schema.ts'
import { jobStream } from '../domain/job/job.ts'
import type { EventStore } from '../event-store/contract.ts'
import { handleCommand } from '../write/handle-command.ts'
import { feedbackWeight } from './feedback.ts'
import { createMatrixBuilder } from './feedback-matrix.ts'
import { allUserRelations, countRelations } from './feedback-source.ts'
import { describeModel, MODELS, type ModelName, PRODUCTION_MODEL, trainModel } from './model.ts'
import { activateModel, beginModel, discardModel, writeNeighbours } from './model-store.ts'
import { trainingDecider } from './training-job.ts'

export type TrainingDeps = { db: Kysely<Database>; pool: pg.Pool; store: EventStore }

export type TrainingOptions = {
  jobId: string
  model?: ModelName
  /** Who asked (an actor id on the job event's metadata), null for the system. */
  actorId?: string | null
  /** The Idempotency-Key of the ModelTrained append (a reactor derives it from its trigger). */
  idempotencyKey?: string | null
  signal?: AbortSignal
  /** A new stage with the count its progress goes to. */
  onStage?: (stage: 'reading' | 'training' | 'writing', total: number) => void
  onProgress?: (done: number) => void
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
}

export async function trainRecommender(
  deps: TrainingDeps,
  options: TrainingOptions,
): Promise<TrainingOutcome> {
  const started = performance.now()
  const now = options.now ?? (() => new Date())
  const spec = MODELS[options.model ?? PRODUCTION_MODEL]
  options.onStage?.('reading', await countRelations(deps.db))
  const builder = createMatrixBuilder()
  for await (const user of allUserRelations(deps.db, { onRows: options.onProgress })) {
    options.signal?.throwIfAborted()
    builder.addUser(user.relations.map((r) => ({ movieId: r.movieId, weight: feedbackWeight(r.signals) })))
  }
  const matrix = builder.build()
  options.onStage?.('training', matrix.itemIds.length)
  const trained = trainModel(matrix, spec, {
    signal: options.signal,
    onProgress: (done) => options.onProgress?.(done),
  })
  options.onStage?.('writing', trained.targets.length)
  const id = await beginModel(deps.db, describeModel(spec))
  let neighbours = 0
  const trainedAt = now()
  try {
    neighbours = await writeNeighbours(deps.pool, id, trained, options.onProgress)
    options.signal?.throwIfAborted()
    const durationMs = performance.now() - started
    await activateModel(deps.db, id, {
      users: matrix.userCount,
      items: matrix.itemIds.length,
      interactions: matrix.userItems.length,
      durationMs,
      jobId: options.jobId,
      trainedAt,
    })
  } catch (error) {
    await discardModel(deps.db, id)
    throw error
  }
  const outcome: TrainingOutcome = {
    modelId: id,
    model: describeModel(spec),
    users: matrix.userCount,
    items: matrix.itemIds.length,
    interactions: matrix.userItems.length,
    neighbours,
    durationMs: Math.round(performance.now() - started),
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
      },
    },
    { metadata: { actorId: options.actorId ?? null }, idempotencyKey: options.idempotencyKey ?? null },
  )
  return outcome
}
