/**
 * A training's reading stage: the interaction read models into the feedback matrix (feedbackWeight
 * per user and movie, with when each relation began) in one snapshot. On a server it runs in the
 * training's worker thread over that thread's own connection (train-worker.ts), so the relations'
 * row objects and their collection are none of the event loop's; in embedded mode (PGlite lives in
 * the process, on its one connection) trainRecommender runs it on the event loop.
 */
import { setImmediate } from 'node:timers/promises'
import type { Kysely } from 'kysely'
import type { Database } from '../db/schema.ts'
import { feedbackWeight, isPositive } from './feedback.ts'
import { createMatrixBuilder } from './feedback-matrix.ts'
import { allUserRelations, countRelations, interactionEventCount } from './feedback-source.ts'
import type { SelectionInput } from './selection.ts'

export type FeedbackSnapshot = SelectionInput & {
  /** The interaction events the read models had counted in the snapshot the relations were read in. */
  feedbackEvents: number
}

export type ReadingHooks = {
  signal?: AbortSignal
  /** Once, before the first row: how many relations the reading goes through. */
  onTotal?: (relations: number) => void
  /** The relations read so far, after each page. */
  onRows?: (rows: number) => void
}

export async function readFeedbackSnapshot(
  db: Kysely<Database>,
  hooks: ReadingHooks = {},
): Promise<FeedbackSnapshot> {
  // One snapshot (REPEATABLE READ): the relations are read as of one instant, and the count of
  // interaction events the model stands for (what "interactions since the model" counts from) is
  // taken in that same instant.
  return db
    .transaction()
    .setIsolationLevel('repeatable read')
    .setAccessMode('read only')
    .execute(async (trx) => {
      const feedbackEvents = await interactionEventCount(trx)
      hooks.onTotal?.(await countRelations(trx))
      const builder = createMatrixBuilder()
      // Parallel to the matrix's entries: relations are one per movie, added in order.
      const positive: number[] = []
      let users = 0
      // Pages of 25 users (~3,700 rows at MovieLens' density), not the default 500: a page's rows
      // arrive and are decoded at once, and its row objects live until its last user is taken; 75,000
      // of them held the event loop for 60-300 ms, decoding them and later collecting them.
      for await (const user of allUserRelations(trx, { pageUsers: 25, onRows: hooks.onRows })) {
        hooks.signal?.throwIfAborted()
        const kept = user.relations
          .map((r) => ({
            movieId: r.movieId,
            weight: feedbackWeight(r.signals),
            at: r.at,
            liked: isPositive(r.signals),
          }))
          .filter((r) => r.weight > 0)
        builder.addUser(kept)
        for (const r of kept) positive.push(r.liked ? 1 : 0)
        // A page of users arrives at once: let timers and requests run every 10 of its users.
        if (++users % 10 === 0) await setImmediate()
      }
      return { matrix: builder.build(), positive: Uint8Array.from(positive), feedbackEvents }
    })
}
