/**
 * Suspending and reinstating users (moderators and admins): POST /moderation/users/:id/suspend and
 * /reinstate. A suspended user still reads, but every command route refuses them (403
 * USER_SUSPENDED, checked against their stream by the auth plugin). Suspension also ends their
 * sessions, durably: refresh tokens are revoked in PostgreSQL and access tokens that read the user's
 * stream before it are refused (src/identity/session-revocations.ts), so they sign in again to read.
 */
import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox'
import { Type } from 'typebox'
import { MODERATOR_ROLES } from '../domain/comment/decide.ts'
import { userStream } from '../domain/user/user.ts'
import { errorResponses } from '../http/error-codes.ts'
import { Uuid } from '../http/schemas.ts'
import { ModerationDecision } from '../write/command-schemas.ts'
import { answerCommand } from '../write/handle-command.ts'
import { revokeOtherSessions } from './refresh-tokens.ts'
import { CommandAccepted } from './schemas.ts'
import { runUserCommand } from './user-streams.ts'

const UserParams = Type.Object({ id: Uuid })

const userModerationRoutes: FastifyPluginAsyncTypebox = async (app) => {
  const deps = { store: app.eventStore, db: app.db }

  for (const [action, type, operationId, summary, description] of [
    [
      'suspend',
      'SuspendUser',
      'suspendUser',
      'Suspend a user',
      'Appends UserSuspended with the moderator and the reason. The user still reads, but every command ' +
        'they send answers 403 USER_SUSPENDED (erasing their account and changing their password excepted). ' +
        'Their sessions end: refresh tokens are revoked and access tokens issued before now are refused. ' +
        'A moderator suspends users and analysts; only an admin suspends a moderator or an admin (403 ' +
        'CANNOT_MODERATE_STAFF); nobody suspends themselves (422 CANNOT_SUSPEND_SELF). Suspending a ' +
        'suspended user changes nothing but ends their sessions again.',
    ],
    [
      'reinstate',
      'ReinstateUser',
      'reinstateUser',
      'Lift a suspension',
      'Appends UserReinstated with the moderator and the reason; the user writes again at once. ' +
        'Reinstating a user who is not suspended changes nothing.',
    ],
  ] as const) {
    app.post(
      `/moderation/users/:id/${action}`,
      {
        config: { access: { roles: MODERATOR_ROLES } },
        schema: {
          operationId,
          tags: ['moderation'],
          summary,
          description,
          params: UserParams,
          body: ModerationDecision,
          response: {
            200: CommandAccepted,
            ...errorResponses(
              'USER_NOT_FOUND',
              'USER_ERASED',
              'CANNOT_MODERATE_STAFF',
              'CANNOT_SUSPEND_SELF',
              'REASON_REQUIRED',
              'REASON_TOO_LONG',
              'CONCURRENT_MODIFICATION',
            ),
          },
        },
      },
      async (request, reply) => {
        const userId = request.params.id
        const { id: actorId, role: actorRole } = request.user
        const result = await runUserCommand(
          deps,
          userId,
          {
            type,
            data: { userId, actorId, actorRole, reason: request.body.reason },
            metadata: { now: new Date() },
          },
          { actorId, correlationId: request.id },
          null,
        )
        if (type === 'SuspendUser') {
          // Also when nothing changed: a retry after a crash between the event and this finishes it.
          // Durable: both revocations are written to PostgreSQL before the answer (session-revocations.ts).
          const ended = await revokeOtherSessions(app.db, userId, null)
          await app.revocations.revokeSessions(ended)
          const revision = await app.eventStore.streamRevision(userStream(userId))
          if (revision !== null) await app.revocations.revokeUser(userId, { beforeRevision: revision })
        }
        return answerCommand(reply, result)
      },
    )
  }
}

export default userModerationRoutes
