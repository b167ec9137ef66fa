/**
 * The retrain reactor: follows the interaction events and, once `RECOMMENDER_RETRAIN_AFTER` of them
 * are newer than the serving model (and no sooner than `RECOMMENDER_RETRAIN_MIN_INTERVAL_SECONDS`
 * after that model's training), retrains the recommender (trainRecommender: the `train` command's
 * function) and appends ModelTrained on `job-<id>`, the job id derived from the triggering event's id.
 *
 * The count is not kept here: it is the number of interaction events the recommendation_feedback
 * projection has counted minus the number the serving model's training had seen (both stored,
 * interactionsSinceActiveModel), so a restart, a second process or a manual `train` neither loses
 * nor repeats any. It reacts to whole batches (BatchReactor: one checkpoint move per batch, not per
 * event), waits for the projection to reach the batch before counting, and between counts skips in
 * memory the batches that cannot reach the threshold yet (each interaction event adds exactly one
 * to the count), so a bulk import costs a count now and then, not a query per event. Re-delivered
 * after a crash, a batch counts again: a training that finished finds the count back near zero.
 */
import type pg from 'pg'
import { INTERACTION_EVENT_TYPES, recommendationFeedback } from '../../projections/recommendation-feedback.ts'
import type { Config } from '../config.ts'
import { jobStream } from '../domain/job/job.ts'
import type { StoredEvent } from '../event-store/contract.ts'
import { type BatchReactor, type ReactorContext, reactionKey } from '../projector/projection.ts'
import { waitForProjections } from '../read/serving/consistency.ts'
import { idempotentEventId } from '../write/handle-command.ts'
import { interactionsSinceActiveModel } from './model-store.ts'
import { trainRecommender } from './train.ts'

/** How long a count waits for recommendation_feedback to reach the batch before counting anyway. */
const COUNT_WAIT_MS = 10_000

/**
 * What retraining works with: the configuration, embedded mode's one pool (null on servers), and
 * the hold an embedded first start puts on retraining until the demo's own training (ReactorServices).
 */
export type RetrainServices = {
  config: Config
  embeddedPool: pg.Pool | null
  retrainHold?: { held: boolean }
}

/** The reactor's name, version and events, for listings that run nothing (status, metrics). */
export const retrainDeclaration = {
  kind: 'reactor',
  name: 'recommender_retrain',
  version: 1,
  handles: INTERACTION_EVENT_TYPES,
} as const

export function createRetrainReactor(services: RetrainServices): BatchReactor {
  // Memory only, and only ever an under-estimate of what may be skipped: a restart counts at once.
  let skip = 0
  let notBefore = 0

  async function reactToBatch(events: StoredEvent[], context: ReactorContext): Promise<void> {
    const { config } = services
    const threshold = config.recommenderRetrainAfter
    const trigger = events.at(-1)
    if (threshold === 0 || trigger === undefined) return
    // Held: nothing counted or trained; the first batch after the hold counts from the stored
    // figures (what was skipped in memory before the hold no longer says anything).
    if (services.retrainHold?.held === true) {
      skip = 0
      return
    }
    skip -= events.length
    if (skip > 0 || Date.now() < notBefore) return
    // Count only once the projection that counts has applied this batch.
    const counted = await waitForProjections(
      context.db,
      [recommendationFeedback],
      trigger.position,
      COUNT_WAIT_MS,
    )
    if (!counted)
      context.logger.warn(
        { reactor: 'recommender_retrain', position: trigger.position },
        'recommendation_feedback lags: counting what it has',
      )
    const pending = await interactionsSinceActiveModel(context.db)
    if (pending.since < threshold) {
      // Each later interaction event adds one: nothing can happen before this many more.
      if (counted) skip = threshold - pending.since
      return
    }
    const interval = config.recommenderRetrainMinIntervalSeconds * 1000
    const trainedAt = pending.trainedAt?.getTime() ?? 0
    if (Date.now() - trainedAt < interval) {
      notBefore = trainedAt + interval
      return
    }
    const jobId = idempotentEventId('recommender', trigger.id, 'retrain', 0)
    for await (const _ of context.store.readStream(jobStream(jobId), { limit: 1 })) return
    // The feedback is read, then the neighbour table written, from worker threads over one
    // connection of their own at a time (`nexus-retrain`, counted in the process's budget), each
    // opened for the reading's or the write's length. Embedded mode has one connection for
    // everything: the reading and the COPY are this thread's, over its pool.
    const { embeddedPool } = services
    const { databaseUrl } = config
    if (embeddedPool === null && databaseUrl === null) throw new Error('retraining needs DATABASE_URL')
    const outcome = await trainRecommender(
      {
        db: context.db,
        store: context.store,
        ...(embeddedPool === null
          ? { writer: { databaseUrl: databaseUrl as string, applicationName: 'nexus-retrain' } }
          : { pool: embeddedPool }),
      },
      {
        jobId,
        model: config.recommenderModel,
        signal: context.signal,
        idempotencyKey: reactionKey(trigger, 'retrain:outcome'),
      },
    )
    skip = 0
    context.logger.info(
      {
        reactor: 'recommender_retrain',
        jobId,
        modelId: outcome.modelId,
        interactions: pending.since,
        durationMs: outcome.durationMs,
      },
      'recommender retrained',
    )
  }

  return {
    ...retrainDeclaration,
    maxAttempts: 2,
    react: (event, context) => reactToBatch([event], context),
    reactToBatch,
    async giveUp(event, error, context) {
      // A failed training changes nothing served; the next batch of interactions counts again.
      skip = 0
      context.logger.error(
        { reactor: 'recommender_retrain', eventId: event.id, err: error },
        'retraining failed',
      )
    },
  }
}
