/**
 * moderation_queue: one row per comment that was reported or moderated, with its report counts, its
 * status and the last decision (who, what, why), for GET /moderation/queue; comment_reports keeps
 * each report (one per user) with its reason. The status is generated from the row: `deleted` once
 * the comment is deleted, `hidden` while hidden, `open` while reports wait for a decision, else
 * `resolved`. Any decision (hide, restore, spoiler mark) answers the reports made before it.
 */
import { sql, type Transaction } from 'kysely'
import type { Database } from '../src/db/schema.ts'
import { defineProjection } from '../src/projector/projection.ts'

type Decision = {
  commentId: string
  movieId: string
  action: 'hidden' | 'restored' | 'spoiler' | 'spoiler-removed'
  by: string
  reason: string
  at: string
  set: { hidden?: boolean; spoiler?: boolean }
}

async function decide(trx: Transaction<Database>, decision: Decision): Promise<void> {
  const fields = {
    ...decision.set,
    open_reports: 0,
    last_action: decision.action,
    last_decided_by: decision.by,
    last_reason: decision.reason,
    last_decided_at: decision.at,
    updated_at: decision.at,
  }
  await trx
    .insertInto('moderation_queue')
    .values({ comment_id: decision.commentId, movie_id: decision.movieId, ...fields })
    .onConflict((oc) => oc.column('comment_id').doUpdateSet(fields))
    .execute()
}

export const moderationQueue = defineProjection({
  kind: 'postgres',
  name: 'moderation_queue',
  version: 1,
  handles: ['CommentReported', 'CommentHidden', 'CommentRestored', 'CommentSpoilerMarked', 'CommentDeleted'],
  tables: ['moderation_queue', 'comment_reports'],
  async setup(db) {
    await db.schema
      .createTable('moderation_queue')
      .addColumn('comment_id', 'uuid', (c) => c.primaryKey())
      .addColumn('movie_id', 'uuid', (c) => c.notNull())
      .addColumn('report_count', 'integer', (c) => c.notNull().defaultTo(0))
      .addColumn('open_reports', 'integer', (c) => c.notNull().defaultTo(0))
      .addColumn('hidden', 'boolean', (c) => c.notNull().defaultTo(false))
      .addColumn('spoiler', 'boolean', (c) => c.notNull().defaultTo(false))
      .addColumn('deleted', 'boolean', (c) => c.notNull().defaultTo(false))
      .addColumn('status', 'text', (c) =>
        c
          .generatedAlwaysAs(
            sql`CASE WHEN deleted THEN 'deleted' WHEN hidden THEN 'hidden' WHEN open_reports > 0 THEN 'open' ELSE 'resolved' END`,
          )
          .stored(),
      )
      .addColumn('last_action', 'text')
      .addColumn('last_decided_by', 'uuid')
      .addColumn('last_reason', 'text')
      .addColumn('last_decided_at', 'timestamptz')
      .addColumn('updated_at', 'timestamptz', (c) => c.notNull())
      .execute()
    await db.schema
      .createTable('comment_reports')
      .addColumn('comment_id', 'uuid', (c) => c.notNull())
      .addColumn('reported_by', 'uuid', (c) => c.notNull())
      .addColumn('reason', 'text', (c) => c.notNull())
      .addColumn('reported_at', 'timestamptz', (c) => c.notNull())
      .addPrimaryKeyConstraint('comment_reports_pkey', ['comment_id', 'reported_by'])
      .execute()
  },
  async indexes(db) {
    // The queue: one status, most recent activity first, keyset on (updated_at, comment_id).
    await sql`CREATE INDEX IF NOT EXISTS moderation_queue_by_status
      ON moderation_queue (status, updated_at DESC, comment_id DESC)`.execute(db)
  },
  async apply(events, trx) {
    for (const event of events) {
      switch (event.type) {
        case 'CommentReported': {
          const { commentId, movieId, reportedBy, reason, reportedAt } = event.data
          const inserted = await trx
            .insertInto('comment_reports')
            .values({ comment_id: commentId, reported_by: reportedBy, reason, reported_at: reportedAt })
            .onConflict((oc) => oc.columns(['comment_id', 'reported_by']).doNothing())
            .executeTakeFirst()
          // A report seen twice (a redelivered batch) counts once.
          if (inserted.numInsertedOrUpdatedRows !== 1n) break
          await trx
            .insertInto('moderation_queue')
            .values({
              comment_id: commentId,
              movie_id: movieId,
              report_count: 1,
              open_reports: 1,
              updated_at: reportedAt,
            })
            .onConflict((oc) =>
              oc.column('comment_id').doUpdateSet((eb) => ({
                report_count: eb('moderation_queue.report_count', '+', 1),
                open_reports: eb('moderation_queue.open_reports', '+', 1),
                updated_at: reportedAt,
              })),
            )
            .execute()
          break
        }
        case 'CommentHidden':
        case 'CommentRestored': {
          const hidden = event.type === 'CommentHidden'
          const data = event.data
          await decide(trx, {
            commentId: data.commentId,
            movieId: data.movieId,
            action: hidden ? 'hidden' : 'restored',
            by: event.type === 'CommentHidden' ? event.data.hiddenBy : event.data.restoredBy,
            reason: data.reason,
            at: event.type === 'CommentHidden' ? event.data.hiddenAt : event.data.restoredAt,
            set: { hidden },
          })
          break
        }
        case 'CommentSpoilerMarked': {
          const { commentId, movieId, spoiler, markedBy, reason, markedAt } = event.data
          await decide(trx, {
            commentId,
            movieId,
            action: spoiler ? 'spoiler' : 'spoiler-removed',
            by: markedBy,
            reason,
            at: markedAt,
            set: { spoiler },
          })
          break
        }
        case 'CommentDeleted':
          // Only comments already in the queue: a deletion is not a moderation case of its own.
          await trx
            .updateTable('moderation_queue')
            .set({ deleted: true, updated_at: event.data.deletedAt })
            .where('comment_id', '=', event.data.commentId)
            .execute()
          break
      }
    }
  },
})
