/**
 * The projector: for every projection, take its lease (or wait as a hot standby), then run its
 * active generation live; follow swaps made by rebuilds; rebuild blue-green when the code's version
 * differs from the active generation's; wait for an operator after a poison event. One projection
 * failing never stops the others.
 */
import { setTimeout as sleep } from 'node:timers/promises'
import {
  activeGeneration,
  activeKeyMissing,
  ensureProjections,
  healRedisGeneration,
  readGeneration,
} from './generations.ts'
import { type Lease, takeLease } from './lease.ts'
import { type OperationContext, RebuildStoppedError, rebuildProjection } from './operations.ts'
import type { Projection } from './projection.ts'
import { heartbeatStopped, LostCheckpointError, PoisonEventError, runGeneration } from './run-generation.ts'

export type ProjectorOptions = OperationContext & {
  signal: AbortSignal
  batchSize?: number
  /** How often a standby tries to take the lease. */
  standbyRetryMs?: number
}

/** How often a projector holding a stopped generation checks for the operator's skip (and beats). */
const STOPPED_CHECK_MS = 2_000

const pause = (ms: number, signal: AbortSignal) => sleep(ms, undefined, { signal }).catch(() => {})

export async function runProjector(
  projections: readonly Projection[],
  options: ProjectorOptions,
): Promise<void> {
  await ensureProjections(options.db, projections, options.redis)
  await Promise.all(projections.map((projection) => supervise(projection, options)))
}

async function supervise(projection: Projection, options: ProjectorOptions): Promise<void> {
  const { logger, signal } = options
  let standby = false
  while (!signal.aborted) {
    let lease: Awaited<ReturnType<typeof takeLease>>
    try {
      lease = await takeLease(options, `projection:${projection.name}`)
    } catch (error) {
      logger.warn(
        { projection: projection.name, err: error },
        'cannot reach PostgreSQL for the lease, retrying',
      )
      await pause(options.standbyRetryMs ?? 1_000, signal)
      continue
    }
    if (!lease) {
      if (!standby)
        logger.info({ projection: projection.name }, 'another process runs this projection: standing by')
      standby = true
      await pause(options.standbyRetryMs ?? 1_000, signal)
      continue
    }
    standby = false
    logger.info({ projection: projection.name, owner: options.owner }, 'lease taken')
    try {
      await workWhileLeased(projection, options, AbortSignal.any([signal, lease.lost]), lease)
    } catch (error) {
      logger.error({ projection: projection.name, err: error }, 'projection supervisor failed, retrying')
      await pause(1_000, signal)
    } finally {
      await lease.release()
    }
  }
}

async function workWhileLeased(
  projection: Projection,
  options: ProjectorOptions,
  stop: AbortSignal,
  lease: Lease,
): Promise<void> {
  const { db, logger } = options
  while (!stop.aborted) {
    const active = await activeGeneration(db, projection.name)
    if (active === null) {
      await ensureProjections(db, [projection], options.redis)
      continue
    }
    const row = await readGeneration(db, projection.name, active)
    if (!row) {
      await pause(500, stop)
      continue
    }
    if (row.version !== projection.version) {
      if (await stoppedRebuild(projection, options, stop)) continue
      logger.info(
        { projection: projection.name, active: row.version, code: projection.version },
        'new projection version: rebuilding blue-green while the old generation serves',
      )
      try {
        await rebuildProjection(projection, options, { signal: stop, batchSize: options.batchSize })
      } catch (error) {
        // Left stopped for an operator (status names the event); the next round holds it.
        if (!(error instanceof RebuildStoppedError)) throw error
        logger.error({ projection: projection.name, err: error }, 'rebuild stopped on a poison event')
      }
      continue
    }
    if (row.state === 'stopped') {
      // Stopped on a poison event: an operator decides (projections skip). Check again shortly,
      // beating meanwhile so status shows this process holds it.
      await heartbeatStopped(db, projection.name, active, options.owner)
      await pause(STOPPED_CHECK_MS, stop)
      continue
    }
    let lastCheck = Date.now()
    try {
      const redis = options.redis
      if (projection.kind === 'redis' && redis) {
        const healing = await healRedisGeneration(db, projection, active, redis, lease.fence)
        if (healing !== 'intact') {
          logger.warn(
            { projection: projection.name, generation: active, healing },
            healing === 'refilling'
              ? 'Redis lost this projection: refilling it from the log'
              : 'Redis lost the active generation key: restored',
          )
          if (healing === 'refilling') continue
        }
      }
      await runGeneration(projection, active, options, {
        signal: stop,
        batchSize: options.batchSize,
        fence: lease.fence,
        shouldStop: async () => {
          if (Date.now() - lastCheck < 500) return false
          lastCheck = Date.now()
          if (options.redis && (await activeKeyMissing(options.redis, projection))) return true
          return (await activeGeneration(db, projection.name)) !== active
        },
      })
    } catch (error) {
      if (stop.aborted) return
      const stillActive = (await activeGeneration(db, projection.name)) === active
      if (!stillActive) continue
      if (error instanceof PoisonEventError) continue
      if (error instanceof LostCheckpointError) {
        logger.warn(
          { projection: projection.name, generation: active },
          'checkpoint moved elsewhere; re-reading it',
        )
        continue
      }
      logger.warn(
        { projection: projection.name, err: error },
        'projection failed, resuming from its checkpoint',
      )
      await pause(1_000, stop)
    }
  }
}

/**
 * A rebuild to the code's version that stopped on a poison event waits for an operator, like a
 * stopped active generation (rebuilding it again would only stop on the same event): answers
 * whether there is one, holding it meanwhile.
 */
async function stoppedRebuild(
  projection: Projection,
  options: ProjectorOptions,
  stop: AbortSignal,
): Promise<boolean> {
  const stopped = await options.db
    .selectFrom('projection_generations')
    .select('generation')
    .where('name', '=', projection.name)
    .where('version', '=', projection.version)
    .where('state', '=', 'stopped')
    .executeTakeFirst()
  if (!stopped) return false
  await heartbeatStopped(options.db, projection.name, stopped.generation, options.owner)
  await pause(STOPPED_CHECK_MS, stop)
  return true
}
