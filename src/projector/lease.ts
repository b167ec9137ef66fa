/**
 * One active instance per projection across processes: the lease port of the engine. A lease is
 * taken by key (`projection:<name>`, `rebuild:<name>`) and held until released or lost; its holder
 * fences every write with it, inside the write's own transaction, so that once another process has
 * taken the lease nothing the old holder still has in flight commits (see fence). Services mode
 * holds every lease of a process on one PostgreSQL session (src/db/postgres-leases.ts); embedded
 * mode keeps them in memory, since the data directory already belongs to one process.
 */
import type { Kysely } from 'kysely'
import type { Database } from '../db/schema.ts'

export type Lease = {
  /** Aborted when the lease is lost (its connection died, or a fence found another holder). */
  readonly lost: AbortSignal
  /**
   * Inside a write transaction, before it commits: throws LeaseLostError (and aborts `lost`) unless
   * this lease is still the last one taken of its key, and keeps it so until the transaction ends.
   */
  fence(trx: Kysely<Database>): Promise<void>
  release(): Promise<void>
}

/** Takes the lease of `key` if free; null when another holder (this process included) has it. */
export type AcquireLease = (key: string) => Promise<Lease | null>

/** Where the engine takes leases from: PostgresLeases#acquire, or embedded mode's. */
export type LeaseSource = { acquireLease: AcquireLease }

export function takeLease(source: LeaseSource, key: string): Promise<Lease | null> {
  return source.acquireLease(key)
}

/** A write fenced out: another process took the lease since this holder took it. */
export class LeaseLostError extends Error {
  constructor(key: string) {
    super(`the lease ${key} was taken by another holder`)
    this.name = 'LeaseLostError'
  }
}

/** No fencing (embedded mode: one process owns the data directory, so nobody else can take over). */
export const unfenced = async (): Promise<void> => {}
