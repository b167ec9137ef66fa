/**
 * The TMDb import reactor: on ImportRequested (job-<id>) it starts the job (ImportStarted), runs
 * the import (src/ingest/tmdb/import-from-tmdb.ts) and appends ImportCompleted with the counts, or
 * ImportFailed with the TMDb error (invalid key, unavailable, ...). Every append goes through the
 * job decider with a key derived from the trigger event's id: delivered again (crash, restart,
 * version bump), the reaction finds the job finished and does nothing, and a racing duplicate
 * outcome is a no-op. Secrets never reach the events: messages are ours, and scrubbed anyway.
 */
import { decide, type JobCommand } from '../../domain/job/decide.ts'
import { evolve, initialState, isFinished, jobStream } from '../../domain/job/job.ts'
import type { StoredEvent } from '../../event-store/contract.ts'
import { defineReactor, type Reactor, type ReactorContext, reactionKey } from '../../projector/projection.ts'
import { aggregateStream } from '../../write/aggregate-stream.ts'
import { handleCommand } from '../../write/handle-command.ts'
import type { TmdbClient } from './client.ts'
import { TmdbError } from './errors.ts'
import { importFromTmdb } from './import-from-tmdb.ts'

const jobDecider = { initialState, evolve, decide }
const NAME = 'tmdb_import'

const scrub = (message: string, secrets: readonly string[]) =>
  secrets.reduce((text, secret) => (secret === '' ? text : text.replaceAll(secret, '***')), message)

/** Runs a job command keyed by the trigger event and a step, so its events' ids derive from the trigger's. */
const run = (
  context: ReactorContext,
  trigger: StoredEvent,
  jobId: string,
  command: JobCommand,
  step: string,
) =>
  handleCommand(context.store, jobStream(jobId), jobDecider, command, {
    metadata: { actorId: null, correlationId: jobId, causationId: trigger.id },
    idempotencyKey: reactionKey(trigger, `${NAME}:${step}`),
  })

async function finished(context: ReactorContext, jobId: string): Promise<boolean> {
  const { state } = await aggregateStream(context.store, jobStream(jobId), { initialState, evolve })
  return isFinished(state)
}

/** What the TMDb import reacts with: the client, and the secrets never to write into an outcome. */
export type TmdbImportServices = { tmdb: TmdbClient; secrets: readonly string[] }

/** The reactor's name, version and events, for listings that run nothing (status, metrics). */
export const tmdbImportDeclaration = {
  kind: 'reactor',
  name: NAME,
  version: 1,
  handles: ['ImportRequested'],
} as const

export const createTmdbImportReactor = (services: TmdbImportServices): Reactor =>
  defineReactor({
    ...tmdbImportDeclaration,
    maxAttempts: 3,
    async react(event, context) {
      const { jobId, kind, request } = event.data
      if (kind !== 'tmdb') return
      // Delivered again after its outcome: no work, nothing appended.
      if (await finished(context, jobId)) return
      const now = () => new Date()
      const start: JobCommand = {
        type: 'StartImport',
        data: { jobId, startedBy: context.owner },
        metadata: { now: now() },
      }
      await run(context, event, jobId, start, 'start')
      let progress = { imported: 0, skipped: 0, failed: 0 }
      try {
        const counts = await importFromTmdb(services.tmdb, context.store, request, {
          jobId,
          now,
          signal: context.signal,
          metadata: { correlationId: jobId, causationId: event.id },
          onProgress: ({ imported, skipped, failed }) => {
            progress = { imported, skipped, failed }
          },
        })
        const complete: JobCommand = {
          type: 'CompleteImport',
          data: { jobId, counts },
          metadata: { now: now() },
        }
        await run(context, event, jobId, complete, 'outcome')
        context.logger.info({ reactor: NAME, jobId, ...counts }, 'TMDb import completed')
      } catch (error) {
        // Stopping: the event is delivered again and the import resumes (idempotent). Not a TMDb
        // error (the store failed...): the runtime retries, then gives up through giveUp.
        if (context.signal.aborted || !(error instanceof TmdbError)) throw error
        const message = scrub(error.message, services.secrets)
        const fail: JobCommand = {
          type: 'FailImport',
          data: { jobId, error: { code: error.code, message }, counts: progress },
          metadata: { now: now() },
        }
        await run(context, event, jobId, fail, 'outcome')
        context.logger.warn({ reactor: NAME, jobId, code: error.code }, 'TMDb import failed')
      }
    },
    async giveUp(event, error, context) {
      const { jobId } = event.data
      const cause = error instanceof Error ? `${error.name}: ${error.message}` : String(error)
      const message = scrub(`the import failed: ${cause}`, services.secrets)
      const fail: JobCommand = {
        type: 'FailImport',
        data: { jobId, error: { code: 'IMPORT_ERROR', message } },
        metadata: { now: new Date() },
      }
      await run(context, event, jobId, fail, 'outcome')
    },
  })
