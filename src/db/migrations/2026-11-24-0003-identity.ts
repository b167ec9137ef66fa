/**
 * Identity: what the command side keeps outside the event log (per-user encryption keys, password
 * hashes, refresh tokens). The `users` read model is not here: its projection creates it per
 * generation (projections/users.ts). Frozen once landed.
 *
 * - user_keys: the AES-256-GCM key that seals a user's personal data in events; deleting the row is
 *   the erasure (crypto-shredding).
 * - credentials: the argon2id hash of each user's password.
 * - refresh_tokens: SHA-256 digests of refresh tokens; a family is one sign-in's chain of rotations,
 *   revoked as a whole on logout or when a spent token comes back (theft detection).
 */
import { type Kysely, sql } from 'kysely'

// biome-ignore lint/suspicious/noExplicitAny: migrations are frozen in time and must not depend on the app's types
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .createTable('user_keys')
    .addColumn('user_id', 'uuid', (c) => c.primaryKey())
    .addColumn('key', 'bytea', (c) => c.notNull().check(sql`octet_length(key) = 32`))
    .addColumn('created_at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
    .execute()

  await db.schema
    .createTable('credentials')
    .addColumn('user_id', 'uuid', (c) => c.primaryKey())
    .addColumn('password_hash', 'text', (c) => c.notNull())
    .addColumn('updated_at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
    .execute()

  await db.schema
    .createTable('refresh_tokens')
    .addColumn('token_digest', 'bytea', (c) => c.primaryKey())
    .addColumn('family_id', 'uuid', (c) => c.notNull())
    .addColumn('user_id', 'uuid', (c) => c.notNull())
    .addColumn('issued_at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
    .addColumn('expires_at', 'timestamptz', (c) => c.notNull())
    // Set when the token was exchanged for the next one; presenting it again is reuse.
    .addColumn('spent_at', 'timestamptz')
    .addColumn('revoked_at', 'timestamptz')
    .execute()
  await db.schema.createIndex('refresh_tokens_by_family').on('refresh_tokens').column('family_id').execute()
  await db.schema.createIndex('refresh_tokens_by_user').on('refresh_tokens').column('user_id').execute()
}

// biome-ignore lint/suspicious/noExplicitAny: see up()
export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropTable('refresh_tokens').execute()
  await db.schema.dropTable('credentials').execute()
  await db.schema.dropTable('user_keys').execute()
}
