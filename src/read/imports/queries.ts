/** Import jobs from the imports read model (projections/imports.ts), never the event store. */
import type { Kysely, Selectable } from 'kysely'
import type { Database, ImportsTable } from '../../db/schema.ts'

export type ImportView = {
  jobId: string
  source: string
  request: unknown
  status: 'requested' | 'running' | 'completed' | 'failed'
  requestedBy: string | null
  requestedAt: string
  startedAt: string | null
  finishedAt: string | null
  counts: { imported: number; skipped: number; failed: number }
  error: { code: string; message: string } | null
}

function view(row: Selectable<ImportsTable>): ImportView {
  return {
    jobId: row.job_id,
    source: row.source,
    request: row.request,
    status: row.status,
    requestedBy: row.requested_by,
    requestedAt: row.requested_at.toISOString(),
    startedAt: row.started_at?.toISOString() ?? null,
    finishedAt: row.finished_at?.toISOString() ?? null,
    counts: { imported: row.imported, skipped: row.skipped, failed: row.failed },
    error: row.error,
  }
}

export async function findImport(db: Kysely<Database>, jobId: string): Promise<ImportView | null> {
  const row = await db.selectFrom('imports').selectAll().where('job_id', '=', jobId).executeTakeFirst()
  return row ? view(row) : null
}

/** The newest jobs first. */
export async function listImports(db: Kysely<Database>, limit: number): Promise<ImportView[]> {
  const rows = await db
    .selectFrom('imports')
    .selectAll()
    .orderBy('requested_at', 'desc')
    .orderBy('job_id', 'desc')
    .limit(limit)
    .execute()
  return rows.map(view)
}
