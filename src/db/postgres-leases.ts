/**
 * The projection leases of a process on one PostgreSQL session (docs/operations.md, "Leases"):
 * each lease is a session advisory lock on that one connection, whatever the number of
 * projections. The connection opens with the first lease, closes a moment after the last one is
 * released, and is probed every 2 s: when it dies, every lease it held is lost at once (their
 * `lost` signals abort) and the server has already released the locks, so a standby may take over.
 *
 * Fencing: taking a lease also bumps its key's epoch in projection_leases (lease-fencing
 * migration), and Lease#fence checks that epoch FOR SHARE inside each write transaction. The bump
 * waits for a write that checked first; a write that checks after the bump rolls back. So once a
 * standby holds the lease, no batch of the old holder commits, even one in flight on a pool
 * connection when the lease connection died, before the old holder noticed.
 */
import pg from 'pg'
import { type AcquireLease, type Lease, LeaseLostError } from '../projector/lease.ts'

const PROBE_INTERVAL_MS = 2_000
/** A standby retries about every second: keep the connection between its attempts. */
const IDLE_CLOSE_MS = 3_000
/** The epoch bump waits at most this long for an old holder's write in flight, then tries later. */
const BUMP_LOCK_TIMEOUT = '5s'

export type PostgresLeasesOptions = {
  /** Who holds them, for projection_leases and status: `<host>/<pid>`. */
  owner: string
  /** application_name of the lease connection: operators count connections by it. */
  applicationName?: string
}

type Held = { lost: AbortController; epoch: string }

const turns = new WeakMap<pg.Client, Promise<unknown>>()

/**
 * One query at a time on the session, in the order asked: projections take and release their leases
 * side by side on this one connection, and pg deprecates queueing concurrent queries on a client
 * (pg 9 drops it). Per client, so queries stuck on a dead connection never hold up the next one.
 */
function inTurn<R extends pg.QueryResultRow>(
  client: pg.Client,
  text: string,
  values?: unknown[],
): Promise<pg.QueryResult<R>> {
  const run = (turns.get(client) ?? Promise.resolve()).then(() => client.query<R>(text, values))
  turns.set(
    client,
    run.catch(() => {}),
  )
  return run
}

export class PostgresLeases {
  readonly #connectionString: string
  readonly #options: PostgresLeasesOptions
  readonly #held = new Map<string, Held>()
  #client: pg.Client | null = null
  #connecting: Promise<pg.Client> | null = null
  #probe: NodeJS.Timeout | null = null
  #idle: NodeJS.Timeout | null = null
  /** Acquisitions under way: the connection stays while any is. */
  #pending = 0

  constructor(connectionString: string, options: PostgresLeasesOptions) {
    this.#connectionString = connectionString
    this.#options = options
  }

  /** How many leases this process holds (for tests and logs). */
  get held(): number {
    return this.#held.size
  }

  readonly acquire: AcquireLease = async (key) => {
    if (this.#held.has(key)) return null
    this.#pending++
    try {
      const client = await this.#connection()
      const lockKey = `nexus-lease:${key}`
      // Raw SQL: advisory locks have no query-builder form. Same lock key as before fencing, so a
      // process of the previous version and one of this version still exclude each other.
      const { rows } = await inTurn<{ locked: boolean }>(
        client,
        'SELECT pg_try_advisory_lock(hashtext($1)) AS locked',
        [lockKey],
      )
      if (rows[0]?.locked !== true) return null
      let epoch: string
      try {
        const bumped = await inTurn<{ epoch: string }>(
          client,
          `INSERT INTO projection_leases AS l (key, epoch, owner) VALUES ($1, 1, $2)
           ON CONFLICT (key) DO UPDATE SET epoch = l.epoch + 1, owner = excluded.owner, taken_at = now()
           RETURNING epoch::text`,
          [key, this.#options.owner],
        )
        epoch = bumped.rows[0]?.epoch as string
      } catch (error) {
        await inTurn(client, 'SELECT pg_advisory_unlock(hashtext($1))', [lockKey]).catch(() => {})
        throw error
      }
      // Lost meanwhile (the connection died during the bump): the lock went with it.
      if (this.#client !== client) return null
      const held: Held = { lost: new AbortController(), epoch }
      this.#held.set(key, held)
      return this.#lease(key, held)
    } finally {
      this.#pending--
      this.#closeWhenIdle()
    }
  }

  /** Releases every lease and closes the connection. */
  async close(): Promise<void> {
    const client = this.#client
    this.#drop(client)
    await client?.end().catch(() => {})
  }

  #lease(key: string, held: Held): Lease {
    return {
      lost: held.lost.signal,
      fence: async (trx) => {
        if (held.lost.signal.aborted) throw new LeaseLostError(key)
        const row = await trx
          .selectFrom('projection_leases')
          .select('epoch')
          .where('key', '=', key)
          .forShare()
          .executeTakeFirst()
        if (String(row?.epoch) !== held.epoch) {
          held.lost.abort()
          if (this.#held.get(key) === held) this.#held.delete(key)
          throw new LeaseLostError(key)
        }
      },
      release: async () => {
        const client = this.#client
        if (this.#held.get(key) === held) {
          this.#held.delete(key)
          if (client)
            await inTurn(client, 'SELECT pg_advisory_unlock(hashtext($1))', [`nexus-lease:${key}`]).catch(
              () => {},
            )
        }
        held.lost.abort()
        this.#closeWhenIdle()
      },
    }
  }

  async #connection(): Promise<pg.Client> {
    if (this.#idle) {
      clearTimeout(this.#idle)
      this.#idle = null
    }
    if (this.#client) return this.#client
    this.#connecting ??= this.#connect().finally(() => {
      this.#connecting = null
    })
    return this.#connecting
  }

  async #connect(): Promise<pg.Client> {
    const client = new pg.Client({
      connectionString: this.#connectionString,
      connectionTimeoutMillis: 5_000,
      keepAlive: true,
      application_name: (this.#options.applicationName ?? 'nexus/lease').slice(0, 63),
    })
    client.on('error', () => this.#drop(client))
    client.on('end', () => this.#drop(client))
    try {
      await client.connect()
      await inTurn(client, `SET lock_timeout = '${BUMP_LOCK_TIMEOUT}'`)
    } catch (error) {
      client.removeAllListeners('end')
      await client.end().catch(() => {})
      throw error
    }
    this.#client = client
    // A probe notices a half-open connection (e.g. the server restarted) within a few seconds.
    this.#probe = setInterval(() => {
      inTurn(client, 'SELECT 1').catch(() => this.#drop(client))
    }, PROBE_INTERVAL_MS)
    this.#probe.unref()
    return client
  }

  /** The connection is gone (or closing): every lease it held is lost. */
  #drop(client: pg.Client | null): void {
    if (client === null || this.#client !== client) return
    this.#client = null
    if (this.#probe) clearInterval(this.#probe)
    this.#probe = null
    if (this.#idle) clearTimeout(this.#idle)
    this.#idle = null
    for (const held of this.#held.values()) held.lost.abort()
    this.#held.clear()
    client.end().catch(() => {})
  }

  /** Without leases or acquisitions the connection closes after IDLE_CLOSE_MS. */
  #closeWhenIdle(): void {
    if (this.#held.size > 0 || this.#pending > 0 || this.#client === null || this.#idle) return
    const client = this.#client
    this.#idle = setTimeout(() => {
      this.#idle = null
      if (this.#held.size === 0 && this.#pending === 0) this.#drop(client)
    }, IDLE_CLOSE_MS)
  }
}
