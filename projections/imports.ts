/**
 * imports: one row per import job (`job-<id>`), for GET /api/v1/admin/imports/:id: what was asked,
 * by whom, its status (requested, running, completed, failed), counts and error. Status only moves
 * forward, so a replayed event changes nothing.
 */
import { defineProjection } from '../src/projector/projection.ts'

export const imports = defineProjection({
  kind: 'postgres',
  name: 'imports',
  version: 1,
  handles: ['ImportRequested', 'ImportStarted', 'ImportCompleted', 'ImportFailed'],
  tables: ['imports'],
  async setup(db) {
    await db.schema
      .createTable('imports')
      .addColumn('job_id', 'uuid', (c) => c.primaryKey())
      .addColumn('source', 'text', (c) => c.notNull())
      .addColumn('request', 'jsonb', (c) => c.notNull())
      .addColumn('status', 'text', (c) => c.notNull())
      .addColumn('requested_by', 'uuid')
      .addColumn('requested_at', 'timestamptz', (c) => c.notNull())
      .addColumn('started_at', 'timestamptz')
      .addColumn('finished_at', 'timestamptz')
      .addColumn('imported', 'integer', (c) => c.notNull().defaultTo(0))
      .addColumn('skipped', 'integer', (c) => c.notNull().defaultTo(0))
      .addColumn('failed', 'integer', (c) => c.notNull().defaultTo(0))
      .addColumn('error', 'jsonb')
      .execute()
    await db.schema
      .createIndex('imports_newest')
      .on('imports')
      .columns(['requested_at desc', 'job_id desc'])
      .execute()
  },
  async apply(events, trx) {
    for (const event of events) {
      switch (event.type) {
        case 'ImportRequested': {
          const data = event.data
          await trx
            .insertInto('imports')
            .values({
              job_id: data.jobId,
              source: data.kind,
              request: JSON.stringify(data.request),
              status: 'requested',
              requested_by: data.requestedBy,
              requested_at: data.requestedAt,
            })
            .onConflict((oc) => oc.column('job_id').doNothing())
            .execute()
          break
        }
        case 'ImportStarted': {
          const data = event.data
          await trx
            .updateTable('imports')
            .set({ status: 'running', started_at: data.startedAt })
            .where('job_id', '=', data.jobId)
            .where('status', '=', 'requested')
            .execute()
          break
        }
        case 'ImportCompleted': {
          const data = event.data
          await trx
            .updateTable('imports')
            .set({ status: 'completed', finished_at: data.completedAt, ...data.counts })
            .where('job_id', '=', data.jobId)
            .where('status', 'in', ['requested', 'running'])
            .execute()
          break
        }
        case 'ImportFailed': {
          const data = event.data
          await trx
            .updateTable('imports')
            .set({
              status: 'failed',
              finished_at: data.failedAt,
              error: JSON.stringify(data.error),
              ...(data.counts ?? {}),
            })
            .where('job_id', '=', data.jobId)
            .where('status', 'in', ['requested', 'running'])
            .execute()
          break
        }
      }
    }
  },
})
