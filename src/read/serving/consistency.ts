/**
 * Read-your-writes: a query that receives `X-Consistency-Token` (the position a command answered)
 * waits, bounded, until the projections it reads have passed that position.
 * @see ../../../shared/DESIGN.md "The path of a command and of a query"
 */
import { setTimeout as sleep } from 'node:timers/promises'
import type { FastifyReply, FastifyRequest } from 'fastify'
import { Kysely, sql } from 'kysely'
import type pg from 'pg'
import type { Database } from '../../db/schema.ts'
import { badRequest } from '../../errors.ts'
import { isPosition, type Position } from '../../event-store/contract.ts'
import { withTrait } from '../../http/route-traits.ts'
import type { Projection } from '../../projector/projection.ts'

export const CONSISTENCY_HEADER = 'x-consistency-token'
const POLL_MS = 10

// A prepared statement: parsed and planned once per connection, not built per poll.
const REACHED_QUERY = {
  name: 'consistency-projections-reached',
  text: `SELECT count(*)::int AS reached
         FROM projections p JOIN projection_generations g
           ON g.name = p.name AND g.generation = p.active_generation
         WHERE p.name = ANY($1::text[]) AND g.position >= $2`,
}

/**
 * True once every projection's checkpoint is at or past `position`; false when `timeoutMs` ran out.
 * Request paths pass the pool (a prepared statement); code that only holds kysely (reactors) passes that.
 */
export async function waitForProjections(
  pool: Pick<pg.Pool, 'query'> | Kysely<Database>,
  projections: readonly Pick<Projection, 'name'>[],
  position: Position,
  timeoutMs: number,
): Promise<boolean> {
  const names = projections.map((p) => p.name)
  const deadline = Date.now() + timeoutMs
  while (true) {
    // The generation queries read is the active one: a rebuild in progress does not count.
    const { rows } =
      pool instanceof Kysely
        ? await sql<{ reached: number }>`SELECT count(*)::int AS reached
            FROM projections p JOIN projection_generations g
              ON g.name = p.name AND g.generation = p.active_generation
            WHERE p.name = ANY(${names}::text[]) AND g.position >= ${position}`.execute(pool)
        : await pool.query<{ reached: number }>({ ...REACHED_QUERY, values: [names, position] })
    if (rows[0]?.reached === names.length) return true
    if (Date.now() >= deadline) return false
    await sleep(POLL_MS)
  }
}

/**
 * A preHandler for query routes: honours the header, answers 400 for a malformed token, and sets
 * `X-Consistency: reached | timeout` on the reply so the client knows what it got.
 */
export function consistentWith(
  anonymous: readonly Pick<Projection, 'name'>[],
  /** What the route reads with a bearer token, when it reads more then (the viewer's own flags). */
  signedIn: readonly Pick<Projection, 'name'>[] = anonymous,
): (request: FastifyRequest, reply: FastifyReply, done: (error?: Error) => void) => void {
  // A callback hook, not an async one: most queries carry no token and go on in the same tick.
  return withTrait((request, reply, done) => {
    const token = request.headers[CONSISTENCY_HEADER]
    if (token === undefined) return done()
    const projections = request.headers.authorization === undefined ? anonymous : signedIn
    if (typeof token !== 'string' || !isPosition(token)) {
      return done(
        badRequest('INVALID_CONSISTENCY_TOKEN', 'X-Consistency-Token must be a position a command answered'),
      )
    }
    waitForProjections(
      request.server.pool,
      projections,
      token,
      request.server.config.consistencyTimeoutMs,
    ).then((reached) => {
      reply.header('x-consistency', reached ? 'reached' : 'timeout')
      done()
    }, done)
  }, 'read-your-writes')
}
