/**
 * The state of a stream as of any revision, for the stream browser: the stream's events up to that
 * revision folded with its aggregate's own evolve (src/domain/*), the very function the command side
 * decides with. What no read model can show: how the aggregate stood before each change.
 */
import * as comment from '../domain/comment/comment.ts'
import * as interaction from '../domain/interaction/interaction.ts'
import * as job from '../domain/job/job.ts'
import * as movie from '../domain/movie/movie.ts'
import * as reservation from '../domain/user/reservation.ts'
import * as user from '../domain/user/user.ts'

type Fold = { kind: string; initialState: () => unknown; evolve: (state: never, event: never) => unknown }

/** Stream name prefixes and the aggregate whose events they hold. */
const FOLDS: readonly [RegExp, Fold][] = [
  [/^movie-/, { kind: 'movie', ...movie }],
  [/^user-/, { kind: 'user', ...user }],
  [/^comment-/, { kind: 'comment', ...comment }],
  [/^interaction-/, { kind: 'interaction', ...interaction }],
  [/^job-/, { kind: 'job', ...job }],
  [/^(username|email)-/, { kind: 'reservation', ...reservation }],
]

export type StreamKind = 'movie' | 'user' | 'comment' | 'interaction' | 'job' | 'reservation'

export function streamKind(stream: string): string | null {
  return FOLDS.find(([prefix]) => prefix.test(stream))?.[1].kind ?? null
}

export type EventLike = { type: string; data: unknown; revision: number }

/**
 * The state after the events up to and including `revision`, or null for a stream of no known
 * aggregate. Throws what evolve throws (an event it cannot take): the browser shows it.
 */
export function stateAt(stream: string, events: readonly EventLike[], revision: number): unknown {
  const fold = FOLDS.find(([prefix]) => prefix.test(stream))?.[1]
  if (!fold) return null
  const evolve = fold.evolve as (state: unknown, event: { type: string; data: unknown }) => unknown
  let state = fold.initialState()
  for (const event of events) {
    if (event.revision > revision) break
    state = evolve(state, { type: event.type, data: event.data })
  }
  return state
}
