/**
 * Refresh tokens: one family per sign-in, rotated on every use. Each exchange spends the presented
 * token and issues the next in the same family; a spent token presented again means two parties hold
 * the chain (theft), so the whole family is revoked. Only SHA-256 digests are stored.
 */
import { randomUUID } from 'node:crypto'
import type { Kysely } from 'kysely'
import type { Database } from '../db/schema.ts'
import { newRefreshToken, refreshTokenDigest } from './refresh-token-values.ts'

export type IssuedRefreshToken = { refreshToken: string; familyId: string; expiresAt: Date }

export type Rotation =
  | { outcome: 'rotated'; userId: string; token: IssuedRefreshToken }
  | { outcome: 'reused'; userId: string; familyId: string }
  | { outcome: 'invalid' }

async function insertToken(
  db: Kysely<Database>,
  userId: string,
  familyId: string,
  ttlSeconds: number,
): Promise<IssuedRefreshToken> {
  const refreshToken = newRefreshToken()
  const expiresAt = new Date(Date.now() + ttlSeconds * 1000)
  await db
    .insertInto('refresh_tokens')
    .values({
      token_digest: refreshTokenDigest(refreshToken),
      family_id: familyId,
      user_id: userId,
      expires_at: expiresAt,
    })
    .execute()
  return { refreshToken, familyId, expiresAt }
}

/** A new session: a new family with its first token. Also drops this user's long-expired rows. */
export async function startSession(
  db: Kysely<Database>,
  userId: string,
  ttlSeconds: number,
): Promise<IssuedRefreshToken> {
  await db
    .deleteFrom('refresh_tokens')
    .where('user_id', '=', userId)
    .where('expires_at', '<', new Date(Date.now() - 86_400_000))
    .execute()
  return insertToken(db, userId, randomUUID(), ttlSeconds)
}

export async function rotateRefreshToken(
  db: Kysely<Database>,
  presented: string,
  ttlSeconds: number,
): Promise<Rotation> {
  const digest = refreshTokenDigest(presented)
  return db.transaction().execute(async (trx) => {
    // The row lock makes this the single winner when the same token is presented twice at once.
    const spent = await trx
      .updateTable('refresh_tokens')
      .set({ spent_at: new Date() })
      .where('token_digest', '=', digest)
      .where('spent_at', 'is', null)
      .where('revoked_at', 'is', null)
      .where('expires_at', '>', new Date())
      .returning(['user_id', 'family_id'])
      .executeTakeFirst()
    if (spent) {
      return {
        outcome: 'rotated' as const,
        userId: spent.user_id,
        token: await insertToken(trx, spent.user_id, spent.family_id, ttlSeconds),
      }
    }
    const known = await trx
      .selectFrom('refresh_tokens')
      .select(['user_id', 'family_id', 'spent_at', 'expires_at'])
      .where('token_digest', '=', digest)
      .executeTakeFirst()
    if (!known || known.spent_at === null || known.expires_at.getTime() <= Date.now()) {
      return { outcome: 'invalid' as const }
    }
    await trx
      .updateTable('refresh_tokens')
      .set({ revoked_at: new Date() })
      .where('family_id', '=', known.family_id)
      .where('revoked_at', 'is', null)
      .execute()
    return { outcome: 'reused' as const, userId: known.user_id, familyId: known.family_id }
  })
}

/** Revokes the family of a presented token; the family id, or null for a token we never issued. */
export async function revokeFamilyOf(db: Kysely<Database>, presented: string): Promise<string | null> {
  const row = await db
    .selectFrom('refresh_tokens')
    .select('family_id')
    .where('token_digest', '=', refreshTokenDigest(presented))
    .executeTakeFirst()
  if (!row) return null
  await db
    .updateTable('refresh_tokens')
    .set({ revoked_at: new Date() })
    .where('family_id', '=', row.family_id)
    .where('revoked_at', 'is', null)
    .execute()
  return row.family_id
}

/** Revokes every open family of a user but one (the session that asked); answers those revoked. */
export async function revokeOtherSessions(
  db: Kysely<Database>,
  userId: string,
  keep: string | null,
): Promise<string[]> {
  let query = db
    .updateTable('refresh_tokens')
    .set({ revoked_at: new Date() })
    .where('user_id', '=', userId)
    .where('revoked_at', 'is', null)
  if (keep !== null) query = query.where('family_id', '<>', keep)
  const rows = await query.returning('family_id').execute()
  return [...new Set(rows.map((row) => row.family_id))]
}
