/**
 * The job stream: one piece of long work (`job-<id>`), asked for by an event and carried out by a
 * reactor, which appends the outcome. Its events, its state and evolve. Pure: no I/O, no clock.
 * A job has at most one outcome (completed or failed): a reaction replayed after a crash decides
 * nothing new, and its events' ids (derived from the trigger event's id) make a racing append a no-op.
 * @see ../../../../shared/DESIGN.md "Reactors"
 */
import { type Static, Type } from 'typebox'
import { defineEvent, type EventOf, Nullable, StringEnum } from '../event-catalogue.ts'

export const jobStream = (jobId: string) => `job-${jobId}`

/** What a TMDb import fetches: a range of trending pages, or given movies by their TMDb ids. */
const TmdbImportRequestSchema = Type.Union([
  Type.Object({
    kind: Type.Literal('trending'),
    window: StringEnum(['day', 'week']),
    /** Pages 1..pages of 20 movies each. */
    pages: Type.Integer(),
    /** Also fetch each movie's details (IMDb id, exact release date): one more request per movie. */
    details: Type.Boolean(),
  }),
  Type.Object({ kind: Type.Literal('movie'), tmdbIds: Type.Array(Type.Integer()) }),
])
export type TmdbImportRequest = Static<typeof TmdbImportRequestSchema>

export const importRequested = defineEvent('ImportRequested', {
  description:
    'An admin (or a script: `requestedBy` null) asked for a TMDb import: trending pages or given TMDb ids.',
  data: Type.Object({
    jobId: Type.String(),
    kind: Type.Literal('tmdb'),
    request: TmdbImportRequestSchema,
    requestedBy: Nullable(Type.String(), {
      description: 'The admin who asked (user id), or null from a script.',
    }),
    requestedAt: Type.String(),
  }),
})
export type ImportRequested = EventOf<typeof importRequested>

/** A reactor took the job; appended once per trigger event (a re-run after a crash appends nothing). */
export const importStarted = defineEvent('ImportStarted', {
  description: 'The import reactor took the job (once per request; a re-run after a crash appends nothing).',
  data: Type.Object({ jobId: Type.String(), startedAt: Type.String(), startedBy: Type.String() }),
})
export type ImportStarted = EventOf<typeof importStarted>

const ImportCountsSchema = Type.Object({
  /** Movies appended as MovieImported. */
  imported: Type.Integer(),
  /** Movies already in the catalogue (imported before, from TMDb or MovieLens). */
  skipped: Type.Integer(),
  /** Movies TMDb returned that could not be imported (not found, no title, no release year). */
  failed: Type.Integer(),
})
export type ImportCounts = Static<typeof ImportCountsSchema>

export const importCompleted = defineEvent('ImportCompleted', {
  description: 'The import finished: movies imported, skipped (already in the catalogue) and failed.',
  data: Type.Object({ jobId: Type.String(), counts: ImportCountsSchema, completedAt: Type.String() }),
})
export type ImportCompleted = EventOf<typeof importCompleted>

export const importFailed = defineEvent('ImportFailed', {
  description:
    'The import gave up: a stable code and a message safe to show admins, and what was done before ' +
    '(movies imported stay imported).',
  data: Type.Object({
    jobId: Type.String(),
    error: Type.Object(
      { code: Type.String(), message: Type.String() },
      {
        description:
          'A stable code (TMDB_INVALID_KEY, TMDB_UNAVAILABLE, ...) and a message safe to show admins.',
      },
    ),
    failedAt: Type.String(),
    counts: Type.Optional(
      Type.Object(ImportCountsSchema.properties, {
        description:
          'What was done before it failed (movies imported stay imported; a new request skips them).',
      }),
    ),
  }),
})
export type ImportFailed = EventOf<typeof importFailed>

/** A recommender model was trained (H-recommender's retrain reactor or script). */
export const modelTrained = defineEvent('ModelTrained', {
  description:
    'A recommender model was trained (the retrain reactor or the recommender script), with its sizes, ' +
    'metrics and how it was chosen (`selection`, absent on events written before automatic selection).',
  data: Type.Object({
    jobId: Type.String(),
    model: Type.String(),
    trainedAt: Type.String(),
    users: Type.Integer(),
    items: Type.Integer(),
    interactions: Type.Integer(),
    durationMs: Type.Number(),
    metrics: Type.Optional(Type.Record(Type.String(), Type.Number())),
    selection: Type.Optional(
      Type.Record(Type.String(), Type.Unknown(), {
        description:
          'How the model was chosen (SelectionReport of src/recommend/selection.ts): per candidate its settings, ' +
          'metrics, train time, peak memory, chosen or why not. Absent before automatic selection.',
      }),
    ),
  }),
})
export type ModelTrained = EventOf<typeof modelTrained>

/** The job streams' events, for the catalogue (src/domain/events.ts). */
export const JOB_EVENTS = [
  importRequested,
  importStarted,
  importCompleted,
  importFailed,
  modelTrained,
] as const

export type JobEvent = ImportRequested | ImportStarted | ImportCompleted | ImportFailed | ModelTrained

export const JOB_EVENT_TYPES = [
  'ImportRequested',
  'ImportStarted',
  'ImportCompleted',
  'ImportFailed',
  'ModelTrained',
] as const satisfies readonly JobEvent['type'][]

export type JobStatus = 'requested' | 'running' | 'completed' | 'failed'

export type JobState =
  | { status: 'unknown' }
  | { status: JobStatus; jobId: string; kind: 'import' | 'training' }

export const initialState = (): JobState => ({ status: 'unknown' })

export function evolve(state: JobState, event: JobEvent): JobState {
  switch (event.type) {
    case 'ImportRequested':
      return { status: 'requested', jobId: event.data.jobId, kind: 'import' }
    case 'ImportStarted':
      return state.status === 'requested' ? { ...state, status: 'running' } : state
    case 'ImportCompleted':
      return state.status === 'unknown' ? state : { ...state, status: 'completed' }
    case 'ImportFailed':
      return state.status === 'unknown' ? state : { ...state, status: 'failed' }
    case 'ModelTrained':
      return { status: 'completed', jobId: event.data.jobId, kind: 'training' }
    default: {
      const unknown: never = event
      return unknown
    }
  }
}

/** Whether the job has its outcome: nothing more will be appended to it. */
export const isFinished = (state: JobState) => state.status === 'completed' || state.status === 'failed'
