/**
 * Security state that must survive Redis losing its data (Redis only caches it): the access-token
 * denylist and the failed-password counters. Frozen once landed.
 *
 * - revoked_sessions: sessions (refresh token families) whose access tokens are refused: logout,
 *   refresh-token reuse, password change (the other sessions), erasure. Kept until the longest-lived
 *   access token they can concern has expired (expires_at).
 * - revoked_users: `erased` (every token of the user is refused) and `before_revision`: tokens that
 *   read the user's role before this revision of the user's stream (a role change) are refused.
 * - password_attempts: password checks per account within a fixed window, each reserved (counted)
 *   before the password is verified, so parallel guesses cannot pass the limit; a check that
 *   succeeds gives its reservation back.
 */
import { type Kysely, sql } from 'kysely'

// biome-ignore lint/suspicious/noExplicitAny: migrations are frozen in time and must not depend on the app's types
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .createTable('revoked_sessions')
    .addColumn('session_id', 'uuid', (c) => c.primaryKey())
    .addColumn('revoked_at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
    .addColumn('expires_at', 'timestamptz', (c) => c.notNull())
    .execute()
  await db.schema
    .createIndex('revoked_sessions_by_expiry')
    .on('revoked_sessions')
    .column('expires_at')
    .execute()

  await db.schema
    .createTable('revoked_users')
    .addColumn('user_id', 'uuid', (c) => c.primaryKey())
    .addColumn('erased', 'boolean', (c) => c.notNull().defaultTo(false))
    .addColumn('before_revision', 'bigint')
    .addColumn('updated_at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
    .addColumn('expires_at', 'timestamptz', (c) => c.notNull())
    .execute()
  await db.schema.createIndex('revoked_users_by_expiry').on('revoked_users').column('expires_at').execute()

  await db.schema
    .createTable('password_attempts')
    .addColumn('key', 'text', (c) => c.primaryKey())
    .addColumn('window_started_at', 'timestamptz', (c) => c.notNull())
    .addColumn('attempts', 'integer', (c) => c.notNull().check(sql`attempts >= 0`))
    .execute()
  await db.schema
    .createIndex('password_attempts_by_window')
    .on('password_attempts')
    .column('window_started_at')
    .execute()
}

// biome-ignore lint/suspicious/noExplicitAny: see up()
export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropTable('password_attempts').execute()
  await db.schema.dropTable('revoked_users').execute()
  await db.schema.dropTable('revoked_sessions').execute()
}
