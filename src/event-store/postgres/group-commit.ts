/**
 * Group commit: appends asked for until the event loop turns (setImmediate) go to PostgreSQL as one
 * statement, one transaction, one WAL flush (append_events_group, append-group migration), and so
 * do the appends asked for while MAX_GROUPS_IN_FLIGHT groups run. The common write (one event, no
 * guard written by the group) goes in with the others in one INSERT; whatever that INSERT did not
 * take runs in a subtransaction of its own, so one write's failure is its own. A lone append takes
 * the plain path (append-to-stream.ts).
 *
 * Appends that create their stream ('no_stream') and appends at a known revision (a command's
 * append after reading its stream) are grouped; 'any' and 'stream_exists' go alone (an 'any' that
 * lost a race takes the next revisions there). An append to an existing stream must hold its
 * stream's lock before its transaction id, hence its log position, is assigned: that is what keeps a
 * guarded append that checked a guard before the guard stream moved ahead of that move in the log
 * (append-guard migration). A group's transaction id comes with its first insert, so the group
 * takes the locks of all its existing streams before any insert, without waiting: a write whose
 * lock another append holds answers 'busy' and is appended alone, waiting for the lock there.
 * Creating appends take no lock of their own (they cannot move a guard) and only shared ones
 * otherwise; the guard check runs in its own statement, after everything committed before it.
 */
import type pg from 'pg'
import {
  type AppendGuard,
  type AppendResult,
  type ExpectedRevision,
  type NewEvent,
  WrongExpectedRevisionError,
} from '../contract.ts'
import { type AppendRow, appendOutcome, appendToStream } from './append-to-stream.ts'
import { EVENTS_CHANNEL, expectedText, streamRevision } from './events-table.ts'
import { TurnBatches } from './turn-batches.ts'

/**
 * The store's one NOTIFY in flight (postgres-event-store.ts): a group that claims it wakes the
 * subscribers at its own commit, in the same statement, instead of a NOTIFY statement (and a
 * transaction and WAL flush of its own) after it.
 */
export type NotifyGate = {
  /** Whether the group about to be sent notifies: no NOTIFY in flight; it then counts as one. */
  claim(): boolean
  /** The group that claimed it answered; `failed`: nothing committed, so nobody was notified. */
  release(failed: boolean): void
}

const GROUP_ARGUMENTS = '$1, $2, $3, $4, $5::bigint[], $6::uuid[], $7, $8, $9'
const GROUP = `SELECT * FROM append_events_group(${GROUP_ARGUMENTS})`
// pg_notify queues the notification; PostgreSQL sends it when the group commits, after its inserts.
const GROUP_NOTIFYING = `WITH notified AS MATERIALIZED (SELECT pg_notify('${EVENTS_CHANNEL}', ''))
  SELECT g.* FROM notified, append_events_group(${GROUP_ARGUMENTS}) g ORDER BY g.write_no`

/** Appends committed together at most: one statement's arrays stay small. */
const MAX_GROUP = 100
/**
 * Group statements in flight at once, at most (TurnBatches; a lone append, which may wait for its
 * stream's lock, is not counted). Appends asked for while a group runs wait for it to answer and go
 * in the next group, so under load a group gathers the appends of many turns (one statement, one
 * transaction and one WAL flush for all of them); alone, an append goes in the next turn as before.
 * Two in flight, with two reads, cost PostgreSQL 16% more per rating (docs/benchmarks.md, session 12).
 */
export const MAX_GROUPS_IN_FLIGHT = 1
/** Errors of one write of a group that mean "someone else moved first": the command may retry. */
const CONFLICT_CODES = new Set(['NX409', '40P01', '40001'])

/** An append waiting for the next group commit. */
type PendingAppend = {
  stream: string
  events: NewEvent[]
  expectedRevision: ExpectedRevision
  guard: AppendGuard | null
  resolve: (result: AppendResult) => void
  reject: (error: unknown) => void
}

type BatchRow = {
  write_no: number
  /** 'busy': another append held the stream's lock, nothing was attempted: the write goes alone. */
  result: AppendRow['result'] | 'error' | 'busy'
  next_revision: string | null
  transaction_id: string | null
  global_position: string | null
  error_code: string | null
  error_message: string | null
}

export class GroupCommit {
  readonly #pool: pg.Pool
  readonly #gate: NotifyGate | null
  /** Results of appends whose group notified at its commit: the store sends no NOTIFY for them. */
  readonly #notified = new WeakSet<AppendResult>()
  readonly #appends: TurnBatches<PendingAppend>

  constructor(pool: pg.Pool, gate: NotifyGate | null = null) {
    this.#pool = pool
    this.#gate = gate
    this.#appends = new TurnBatches(MAX_GROUPS_IN_FLIGHT, (pending, counted) =>
      this.#commitPending(pending, counted),
    )
  }

  /** Whether the group that committed this append woke the subscribers itself. */
  notified(result: AppendResult): boolean {
    return this.#notified.has(result)
  }

  /** Whether appends wait for the next group (a NOTIFY owed may ride with it). */
  get waiting(): boolean {
    return this.#appends.waiting
  }

  /** Appends one write, grouped with the others of this turn unless it expects 'any' or 'stream_exists'. */
  append(
    stream: string,
    events: NewEvent[],
    expectedRevision: ExpectedRevision,
    guard: AppendGuard | null,
  ): Promise<AppendResult> {
    if (expectedRevision === 'any' || expectedRevision === 'stream_exists') {
      return this.#alone({ stream, events, expectedRevision, guard })
    }
    return new Promise((resolve, reject) =>
      this.#appends.add({ stream, events, expectedRevision, guard, resolve, reject }),
    )
  }

  /** The appends gathered, in groups of MAX_GROUP; a group of one takes the plain path. */
  #commitPending(pending: PendingAppend[], counted: (sending: Promise<unknown>) => void): void {
    for (let start = 0; start < pending.length; start += MAX_GROUP) {
      const group = pending.slice(start, start + MAX_GROUP)
      const [only] = group
      if (group.length === 1 && only) {
        // Not counted: a lone append waits for its stream's lock, which must not hold back the others.
        this.#alone(only).then(only.resolve, only.reject)
        continue
      }
      counted(this.#commitGroup(group))
    }
  }

  /** The plain path: one append, waiting for its stream's lock. */
  #alone(write: Omit<PendingAppend, 'resolve' | 'reject'>): Promise<AppendResult> {
    return appendToStream(this.#pool, write.stream, write.events, write.expectedRevision, {
      lock: true,
      guard: write.guard,
    })
  }

  async #commitGroup(group: PendingAppend[]): Promise<void> {
    // Stream order: two groups creating the same streams wait on each other's inserts in one order.
    const writes = [...group].sort((a, b) => (a.stream < b.stream ? -1 : a.stream > b.stream ? 1 : 0))
    const events = writes.flatMap((write) => write.events)
    const notifies = this.#gate?.claim() ?? false
    let rows: BatchRow[]
    try {
      rows = (
        await this.#pool.query<BatchRow>({
          name: notifies ? 'append-events-group-notifying' : 'append-events-group',
          text: notifies ? GROUP_NOTIFYING : GROUP,
          values: [
            writes.map((write) => write.stream),
            writes.map((write) => expectedText(write.expectedRevision)),
            writes.map((write) => write.events.length),
            writes.map((write) => write.guard?.stream ?? null),
            writes.map((write) => (write.guard === null ? null : write.guard.revision.toString())),
            events.map((event) => event.id),
            events.map((event) => event.type),
            events.map((event) => JSON.stringify(event.data ?? null)),
            events.map((event) => JSON.stringify(event.metadata ?? {})),
          ],
        })
      ).rows
    } catch (error) {
      // Nothing of the group committed (or, a connection lost at commit, nobody can know): each
      // caller sees the error, as a lone append would.
      if (notifies) this.#gate?.release(true)
      for (const write of writes) write.reject(error)
      return
    }
    if (notifies) this.#gate?.release(false)
    for (const [w, write] of writes.entries()) {
      // One row per write, in write order.
      const row = rows[w]
      try {
        if (row?.write_no !== w + 1) throw new Error('append_events_group answered out of order')
        if (row.result === 'busy') {
          this.#alone(write).then(write.resolve, write.reject)
          continue
        }
        if (row.result === 'error') {
          if (CONFLICT_CODES.has(row.error_code ?? '')) {
            // Undone alone: another append took these revisions, or PostgreSQL broke a lock cycle.
            throw new WrongExpectedRevisionError(
              write.stream,
              write.expectedRevision,
              await streamRevision(this.#pool, write.stream),
            )
          }
          throw Object.assign(new Error(row.error_message ?? 'append failed'), { code: row.error_code })
        }
        const { result } = row
        const outcome = appendOutcome(
          { ...row, result },
          write.stream,
          write.events,
          write.expectedRevision,
          write.guard,
        )
        if (notifies) this.#notified.add(outcome)
        write.resolve(outcome)
      } catch (error) {
        write.reject(error)
      }
    }
  }
}
