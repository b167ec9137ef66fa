/**
 * Runs one generation of a projection: subscribes to the log after its checkpoint, gathers events
 * into batches, and applies each batch together with the checkpoint move, in one PostgreSQL
 * transaction or one Redis script. The move is a compare-and-set on the previous checkpoint, so
 * after a crash, a restart or a split brain nothing is applied twice and nothing is skipped.
 */
import { type ExpressionBuilder, type Kysely, sql } from 'kysely'
import { isConnectionError } from '../db/connection-errors.ts'
import type { Database, GenerationState, PoisonDetails } from '../db/schema.ts'
import { type EventStore, type Position, START, type StoredEvent } from '../event-store/contract.ts'
import { batches, pageBatches } from './batches.ts'
import { checkpointKey, isStaged, type RedisTarget, readGeneration, readKey } from './generations.ts'
import { unfenced } from './lease.ts'
import {
  generationKeyPrefix,
  generationSchema,
  isBatchReactor,
  type PostgresProjection,
  type Projection,
  type ProjectionLogger,
  type Reactor,
  type ReactorContext,
  type RedisCommand,
  type RedisProjection,
} from './projection.ts'
import { reactTo } from './reactor.ts'

export type { ProjectionLogger }

export type EngineContext = {
  store: EventStore
  db: Kysely<Database>
  redis?: RedisTarget
  logger: ProjectionLogger
  /** Who runs it, for status: `<host>/<pid>`. */
  owner: string
}

export type Progress = { position: Position; applied: number; caughtUp: boolean }

export type RunGenerationOptions = {
  signal: AbortSignal
  batchSize?: number
  /** How long a batch waits for more events once it has some (keeps live latency low). */
  lingerMs?: number
  /** Return once caught up with the head of the log (rebuilds) instead of running live. */
  untilCaughtUp?: boolean
  /** The lease this run holds: fences each batch's transaction (see Lease#fence). */
  fence?: Fence
  /** Asked between batches and about every second when idle: true ends the run. */
  shouldStop?: () => Promise<boolean>
  /** The state recorded while caught up: 'live' for the active generation, 'building' for a rebuild. */
  caughtUpState?: GenerationState
  onProgress?: (progress: Progress) => void
  /**
   * How many batches a target may be applied ahead of the slowest target (default 1: every batch
   * is applied to all of them before the next). A rebuild of several projections lets the quick
   * ones run ahead, so the slow ones' statements and the others' keep both PostgreSQL and Node busy
   * instead of every batch waiting for its slowest target.
   */
  lookahead?: number
  /**
   * At most this many targets' batch transactions at once (default: no limit). On 2 cores, 12
   * projections writing side by side cost PostgreSQL half as much CPU again as 2 at a time did
   * (docs/benchmarks.md): the backends contend instead of working. With `lookahead`, a target
   * waiting for its turn does not hold the others back.
   */
  concurrency?: number
}

export type RunOutcome = 'caught_up' | 'stopped'

/** Lease#fence: throws unless the run still holds its lease, and keeps it so until commit. */
export type Fence = (trx: Kysely<Database>) => Promise<void>

/** The handler failed on this event: the projection stops there until an operator skips it. */
export class PoisonEventError extends Error {
  readonly event: StoredEvent

  constructor(projection: string, event: StoredEvent, cause: unknown) {
    super(
      `projection ${projection} failed on event ${event.id} (${event.type} at ${event.position}): ${errorMessage(cause)}`,
      { cause },
    )
    this.name = 'PoisonEventError'
    this.event = event
  }
}

/** Someone else moved the checkpoint: this runner is no longer the owner (or was never). */
export class LostCheckpointError extends Error {
  constructor(projection: string, generation: number) {
    super(`the checkpoint of ${projection} generation ${generation} moved under us`)
    this.name = 'LostCheckpointError'
  }
}

const errorMessage = (error: unknown) => (error instanceof Error ? error.message : String(error))
const HEARTBEAT_MS = 5_000
const REDIS_COMMANDS = new Set([
  'ZINCRBY',
  'ZADD',
  'ZREM',
  'HINCRBY',
  'HINCRBYFLOAT',
  'HSET',
  'HDEL',
  'INCRBY',
  'INCRBYFLOAT',
  'SET',
  'DEL',
  'SADD',
  'SREM',
  'EXPIRE',
  'PEXPIRE',
])

export async function readCheckpoint(
  projection: Projection,
  generation: number,
  context: Pick<EngineContext, 'db' | 'redis'>,
): Promise<Position> {
  if (projection.kind === 'redis') {
    if (!context.redis) throw new Error(`projection ${projection.name} needs Redis`)
    const stored = await readKey(
      context.redis,
      checkpointKey(context.redis.keyPrefix, projection.name, generation),
    )
    return stored ?? START
  }
  const row = await readGeneration(context.db, projection.name, generation)
  if (!row) throw new Error(`projection ${projection.name} has no generation ${generation}`)
  return row.position
}

export async function runGeneration(
  projection: Projection,
  generation: number,
  context: EngineContext,
  options: RunGenerationOptions,
): Promise<RunOutcome> {
  return runGenerations(
    [{ projection, generation, ...(options.fence ? { fence: options.fence } : {}) }],
    context,
    options,
  )
}

export type GenerationTarget = { projection: Projection; generation: number; fence?: Fence }

type TargetState = GenerationTarget & {
  handled: Set<string>
  checkpoint: Position
  write: Writer
  lastHeartbeat: number
  /** The target's batches in flight, one after the other (see `lookahead`). */
  queue: Promise<void>
  /** Failed on a batch: the batches after it in flight apply nothing. */
  failed: boolean
  /** The last event of batches not applied since the checkpoint (nothing to apply; see the dispatch). */
  deferred: StoredEvent | null
}

/**
 * Runs several generations from one pass over the log (a rebuild of everything reads it once):
 * each batch goes to every target past whose checkpoint it reaches, each with its own
 * compare-and-set checkpoint. A target stopped by a poison event is recorded and dropped; with one
 * target left, or only one to begin with, the poison event error is thrown.
 */
export async function runGenerations(
  targets: readonly GenerationTarget[],
  context: EngineContext,
  options: RunGenerationOptions & { onPoison?: (target: GenerationTarget, error: PoisonEventError) => void },
): Promise<RunOutcome> {
  const { store, logger } = context
  const batchSize = options.batchSize ?? 1_000
  const states: TargetState[] = []
  for (const target of targets) {
    states.push({
      ...target,
      handled: new Set(target.projection.handles),
      checkpoint: await readCheckpoint(target.projection, target.generation, context),
      write:
        target.projection.kind === 'postgres'
          ? postgresWriter(target.projection, target.generation, context, target.fence ?? unfenced)
          : target.projection.kind === 'redis'
            ? redisWriter(target.projection, target.generation, context, target.fence ?? unfenced)
            : reactorWriter(
                target.projection,
                target.generation,
                context,
                options.signal,
                target.fence ?? unfenced,
              ),
      lastHeartbeat: 0,
      queue: Promise.resolve(),
      failed: false,
      deferred: null,
    })
  }
  let applied = 0
  let caughtUp = false
  const from = lowestCheckpoint(states)

  // Unfiltered on purpose: the checkpoint then passes every event of the log, so a consistency
  // token from any command is reached even when this projection ignores that command's events.
  const subscription = store.subscribe({ after: from, signal: options.signal, batchSize })
  for (const state of states) {
    logger.info(
      { projection: state.projection.name, generation: state.generation, after: state.checkpoint },
      'projection running',
    )
  }
  // A rebuild takes the log page by page as the store reads it; a live run lingers for more events
  // to fill a batch (see batches).
  const pages = options.caughtUpState === 'building' ? subscription.pages?.() : undefined
  const source = pages
    ? pageBatches(pages, { maxSize: batchSize, idleMs: 1_000 })
    : batches(subscription, { maxSize: batchSize, lingerMs: options.lingerMs ?? 5, idleMs: 1_000 })
  // The next batch is read while this one is applied: reading and writing overlap.
  let upcoming = source.next()
  // Batches handed to the targets and not yet settled for all of them, oldest first (see `lookahead`).
  const inFlight: InFlight[] = []
  const lookahead = Math.max(1, options.lookahead ?? 1)
  const slot = limiter(options.concurrency ?? Number.POSITIVE_INFINITY)
  /** Settles the oldest batch in flight: counts it, records poison events, reports progress. */
  const settleOldest = async () => {
    const { outcomes, last, caughtUp: reached, dispatched } = inFlight.shift() as InFlight
    const settled = await outcomes
    const failed: unknown[] = []
    for (const [index, outcome] of [...settled.entries()].reverse()) {
      const state = dispatched[index] as TargetState
      if (outcome.status === 'fulfilled') {
        applied += outcome.value
        continue
      }
      if (!(outcome.reason instanceof PoisonEventError)) {
        failed.push(outcome.reason)
        continue
      }
      await recordPoison(state, outcome.reason, context)
      states.splice(states.indexOf(state), 1)
      if (targets.length === 1 || states.length === 0) throw outcome.reason
      options.onPoison?.(state, outcome.reason)
    }
    if (failed.length > 0) throw failed[0]
    options.onProgress?.({ position: last.position, applied, caughtUp: reached })
  }
  const settleAll = async () => {
    while (inFlight.length > 0) await settleOldest()
  }
  try {
    for (;;) {
      const step = await upcoming
      if (step.done) break
      const batch = step.value
      upcoming = source.next()
      if (options.signal.aborted) return 'stopped'
      const last = batch.at(-1)
      if (last) {
        const full = batch.length >= batchSize
        caughtUp = !full && last.position >= (await store.headPosition())
        const stateName = caughtUp
          ? (options.caughtUpState ?? 'live')
          : options.caughtUpState === 'building'
            ? 'building'
            : 'catching_up'
        // Each target in its own transaction, side by side: PostgreSQL uses every core. A target
        // takes its batches one after the other (its checkpoint moves batch by batch), but may run
        // up to `lookahead` batches ahead of the slowest one.
        const dispatched = states.filter((state) => !state.failed)
        const outcomes = Promise.allSettled(
          dispatched.map((state) => {
            const run = state.queue.then(() =>
              slot(async () => {
                if (state.failed) return 0
                const events =
                  state.checkpoint < (batch[0] as StoredEvent).position
                    ? batch
                    : batch.filter((event) => event.position > state.checkpoint)
                try {
                  if (events.length === 0) return 0
                  // A generation being built serves nobody and nobody waits for its checkpoint: a
                  // batch with nothing for it costs no transaction (the next one moves the
                  // checkpoint past it), unless it reaches the head or the checkpoint last moved a
                  // heartbeat ago (status shows the rebuild moving).
                  if (
                    options.caughtUpState === 'building' &&
                    !caughtUp &&
                    Date.now() - state.lastHeartbeat < HEARTBEAT_MS &&
                    !events.some((event) => state.handled.has(event.type))
                  ) {
                    state.deferred = events.at(-1) as StoredEvent
                    return 0
                  }
                  return await applyToTarget(state, events, stateName, context)
                } catch (error) {
                  // Its later batches in flight apply nothing: the checkpoint stays where it failed.
                  state.failed = true
                  throw error
                }
              }),
            )
            state.queue = run.then(
              () => {},
              () => {},
            )
            return run
          }),
        )
        inFlight.push({ outcomes, last, caughtUp, dispatched })
        while (inFlight.length >= lookahead || (caughtUp && inFlight.length > 0)) await settleOldest()
        // A turn of the event loop between batches: embedded PGlite answers without ever leaving
        // it, so a catch-up of many batches would otherwise starve HTTP (issue 14: minutes before
        // an embedded restart answered its first request).
        if (!caughtUp) await new Promise<void>((resolve) => setImmediate(resolve))
      } else {
        // Idle: the subscription is at the head.
        await settleAll()
        // Checkpoints left behind batches with nothing to apply move now: a full batch that ended
        // at the head was not known to be the last one.
        for (const state of states) {
          if (state.deferred === null) continue
          await applyToTarget(state, [state.deferred], options.caughtUpState ?? 'live', context)
        }
        if (!caughtUp) {
          const lowest = lowestCheckpoint(states)
          caughtUp = lowest >= (await store.headPosition())
          if (caughtUp) options.onProgress?.({ position: lowest, applied, caughtUp })
        }
        for (const state of states) {
          if (Date.now() - state.lastHeartbeat > HEARTBEAT_MS) {
            await heartbeat(
              context.db,
              state.projection.name,
              state.generation,
              context.owner,
              caughtUp ? (options.caughtUpState ?? 'live') : null,
            )
            state.lastHeartbeat = Date.now()
          }
        }
      }
      if (options.untilCaughtUp && caughtUp) return 'caught_up'
      if (options.shouldStop) {
        await settleAll()
        if (await options.shouldStop()) return 'stopped'
      }
    }
    await settleAll()
    return 'stopped'
  } finally {
    // Nothing is left writing once the run returns or throws (the caller may release the leases
    // or swap the generations next).
    await Promise.allSettled(inFlight.map((batch) => batch.outcomes))
    await subscription.close()
    // A read still in flight ends with the subscription; nobody waits for it.
    upcoming.catch(() => {})
    source.return(undefined).catch(() => {})
  }
}

/** Runs at most `limit` of the functions given at once, the others in the order they came. */
function limiter(limit: number): <T>(work: () => Promise<T>) => Promise<T> {
  let running = 0
  const waiting: (() => void)[] = []
  return async (work) => {
    if (running >= limit) await new Promise<void>((resolve) => waiting.push(resolve))
    else running++
    try {
      return await work()
    } finally {
      const next = waiting.shift()
      if (next) next()
      else running--
    }
  }
}

type InFlight = {
  outcomes: Promise<PromiseSettledResult<number>[]>
  last: StoredEvent
  caughtUp: boolean
  dispatched: TargetState[]
}

/** The earliest checkpoint of the targets (positions are hex tokens: string order is log order). */
function lowestCheckpoint(states: readonly TargetState[]): Position {
  return states.reduce<Position>(
    // biome-ignore lint/complexity/useMathMinMax: positions are strings; Math.min would make them NaN
    (min, state) => (state.checkpoint < min ? state.checkpoint : min),
    states[0]?.checkpoint ?? START,
  )
}

/** Applies `events` (past the target's checkpoint) and moves the checkpoint; answers how many it handled. */
async function applyToTarget(
  state: TargetState,
  events: StoredEvent[],
  stateName: GenerationState,
  context: Pick<EngineContext, 'db' | 'owner'>,
): Promise<number> {
  const last = events.at(-1) as StoredEvent
  const relevant = events.filter((event) => state.handled.has(event.type))
  // A batch can take minutes (a reactor importing from TMDb): beat while it is in flight, so status
  // does not report its owner dead. The beat touches neither the checkpoint nor the state.
  const beating = setInterval(() => {
    heartbeat(context.db, state.projection.name, state.generation, context.owner, null).catch(() => {})
  }, HEARTBEAT_MS)
  beating.unref()
  try {
    await state.write.apply(relevant, state.checkpoint, last, stateName)
  } catch (error) {
    if (!(error instanceof PoisonEventError)) throw error
    // Keep what precedes the poison event, so skipping it later skips exactly that event.
    const before = events.filter((event) => event.position < error.event.position)
    const lastBefore = before.at(-1)
    if (lastBefore) {
      await state.write.apply(
        before.filter((event) => state.handled.has(event.type)),
        state.checkpoint,
        lastBefore,
        stateName,
      )
      state.checkpoint = lastBefore.position
    }
    throw error
  } finally {
    clearInterval(beating)
  }
  state.checkpoint = last.position
  state.deferred = null
  state.lastHeartbeat = Date.now()
  return relevant.length
}

async function recordPoison(
  state: TargetState,
  error: PoisonEventError,
  context: EngineContext,
): Promise<void> {
  const details: PoisonDetails = {
    eventId: error.event.id,
    type: error.event.type,
    position: error.event.position,
    message: errorMessage(error.cause),
  }
  await context.db
    .updateTable('projection_generations')
    .set({ state: 'stopped', error: JSON.stringify(details), updated_at: new Date() })
    .where('name', '=', state.projection.name)
    .where('generation', '=', state.generation)
    .execute()
  context.logger.error(
    { projection: state.projection.name, generation: state.generation, ...details },
    'projection stopped on a poison event',
  )
}

async function heartbeat(
  db: Kysely<Database>,
  name: string,
  generation: number,
  owner: string,
  state: GenerationState | null,
): Promise<void> {
  await db
    .updateTable('projection_generations')
    .set({ heartbeat_at: new Date(), owner, ...(state ? { state } : {}) })
    .where('name', '=', name)
    .where('generation', '=', generation)
    .where('state', '<>', 'stopped')
    .execute()
}

/**
 * The beat of a process that holds a stopped generation's lease and waits for an operator (the
 * projector after a poison event): status then tells "stopped, held by <owner>" from "stopped, and
 * nobody holds it".
 */
export async function heartbeatStopped(
  db: Kysely<Database>,
  name: string,
  generation: number,
  owner: string,
): Promise<void> {
  await db
    .updateTable('projection_generations')
    .set({ heartbeat_at: new Date(), owner })
    .where('name', '=', name)
    .where('generation', '=', generation)
    .where('state', '=', 'stopped')
    .execute()
}

/** Says nobody runs the generation any more (a rebuild leaving it stopped): status shows no holder. */
export async function releaseHeartbeat(
  db: Kysely<Database>,
  name: string,
  generation: number,
): Promise<void> {
  await db
    .updateTable('projection_generations')
    .set({ heartbeat_at: null })
    .where('name', '=', name)
    .where('generation', '=', generation)
    .execute()
}

type Writer = {
  apply(relevant: StoredEvent[], from: Position, last: StoredEvent, state: GenerationState): Promise<void>
}

function postgresWriter(
  projection: PostgresProjection,
  generation: number,
  context: EngineContext,
  fence: Fence,
): Writer {
  const schema = generationSchema(projection.name, generation)
  // Whether batches go to the generation's staging tables (a rebuild's, until folded): asked once
  // per run, since only the rebuild holding this generation's lease folds them, after its run.
  let staged: boolean | null = null
  const applyIn = async (trx: Kysely<Database>, events: StoredEvent[], building: boolean) => {
    // In the batch's transaction: embedded mode has one connection.
    staged ??= await isStaged(trx, projection, generation)
    // Unqualified names in the projection resolve to this generation's tables first (SET LOCAL as
    // set_config: one statement with commitWithoutFlush's setting, one round trip less per batch).
    // The search path stays so until the transaction ends: the checkpoint move names its schema.
    await sql`SELECT set_config('search_path', ${`"${schema}", public`}, true)${
      building ? sql`, set_config('synchronous_commit', 'off', true)` : sql``
    }`.execute(trx)
    await projection.apply(events, trx as never, { staged })
  }
  return {
    async apply(relevant, from, last, state) {
      let failed: { error: unknown } | null = null
      try {
        await context.db.transaction().execute(async (trx) => {
          // First: a holder fenced out writes nothing, and a takeover waits for this batch.
          await fence(trx)
          if (relevant.length > 0) {
            try {
              await applyIn(trx, relevant, state === 'building')
            } catch (error) {
              failed = { error }
              throw error
            }
          } else if (state === 'building') await commitWithoutFlush(trx)
          const moved = await trx
            .withSchema('public')
            .updateTable('projection_generations')
            .set(
              checkpointMove(
                last,
                relevant.length,
                state,
                context.owner,
                lastCatalogueEvent(projection, relevant),
              ),
            )
            .where('name', '=', projection.name)
            .where('generation', '=', generation)
            .where('position', '=', from)
            .executeTakeFirst()
          if (moved.numUpdatedRows !== 1n) throw new LostCheckpointError(projection.name, generation)
        })
      } catch (error) {
        if (failed === null) throw error
        // Probed once the batch's transaction is over: with one connection (embedded mode) a probe
        // inside it would wait for itself.
        throw await findPoison(projection.name, relevant, (failed as { error: unknown }).error, (events) =>
          context.db.transaction().execute(async (probe) => {
            await applyIn(probe, events, false)
            throw ROLLBACK
          }),
        )
      }
    },
  }
}

function redisWriter(
  projection: RedisProjection,
  generation: number,
  context: EngineContext,
  fence: Fence,
): Writer {
  const target = context.redis
  if (!target) throw new Error(`projection ${projection.name} needs Redis`)
  const key = checkpointKey(target.keyPrefix, projection.name, generation)
  const dataPrefix = `${target.keyPrefix}${generationKeyPrefix(projection.name, generation)}`
  return {
    async apply(relevant, from, last, state) {
      let commands: RedisCommand[] = []
      if (relevant.length > 0) {
        try {
          commands = projection.apply(relevant)
        } catch (error) {
          throw await findPoison(projection.name, relevant, error, async (events) => {
            projection.apply(events)
            throw ROLLBACK
          })
        }
        for (const command of commands) {
          if (!REDIS_COMMANDS.has(command[0].toUpperCase())) {
            throw new PoisonEventError(
              projection.name,
              last,
              new Error(`Redis command ${command[0]} is not allowed`),
            )
          }
        }
      }
      const previous = from === START ? '' : from
      // Inside a fenced PostgreSQL transaction: a takeover waits for this batch, and a holder
      // fenced out applies nothing. The Redis checkpoint is the truth; the row mirrors it for
      // status and consistency waits.
      await context.db.transaction().execute(async (trx) => {
        await fence(trx)
        if (state === 'building') await commitWithoutFlush(trx)
        const result = await target.redis.applyBatch(key, previous, last.position, dataPrefix, commands)
        if (result !== 'OK') throw new LostCheckpointError(projection.name, generation)
        await trx
          .updateTable('projection_generations')
          .set(
            checkpointMove(
              last,
              relevant.length,
              state,
              context.owner,
              lastCatalogueEvent(projection, relevant),
            ),
          )
          .where('name', '=', projection.name)
          .where('generation', '=', generation)
          .execute()
      })
    },
  }
}

/**
 * A reactor's work happens outside any transaction (it calls other services and appends events),
 * so the checkpoint moves right after a reaction that took a while (real work: a crash re-delivers
 * only the reaction in flight). Quick reactions (most events: nothing to do) share one move per
 * batch or per REACTOR_MOVE_MS: a move per event cost the embedded first start (40,000
 * interactions on PGlite's one connection) about 20 s, and a crash re-delivers at most that
 * second's reactions, which are idempotent like any reaction. A reaction that throws first records
 * those before it. A BatchReactor reacts once per batch and moves the checkpoint once. Nothing here
 * is a poison event: reactTo turns repeated failures into the reactor's failure outcome, and what
 * still throws (the store is down) is retried from the checkpoint.
 */
function reactorWriter(
  reactor: Reactor,
  generation: number,
  context: EngineContext,
  signal: AbortSignal,
  fence: Fence,
): Writer {
  const reactorContext: ReactorContext = {
    store: context.store,
    db: context.db,
    logger: context.logger,
    owner: context.owner,
    signal,
  }
  // Every event reacted to counts as a catalogue change (a reactor names no `catalogue` types).
  const move = async (from: Position, to: StoredEvent, applied: number, state: GenerationState) => {
    await context.db.transaction().execute(async (trx) => {
      await fence(trx)
      const moved = await trx
        .updateTable('projection_generations')
        .set(checkpointMove(to, applied, state, context.owner, applied > 0 ? to : null))
        .where('name', '=', reactor.name)
        .where('generation', '=', generation)
        .where('position', '=', from)
        .executeTakeFirst()
      if (moved.numUpdatedRows !== 1n) throw new LostCheckpointError(reactor.name, generation)
    })
  }
  if (isBatchReactor(reactor)) {
    // One reaction and one checkpoint move per batch (see BatchReactor).
    const batchReaction = (events: StoredEvent[]): Reactor => ({
      ...reactor,
      react: () => reactor.reactToBatch(events, reactorContext),
    })
    return {
      async apply(relevant, from, last, state) {
        const trigger = relevant.at(-1)
        if (trigger) await reactTo(batchReaction(relevant), trigger, reactorContext)
        await move(from, last, relevant.length, state)
      },
    }
  }
  return {
    async apply(relevant, from, last, state) {
      let position = from
      /** Reacted to, not recorded yet: the last such event and how many. */
      const pending: { event: StoredEvent | null; applied: number } = { event: null, applied: 0 }
      let movedAt = performance.now()
      const record = async () => {
        if (pending.event === null) return
        await move(position, pending.event, pending.applied, state)
        position = pending.event.position
        pending.event = null
        pending.applied = 0
        movedAt = performance.now()
      }
      for (const event of relevant) {
        try {
          await reactTo(reactor, event, reactorContext)
        } catch (error) {
          await record().catch(() => {})
          throw error
        }
        pending.event = event
        pending.applied++
        if (performance.now() - movedAt >= REACTOR_MOVE_MS) await record()
      }
      await record()
      if (position !== last.position) await move(position, last, 0, state)
    },
  }
}

/**
 * A generation being rebuilt serves nobody until it is complete, so its batches need not wait for
 * their WAL flush at commit (synchronous_commit off, this transaction only): a PostgreSQL crash can
 * lose the last batches, but each with its checkpoint move, and the rebuild redoes them from the
 * checkpoint that survived. The swap to the rebuilt generation commits as usual.
 * Raw SQL: kysely has no SET LOCAL.
 */
async function commitWithoutFlush(trx: Kysely<Database>): Promise<void> {
  await sql`SET LOCAL synchronous_commit TO off`.execute(trx)
}

/** Longest a quick reaction waits for its checkpoint move (see reactorWriter). */
const REACTOR_MOVE_MS = 1_000

/**
 * The last of `relevant` (the events a batch applies) that changed the searchable catalogue: of the
 * projection's `catalogue` types, or of any type it handles when it names none; null when none did.
 */
function lastCatalogueEvent(projection: Projection, relevant: readonly StoredEvent[]): StoredEvent | null {
  const catalogue = projection.kind === 'postgres' ? projection.catalogue : undefined
  for (let i = relevant.length - 1; i >= 0; i--) {
    const event = relevant[i] as StoredEvent
    if (catalogue === undefined || catalogue.includes(event.type)) return event
  }
  return null
}

/**
 * The registry row's new values once a batch ending at `last` is applied; `catalogue`, the last
 * event of the batch that changed the searchable catalogue (lastCatalogueEvent), moves
 * `catalogue_position` with the checkpoint.
 */
function checkpointMove(
  last: StoredEvent,
  applied: number,
  state: GenerationState,
  owner: string,
  catalogue: StoredEvent | null = null,
) {
  return (eb: ExpressionBuilder<Database, 'projection_generations'>) => ({
    position: last.position,
    ...(catalogue === null ? {} : { catalogue_position: catalogue.position }),
    last_event_at: last.createdAt,
    events_applied: sql<string>`${eb.ref('events_applied')} + ${applied}`,
    state,
    error: null,
    owner,
    heartbeat_at: new Date(),
    updated_at: new Date(),
  })
}

const ROLLBACK = Symbol('rollback')

/**
 * Re-applies a failed batch prefix by prefix (each attempt rolled back) to name the event that
 * fails. A failure that no prefix reproduces, or a lost connection, is transient: the caller retries.
 */
async function findPoison(
  projection: string,
  events: StoredEvent[],
  batchError: unknown,
  attempt: (events: StoredEvent[]) => Promise<unknown>,
): Promise<unknown> {
  if (isConnectionError(batchError)) return batchError
  for (let i = 0; i < events.length; i++) {
    try {
      await attempt(events.slice(0, i + 1))
    } catch (error) {
      if (error === ROLLBACK) continue
      if (isConnectionError(error)) return batchError
      return new PoisonEventError(projection, events[i] as StoredEvent, error)
    }
  }
  return batchError
}
