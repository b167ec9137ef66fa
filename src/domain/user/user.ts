/**
 * The user stream (`user-<id>`): an account's life from registration to erasure. Its events, its
 * state and evolve. Pure: no I/O, no clock.
 *
 * Personal data (username, email, display name) appears here in clear; the write side seals those
 * fields with the user's own key before they are stored (src/privacy/personal-data.ts), and they
 * read back as null once the key is gone (erasure). Secrets never appear: PasswordChanged says when,
 * not what.
 */
import { Type } from 'typebox'
import { defineEvent, type EventOf, Nullable, StringEnum } from '../event-catalogue.ts'

/** `moderator`: hides and restores comments, marks spoilers, suspends users; an admin can do all that too. */
export const ROLES = ['user', 'analyst', 'moderator', 'admin'] as const
export type Role = (typeof ROLES)[number]

export const userStream = (userId: string) => `user-${userId}`

const RoleSchema = StringEnum(ROLES)

export const userRegistered = defineEvent('UserRegistered', {
  description:
    'An account was created (signed up, by an admin, or imported). Username, email and display name are ' +
    "personal: sealed with the user's key in the store, null once erased.",
  data: Type.Object({
    userId: Type.String(),
    username: Nullable(Type.String(), {
      description: 'Canonical form (NFKC, case-folded). Personal: sealed in the store, null once erased.',
    }),
    email: Nullable(Type.String(), {
      description: 'Normalised address; null for an imported account. Personal: sealed, null once erased.',
    }),
    displayName: Nullable(Type.String(), { description: 'Personal: sealed in the store, null once erased.' }),
    role: RoleSchema,
    usernameReservation: Type.String({
      description: 'The reservation stream holding the username, released on erasure.',
    }),
    emailReservation: Nullable(Type.String(), {
      description: 'The reservation stream holding the email; null for an imported account (no email).',
    }),
    registeredAt: Type.String(),
  }),
})
export type UserRegistered = EventOf<typeof userRegistered>

export const userRoleChanged = defineEvent('UserRoleChanged', {
  description: "An admin changed the account's role.",
  data: Type.Object({
    userId: Type.String(),
    role: RoleSchema,
    previousRole: RoleSchema,
    changedBy: Type.String(),
    changedAt: Type.String(),
  }),
})
export type UserRoleChanged = EventOf<typeof userRoleChanged>

export const userProfileUpdated = defineEvent('UserProfileUpdated', {
  description:
    'The user changed their profile; the display name is personal (sealed, null when cleared or erased).',
  data: Type.Object({
    userId: Type.String(),
    displayName: Nullable(Type.String(), {
      description: 'Personal: sealed in the store, null when cleared or erased.',
    }),
    favouriteGenres: Type.Array(Type.String()),
    updatedAt: Type.String(),
  }),
})
export type UserProfileUpdated = EventOf<typeof userProfileUpdated>

/** What others may see of the user: their ratings (and reviews) on their public profile. */
export const profileVisibilityChanged = defineEvent('ProfileVisibilityChanged', {
  description: "Whether others see the user's ratings (and reviews) on their public profile.",
  data: Type.Object({ userId: Type.String(), ratingsPublic: Type.Boolean(), changedAt: Type.String() }),
})
export type ProfileVisibilityChanged = EventOf<typeof profileVisibilityChanged>

export const passwordChanged = defineEvent('PasswordChanged', {
  description: 'The password changed: when, never what.',
  data: Type.Object({ userId: Type.String(), changedAt: Type.String() }),
})
export type PasswordChanged = EventOf<typeof passwordChanged>

export const userErased = defineEvent('UserErased', {
  description:
    'The account was erased: its key is deleted, so its personal fields read back as null everywhere.',
  data: Type.Object({ userId: Type.String(), erasedBy: Type.String(), erasedAt: Type.String() }),
})
export type UserErased = EventOf<typeof userErased>

export const userSuspended = defineEvent('UserSuspended', {
  description:
    'A moderator (or admin) suspended the account: it still reads, but every command it sends is refused ' +
    '(403 USER_SUSPENDED) until it is reinstated.',
  data: Type.Object({
    userId: Type.String(),
    suspendedBy: Type.String(),
    reason: Type.String(),
    suspendedAt: Type.String(),
  }),
})
export type UserSuspended = EventOf<typeof userSuspended>

export const userReinstated = defineEvent('UserReinstated', {
  description: 'A moderator (or admin) lifted the suspension.',
  data: Type.Object({
    userId: Type.String(),
    reinstatedBy: Type.String(),
    reason: Type.String(),
    reinstatedAt: Type.String(),
  }),
})
export type UserReinstated = EventOf<typeof userReinstated>

/** The user stream's events, for the catalogue (src/domain/events.ts). */
export const USER_EVENTS = [
  userRegistered,
  userRoleChanged,
  userProfileUpdated,
  profileVisibilityChanged,
  passwordChanged,
  userErased,
  userSuspended,
  userReinstated,
] as const

export type UserEvent =
  | UserRegistered
  | UserRoleChanged
  | UserProfileUpdated
  | ProfileVisibilityChanged
  | PasswordChanged
  | UserErased
  | UserSuspended
  | UserReinstated

export const USER_EVENT_TYPES: readonly UserEvent['type'][] = [
  'UserRegistered',
  'UserRoleChanged',
  'UserProfileUpdated',
  'ProfileVisibilityChanged',
  'PasswordChanged',
  'UserErased',
  'UserSuspended',
  'UserReinstated',
]

export type Profile = { displayName: string | null; favouriteGenres: string[]; ratingsPublic: boolean }

export type UserState =
  | { status: 'unregistered' }
  | {
      status: 'active'
      userId: string
      role: Role
      profile: Profile
      reservations: string[]
      /** Suspended by a moderator: reads, but every command is refused. */
      suspended: boolean
    }
  | { status: 'erased'; userId: string; reservations: string[] }

export const initialState = (): UserState => ({ status: 'unregistered' })

export function evolve(state: UserState, event: UserEvent): UserState {
  switch (event.type) {
    case 'UserRegistered':
      return {
        status: 'active',
        userId: event.data.userId,
        role: event.data.role,
        profile: { displayName: event.data.displayName, favouriteGenres: [], ratingsPublic: false },
        suspended: false,
        reservations: [event.data.usernameReservation, event.data.emailReservation].filter(
          (stream): stream is string => stream !== null,
        ),
      }
    case 'UserRoleChanged':
      return state.status === 'active' ? { ...state, role: event.data.role } : state
    case 'UserProfileUpdated':
      return state.status === 'active'
        ? {
            ...state,
            profile: {
              ...state.profile,
              displayName: event.data.displayName,
              favouriteGenres: event.data.favouriteGenres,
            },
          }
        : state
    case 'ProfileVisibilityChanged':
      return state.status === 'active'
        ? { ...state, profile: { ...state.profile, ratingsPublic: event.data.ratingsPublic } }
        : state
    case 'PasswordChanged':
      return state
    case 'UserSuspended':
      return state.status === 'active' ? { ...state, suspended: true } : state
    case 'UserReinstated':
      return state.status === 'active' ? { ...state, suspended: false } : state
    case 'UserErased':
      return {
        status: 'erased',
        userId: event.data.userId,
        reservations: state.status === 'active' ? state.reservations : [],
      }
    default: {
      const unknown: never = event
      return unknown
    }
  }
}
