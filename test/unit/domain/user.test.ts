/** The rules of user and reservation streams: registering, roles, profile, password, erasure, uniqueness. */
import { randomUUID } from 'node:crypto'
import t from 'tap'
import { decide, MAX_FAVOURITE_GENRES, type UserCommand } from '../../../src/domain/user/decide.ts'
import {
  decide as decideReservation,
  evolve as evolveReservation,
  initialState as initialReservation,
  type ReservationEvent,
  ValueTakenError,
} from '../../../src/domain/user/reservation.ts'
import { evolve, initialState, type UserEvent } from '../../../src/domain/user/user.ts'
import { AppError, DomainRuleError } from '../../../src/errors.ts'
import { type Assertions, spec } from '../../support/decider-spec.ts'

const userId = randomUUID()
const adminId = randomUUID()
const now = new Date('2026-11-24T12:00:00.000Z')
const at = now.toISOString()
const meta = { metadata: { now } }

const user = (t: Assertions) => spec(t, { initialState, evolve, decide })
const reservation = (t: Assertions) =>
  spec(t, { initialState: initialReservation, evolve: evolveReservation, decide: decideReservation })

const register = (role: 'user' | 'admin' = 'user'): UserCommand => ({
  type: 'RegisterUser',
  data: {
    userId,
    username: 'ada',
    email: 'ada@example.com',
    displayName: '  Ada L.  ',
    role,
    usernameReservation: 'username-u',
    emailReservation: 'email-e',
  },
  ...meta,
})
const registered = (role: 'user' | 'admin' = 'user'): UserEvent => ({
  type: 'UserRegistered',
  data: {
    userId,
    username: 'ada',
    email: 'ada@example.com',
    displayName: 'Ada L.',
    role,
    usernameReservation: 'username-u',
    emailReservation: 'email-e',
    registeredAt: at,
  },
})
const roleChanged = (
  role: 'user' | 'analyst' | 'admin',
  previousRole: 'user' | 'analyst' | 'admin',
  by = adminId,
): UserEvent => ({
  type: 'UserRoleChanged',
  data: { userId, role, previousRole, changedBy: by, changedAt: at },
})
const erased = (by = userId): UserEvent => ({
  type: 'UserErased',
  data: { userId, erasedBy: by, erasedAt: at },
})

t.test('registering a new user records UserRegistered with a trimmed display name', async (t) => {
  user(t).given([]).when(register()).then([registered()])
})

t.test('registering an id twice is a conflict', async (t) => {
  user(t).given([registered()]).when(register()).thenThrows(AppError, 'USER_EXISTS')
})

t.test('an admin changes a role; the same role again changes nothing', async (t) => {
  const change = (role: 'analyst' | 'admin' | 'user', by = adminId): UserCommand => ({
    type: 'ChangeRole',
    data: { userId, role, changedBy: by },
    ...meta,
  })
  user(t)
    .given([registered()])
    .when(change('analyst'))
    .then([roleChanged('analyst', 'user')])
  user(t)
    .given([registered(), roleChanged('analyst', 'user')])
    .when(change('analyst'))
    .then([])
  user(t)
    .given([registered('admin')])
    .when(change('user', userId))
    .thenThrows(DomainRuleError, 'CANNOT_DEMOTE_SELF')
  user(t).given([]).when(change('admin')).thenThrows(AppError, 'USER_NOT_FOUND')
  user(t).given([registered(), erased()]).when(change('admin')).thenThrows(DomainRuleError, 'USER_ERASED')
})

t.test('a profile update merges fields and appends only a change', async (t) => {
  const update = (data: { displayName?: string | null; favouriteGenres?: string[] }): UserCommand => ({
    type: 'UpdateProfile',
    data: { userId, ...data },
    ...meta,
  })
  const updated = (displayName: string | null, favouriteGenres: string[]): UserEvent => ({
    type: 'UserProfileUpdated',
    data: { userId, displayName, favouriteGenres, updatedAt: at },
  })
  user(t)
    .given([registered()])
    .when(update({ favouriteGenres: ['Drama', 'comedy', 'drama '] }))
    .then([updated('Ada L.', ['comedy', 'drama'])])
  user(t)
    .given([registered()])
    .when(update({ displayName: 'Ada L.' }))
    .then([])
  user(t)
    .given([registered()])
    .when(update({ displayName: '   ' }))
    .then([updated(null, [])])
  user(t)
    .given([registered(), updated('Ada L.', ['comedy', 'drama'])])
    .when(update({ favouriteGenres: ['drama', 'comedy'] }))
    .then([])
  user(t)
    .given([registered()])
    .when(update({ favouriteGenres: Array.from({ length: MAX_FAVOURITE_GENRES + 1 }, (_, i) => `g${i}`) }))
    .thenThrows(DomainRuleError, 'TOO_MANY_GENRES')
  user(t)
    .given([registered()])
    .when(update({ displayName: 'x'.repeat(65) }))
    .thenThrows(DomainRuleError, 'DISPLAY_NAME_TOO_LONG')
})

t.test('making ratings public is a change of its own, appended once', async (t) => {
  const update = (data: { displayName?: string; ratingsPublic?: boolean }): UserCommand => ({
    type: 'UpdateProfile',
    data: { userId, ...data },
    ...meta,
  })
  const visibility = (ratingsPublic: boolean): UserEvent => ({
    type: 'ProfileVisibilityChanged',
    data: { userId, ratingsPublic, changedAt: at },
  })
  user(t)
    .given([registered()])
    .when(update({ ratingsPublic: true }))
    .then([visibility(true)])
  user(t)
    .given([registered()])
    .when(update({ ratingsPublic: false }))
    .then([])
  user(t)
    .given([registered(), visibility(true)])
    .when(update({ ratingsPublic: true }))
    .then([])
  user(t)
    .given([registered(), visibility(true)])
    .when(update({ ratingsPublic: false }))
    .then([visibility(false)])
  user(t)
    .given([registered()])
    .when(update({ displayName: 'Ada', ratingsPublic: true }))
    .then([
      {
        type: 'UserProfileUpdated',
        data: { userId, displayName: 'Ada', favouriteGenres: [], updatedAt: at },
      },
      visibility(true),
    ])
  user(t)
    .given([registered(), erased()])
    .when(update({ ratingsPublic: true }))
    .thenThrows(DomainRuleError, 'USER_ERASED')
})

t.test('a password change is recorded without any secret', async (t) => {
  const change: UserCommand = { type: 'RecordPasswordChange', data: { userId }, ...meta }
  user(t)
    .given([registered()])
    .when(change)
    .then([{ type: 'PasswordChanged', data: { userId, changedAt: at } }])
  user(t).given([registered(), erased()]).when(change).thenThrows(DomainRuleError, 'USER_ERASED')
})

t.test('erasure is final and idempotent', async (t) => {
  const erase = (by = userId): UserCommand => ({ type: 'EraseUser', data: { userId, erasedBy: by }, ...meta })
  user(t).given([registered()]).when(erase()).then([erased()])
  user(t).given([registered(), erased()]).when(erase(adminId)).then([])
  user(t).given([]).when(erase()).thenThrows(AppError, 'USER_NOT_FOUND')
  user(t)
    .given([registered(), erased()])
    .when({ type: 'UpdateProfile', data: { userId, displayName: 'again' }, ...meta })
    .thenThrows(DomainRuleError, 'USER_ERASED')
})

t.test('evolve keeps the role, profile and the reservations to release at erasure', async (t) => {
  const state = [registered(), roleChanged('analyst', 'user'), erased()].reduce(evolve, initialState())
  t.strictSame(state, { status: 'erased', userId, reservations: ['username-u', 'email-e'] })
  const active = [registered(), roleChanged('analyst', 'user')].reduce(evolve, initialState())
  t.match(active, {
    status: 'active',
    role: 'analyst',
    profile: { displayName: 'Ada L.', favouriteGenres: [] },
  })
})

const reserved = (holder: string): ReservationEvent => ({
  type: 'UniqueValueReserved',
  data: { kind: 'email', userId: holder, reservedAt: at },
})
const released = (
  holder: string,
  reason: 'registration-failed' | 'user-erased' = 'user-erased',
): ReservationEvent => ({
  type: 'UniqueValueReleased',
  data: { kind: 'email', userId: holder, reason, releasedAt: at },
})

t.test('a free value is reserved once; a held one is taken', async (t) => {
  const other = randomUUID()
  const reserve = (holder: string) => ({
    type: 'Reserve' as const,
    data: { kind: 'email' as const, userId: holder },
    ...meta,
  })
  reservation(t)
    .given([])
    .when(reserve(userId))
    .then([reserved(userId)])
  reservation(t)
    .given([reserved(userId)])
    .when(reserve(userId))
    .then([])
  reservation(t)
    .given([reserved(other)])
    .when(reserve(userId))
    .thenThrows(ValueTakenError, 'EMAIL_TAKEN')
  reservation(t)
    .given([reserved(other), released(other)])
    .when(reserve(userId))
    .then([reserved(userId)])
})

t.test('only the holder releases a reservation', async (t) => {
  const other = randomUUID()
  const release = (holder: string) => ({
    type: 'Release' as const,
    data: { kind: 'email' as const, userId: holder, reason: 'registration-failed' as const },
    ...meta,
  })
  reservation(t)
    .given([reserved(userId)])
    .when(release(userId))
    .then([released(userId, 'registration-failed')])
  reservation(t)
    .given([reserved(other)])
    .when(release(userId))
    .then([])
  reservation(t).given([]).when(release(userId)).then([])
})

t.test('a taken value names its holder and since when, for abandoned registrations', async (t) => {
  const other = randomUUID()
  try {
    decideReservation(
      { type: 'Reserve', data: { kind: 'username', userId }, ...meta },
      evolveReservation(initialReservation(), reserved(other)),
    )
    t.fail('expected USERNAME... taken')
  } catch (error) {
    t.ok(error instanceof ValueTakenError)
    t.match(error, { holder: other, since: at, statusCode: 409 })
  }
})

const moderatorId = randomUUID()
const moderateUser = (
  type: 'SuspendUser' | 'ReinstateUser',
  actorRole: 'user' | 'analyst' | 'moderator' | 'admin' = 'moderator',
  reason = '  spam links  ',
  actorId = moderatorId,
): UserCommand => ({ type, data: { userId, actorId, actorRole, reason }, ...meta })
const suspended = (by = moderatorId): UserEvent => ({
  type: 'UserSuspended',
  data: { userId, suspendedBy: by, reason: 'spam links', suspendedAt: at },
})

t.test('a moderator suspends a user with a reason, once; reinstating lifts it, once', async (t) => {
  user(t).given([registered()]).when(moderateUser('SuspendUser')).then([suspended()])
  user(t).given([registered(), suspended()]).when(moderateUser('SuspendUser')).then([])
  user(t)
    .given([registered(), suspended()])
    .when(moderateUser('ReinstateUser', 'admin', 'appeal accepted', adminId))
    .then([
      {
        type: 'UserReinstated',
        data: { userId, reinstatedBy: adminId, reason: 'appeal accepted', reinstatedAt: at },
      },
    ])
  user(t).given([registered()]).when(moderateUser('ReinstateUser')).then([])
})

t.test('suspension needs the moderator or admin role, a reason, and not oneself', async (t) => {
  user(t).given([registered()]).when(moderateUser('SuspendUser', 'user')).thenThrows(AppError, 'FORBIDDEN')
  user(t).given([registered()]).when(moderateUser('SuspendUser', 'analyst')).thenThrows(AppError, 'FORBIDDEN')
  user(t)
    .given([registered()])
    .when(moderateUser('SuspendUser', 'moderator', '   '))
    .thenThrows(DomainRuleError, 'REASON_REQUIRED')
  user(t)
    .given([registered()])
    .when(moderateUser('SuspendUser', 'moderator', 'x'.repeat(501)))
    .thenThrows(DomainRuleError, 'REASON_TOO_LONG')
  user(t)
    .given([registered()])
    .when(moderateUser('SuspendUser', 'admin', 'test', userId))
    .thenThrows(DomainRuleError, 'CANNOT_SUSPEND_SELF')
  user(t).given([]).when(moderateUser('SuspendUser')).thenThrows(AppError, 'USER_NOT_FOUND')
  user(t)
    .given([registered(), erased()])
    .when(moderateUser('SuspendUser'))
    .thenThrows(DomainRuleError, 'USER_ERASED')
})

t.test('only an admin suspends staff (moderators and admins)', async (t) => {
  const promoted: UserEvent = {
    type: 'UserRoleChanged',
    data: { userId, role: 'moderator', previousRole: 'user', changedBy: adminId, changedAt: at },
  }
  user(t)
    .given([registered(), promoted])
    .when(moderateUser('SuspendUser'))
    .thenThrows(AppError, 'CANNOT_MODERATE_STAFF')
  user(t)
    .given([registered('admin')])
    .when(moderateUser('SuspendUser'))
    .thenThrows(AppError, 'CANNOT_MODERATE_STAFF')
  user(t)
    .given([registered(), promoted])
    .when(moderateUser('SuspendUser', 'admin', 'spam links', adminId))
    .then([suspended(adminId)])
})

t.test('the state says whether the user is suspended', async (t) => {
  const fold = (events: UserEvent[]) => events.reduce(evolve, initialState())
  const state = fold([registered(), suspended()])
  t.equal(state.status === 'active' && state.suspended, true)
  const lifted = fold([
    registered(),
    suspended(),
    { type: 'UserReinstated', data: { userId, reinstatedBy: adminId, reason: 'ok', reinstatedAt: at } },
  ])
  t.equal(lifted.status === 'active' && lifted.suspended, false)
})
