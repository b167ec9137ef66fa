/**
 * Whether projections have caught up with the head of the log, and waiting until they have: what
 * `npm run projector -- --until-caught-up` and `npm run recommender -- train` ask before going on.
 * Read from the registry (projectionStatus), so it holds whichever process runs the projections.
 */
import { setTimeout as sleep } from 'node:timers/promises'
import type { Kysely } from 'kysely'
import type { Database } from '../db/schema.ts'
import type { EventStore } from '../event-store/contract.ts'
import type { Projection } from './projection.ts'
import { projectionStatus } from './status.ts'

export type CatchUpState = {
  /** Projections with no active generation yet (never run). */
  unbuilt: string[]
  /** Projections whose active generation is behind the head, with how many events (null: unknown). */
  behind: { name: string; events: number | null; ownerAlive: boolean }[]
  /** Projections stopped on a poison event: they will not catch up without an operator. */
  stopped: string[]
}

export const isCaughtUp = (state: CatchUpState) =>
  state.unbuilt.length === 0 && state.behind.length === 0 && state.stopped.length === 0

export async function catchUpState(
  db: Kysely<Database>,
  store: EventStore,
  projections: readonly Projection[],
): Promise<CatchUpState> {
  const report = await projectionStatus(db, store, projections)
  const state: CatchUpState = { unbuilt: [], behind: [], stopped: [] }
  for (const projection of report.projections) {
    const active = projection.generations.find((g) => g.active)
    if (projection.activeGeneration === null || active === undefined) state.unbuilt.push(projection.name)
    else if (active.state === 'stopped') state.stopped.push(projection.name)
    else if (active.lag.events !== 0 && active.lag.seconds > 0)
      state.behind.push({ name: projection.name, events: active.lag.events, ownerAlive: active.ownerAlive })
  }
  return state
}

/**
 * Polls until every projection has caught up (true), one stops on a poison event or `give up`
 * says so (false), or the signal aborts (throws).
 */
export async function waitUntilCaughtUp(
  db: Kysely<Database>,
  store: EventStore,
  projections: readonly Projection[],
  options: {
    signal?: AbortSignal
    pollMs?: number
    onState?: (state: CatchUpState) => void
    giveUp?: (state: CatchUpState) => boolean
  } = {},
): Promise<{ caughtUp: boolean; state: CatchUpState }> {
  while (true) {
    options.signal?.throwIfAborted()
    const state = await catchUpState(db, store, projections)
    options.onState?.(state)
    if (isCaughtUp(state)) return { caughtUp: true, state }
    if (state.stopped.length > 0 || options.giveUp?.(state)) return { caughtUp: false, state }
    await sleep(options.pollMs ?? 500, undefined, { signal: options.signal })
  }
}
