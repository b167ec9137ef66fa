/** The command side's own tables for identity: user keys and password hashes (never in events). */
import type { Kysely } from 'kysely'
import type { Database } from '../db/schema.ts'

export async function readPasswordHash(db: Kysely<Database>, userId: string): Promise<string | null> {
  const row = await db
    .selectFrom('credentials')
    .select('password_hash')
    .where('user_id', '=', userId)
    .executeTakeFirst()
  return row?.password_hash ?? null
}

/** Stores a new user's key and password hash together: a registration has both or neither. */
export async function createIdentity(
  db: Kysely<Database>,
  userId: string,
  key: Buffer,
  passwordHash: string,
): Promise<void> {
  await db.transaction().execute(async (trx) => {
    await trx.insertInto('user_keys').values({ user_id: userId, key }).execute()
    await trx.insertInto('credentials').values({ user_id: userId, password_hash: passwordHash }).execute()
  })
}

/** False when the user has no credentials any more (erased meanwhile). */
export async function replacePasswordHash(
  db: Kysely<Database>,
  userId: string,
  passwordHash: string,
): Promise<boolean> {
  const result = await db
    .updateTable('credentials')
    .set({ password_hash: passwordHash, updated_at: new Date() })
    .where('user_id', '=', userId)
    .executeTakeFirst()
  return result.numUpdatedRows > 0n
}

/**
 * Erasure of everything identity keeps outside the log, in one transaction: the key (which makes the
 * personal data in events unreadable), the password hash and every refresh token. Answers the session
 * ids (token families) that were still open, so their access tokens can be revoked too.
 */
export async function deleteIdentity(db: Kysely<Database>, userId: string): Promise<string[]> {
  return db.transaction().execute(async (trx) => {
    await trx.deleteFrom('user_keys').where('user_id', '=', userId).execute()
    await trx.deleteFrom('credentials').where('user_id', '=', userId).execute()
    const tokens = await trx
      .deleteFrom('refresh_tokens')
      .where('user_id', '=', userId)
      .returning(['family_id', 'revoked_at'])
      .execute()
    return [...new Set(tokens.filter((t) => t.revoked_at === null).map((t) => t.family_id))]
  })
}
