/**
 * The catalogue of every event type Nexus writes, built from the domain modules' declarations
 * (each module owns its events' schemas, current versions and upcasters). The event store reads
 * through it (upcasting) and stamps appends with its versions; docs/events.md is generated from it
 * (`npm run docs:events`). Pure.
 * @see ./event-catalogue.ts
 */
import { COMMENT_EVENTS } from './comment/comment.ts'
import { createEventCatalogue, type EventOf } from './event-catalogue.ts'
import { GENRE_EVENTS } from './genre/genre.ts'
import { INTERACTION_EVENTS } from './interaction/interaction.ts'
import { JOB_EVENTS } from './job/job.ts'
import { MOVIE_EVENTS } from './movie/movie.ts'
import { RESERVATION_EVENTS } from './user/reservation.ts'
import { USER_EVENTS } from './user/user.ts'

/** Every definition, grouped by the stream that holds them (the order of docs/events.md). */
export const EVENT_STREAMS = [
  { stream: 'movie-<movieId>', events: MOVIE_EVENTS },
  { stream: 'genre-catalogue', events: GENRE_EVENTS },
  { stream: 'interaction-<userId>-<movieId>', events: INTERACTION_EVENTS },
  { stream: 'comment-<commentId>', events: COMMENT_EVENTS },
  { stream: 'user-<userId>', events: USER_EVENTS },
  { stream: 'username-<hash>, email-<hash>', events: RESERVATION_EVENTS },
  { stream: 'job-<jobId>', events: JOB_EVENTS },
] as const

export const EVENT_DEFINITIONS = [
  ...MOVIE_EVENTS,
  ...GENRE_EVENTS,
  ...INTERACTION_EVENTS,
  ...COMMENT_EVENTS,
  ...USER_EVENTS,
  ...RESERVATION_EVENTS,
  ...JOB_EVENTS,
] as const

/** Every event of the domain: a union discriminated by `type`. */
export type DomainEvent = EventOf<(typeof EVENT_DEFINITIONS)[number]>
export type DomainEventType = DomainEvent['type']
/** The event of one type. */
export type EventOfType<Type extends DomainEventType> = Extract<DomainEvent, { type: Type }>

export const eventCatalogue = createEventCatalogue(EVENT_DEFINITIONS)

/**
 * A guard for events of the given types: narrows a stored event (already upcast by the store) to
 * their union, so its data is typed. For readers of the whole log (export, replay) that pick types.
 */
export function eventTypeGuard<const Types extends DomainEventType>(types: readonly Types[]) {
  const set = new Set<string>(types)
  return <Event extends { type: string; data: unknown }>(event: Event): event is Event & EventOfType<Types> =>
    set.has(event.type)
}
