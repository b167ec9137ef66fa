/** The rules of a job stream: one request, one start, exactly one outcome. Pure decide/evolve. */
import t from 'tap'
import { decide, type JobCommand } from '../../../src/domain/job/decide.ts'
import { evolve, type ImportRequested, initialState, type JobEvent } from '../../../src/domain/job/job.ts'
import { AppError, DomainRuleError } from '../../../src/errors.ts'
import { type Assertions, spec } from '../../support/decider-spec.ts'

const jobId = '0b7e4f1e-51b2-4c1d-9a55-3c1d2b9f8e70'
const adminId = '6b1f4f5e-3c1a-4f0e-9a57-0d5c2b8e7a11'
const now = new Date('2026-11-24T12:00:00.000Z')
const job = (t: Assertions) =>
  spec<JobCommand, JobEvent, ReturnType<typeof initialState>>(t, { initialState, evolve, decide })

const requested: ImportRequested = {
  type: 'ImportRequested',
  data: {
    jobId,
    kind: 'tmdb',
    request: { kind: 'trending', window: 'week', pages: 2, details: false },
    requestedBy: adminId,
    requestedAt: now.toISOString(),
  },
}
const started: JobEvent = {
  type: 'ImportStarted',
  data: { jobId, startedAt: now.toISOString(), startedBy: 'h/1' },
}
const counts = { imported: 3, skipped: 1, failed: 0 }
const completed: JobEvent = {
  type: 'ImportCompleted',
  data: { jobId, counts, completedAt: now.toISOString() },
}
const metadata = { now }

t.test('an import is requested once, with its request cleaned', (t) => {
  job(t)
    .given([])
    .when({
      type: 'RequestImport',
      data: { jobId, request: { kind: 'movie', tmdbIds: [550, 603, 550] }, requestedBy: null },
      metadata,
    })
    .then([
      {
        type: 'ImportRequested',
        data: {
          jobId,
          kind: 'tmdb',
          request: { kind: 'movie', tmdbIds: [550, 603] },
          requestedBy: null,
          requestedAt: now.toISOString(),
        },
      },
    ])
  job(t)
    .given([requested])
    .when({
      type: 'RequestImport',
      data: { jobId, request: requested.data.request, requestedBy: adminId },
      metadata,
    })
    .thenThrows(AppError, 'JOB_EXISTS')
  job(t)
    .given([])
    .when({
      type: 'RequestImport',
      data: {
        jobId,
        request: { kind: 'trending', window: 'day', pages: 21, details: false },
        requestedBy: null,
      },
      metadata,
    })
    .thenThrows(DomainRuleError, 'IMPORT_PAGES')
  job(t)
    .given([])
    .when({
      type: 'RequestImport',
      data: { jobId, request: { kind: 'movie', tmdbIds: [] }, requestedBy: null },
      metadata,
    })
    .thenThrows(DomainRuleError, 'IMPORT_TMDB_IDS')
  t.end()
})

t.test('a job starts once and ends with exactly one outcome', (t) => {
  job(t)
    .given([requested])
    .when({ type: 'StartImport', data: { jobId, startedBy: 'h/1' }, metadata })
    .then([started])
  job(t)
    .given([requested, started])
    .when({ type: 'StartImport', data: { jobId, startedBy: 'h/2' }, metadata })
    .then([])
  job(t)
    .given([requested, started])
    .when({ type: 'CompleteImport', data: { jobId, counts }, metadata })
    .then([completed])
  job(t)
    .given([requested, started, completed])
    .when({
      type: 'FailImport',
      data: { jobId, error: { code: 'TMDB_UNAVAILABLE', message: 'down' } },
      metadata,
    })
    .then([])
  job(t)
    .given([requested, started, completed])
    .when({ type: 'CompleteImport', data: { jobId, counts }, metadata })
    .then([])
  job(t)
    .given([requested])
    .when({
      type: 'FailImport',
      data: { jobId, error: { code: 'TMDB_INVALID_KEY', message: 'x'.repeat(800) }, counts },
      metadata,
    })
    .then([
      {
        type: 'ImportFailed',
        data: {
          jobId,
          error: { code: 'TMDB_INVALID_KEY', message: 'x'.repeat(500) },
          failedAt: now.toISOString(),
          counts,
        },
      },
    ])
  job(t).given([]).when({ type: 'CompleteImport', data: { jobId, counts }, metadata }).then([])
  t.end()
})
