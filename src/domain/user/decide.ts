/**
 * The commands on a user stream and the rules that decide them. Pure: time and the acting user
 * arrive on the command, the state from evolve; the answer is the events to append.
 */
import { AppError, DomainRuleError, notFound } from '../../errors.ts'
import type { Role, UserEvent, UserState } from './user.ts'

export const MAX_DISPLAY_NAME_LENGTH = 64
export const MAX_FAVOURITE_GENRES = 20

type Meta = { metadata: { now: Date } }

export type RegisterUser = Meta & {
  type: 'RegisterUser'
  data: {
    userId: string
    username: string
    /** Null for an imported account (MovieLens user), which has no email and cannot sign in. */
    email: string | null
    displayName: string | null
    role: Role
    usernameReservation: string
    emailReservation: string | null
  }
}
export type ChangeRole = Meta & {
  type: 'ChangeRole'
  data: { userId: string; role: Role; changedBy: string }
}
export type UpdateProfile = Meta & {
  type: 'UpdateProfile'
  /** An absent field keeps its value; displayName null clears it. */
  data: { userId: string; displayName?: string | null; favouriteGenres?: string[]; ratingsPublic?: boolean }
}
export type RecordPasswordChange = Meta & {
  type: 'RecordPasswordChange'
  data: { userId: string }
}
export type EraseUser = Meta & {
  type: 'EraseUser'
  data: { userId: string; erasedBy: string }
}

/** A moderator's (or admin's) decision on an account; `reason` is required and recorded. */
export type ModerateUser = Meta & {
  type: 'SuspendUser' | 'ReinstateUser'
  data: { userId: string; actorId: string; actorRole: Role; reason: string }
}

export type UserCommand =
  | RegisterUser
  | ChangeRole
  | UpdateProfile
  | RecordPasswordChange
  | EraseUser
  | ModerateUser

export const MAX_SUSPENSION_REASON_LENGTH = 500
/** Roles a moderator may not suspend: staff answer to an admin. */
const STAFF: readonly Role[] = ['moderator', 'admin']

type Active = Extract<UserState, { status: 'active' }>

/** The state of a user a command may act on; unknown and erased users are refused alike by code. */
function active(state: UserState): Active {
  if (state.status === 'unregistered') throw notFound('USER_NOT_FOUND', 'there is no such user')
  if (state.status === 'erased') throw new DomainRuleError('USER_ERASED', 'this user was erased')
  return state
}

function cleanDisplayName(raw: string | null): string | null {
  const name = raw?.normalize('NFC').trim() ?? ''
  if (name === '') return null
  if ([...name].length > MAX_DISPLAY_NAME_LENGTH) {
    throw new DomainRuleError(
      'DISPLAY_NAME_TOO_LONG',
      `a display name holds at most ${MAX_DISPLAY_NAME_LENGTH} characters`,
    )
  }
  return name
}

function cleanGenres(genres: string[]): string[] {
  const unique = [...new Set(genres.map((genre) => genre.trim().toLowerCase()).filter(Boolean))]
  if (unique.length > MAX_FAVOURITE_GENRES) {
    throw new DomainRuleError('TOO_MANY_GENRES', `at most ${MAX_FAVOURITE_GENRES} favourite genres`)
  }
  return unique.sort()
}

function register(command: RegisterUser, state: UserState): UserEvent[] {
  if (state.status !== 'unregistered') {
    throw new AppError(409, 'USER_EXISTS', 'a user with this id is already registered')
  }
  const { data } = command
  return [
    {
      type: 'UserRegistered',
      data: {
        userId: data.userId,
        username: data.username,
        email: data.email,
        displayName: cleanDisplayName(data.displayName),
        role: data.role,
        usernameReservation: data.usernameReservation,
        emailReservation: data.emailReservation,
        registeredAt: command.metadata.now.toISOString(),
      },
    },
  ]
}

function changeRole(command: ChangeRole, state: UserState): UserEvent[] {
  const user = active(state)
  const { userId, role, changedBy } = command.data
  if (user.role === role) return []
  // The one rule that keeps a system from losing its last way in by accident.
  if (changedBy === userId && user.role === 'admin') {
    throw new DomainRuleError('CANNOT_DEMOTE_SELF', 'an admin cannot take the admin role from themselves')
  }
  return [
    {
      type: 'UserRoleChanged',
      data: {
        userId,
        role,
        previousRole: user.role,
        changedBy,
        changedAt: command.metadata.now.toISOString(),
      },
    },
  ]
}

function updateProfile(command: UpdateProfile, state: UserState): UserEvent[] {
  const user = active(state)
  const { data } = command
  const displayName =
    data.displayName === undefined ? user.profile.displayName : cleanDisplayName(data.displayName)
  const favouriteGenres =
    data.favouriteGenres === undefined ? user.profile.favouriteGenres : cleanGenres(data.favouriteGenres)
  const unchanged =
    displayName === user.profile.displayName &&
    favouriteGenres.length === user.profile.favouriteGenres.length &&
    favouriteGenres.every((genre, i) => genre === user.profile.favouriteGenres[i])
  const now = command.metadata.now.toISOString()
  const events: UserEvent[] = []
  if (!unchanged) {
    events.push({
      type: 'UserProfileUpdated',
      data: { userId: data.userId, displayName, favouriteGenres, updatedAt: now },
    })
  }
  if (data.ratingsPublic !== undefined && data.ratingsPublic !== user.profile.ratingsPublic) {
    events.push({
      type: 'ProfileVisibilityChanged',
      data: { userId: data.userId, ratingsPublic: data.ratingsPublic, changedAt: now },
    })
  }
  return events
}

function recordPasswordChange(command: RecordPasswordChange, state: UserState): UserEvent[] {
  active(state)
  return [
    {
      type: 'PasswordChanged',
      data: { userId: command.data.userId, changedAt: command.metadata.now.toISOString() },
    },
  ]
}

function erase(command: EraseUser, state: UserState): UserEvent[] {
  if (state.status === 'erased') return []
  active(state)
  return [
    {
      type: 'UserErased',
      data: {
        userId: command.data.userId,
        erasedBy: command.data.erasedBy,
        erasedAt: command.metadata.now.toISOString(),
      },
    },
  ]
}

function moderate(command: ModerateUser, state: UserState): UserEvent[] {
  const { userId, actorId, actorRole } = command.data
  if (actorRole !== 'moderator' && actorRole !== 'admin') {
    throw new AppError(403, 'FORBIDDEN', 'this needs the moderator or admin role')
  }
  const user = active(state)
  const reason = command.data.reason.trim()
  if (reason === '') throw new DomainRuleError('REASON_REQUIRED', 'give a reason')
  if (reason.length > MAX_SUSPENSION_REASON_LENGTH) {
    throw new DomainRuleError(
      'REASON_TOO_LONG',
      `a reason holds at most ${MAX_SUSPENSION_REASON_LENGTH} characters`,
    )
  }
  if (userId === actorId) throw new DomainRuleError('CANNOT_SUSPEND_SELF', 'you cannot suspend yourself')
  if (actorRole !== 'admin' && STAFF.includes(user.role)) {
    throw new AppError(
      403,
      'CANNOT_MODERATE_STAFF',
      'only an admin suspends or reinstates a moderator or admin',
    )
  }
  const at = command.metadata.now.toISOString()
  if (command.type === 'SuspendUser') {
    if (user.suspended) return []
    return [{ type: 'UserSuspended', data: { userId, suspendedBy: actorId, reason, suspendedAt: at } }]
  }
  if (!user.suspended) return []
  return [{ type: 'UserReinstated', data: { userId, reinstatedBy: actorId, reason, reinstatedAt: at } }]
}

export function decide(command: UserCommand, state: UserState): UserEvent[] {
  switch (command.type) {
    case 'RegisterUser':
      return register(command, state)
    case 'ChangeRole':
      return changeRole(command, state)
    case 'UpdateProfile':
      return updateProfile(command, state)
    case 'RecordPasswordChange':
      return recordPasswordChange(command, state)
    case 'EraseUser':
      return erase(command, state)
    case 'SuspendUser':
    case 'ReinstateUser':
      return moderate(command, state)
    default: {
      const unknown: never = command
      return unknown
    }
  }
}
