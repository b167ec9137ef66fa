/**
 * Queries over the moderation_queue read model: reported and moderated comments in keyset pages
 * (one status, most recent activity first), each with its latest reports and the comment's text and
 * author from the comments read model (moderators judge what was written, hidden or not).
 */
import type { Kysely } from 'kysely'
import type { Database } from '../../db/schema.ts'
import { decodeKeys, encodeKeys } from '../serving/keyset-cursor.ts'

export const QUEUE_STATUSES = ['open', 'hidden', 'resolved', 'deleted'] as const
export type QueueStatus = (typeof QUEUE_STATUSES)[number]
/** Reports listed per comment, newest first; `reportCount` tells there are more. */
export const REPORTS_PER_ITEM = 10

export type QueueCursor = { updatedAt: string; id: string }

export const encodeCursor = (cursor: QueueCursor, status: QueueStatus) =>
  encodeKeys([status, cursor.updatedAt, cursor.id])

/** The cursor, or null when it is not one we issued for this status. */
export function decodeCursor(raw: string, status: QueueStatus): QueueCursor | null {
  const keys = decodeKeys(raw, ['timestamptz', 'uuid'], status)
  return keys && { updatedAt: keys[0] as string, id: keys[1] as string }
}

export async function listQueue(
  db: Kysely<Database>,
  options: { status: QueueStatus; limit: number; after: QueueCursor | null },
) {
  const { status, limit, after } = options
  let query = db
    .selectFrom('moderation_queue as q')
    .leftJoin('comments as c', 'c.id', 'q.comment_id')
    .select([
      'q.comment_id',
      'q.movie_id',
      'q.report_count',
      'q.open_reports',
      'q.status',
      'q.hidden',
      'q.spoiler',
      'q.last_action',
      'q.last_decided_by',
      'q.last_reason',
      'q.last_decided_at',
      'q.updated_at',
      'c.author_id',
      'c.parent_id',
      'c.text',
    ])
    .where('q.status', '=', status)
    .orderBy('q.updated_at', 'desc')
    .orderBy('q.comment_id', 'desc')
    .limit(limit + 1)
  if (after) {
    query = query.where((eb) =>
      eb(eb.refTuple('q.updated_at', 'q.comment_id'), '<', eb.tuple(new Date(after.updatedAt), after.id)),
    )
  }
  const rows = await query.execute()
  const page = rows.slice(0, limit)
  const ids = page.map((row) => row.comment_id)
  const reports =
    ids.length === 0
      ? []
      : await db
          .selectFrom((eb) =>
            eb
              .selectFrom('comment_reports as r')
              .selectAll('r')
              .select((eb) =>
                eb.fn
                  .agg<number>('row_number')
                  .over((over) => over.partitionBy('r.comment_id').orderBy('r.reported_at', 'desc'))
                  .as('n'),
              )
              .where('r.comment_id', 'in', ids)
              .as('ranked'),
          )
          .selectAll()
          .where('ranked.n', '<=', REPORTS_PER_ITEM)
          .orderBy('ranked.reported_at', 'desc')
          .execute()
  const byComment = new Map<string, { reportedBy: string; reason: string; reportedAt: string }[]>()
  for (const report of reports) {
    const list = byComment.get(report.comment_id) ?? []
    list.push({
      reportedBy: report.reported_by,
      reason: report.reason,
      reportedAt: report.reported_at.toISOString(),
    })
    byComment.set(report.comment_id, list)
  }
  const last = page.at(-1)
  return {
    items: page.map((row) => ({
      commentId: row.comment_id,
      movieId: row.movie_id,
      authorId: row.author_id ?? null,
      parentId: row.parent_id ?? null,
      text: row.text ?? null,
      status: row.status as QueueStatus,
      reportCount: row.report_count,
      openReports: row.open_reports,
      hidden: row.hidden,
      spoiler: row.spoiler,
      lastDecision:
        row.last_action === null
          ? null
          : {
              action: row.last_action,
              by: row.last_decided_by,
              reason: row.last_reason,
              at: row.last_decided_at?.toISOString() ?? null,
            },
      reports: byComment.get(row.comment_id) ?? [],
      updatedAt: row.updated_at.toISOString(),
    })),
    nextCursor:
      rows.length > limit && last
        ? encodeCursor({ updatedAt: last.updated_at.toISOString(), id: last.comment_id }, status)
        : null,
  }
}
