/** Admin commands on users: change a role, erase an account (also finishes an interrupted erasure). */
import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox'
import { Type } from 'typebox'
import { userStream } from '../domain/user/user.ts'
import { errorResponses } from '../http/error-codes.ts'
import { Uuid } from '../http/schemas.ts'
import { answerCommand } from '../write/handle-command.ts'
import { eraseUser } from './erase.ts'
import { CommandAccepted, RoleBody } from './schemas.ts'
import { runUserCommand } from './user-streams.ts'

const UserParams = Type.Object({ id: Uuid })

const adminUserCommandRoutes: FastifyPluginAsyncTypebox = async (app) => {
  const deps = { store: app.eventStore, db: app.db }

  app.post(
    '/admin/users/:id/role',
    {
      config: { access: { roles: ['admin'] } },
      schema: {
        operationId: 'changeUserRole',
        tags: ['admin'],
        summary: "Change a user's role",
        description:
          "Sets the role (user, analyst, admin). Setting the current role changes nothing. The user's " +
          'access tokens issued before the change stop working, so the next refresh carries the new role. ' +
          'An admin cannot demote themselves. Appends UserRoleChanged.',
        params: UserParams,
        body: RoleBody,
        response: {
          200: CommandAccepted,
          ...errorResponses('USER_NOT_FOUND', 'USER_ERASED', 'CANNOT_DEMOTE_SELF', 'CONCURRENT_MODIFICATION'),
        },
      },
    },
    async (request, reply) => {
      const userId = request.params.id
      const result = await runUserCommand(
        deps,
        userId,
        {
          type: 'ChangeRole',
          data: { userId, role: request.body.role, changedBy: request.user.id },
          metadata: { now: new Date() },
        },
        { actorId: request.user.id, correlationId: request.id },
        null,
      )
      if (result.events.length > 0) {
        // Tokens that read the role before the change (revision of the stream now) are refused.
        const revision = await app.eventStore.streamRevision(userStream(userId))
        if (revision !== null) await app.revocations.revokeUser(userId, { beforeRevision: revision })
      }
      return answerCommand(reply, result)
    },
  )

  app.delete(
    '/admin/users/:id',
    {
      config: { access: { roles: ['admin'] } },
      schema: {
        operationId: 'eraseUser',
        tags: ['admin'],
        summary: 'Erase a user',
        description:
          'Erases the account as DELETE /me does (for erasure requests that reach support). Erasing an ' +
          'erased user repeats the clean-up and changes nothing else.',
        params: UserParams,
        response: { 200: CommandAccepted, ...errorResponses('USER_NOT_FOUND', 'CONCURRENT_MODIFICATION') },
      },
    },
    async (request, reply) => {
      const result = await eraseUser(
        { ...deps, revocations: app.revocations },
        request.params.id,
        request.user.id,
        { actorId: request.user.id, correlationId: request.id },
      )
      if (result.position) reply.header('x-consistency-token', result.position)
      return result
    },
  )
}

export default adminUserCommandRoutes
