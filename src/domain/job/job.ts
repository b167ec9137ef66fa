/**
 * The job stream: one piece of long work (`job-<id>`), asked for by an event and carried out by a
 * reactor, which appends the outcome. Its events, its state and evolve. Pure: no I/O, no clock.
 * A job has at most one outcome (completed or failed): a reaction replayed after a crash decides
 * nothing new, and its events' ids (derived from the trigger event's id) make a racing append a no-op.
 * @see ../../../../shared/DESIGN.md "Reactors"
 */

export const jobStream = (jobId: string) => `job-${jobId}`

/** What a TMDb import fetches: a range of trending pages, or given movies by their TMDb ids. */
export type TmdbImportRequest =
  | {
      kind: 'trending'
      window: 'day' | 'week'
      /** Pages 1..pages of 20 movies each. */
      pages: number
      /** Also fetch each movie's details (IMDb id, exact release date): one more request per movie. */
      details: boolean
    }
  | { kind: 'movie'; tmdbIds: number[] }

export type ImportRequested = {
  type: 'ImportRequested'
  data: {
    jobId: string
    kind: 'tmdb'
    request: TmdbImportRequest
    /** The admin who asked (user id), or null from a script. */
    requestedBy: string | null
    requestedAt: string
  }
}
/** A reactor took the job; appended once per trigger event (a re-run after a crash appends nothing). */
export type ImportStarted = {
  type: 'ImportStarted'
  data: { jobId: string; startedAt: string; startedBy: string }
}
export type ImportCounts = {
  /** Movies appended as MovieImported. */
  imported: number
  /** Movies already in the catalogue (imported before, from TMDb or MovieLens). */
  skipped: number
  /** Movies TMDb returned that could not be imported (not found, no title, no release year). */
  failed: number
}
export type ImportCompleted = {
  type: 'ImportCompleted'
  data: { jobId: string; counts: ImportCounts; completedAt: string }
}
export type ImportFailed = {
  type: 'ImportFailed'
  data: {
    jobId: string
    /** A stable code (TMDB_INVALID_KEY, TMDB_UNAVAILABLE, ...) and a message safe to show admins. */
    error: { code: string; message: string }
    failedAt: string
    /** What was done before it failed (movies imported stay imported; a new request skips them). */
    counts?: ImportCounts
  }
}
/** A recommender model was trained (H-recommender's retrain reactor or script). */
export type ModelTrained = {
  type: 'ModelTrained'
  data: {
    jobId: string
    model: string
    trainedAt: string
    users: number
    items: number
    interactions: number
    durationMs: number
    metrics?: Record<string, number>
    /**
     * How the model was chosen (src/recommend/selection.ts SelectionReport): per candidate its tuned
     * settings, validation and test metrics, train time, peak memory, chosen or why not. Absent on
     * events written before automatic selection.
     */
    selection?: Record<string, unknown>
  }
}

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
