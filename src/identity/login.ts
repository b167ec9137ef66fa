/**
 * Sign-in checks against the write side's own truth, not the users read model: the reservation
 * stream says which user holds a username or email, the credentials table has the hash, the user's
 * stream says whether they are active and with which role. So a user can sign in the moment
 * registration answers, and an erased or demoted user is refused the moment that is decided,
 * whatever the projections' lag.
 *
 * Unknown user, erased user and wrong password take the same path to the same answer: a password is
 * always verified, against a dummy hash when there is no real one.
 */

import { reservationStream } from '../domain/user/reservation.ts'
import type { Role } from '../domain/user/user.ts'
import type { Position } from '../event-store/contract.ts'
import { readPasswordHash, replacePasswordHash } from './credentials.ts'
import { hashPassword, needsRehash, verifyPassword } from './passwords.ts'
import { type IdentityDeps, loadUserState, reservationHolder } from './user-streams.ts'
import { loginKey } from './usernames.ts'

export type SignedIn = { userId: string; role: Role; position: Position | null; revision: number }

/** The user a username or email belongs to, from its reservation stream; null when none. */
export async function findAccount(deps: IdentityDeps, login: string): Promise<string | null> {
  const target = loginKey(login)
  return target ? reservationHolder(deps.store, reservationStream(target.kind, target.key)) : null
}

/** The user, or null for any failure (unknown account, erased, wrong password). */
export async function checkLogin(
  deps: IdentityDeps,
  userId: string | null,
  password: string,
): Promise<SignedIn | null> {
  const stored = userId === null ? null : await readPasswordHash(deps.db, userId)
  const valid = await verifyPassword(stored, password)
  if (!valid || userId === null || stored === null) return null
  const { state, position, revision } = await loadUserState(deps.store, userId)
  if (state.status !== 'active') return null
  // Hashes made with older parameters are upgraded while the password is at hand.
  if (needsRehash(stored)) await replacePasswordHash(deps.db, userId, await hashPassword(password))
  return { userId, role: state.role, position, revision }
}

/** The current password of a signed-in user, verified the same way. */
export async function checkPassword(deps: IdentityDeps, userId: string, password: string): Promise<boolean> {
  return verifyPassword(await readPasswordHash(deps.db, userId), password)
}
