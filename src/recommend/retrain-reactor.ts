/**
 * The retrain reactor: follows every interaction event and, after `RECOMMENDER_RETRAIN_AFTER` of
 * them (and no sooner than `RECOMMENDER_RETRAIN_MIN_INTERVAL_SECONDS` after its last training),
 * retrains the recommender (trainRecommender: the `train` command's function) and appends
 * ModelTrained on `job-<id>`, the job id derived from the triggering event's id. Re-delivered after a
 * crash, the trigger finds its job finished and trains nothing. The count lives in memory: a restart
 * starts it over, so at worst one more batch of interactions waits for the next training.
 */
import pg from 'pg'
import { INTERACTION_EVENT_TYPES } from '../../projections/recommendation-feedback.ts'
import { jobStream } from '../domain/job/job.ts'
import { type Reactor, reactionKey } from '../reactors/reactor.ts'
import { idempotentEventId } from '../write/handle-command.ts'
import { trainRecommender } from './train.ts'

export function createRetrainReactor(): Reactor {
  let seen = 0
  let lastTrainedAt = 0
  let pool: pg.Pool | null = null
  return {
    kind: 'reactor',
    name: 'recommender_retrain',
    version: 1,
    handles: INTERACTION_EVENT_TYPES,
    maxAttempts: 2,
    async react(event, context) {
      const { config } = context.services
      if (config.recommenderRetrainAfter === 0) return
      seen++
      if (seen < config.recommenderRetrainAfter) return
      if (Date.now() - lastTrainedAt < config.recommenderRetrainMinIntervalSeconds * 1000) return
      const jobId = idempotentEventId('recommender', event.id, 'retrain', 0)
      for await (const _ of context.store.readStream(jobStream(jobId), { limit: 1 })) {
        // This trigger's training already finished (a re-delivery): nothing to do.
        seen = 0
        return
      }
      // COPY needs a pg client of its own; one connection is enough for one training at a time.
      // Embedded mode has one connection for everything: its pool serves (and takes COPY).
      const { embeddedPool } = context.services
      if (pool === null && embeddedPool === null) {
        pool = new pg.Pool({
          connectionString: config.databaseUrl ?? undefined,
          max: 1,
          idleTimeoutMillis: 1_000,
          application_name: 'nexus-retrain',
        })
        pool.on('error', () => {})
      }
      const outcome = await trainRecommender(
        { db: context.db, pool: embeddedPool ?? (pool as pg.Pool), store: context.store },
        { jobId, signal: context.signal, idempotencyKey: reactionKey(event, 'retrain:outcome') },
      )
      seen = 0
      lastTrainedAt = Date.now()
      context.logger.info(
        { reactor: 'recommender_retrain', jobId, modelId: outcome.modelId, durationMs: outcome.durationMs },
        'recommender retrained',
      )
    },
    async giveUp(event, error, context) {
      // A failed training changes nothing served; the next batch of interactions tries again.
      seen = 0
      context.logger.error(
        { reactor: 'recommender_retrain', eventId: event.id, err: error },
        'retraining failed',
      )
    },
  }
}

export const recommenderRetrain = createRetrainReactor()
