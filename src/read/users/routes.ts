/** GET /api/v1/me and the admin user lookups, from the users read model only. */
import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox'
import { Type } from 'typebox'
import { users } from '../../../projections/users.ts'
import type { Role } from '../../domain/user/user.ts'
import { badRequest, notFound } from '../../errors.ts'
import { errorResponses } from '../../http/error-codes.ts'
import { NextCursor, StringEnum, Uuid } from '../../http/schemas.ts'
import { consistentWith } from '../serving/consistency.ts'
import { etagFrom } from '../serving/etag.ts'
import { decodeCursor, findUser, listUsers } from './queries.ts'

/** The roles (the read side keeps its own list: it never runs domain code; the type checks it). */
const ROLES = ['user', 'analyst', 'moderator', 'admin'] as const satisfies readonly Role[]
const RoleName = StringEnum(ROLES, { description: 'What the account may do' })
const Nullable = <T extends ReturnType<typeof Type.String>>(schema: T) => Type.Union([schema, Type.Null()])

const example = {
  id: '6b1f4f5e-3c1a-4f0e-9a57-0d5c2b8e7a11',
  username: 'ada',
  email: 'ada@example.com',
  displayName: 'Ada L.',
  favouriteGenres: ['drama', 'science-fiction'],
  ratingsPublic: true,
  role: 'user',
  registeredAt: '2026-11-24T10:00:00.000Z',
  updatedAt: '2026-11-24T10:05:00.000Z',
  erasedAt: null,
}

const User = Type.Object(
  {
    id: Uuid,
    username: Nullable(Type.String({ description: 'Null once the user is erased' })),
    email: Nullable(Type.String()),
    displayName: Nullable(Type.String()),
    favouriteGenres: Type.Array(Type.String()),
    ratingsPublic: Type.Boolean({ description: 'Whether the ratings show on the public profile' }),
    role: RoleName,
    registeredAt: Type.String({ format: 'date-time' }),
    updatedAt: Type.String({ format: 'date-time' }),
    erasedAt: Nullable(Type.String({ format: 'date-time' })),
  },
  { title: 'Account', description: 'An account as its owner (or an admin) sees it.', examples: [example] },
)

const AccountPage = Type.Object(
  { items: Type.Array(User), nextCursor: NextCursor },
  {
    title: 'AccountPage',
    description: 'A page of accounts.',
    examples: [{ items: [example], nextCursor: null }],
  },
)

const userNotFound = () =>
  notFound('USER_NOT_FOUND', 'no such user (yet: send the X-Consistency-Token of your last command)')

const userQueryRoutes: FastifyPluginAsyncTypebox = async (app) => {
  app.get(
    '/me',
    {
      config: { access: 'authenticated' },
      preHandler: [consistentWith([users]), etagFrom([users])],
      schema: {
        operationId: 'getMyAccount',
        tags: ['me'],
        summary: 'My account',
        description:
          'The signed-in user as the users read model has them. Right after registering or updating, send ' +
          "the command's position as X-Consistency-Token to see the change.",
        response: { 200: User, ...errorResponses('USER_NOT_FOUND') },
      },
    },
    async (request) => {
      const user = await findUser(app.db, request.user.id)
      if (!user || user.erasedAt !== null) throw userNotFound()
      return user
    },
  )

  app.get(
    '/admin/users/:id',
    {
      config: { access: { roles: ['admin'] } },
      preHandler: consistentWith([users]),
      schema: {
        operationId: 'getUserAccount',
        tags: ['admin'],
        summary: 'Look up a user',
        description: 'Any user by id, erased ones included (their personal fields are null).',
        params: Type.Object({ id: Uuid }),
        response: { 200: User, ...errorResponses('USER_NOT_FOUND') },
      },
    },
    async (request) => {
      const user = await findUser(app.db, request.params.id)
      if (!user) throw userNotFound()
      return user
    },
  )

  app.get(
    '/admin/users',
    {
      config: { access: { roles: ['admin'] } },
      preHandler: consistentWith([users]),
      schema: {
        operationId: 'listUserAccounts',
        tags: ['admin'],
        summary: 'List users',
        description:
          'Users newest first in keyset pages, optionally of one role. No total: counting every account ' +
          'on each page would cost as much as reading them all.',
        querystring: Type.Object(
          {
            role: Type.Optional(RoleName),
            limit: Type.Optional(Type.Integer({ minimum: 1, maximum: 100, default: 20 })),
            cursor: Type.Optional(Type.String({ maxLength: 200 })),
          },
          { additionalProperties: false },
        ),
        response: { 200: AccountPage, ...errorResponses('INVALID_CURSOR') },
      },
    },
    async (request) => {
      const { cursor, role, limit } = request.query
      const after = cursor === undefined ? null : decodeCursor(cursor)
      if (cursor !== undefined && after === null)
        throw badRequest('INVALID_CURSOR', 'cursor is not one this API issued')
      return listUsers(app.db, { role: role ?? null, limit: limit ?? 20, after })
    },
  )
}

export default userQueryRoutes
