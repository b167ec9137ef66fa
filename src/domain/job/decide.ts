/**
 * The commands on a job stream and the rules that decide them. Pure: time arrives on the command.
 * An admin requests an import; the import reactor starts it and records exactly one outcome.
 */
import { AppError, DomainRuleError } from '../../errors.ts'
import type { ImportCounts, JobEvent, JobState, TmdbImportRequest } from './job.ts'
import { isFinished } from './job.ts'

export const MAX_TRENDING_PAGES = 20
export const MAX_TMDB_IDS = 100
const MAX_ERROR_MESSAGE = 500

export type RequestImport = {
  type: 'RequestImport'
  data: { jobId: string; request: TmdbImportRequest; requestedBy: string | null }
  metadata: { now: Date }
}
export type StartImport = {
  type: 'StartImport'
  data: { jobId: string; startedBy: string }
  metadata: { now: Date }
}
export type CompleteImport = {
  type: 'CompleteImport'
  data: { jobId: string; counts: ImportCounts }
  metadata: { now: Date }
}
export type FailImport = {
  type: 'FailImport'
  data: { jobId: string; error: { code: string; message: string }; counts?: ImportCounts }
  metadata: { now: Date }
}

export type JobCommand = RequestImport | StartImport | CompleteImport | FailImport

/** The request as stored: ids deduplicated, limits checked (the HTTP schema checks them too). */
export function validImportRequest(request: TmdbImportRequest): TmdbImportRequest {
  if (request.kind === 'trending') {
    if (!Number.isInteger(request.pages) || request.pages < 1 || request.pages > MAX_TRENDING_PAGES) {
      throw new DomainRuleError('IMPORT_PAGES', `pages must be between 1 and ${MAX_TRENDING_PAGES}`)
    }
    return { kind: 'trending', window: request.window, pages: request.pages, details: request.details }
  }
  const tmdbIds = [...new Set(request.tmdbIds)]
  if (
    tmdbIds.length < 1 ||
    tmdbIds.length > MAX_TMDB_IDS ||
    !tmdbIds.every((id) => Number.isInteger(id) && id > 0)
  ) {
    throw new DomainRuleError('IMPORT_TMDB_IDS', `tmdbIds holds 1 to ${MAX_TMDB_IDS} positive integers`)
  }
  return { kind: 'movie', tmdbIds }
}

function requestImport(command: RequestImport, state: JobState): JobEvent[] {
  // Job ids are new uuids (or derived from an Idempotency-Key, which handleCommand replays first).
  if (state.status !== 'unknown') throw new AppError(409, 'JOB_EXISTS', 'a job with this id exists')
  const { jobId, requestedBy } = command.data
  return [
    {
      type: 'ImportRequested',
      data: {
        jobId,
        kind: 'tmdb',
        request: validImportRequest(command.data.request),
        requestedBy,
        requestedAt: command.metadata.now.toISOString(),
      },
    },
  ]
}

export function decide(command: JobCommand, state: JobState): JobEvent[] {
  const now = command.metadata.now.toISOString()
  switch (command.type) {
    case 'RequestImport':
      return requestImport(command, state)
    case 'StartImport':
      // Started once; a re-run after a crash finds it running and appends nothing.
      return state.status === 'requested'
        ? [{ type: 'ImportStarted', data: { ...command.data, startedAt: now } }]
        : []
    case 'CompleteImport':
      if (state.status === 'unknown' || isFinished(state)) return []
      return [{ type: 'ImportCompleted', data: { ...command.data, completedAt: now } }]
    case 'FailImport': {
      if (state.status === 'unknown' || isFinished(state)) return []
      const { code, message } = command.data.error
      return [
        {
          type: 'ImportFailed',
          data: {
            jobId: command.data.jobId,
            error: { code, message: message.slice(0, MAX_ERROR_MESSAGE) },
            failedAt: now,
            ...(command.data.counts ? { counts: command.data.counts } : {}),
          },
        },
      ]
    }
    default: {
      const unknown: never = command
      return unknown
    }
  }
}
