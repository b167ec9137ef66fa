/**
 * One active instance per projection across processes: a session-level PostgreSQL advisory lock held
 * on a dedicated connection. When the holder dies its connection closes, the lock is released and a
 * standby's next attempt takes it. Writes are fenced separately (checkpoint compare-and-set), so
 * even a holder that lost its lease without noticing cannot apply a batch twice.
 */
import pg from 'pg'

const PROBE_INTERVAL_MS = 2_000

export type Lease = {
  /** Aborted when the lock's connection is lost: stop working on the projection. */
  readonly lost: AbortSignal
  release(): Promise<void>
}

/**
 * Where leases come from: a PostgreSQL server (connectionString), or in embedded mode the process
 * itself (acquireLease), since the data directory already belongs to one process.
 */
export type LeaseSource = {
  connectionString: string | null
  acquireLease?: (key: string) => Promise<Lease | null>
}

/** Takes the lease from whichever source the context has; null when someone else holds it. */
export function takeLease(source: LeaseSource & { owner: string }, key: string): Promise<Lease | null> {
  if (source.acquireLease) return source.acquireLease(key)
  if (source.connectionString === null) throw new Error('a lease needs a connection string or acquireLease')
  return tryAcquireLease(source.connectionString, key, source.owner)
}

/** Takes the lease if free; null when another process holds it. */
export async function tryAcquireLease(
  connectionString: string,
  key: string,
  owner: string,
): Promise<Lease | null> {
  const client = new pg.Client({
    connectionString,
    connectionTimeoutMillis: 5_000,
    keepAlive: true,
    application_name: `nexus-lease ${owner}`.slice(0, 63),
  })
  const lost = new AbortController()
  client.on('error', () => lost.abort())
  client.on('end', () => lost.abort())
  await client.connect()
  let held = false
  try {
    // Raw SQL: advisory locks have no query-builder form.
    const { rows } = await client.query<{ locked: boolean }>(
      'SELECT pg_try_advisory_lock(hashtext($1)) AS locked',
      [`nexus-lease:${key}`],
    )
    held = rows[0]?.locked === true
  } finally {
    if (!held) await client.end().catch(() => {})
  }
  if (!held) return null
  // A probe notices a half-open connection (e.g. the server restarted) within a few seconds.
  const probe = setInterval(() => {
    client.query('SELECT 1').catch(() => lost.abort())
  }, PROBE_INTERVAL_MS)
  probe.unref()
  return {
    lost: lost.signal,
    async release() {
      clearInterval(probe)
      // Closing the session releases the lock.
      await client.end().catch(() => {})
      lost.abort()
    },
  }
}
