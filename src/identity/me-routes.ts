/** The signed-in user's own account commands: profile, password, erasure. */
import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox'
import type { FastifyRequest } from 'fastify'
import { AppError } from '../errors.ts'
import { errorResponses } from '../http/error-codes.ts'
import { answerCommand } from '../write/handle-command.ts'
import { replacePasswordHash } from './credentials.ts'
import { eraseUser } from './erase.ts'
import { failureThrottle } from './failure-throttle.ts'
import { checkPassword } from './login.ts'
import { hashPassword, passwordProblem } from './passwords.ts'
import { revokeOtherSessions } from './refresh-tokens.ts'
import { invalidField } from './register.ts'
import { CommandAccepted, PasswordChangeBody, PasswordConfirmation, ProfileBody } from './schemas.ts'
import { runUserCommand } from './user-streams.ts'

const wrongPassword = () => new AppError(403, 'WRONG_PASSWORD', 'the current password is not right')

const meCommandRoutes: FastifyPluginAsyncTypebox = async (app) => {
  const deps = { store: app.eventStore, db: app.db }
  // Guessing the current password with a stolen access token is throttled like sign-in.
  const failures = failureThrottle(app.db, 'password', {
    limit: app.config.loginFailureLimit,
    windowSeconds: app.config.loginFailureWindowSeconds,
  })
  const confirm = async (request: FastifyRequest, password: string) => {
    const attempt = await failures.reserve(request.user.id)
    if (!(await checkPassword(deps, request.user.id, password))) throw wrongPassword()
    await failures.release(attempt)
  }
  const stream = ['USER_NOT_FOUND', 'USER_ERASED', 'CONCURRENT_MODIFICATION'] as const
  const confirming = ['WRONG_PASSWORD', 'TOO_MANY_FAILED_ATTEMPTS'] as const

  app.patch(
    '/me',
    {
      config: { access: 'authenticated' },
      schema: {
        operationId: 'updateMyProfile',
        tags: ['me'],
        summary: 'Update my profile',
        description:
          'Changes the display name, the favourite genres (which seed recommendations before any ' +
          'rating) and whether my ratings show on my public profile. An absent field keeps its value. ' +
          "Appends UserProfileUpdated (the display name sealed with the user's key) and " +
          'ProfileVisibilityChanged.',
        body: ProfileBody,
        response: { 200: CommandAccepted, ...errorResponses(...stream, 'DISPLAY_NAME_TOO_LONG') },
      },
    },
    async (request, reply) => {
      const userId = request.user.id
      const result = await runUserCommand(
        deps,
        userId,
        { type: 'UpdateProfile', data: { userId, ...request.body }, metadata: { now: new Date() } },
        { actorId: userId, correlationId: request.id },
      )
      return answerCommand(reply, result)
    },
  )

  app.post(
    '/me/password',
    {
      config: { access: 'authenticated', allowSuspended: true },
      schema: {
        operationId: 'changeMyPassword',
        tags: ['me'],
        summary: 'Change my password',
        description:
          'Needs the current password. Every other session of the user ends (their refresh and access ' +
          'tokens stop working); this one goes on. Appends PasswordChanged, which carries no hash.',
        body: PasswordChangeBody,
        response: { 200: CommandAccepted, ...errorResponses(...stream, ...confirming, 'WEAK_PASSWORD') },
      },
    },
    async (request, reply) => {
      const { id: userId, sessionId } = request.user
      const { currentPassword, newPassword } = request.body
      await confirm(request, currentPassword)
      const weakness = passwordProblem(newPassword)
      if (weakness) throw invalidField('newPassword', weakness, 'WEAK_PASSWORD')
      if (!(await replacePasswordHash(app.db, userId, await hashPassword(newPassword)))) throw wrongPassword()
      const ended = await revokeOtherSessions(app.db, userId, sessionId)
      await app.revocations.revokeSessions(ended)
      const result = await runUserCommand(
        deps,
        userId,
        { type: 'RecordPasswordChange', data: { userId }, metadata: { now: new Date() } },
        { actorId: userId, correlationId: request.id },
        null,
      )
      if (result.position) reply.header('x-consistency-token', result.position)
      return { changed: true, position: result.position }
    },
  )

  app.delete(
    '/me',
    {
      config: { access: 'authenticated', allowSuspended: true },
      schema: {
        operationId: 'eraseMyAccount',
        tags: ['me'],
        summary: 'Erase my account',
        description:
          'Needs the password. Deletes the key that seals my personal data, so my username, email and ' +
          'display name become unreadable in events, exports and read models; my ratings keep counting ' +
          'anonymously. Every session ends and the account can never sign in again.',
        body: PasswordConfirmation,
        response: { 200: CommandAccepted, ...errorResponses(...stream, ...confirming) },
      },
    },
    async (request, reply) => {
      const userId = request.user.id
      await confirm(request, request.body.password)
      const result = await eraseUser({ ...deps, revocations: app.revocations }, userId, userId, {
        actorId: userId,
        correlationId: request.id,
      })
      if (result.position) reply.header('x-consistency-token', result.position)
      return result
    },
  )
}

export default meCommandRoutes
