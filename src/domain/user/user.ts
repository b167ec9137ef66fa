/**
 * The user stream (`user-<id>`): an account's life from registration to erasure. Its events, its
 * state and evolve. Pure: no I/O, no clock.
 *
 * Personal data (username, email, display name) appears here in clear; the write side seals those
 * fields with the user's own key before they are stored (src/identity/personal-data.ts), and they
 * read back as null once the key is gone (erasure). Secrets never appear: PasswordChanged says when,
 * not what.
 */

export const ROLES = ['user', 'analyst', 'admin'] as const
export type Role = (typeof ROLES)[number]

export const userStream = (userId: string) => `user-${userId}`

export type UserRegistered = {
  type: 'UserRegistered'
  data: {
    userId: string
    /** Canonical form (NFKC, case-folded). Personal: sealed in the store, null once erased. */
    username: string | null
    /** Normalised address. Personal: sealed in the store, null once erased. */
    email: string | null
    /** Personal: sealed in the store, null once erased. */
    displayName: string | null
    role: Role
    /**
     * The reservation streams holding the username and email, released on erasure. Null email and
     * reservation: an imported account (MovieLens user) has no email.
     */
    usernameReservation: string
    emailReservation: string | null
    registeredAt: string
  }
}
export type UserRoleChanged = {
  type: 'UserRoleChanged'
  data: { userId: string; role: Role; previousRole: Role; changedBy: string; changedAt: string }
}
export type UserProfileUpdated = {
  type: 'UserProfileUpdated'
  data: {
    userId: string
    /** Personal: sealed in the store, null when cleared or erased. */
    displayName: string | null
    favouriteGenres: string[]
    updatedAt: string
  }
}
/** What others may see of the user: their ratings (and reviews) on their public profile. */
export type ProfileVisibilityChanged = {
  type: 'ProfileVisibilityChanged'
  data: { userId: string; ratingsPublic: boolean; changedAt: string }
}
export type PasswordChanged = {
  type: 'PasswordChanged'
  data: { userId: string; changedAt: string }
}
export type UserErased = {
  type: 'UserErased'
  data: { userId: string; erasedBy: string; erasedAt: string }
}

export type UserEvent =
  | UserRegistered
  | UserRoleChanged
  | UserProfileUpdated
  | ProfileVisibilityChanged
  | PasswordChanged
  | UserErased

export const USER_EVENT_TYPES: readonly UserEvent['type'][] = [
  'UserRegistered',
  'UserRoleChanged',
  'UserProfileUpdated',
  'ProfileVisibilityChanged',
  'PasswordChanged',
  'UserErased',
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
