/**
 * Prepared statements warmed on every connection of a pool before the API listens. A new backend's
 * first execution of a search statement parses it, loads the catalogue caches and plans it (about
 * 50 ms on the bench's machine under load); the next four plan it again with the parameters (custom
 * plans, 3-9 ms each) before PostgreSQL settles on the generic plan (1.5 ms). Under load those first
 * executions, ten connections times every statement shape, were the API's first seconds: 110-130
 * suggestions in the first second where a warm API answers thousands (docs/benchmarks.md, issue 17,
 * session 11). Read statements only: each runs WARM_UP_EXECUTIONS times on each connection.
 */
import type { CompiledQuery } from 'kysely'
import type pg from 'pg'
import { queryPrepared } from './prepared.ts'

/** Executions per statement and connection: the five custom plans and the first generic one. */
export const WARM_UP_EXECUTIONS = 6

/**
 * Runs each of `statements` (read-only) WARM_UP_EXECUTIONS times on `connections` connections of
 * `pool` at once (all checked out together, so they are distinct), as the API runs them (named,
 * queryPrepared). The statements are warmed one connection after the other, all connections side by
 * side. A failure (to connect, or of a statement) ends that connection's warm-up, not the boot: the
 * statement fails again for the request that asks it, with its own error.
 */
export async function warmConnections(
  pool: pg.Pool,
  statements: readonly CompiledQuery[],
  connections: number,
): Promise<{ connections: number; executions: number; failed: number }> {
  // A connection that cannot be had (PostgreSQL short of slots, a timeout) is counted as failed, not
  // thrown: the API starts with what it has and the pool opens the rest when requests need them.
  const opened = await Promise.allSettled(Array.from({ length: connections }, () => pool.connect()))
  const clients = opened.flatMap((result) => (result.status === 'fulfilled' ? [result.value] : []))
  let executions = 0
  let failed = opened.length - clients.length
  await Promise.all(
    clients.map(async (client) => {
      try {
        for (const statement of statements) {
          for (let i = 0; i < WARM_UP_EXECUTIONS; i++) {
            await queryPrepared(client, statement)
            executions += 1
          }
        }
      } catch {
        failed += 1
      } finally {
        client.release()
      }
    }),
  )
  return { connections: clients.length, executions, failed }
}
