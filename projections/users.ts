/**
 * users: one row per account for GET /me and the admin lookups. Personal fields are opened with the
 * user's key while projecting; UserErased scrubs them (and a rebuild after erasure never sees them,
 * the key being gone). It also deletes the key itself, so an erasure interrupted between UserErased
 * and the key's deletion still completes.
 */
import { sql, type Transaction } from 'kysely'
import type { Database } from '../src/db/schema.ts'
import type { UserEvent } from '../src/domain/user/user.ts'
import { openUserEvent } from '../src/privacy/personal-data.ts'
import { defineProjection } from '../src/projector/projection.ts'

export const users = defineProjection({
  kind: 'postgres',
  name: 'users',
  // 2: ratings_public (ProfileVisibilityChanged), for public profiles.
  version: 2,
  handles: [
    'UserRegistered',
    'UserRoleChanged',
    'UserProfileUpdated',
    'ProfileVisibilityChanged',
    'UserErased',
  ],
  tables: ['users'],
  async setup(db) {
    await db.schema
      .createTable('users')
      .addColumn('id', 'uuid', (c) => c.primaryKey())
      // Personal columns are null once the user is erased.
      .addColumn('username', 'text')
      .addColumn('email', 'text')
      .addColumn('display_name', 'text')
      .addColumn('favourite_genres', sql`text[]`, (c) => c.notNull().defaultTo(sql`'{}'`))
      .addColumn('ratings_public', 'boolean', (c) => c.notNull().defaultTo(false))
      .addColumn('role', 'text', (c) => c.notNull())
      .addColumn('registered_at', 'timestamptz', (c) => c.notNull())
      .addColumn('updated_at', 'timestamptz', (c) => c.notNull())
      .addColumn('erased_at', 'timestamptz')
      .execute()
    // Backs the admin list: newest first, keyset on (registered_at, id).
    await db.schema
      .createIndex('users_by_registration')
      .on('users')
      .columns(['registered_at desc', 'id desc'])
      .execute()
  },
  async apply(events, trx) {
    const ids = [...new Set(events.map((event) => event.data.userId))]
    const keys = new Map(
      (
        await trx.selectFrom('user_keys').select(['user_id', 'key']).where('user_id', 'in', ids).execute()
      ).map((row) => [row.user_id, row.key]),
    )
    for (const stored of events) {
      const event = openUserEvent(stored, keys.get(stored.data.userId) ?? null)
      await applyOne(event, trx)
    }
  },
})

async function applyOne(event: UserEvent, trx: Transaction<Database>): Promise<void> {
  switch (event.type) {
    case 'UserRegistered': {
      const { data } = event
      const row = {
        id: data.userId,
        username: data.username,
        email: data.email,
        display_name: data.displayName,
        role: data.role,
        registered_at: data.registeredAt,
        updated_at: data.registeredAt,
      }
      await trx
        .insertInto('users')
        .values(row)
        .onConflict((oc) => oc.column('id').doUpdateSet(row))
        .execute()
      return
    }
    case 'UserRoleChanged':
      await trx
        .updateTable('users')
        .set({ role: event.data.role, updated_at: event.data.changedAt })
        .where('id', '=', event.data.userId)
        .execute()
      return
    case 'UserProfileUpdated':
      await trx
        .updateTable('users')
        .set({
          display_name: event.data.displayName,
          favourite_genres: event.data.favouriteGenres,
          updated_at: event.data.updatedAt,
        })
        .where('id', '=', event.data.userId)
        .execute()
      return
    case 'ProfileVisibilityChanged':
      await trx
        .updateTable('users')
        .set({ ratings_public: event.data.ratingsPublic, updated_at: event.data.changedAt })
        .where('id', '=', event.data.userId)
        .execute()
      return
    case 'UserErased':
      await trx
        .updateTable('users')
        .set({
          username: null,
          email: null,
          display_name: null,
          favourite_genres: sql<string[]>`'{}'`,
          ratings_public: false,
          updated_at: event.data.erasedAt,
          erased_at: event.data.erasedAt,
        })
        .where('id', '=', event.data.userId)
        .execute()
      // public.user_keys: the search path of apply() ends with public.
      await trx.deleteFrom('user_keys').where('user_id', '=', event.data.userId).execute()
      return
    case 'PasswordChanged':
    case 'UserSuspended':
    case 'UserReinstated':
      return
    default: {
      const unknown: never = event
      return unknown
    }
  }
}
