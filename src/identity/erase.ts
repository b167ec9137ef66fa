/**
 * Erasure (GDPR art. 17): UserErased on the user's stream, then the key, password hash and refresh
 * tokens are deleted (the key makes every sealed field of the user's events unreadable), the user's
 * access tokens are refused from now on, and the username and email reservations are released so
 * the values can be registered again. Ratings and other interactions stay, under the bare user id.
 *
 * Idempotent: erasing an erased user repeats the clean-up, so an erasure interrupted half way (a
 * crash after UserErased) is finished by running it again (DELETE /admin/users/:id); the users
 * projection also deletes the key when it sees UserErased.
 */
import type { ReservationKind } from '../domain/user/reservation.ts'
import type { EventMetadata, Position } from '../event-store/contract.ts'
import { deleteIdentity } from './credentials.ts'
import { release } from './register.ts'
import type { Revocations } from './session-revocations.ts'
import { type IdentityDeps, loadUserState, runUserCommand } from './user-streams.ts'

export type EraseDeps = IdentityDeps & { revocations: Revocations }

export async function eraseUser(
  deps: EraseDeps,
  userId: string,
  erasedBy: string,
  metadata: EventMetadata,
): Promise<{ changed: boolean; position: Position | null }> {
  const result = await runUserCommand(
    deps,
    userId,
    { type: 'EraseUser', data: { userId, erasedBy }, metadata: { now: new Date() } },
    metadata,
  )
  const sessions = await deleteIdentity(deps.db, userId)
  await deps.revocations.revokeSessions(sessions)
  await deps.revocations.revokeUser(userId, { erased: true })

  const { state } = await loadUserState(deps.store, userId)
  const reservations = state.status === 'erased' ? state.reservations : []
  for (const stream of reservations) {
    const [kind, key] = stream.split(/-(.*)/s) as [ReservationKind, string]
    await release(deps, kind, key, userId, 'user-erased', metadata)
  }
  return { changed: result.events.length > 0, position: result.position }
}
