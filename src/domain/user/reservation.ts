/**
 * Reservation streams make a username or an email unique the event-sourced way: one small stream
 * per normalised value (`username-<hash>`, `email-<hash>`), claimed by appending at `no_stream` or
 * after a release, so two concurrent registrations cannot both win. Events, state, evolve and decide
 * in one file because the rules fit in a screen. Pure.
 *
 * The stream name carries a SHA-256 of the normalised value, never the value: a stream name cannot
 * be erased, and a user's username and email must become unreadable when they are.
 */
import { Type } from 'typebox'
import { AppError } from '../../errors.ts'
import { defineEvent, type EventOf, StringEnum } from '../event-catalogue.ts'

export const RESERVATION_KINDS = ['username', 'email'] as const
export type ReservationKind = (typeof RESERVATION_KINDS)[number]

export const reservationStream = (kind: ReservationKind, hash: string) => `${kind}-${hash}`

export const uniqueValueReserved = defineEvent('UniqueValueReserved', {
  description: 'A username or email (the stream names its hash) is now held by this user.',
  data: Type.Object({
    kind: StringEnum(RESERVATION_KINDS),
    userId: Type.String(),
    reservedAt: Type.String(),
  }),
})
export type UniqueValueReserved = EventOf<typeof uniqueValueReserved>

export const uniqueValueReleased = defineEvent('UniqueValueReleased', {
  description:
    'The holder let the value go: registration-failed (the other value was taken), user-erased, or ' +
    'abandoned (the registration never completed).',
  data: Type.Object({
    kind: StringEnum(RESERVATION_KINDS),
    userId: Type.String(),
    reason: StringEnum(['registration-failed', 'user-erased', 'abandoned'], {
      description:
        'registration-failed: the other value was taken; abandoned: the registration never completed.',
    }),
    releasedAt: Type.String(),
  }),
})
export type UniqueValueReleased = EventOf<typeof uniqueValueReleased>

/** The reservation streams' events, for the catalogue (src/domain/events.ts). */
export const RESERVATION_EVENTS = [uniqueValueReserved, uniqueValueReleased] as const

export type ReservationEvent = UniqueValueReserved | UniqueValueReleased

export type ReservationState = { holder: null } | { holder: string; since: string }

export const initialState = (): ReservationState => ({ holder: null })

export function evolve(state: ReservationState, event: ReservationEvent): ReservationState {
  switch (event.type) {
    case 'UniqueValueReserved':
      return { holder: event.data.userId, since: event.data.reservedAt }
    case 'UniqueValueReleased':
      return state.holder === event.data.userId ? { holder: null } : state
    default: {
      const unknown: never = event
      return unknown
    }
  }
}

export type Reserve = {
  type: 'Reserve'
  data: { kind: ReservationKind; userId: string }
  metadata: { now: Date }
}
export type Release = {
  type: 'Release'
  data: { kind: ReservationKind; userId: string; reason: UniqueValueReleased['data']['reason'] }
  metadata: { now: Date }
}
export type ReservationCommand = Reserve | Release

/** The value is held by another user: USERNAME_TAKEN or EMAIL_TAKEN (409). */
export class ValueTakenError extends AppError {
  readonly holder: string
  /** When the holder reserved it (an unfinished registration is given up after a while). */
  readonly since: string

  constructor(kind: ReservationKind, holder: string, since: string) {
    super(409, `${kind.toUpperCase()}_TAKEN`, `this ${kind} is already registered`)
    this.name = 'ValueTakenError'
    this.holder = holder
    this.since = since
  }
}

export function decide(command: ReservationCommand, state: ReservationState): ReservationEvent[] {
  const { kind, userId } = command.data
  const now = command.metadata.now.toISOString()
  switch (command.type) {
    case 'Reserve':
      if (state.holder === userId) return []
      if (state.holder !== null) throw new ValueTakenError(kind, state.holder, state.since)
      return [{ type: 'UniqueValueReserved', data: { kind, userId, reservedAt: now } }]
    case 'Release':
      // Only the holder's claim is released; anything else is already not theirs.
      if (state.holder !== userId) return []
      return [
        { type: 'UniqueValueReleased', data: { kind, userId, reason: command.data.reason, releasedAt: now } },
      ]
    default: {
      const unknown: never = command
      return unknown
    }
  }
}
