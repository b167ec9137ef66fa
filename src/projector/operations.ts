/**
 * What operators do to projections: rebuild (blue-green), reset (drop and start over) and skip a
 * poison event. Scripts (scripts/projections.ts) and the projector call these.
 */
import { type Kysely, sql } from 'kysely'
import type { Database } from '../db/schema.ts'
import { isPosition, type Position } from '../event-store/contract.ts'
import {
  activateGeneration,
  activeGeneration,
  checkpointKey,
  createGeneration,
  createIndexes,
  dropGeneration,
  ensureProjections,
  foldStaging,
  lastGeneration,
  readGeneration,
  writeKey,
} from './generations.ts'
import { type Lease, type LeaseSource, takeLease } from './lease.ts'
import { generationSchema, type Projection } from './projection.ts'
import {
  type EngineContext,
  type GenerationTarget,
  PoisonEventError,
  type Progress,
  releaseHeartbeat,
  runGenerations,
} from './run-generation.ts'

export type OperationContext = EngineContext & LeaseSource

/**
 * Events per batch of a rebuild unless told otherwise (`--batch-size`). 20,000 cost 20% less CPU
 * than 5,000 (docs/benchmarks.md), but readers see the log only up to the oldest transaction still
 * writing in this database (VISIBLE_END in read-log.ts): a rebuild batch's transaction holds back the live
 * projections and read-your-writes of every process while it commits, so batches stay short.
 */
export const REBUILD_BATCH_SIZE = 5_000

/**
 * Batches a rebuild's quick projections may run ahead of its slowest (runGenerations' `lookahead`):
 * the slow ones (movies' counters, user_activity) then write back to back while the others and the
 * reading of the log use the other core, instead of every batch waiting for the slowest.
 */
export const REBUILD_LOOKAHEAD = 4

/** A rebuild's batch transactions at once, whatever the pool (runGenerations' `concurrency`). */
export const REBUILD_CONCURRENCY = 3

/**
 * Generations a rebuild finishes at once once caught up (staging folded, indexes built, tables
 * analysed): the script's pool has 2 connections, and each of these is one backend's work.
 */
export const REBUILD_FINISH_CONCURRENCY = 2

/** Runs `work` over `items`, at most `limit` at once; waits for all, then throws the first failure. */
async function eachAtMost<T>(limit: number, items: readonly T[], work: (item: T) => Promise<void>) {
  let next = 0
  const failures: unknown[] = []
  const worker = async () => {
    while (next < items.length) {
      const item = items[next++] as T
      await work(item).catch((error: unknown) => {
        failures.push(error)
        next = items.length
      })
    }
  }
  await Promise.all(Array.from({ length: Math.min(limit, items.length) }, worker))
  if (failures.length > 0) throw failures[0]
}

export class OperationError extends Error {
  constructor(message: string) {
    super(message)
    this.name = 'OperationError'
  }
}

/**
 * Blue-green rebuild: the next generation fills its own tables or keys from the start of the log
 * while the active one keeps serving; once caught up with the head it becomes the active one in one
 * transaction and the old one is dropped. Interrupted, it resumes from its own checkpoint next time.
 */
export async function rebuildProjection(
  projection: Projection,
  context: OperationContext,
  options: {
    signal: AbortSignal
    batchSize?: number
    onProgress?: (progress: Progress & { generation: number }) => void
  },
): Promise<'swapped' | 'interrupted'> {
  let generation = 0
  const outcome = await rebuildProjections([projection], context, {
    ...options,
    onStart: (generations) => {
      generation = generations[0] ?? 0
    },
    onProgress: (progress) => options.onProgress?.({ ...progress, generation }),
  })
  if (outcome.poisoned.length > 0) throw new OperationError(`${projection.name} stopped on a poison event`)
  return outcome.result
}

/**
 * A rebuild stopped on a poison event: its generation stays `stopped` (not active, the old one
 * serves) until an operator skips the event or fixes the handler; running the rebuild again
 * resumes that generation from its checkpoint.
 */
export class RebuildStoppedError extends OperationError {
  readonly generation: number
  readonly event: PoisonEventError['event']

  constructor(projection: string, generation: number, poison: PoisonEventError) {
    const { event } = poison
    super(
      `the rebuild of ${projection} (generation ${generation}) stopped on event ${event.id} ` +
        `(${event.type} at ${event.position}): ${poison.cause instanceof Error ? poison.cause.message : String(poison.cause)}. ` +
        `The active generation keeps serving. Fix the cause and run "npm run projections -- rebuild ${projection}" ` +
        `again, or move past the event: npm run projections -- skip ${projection} ${event.position}, then rebuild again`,
    )
    this.name = 'RebuildStoppedError'
    this.generation = generation
    this.event = event
  }
}

/**
 * Blue-green rebuild of several projections from one pass over the log: each fills its own next
 * generation, and each takes over once the pass has caught up with the head. A projection stopped
 * by a poison event stays on its old generation (reported in `poisoned`) while the others swap.
 */
export async function rebuildProjections(
  projections: readonly Projection[],
  context: OperationContext,
  options: {
    signal: AbortSignal
    batchSize?: number
    onStart?: (generations: number[]) => void
    onProgress?: (progress: Progress) => void
  },
): Promise<{ result: 'swapped' | 'interrupted'; poisoned: string[] }> {
  const leases: Lease[] = []
  try {
    for (const projection of projections) {
      const lease = await takeLease(context, `rebuild:${projection.name}`)
      if (!lease) throw new OperationError(`a rebuild of ${projection.name} is already running elsewhere`)
      leases.push(lease)
    }
    await ensureProjections(context.db, projections, context.redis)
    const targets: GenerationTarget[] = []
    for (const projection of projections) {
      const generation = await buildingGeneration(context.db, projection, context)
      context.logger.info({ projection: projection.name, generation }, 'rebuilding into a new generation')
      const lease = leases[targets.length] as Lease
      targets.push({ projection, generation, fence: lease.fence })
    }
    options.onStart?.(targets.map((target) => target.generation))
    const poisoned: string[] = []
    // A stopped generation is left to the operator: nobody runs it once this rebuild ends.
    const release = (target: GenerationTarget) =>
      releaseHeartbeat(context.db, target.projection.name, target.generation)
    let outcome: Awaited<ReturnType<typeof runGenerations>>
    try {
      outcome = await runGenerations(targets, context, {
        signal: AbortSignal.any([options.signal, ...leases.map((lease) => lease.lost)]),
        untilCaughtUp: true,
        caughtUpState: 'building',
        batchSize: options.batchSize ?? REBUILD_BATCH_SIZE,
        lingerMs: 20,
        lookahead: REBUILD_LOOKAHEAD,
        concurrency: REBUILD_CONCURRENCY,
        onProgress: options.onProgress,
        onPoison: (target) => poisoned.push(target.projection.name),
      })
    } catch (error) {
      // The last target left stopped: runGenerations throws its poison event.
      const target = targets.find((t) => !poisoned.includes(t.projection.name))
      if (!(error instanceof PoisonEventError) || !target) throw error
      for (const t of targets) await release(t)
      throw new RebuildStoppedError(target.projection.name, target.generation, error)
    }
    for (const target of targets) if (poisoned.includes(target.projection.name)) await release(target)
    if (outcome !== 'caught_up') return { result: 'interrupted', poisoned }
    const finished = targets.filter((target) => !poisoned.includes(target.projection.name))
    // Each generation's staged rows folded, its indexes built and its tables analysed, a few
    // generations at a time: each is one backend's work, and done one after the other they left
    // a core idle at the end of every rebuild.
    await eachAtMost(REBUILD_FINISH_CONCURRENCY, finished, async ({ projection, generation }) => {
      if (projection.kind !== 'postgres') return
      await foldStaging(context.db, projection, generation)
      await createIndexes(context.db, projection, generation)
      // Fresh tables have no planner statistics: without them the first queries on the new
      // generation pick bad plans (measured: a catalogue list at 165 instead of 955 req/s).
      for (const table of projection.tables) {
        await sql`ANALYZE ${sql.id(generationSchema(projection.name, generation), table)}`.execute(context.db)
      }
    })
    for (const { projection, generation } of finished) {
      const previous = await activateGeneration(context.db, projection, generation, context.redis)
      await context.db
        .updateTable('projection_generations')
        .set({ state: 'catching_up', updated_at: new Date() })
        .where('name', '=', projection.name)
        .where('generation', '=', generation)
        .execute()
      if (previous !== null && previous !== generation) {
        await dropGeneration(context.db, projection, previous, context.redis)
      }
      context.logger.info(
        { projection: projection.name, generation, replaced: previous },
        'rebuilt generation is active',
      )
    }
    return { result: 'swapped', poisoned }
  } finally {
    for (const lease of leases) await lease.release()
  }
}

/**
 * The generation a rebuild continues (same version, not yet active: half-built, or stopped on a
 * poison event that an operator has fixed or skipped since) or a new one.
 */
async function buildingGeneration(
  db: Kysely<Database>,
  projection: Projection,
  context: OperationContext,
): Promise<number> {
  const active = await activeGeneration(db, projection.name)
  const building = await db
    .selectFrom('projection_generations')
    .select(['generation', 'version', 'state'])
    .where('name', '=', projection.name)
    .where('state', 'in', ['building', 'stopped'])
    .orderBy('generation', 'desc')
    .execute()
  for (const row of building) {
    if (row.generation === active) continue
    if (row.version === projection.version) {
      if (row.state === 'stopped') {
        // Retried from its checkpoint: stopped again on the same event unless the cause is gone.
        await db
          .updateTable('projection_generations')
          .set({ state: 'building', error: null, updated_at: new Date() })
          .where('name', '=', projection.name)
          .where('generation', '=', row.generation)
          .where('state', '=', 'stopped')
          .execute()
      }
      return row.generation
    }
    // A half-built generation of another version is of no use any more.
    await dropGeneration(db, projection, row.generation, context.redis)
  }
  const generation = (await lastGeneration(db, projection.name)) + 1
  await createGeneration(db, projection, generation, 'building')
  return generation
}

/** Drops the projection's data and starts it over from the start of the log (served while it fills). */
export async function resetProjection(projection: Projection, context: OperationContext): Promise<number> {
  await ensureProjections(context.db, [projection], context.redis)
  const generation = (await lastGeneration(context.db, projection.name)) + 1
  await createGeneration(context.db, projection, generation, 'catching_up')
  const previous = await activateGeneration(context.db, projection, generation, context.redis)
  const others = await context.db
    .selectFrom('projection_generations')
    .select('generation')
    .where('name', '=', projection.name)
    .where('generation', '<>', generation)
    .execute()
  for (const { generation: old } of others) await dropGeneration(context.db, projection, old, context.redis)
  context.logger.info({ projection: projection.name, generation, replaced: previous }, 'projection reset')
  return generation
}

/**
 * Moves a stopped generation's checkpoint to `position` (the poison event's position skips exactly
 * that event) and lets it run again: the active generation (the projector resumes it) or one being
 * rebuilt (the next `rebuild` continues it). When both are stopped, the one stopped at `position`.
 * Answers the generation moved.
 */
export async function skipTo(
  projection: Projection,
  position: Position,
  context: OperationContext,
): Promise<number> {
  if (!isPosition(position)) throw new OperationError(`${position} is not a position token`)
  const active = await activeGeneration(context.db, projection.name)
  if (active === null) throw new OperationError(`${projection.name} has no active generation`)
  const stopped = await context.db
    .selectFrom('projection_generations')
    .selectAll()
    .where('name', '=', projection.name)
    .where('state', '=', 'stopped')
    .orderBy('generation')
    .execute()
  const row =
    stopped.length > 1 ? stopped.find((candidate) => candidate.error?.position === position) : stopped[0]
  if (!row) {
    if (stopped.length > 1)
      throw new OperationError(
        `${projection.name} has several stopped generations (${stopped.map((g) => `${g.generation} at ${g.error?.position}`).join(', ')}): name the position of one's poison event`,
      )
    const state = (await readGeneration(context.db, projection.name, active))?.state
    throw new OperationError(`${projection.name} is ${state}, not stopped: nothing to skip`)
  }
  const generation = row.generation
  if (position < row.position)
    throw new OperationError(`${position} is before the checkpoint ${row.position}`)
  if (position > (await context.store.headPosition()))
    throw new OperationError(`${position} is past the head of the log`)
  if (projection.kind === 'redis') {
    if (!context.redis) throw new OperationError(`${projection.name} needs Redis`)
    await writeKey(
      context.redis,
      checkpointKey(context.redis.keyPrefix, projection.name, generation),
      position,
    )
  }
  await context.db
    .updateTable('projection_generations')
    .set({
      position,
      // The skipped event was not applied, but what changed the catalogue since is not known here.
      catalogue_position: position,
      state: generation === active ? 'catching_up' : 'building',
      error: null,
      updated_at: new Date(),
    })
    .where('name', '=', projection.name)
    .where('generation', '=', generation)
    .where('state', '=', 'stopped')
    .execute()
  context.logger.info({ projection: projection.name, generation, position }, 'skipped to position')
  return generation
}
