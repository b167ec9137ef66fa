/** Queries over the users read model (projections/users.ts). */
import type { Kysely, Selectable } from 'kysely'
import type { Database, UsersTable } from '../../db/schema.ts'
import type { Role } from '../../domain/user/user.ts'
import { decodeKeys, encodeKeys } from '../serving/keyset-cursor.ts'

export type UsersCursor = { registeredAt: string; id: string }

export function encodeCursor(cursor: UsersCursor): string {
  return encodeKeys([cursor.registeredAt, cursor.id])
}

/** The cursor, or null when it is not one we issued. */
export function decodeCursor(raw: string): UsersCursor | null {
  const keys = decodeKeys(raw, ['timestamptz', 'uuid'])
  return keys && { registeredAt: keys[0] as string, id: keys[1] as string }
}

function toUser(row: Selectable<UsersTable>) {
  return {
    id: row.id,
    username: row.username,
    email: row.email,
    displayName: row.display_name,
    favouriteGenres: row.favourite_genres,
    ratingsPublic: row.ratings_public,
    // The projection only ever writes a Role here.
    role: row.role as Role,
    registeredAt: row.registered_at.toISOString(),
    updatedAt: row.updated_at.toISOString(),
    erasedAt: row.erased_at?.toISOString() ?? null,
  }
}

export type UserView = ReturnType<typeof toUser>

export async function findUser(db: Kysely<Database>, id: string): Promise<UserView | null> {
  const row = await db.selectFrom('users').selectAll().where('id', '=', id).executeTakeFirst()
  return row ? toUser(row) : null
}

/** Users newest first, keyset-paged on (registered_at, id) by users_by_registration. */
export async function listUsers(
  db: Kysely<Database>,
  options: { role: string | null; limit: number; after: UsersCursor | null },
) {
  let query = db
    .selectFrom('users')
    .selectAll()
    .orderBy('registered_at', 'desc')
    .orderBy('id', 'desc')
    .limit(options.limit + 1)
  if (options.role !== null) query = query.where('role', '=', options.role)
  const { after } = options
  if (after) {
    query = query.where((eb) =>
      eb(eb.refTuple('registered_at', 'id'), '<', eb.tuple(new Date(after.registeredAt), after.id)),
    )
  }
  const rows = await query.execute()
  const page = rows.slice(0, options.limit)
  const last = page.at(-1)
  return {
    items: page.map(toUser),
    nextCursor:
      rows.length > options.limit && last
        ? encodeCursor({ registeredAt: last.registered_at.toISOString(), id: last.id })
        : null,
  }
}
