/**
 * Where each projection stands: per generation (the active one and any being built) its state,
 * checkpoint, lag behind the head of the log, owner and poison error. The operator script, /metrics
 * and GET /api/v1/admin/projections all answer from it.
 */
import type { Kysely } from 'kysely'
import type { Database, GenerationState, PoisonDetails } from '../db/schema.ts'
import { decodePosition, type EventStore, type Position } from '../event-store/contract.ts'
import type { Projection } from './projection.ts'

/**
 * A holder whose heartbeat is older than this looks dead. Runners beat every 5 s (also while a long
 * batch or reaction is in flight) or per batch; a projector holding a stopped generation every 2 s.
 */
export const OWNER_ALIVE_MS = 15_000

export type GenerationStatus = {
  generation: number
  /** The projection version this generation was built with. */
  version: number
  kind: 'postgres' | 'redis' | 'reactor'
  /** The generation queries read. */
  active: boolean
  state: GenerationState
  checkpoint: Position
  /** Events of handled types applied so far. */
  eventsApplied: number
  /** When the last event it applied was appended. */
  lastEventAt: string | null
  lag: {
    /** Events between the checkpoint and the head; null when the store cannot tell (EventStoreDB). */
    events: number | null
    /** Age of the oldest event not yet applied; 0 when caught up. */
    seconds: number
  }
  owner: string | null
  heartbeatAt: string | null
  /** Whether the owner's heartbeat is recent (within OWNER_ALIVE_MS). */
  ownerAlive: boolean
  /** Why it stopped: the poison event and the handler's error. */
  error: PoisonDetails | null
}

export type ProjectionStatus = {
  name: string
  kind: 'postgres' | 'redis' | 'reactor'
  /** The version the code declares; a different active version is rebuilt by the projector. */
  codeVersion: number
  activeGeneration: number | null
  generations: GenerationStatus[]
}

export type StatusReport = {
  checkedAt: string
  eventStore: string
  head: Position
  projections: ProjectionStatus[]
}

/** Events between two positions, estimated from the PostgreSQL store's global sequence (low 64 bits). */
export function eventsBetween(store: Pick<EventStore, 'kind'>, from: Position, to: Position): number | null {
  if (store.kind !== 'postgres') return null
  if (from >= to) return 0
  // The sequence may have gaps (rolled-back appends) and is ordered by transaction first: an estimate.
  const behind = decodePosition(to).low - decodePosition(from).low
  return behind > 0n ? Number(behind) : 0
}

export async function projectionStatus(
  db: Kysely<Database>,
  store: EventStore,
  projections: readonly Pick<Projection, 'kind' | 'name' | 'version'>[],
  now: Date = new Date(),
): Promise<StatusReport> {
  const head = await store.headPosition()
  const names = projections.map((p) => p.name)
  if (names.length === 0)
    return { checkedAt: now.toISOString(), eventStore: store.kind, head, projections: [] }
  const [registered, rows] = await Promise.all([
    db.selectFrom('projections').select(['name', 'active_generation']).where('name', 'in', names).execute(),
    db
      .selectFrom('projection_generations')
      .selectAll()
      .where('name', 'in', names)
      .orderBy('name')
      .orderBy('generation')
      .execute(),
  ])
  const active = new Map(registered.map((row) => [row.name, row.active_generation]))
  // The oldest unapplied event dates the lag; one lookup per distinct checkpoint.
  const oldestAfter = new Map<Position, Promise<Date | null>>()
  const firstAfter = (position: Position) => {
    let found = oldestAfter.get(position)
    if (!found) {
      found = firstEventTime(store, position)
      oldestAfter.set(position, found)
    }
    return found
  }

  const report: ProjectionStatus[] = []
  for (const projection of projections) {
    const activeGeneration = active.get(projection.name) ?? null
    const generations: GenerationStatus[] = []
    for (const row of rows) {
      if (row.name !== projection.name) continue
      const isActive = row.generation === activeGeneration
      // Retired generations are dropped right after a swap; one left behind by a crash is noise here.
      if (!isActive && row.state === 'retired') continue
      const caughtUp = row.position >= head
      const oldest = caughtUp ? null : await firstAfter(row.position)
      generations.push({
        generation: row.generation,
        version: row.version,
        kind: row.kind,
        active: isActive,
        state: row.state,
        checkpoint: row.position,
        eventsApplied: Number(row.events_applied),
        lastEventAt: row.last_event_at?.toISOString() ?? null,
        lag: {
          events: eventsBetween(store, row.position, head),
          seconds: oldest === null ? 0 : Math.max(0, (now.getTime() - oldest.getTime()) / 1000),
        },
        owner: row.owner,
        heartbeatAt: row.heartbeat_at?.toISOString() ?? null,
        ownerAlive: row.heartbeat_at !== null && now.getTime() - row.heartbeat_at.getTime() <= OWNER_ALIVE_MS,
        error: row.error,
      })
    }
    report.push({
      name: projection.name,
      kind: projection.kind,
      codeVersion: projection.version,
      activeGeneration,
      generations,
    })
  }
  return { checkedAt: now.toISOString(), eventStore: store.kind, head, projections: report }
}

async function firstEventTime(store: EventStore, after: Position): Promise<Date | null> {
  for await (const event of store.readAll({ after, limit: 1, batchSize: 1 })) return event.createdAt
  return null
}
