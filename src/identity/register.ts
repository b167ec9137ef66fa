/**
 * Registration: canonical username and email, password policy, argon2id hash, then the
 * reservations (username first, then email) and the UserRegistered event. Any failure after a
 * reservation releases what was reserved, so a refused registration leaves every value free.
 * Used by POST /auth/register and by `npm run users -- create-admin`.
 */
import { randomUUID } from 'node:crypto'
import { type ReservationKind, reservationStream, ValueTakenError } from '../domain/user/reservation.ts'
import type { Role } from '../domain/user/user.ts'
import { AppError } from '../errors.ts'
import type { EventMetadata, Position } from '../event-store/contract.ts'
import { newUserKey } from '../privacy/personal-data.ts'
import { createIdentity } from './credentials.ts'
import { hashPassword, passwordProblem } from './passwords.ts'
import { type IdentityDeps, loadUserState, runReservationCommand, runUserCommand } from './user-streams.ts'
import { canonicalEmail, canonicalUsername, emailKey, usernameKey } from './usernames.ts'

/** A reservation whose user never got registered (a crash mid-registration) is free again after this. */
export const ABANDONED_RESERVATION_MS = 60_000

export type Registration = {
  username: string
  email: string
  password: string
  displayName?: string | null
  role?: Role
}

export type Registered = { userId: string; username: string; position: Position }

/** The same 400 body schema validation gives, so clients handle one shape. */
export function invalidField(field: string, message: string, code = 'VALIDATION_FAILED'): AppError {
  const path = `body/${field}`
  return new AppError(400, code, `${path} ${message}`, { details: [{ path, message }] })
}

async function reserve(
  deps: IdentityDeps,
  kind: ReservationKind,
  key: string,
  userId: string,
  metadata: EventMetadata,
): Promise<void> {
  const reserveIt = () =>
    runReservationCommand(
      deps.store,
      kind,
      key,
      { type: 'Reserve', data: { kind, userId }, metadata: { now: new Date() } },
      metadata,
    )
  try {
    await reserveIt()
  } catch (error) {
    if (!(error instanceof ValueTakenError)) throw error
    const holder = await loadUserState(deps.store, error.holder)
    const abandoned =
      holder.state.status === 'unregistered' &&
      Date.now() - Date.parse(error.since) > ABANDONED_RESERVATION_MS
    // An erasure that stopped before releasing its reservations is finished here.
    if (!abandoned && holder.state.status !== 'erased') throw error
    await release(deps, kind, key, error.holder, abandoned ? 'abandoned' : 'user-erased', metadata)
    await reserveIt()
  }
}

export async function release(
  deps: IdentityDeps,
  kind: ReservationKind,
  key: string,
  userId: string,
  reason: 'registration-failed' | 'user-erased' | 'abandoned',
  metadata: EventMetadata,
): Promise<void> {
  await runReservationCommand(
    deps.store,
    kind,
    key,
    { type: 'Release', data: { kind, userId, reason }, metadata: { now: new Date() } },
    metadata,
  )
}

export async function registerUser(
  deps: IdentityDeps,
  input: Registration,
  options: { metadata?: EventMetadata; allowReservedUsername?: boolean } = {},
): Promise<Registered> {
  const username = canonicalUsername(input.username, { allowReserved: options.allowReservedUsername })
  if (!username.ok) throw invalidField('username', username.message)
  const email = canonicalEmail(input.email)
  if (!email.ok) throw invalidField('email', email.message)
  const weakness = passwordProblem(input.password, { username: username.value, email: email.value })
  if (weakness) throw invalidField('password', weakness, 'WEAK_PASSWORD')

  const passwordHash = await hashPassword(input.password)
  const userId = randomUUID()
  const metadata: EventMetadata = { actorId: userId, ...options.metadata }
  const keys = { username: usernameKey(username.value), email: emailKey(email.value) }

  await reserve(deps, 'username', keys.username, userId, metadata)
  const reserved: ReservationKind[] = ['username']
  try {
    await reserve(deps, 'email', keys.email, userId, metadata)
    reserved.push('email')
    const key = newUserKey()
    await createIdentity(deps.db, userId, key, passwordHash)
    const result = await runUserCommand(
      deps,
      userId,
      {
        type: 'RegisterUser',
        data: {
          userId,
          username: username.value,
          email: email.value,
          displayName: input.displayName ?? null,
          role: input.role ?? 'user',
          usernameReservation: reservationStream('username', keys.username),
          emailReservation: reservationStream('email', keys.email),
        },
        metadata: { now: new Date() },
      },
      metadata,
      key,
    )
    if (result.position === null) throw new Error('registration appended no event')
    return { userId, username: username.value, position: result.position }
  } catch (error) {
    // Best effort: a failure here leaves a reservation that ABANDONED_RESERVATION_MS frees later.
    await deps.db
      .deleteFrom('credentials')
      .where('user_id', '=', userId)
      .execute()
      .catch(() => {})
    await deps.db
      .deleteFrom('user_keys')
      .where('user_id', '=', userId)
      .execute()
      .catch(() => {})
    for (const kind of reserved) {
      await release(deps, kind, keys[kind], userId, 'registration-failed', metadata).catch(() => {})
    }
    throw error
  }
}
