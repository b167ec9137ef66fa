/**
 * Access tokens are stateless and live for minutes; this short denylist in Redis lets a logout, a
 * detected refresh-token theft, a password change, a role change or an erasure end them at once.
 * Entries expire with the longest-lived token they can concern, so the list stays tiny.
 *
 * - `auth:revoked-session:<sid>`: every access token of that session (refresh token family).
 * - `auth:revoked-user:<id>`: `erased` (every token of the user) or the second before which the
 *   user's tokens were issued with a role that is no longer theirs.
 *
 * In embedded mode the same keys live in the in-process store (and its snapshot).
 */
import type { Redis } from 'ioredis'
import { MemoryStore } from '../embedded/memory-store.ts'

const sessionKey = (sessionId: string) => `auth:revoked-session:${sessionId}`
const userKey = (userId: string) => `auth:revoked-user:${userId}`

/** Seconds a denylist entry is kept: the access token lifetime plus a minute of clock skew. */
const keepFor = (accessTokenTtlSeconds: number) => accessTokenTtlSeconds + 60

export async function revokeSessions(
  redis: Redis | MemoryStore,
  sessionIds: readonly string[],
  accessTokenTtlSeconds: number,
): Promise<void> {
  if (sessionIds.length === 0) return
  if (redis instanceof MemoryStore) {
    for (const id of sessionIds) await redis.set(sessionKey(id), '1', keepFor(accessTokenTtlSeconds))
    return
  }
  const batch = redis.multi()
  for (const id of sessionIds) batch.set(sessionKey(id), '1', 'EX', keepFor(accessTokenTtlSeconds))
  await batch.exec()
}

/**
 * `erased`: no token of the user is accepted any more. `role-changed`: tokens issued before this
 * second must be refreshed (a token issued within the same second as the change is let through; a
 * stricter rule would refuse the new token too and send clients into a refresh loop).
 */
export async function revokeUserTokens(
  redis: Redis | MemoryStore,
  userId: string,
  reason: 'erased' | 'role-changed',
  accessTokenTtlSeconds: number,
): Promise<void> {
  const value = reason === 'erased' ? 'erased' : String(Math.floor(Date.now() / 1000))
  if (redis instanceof MemoryStore) await redis.set(userKey(userId), value, keepFor(accessTokenTtlSeconds))
  else await redis.set(userKey(userId), value, 'EX', keepFor(accessTokenTtlSeconds))
}

export async function isAccessRevoked(
  redis: Redis | MemoryStore,
  token: { userId: string; sessionId: string | null; issuedAt: number | null },
): Promise<boolean> {
  const keys = [
    token.sessionId === null ? userKey(token.userId) : sessionKey(token.sessionId),
    userKey(token.userId),
  ]
  const [session, user] = redis instanceof MemoryStore ? await redis.mget(...keys) : await redis.mget(...keys)
  if (token.sessionId !== null && session !== null) return true
  if (user === null || user === undefined) return false
  if (user === 'erased') return true
  return token.issuedAt === null || token.issuedAt < Number(user)
}
