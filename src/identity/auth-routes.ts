/**
 * Public identity commands: register, sign in, refresh, sign out. Each is throttled per client IP;
 * sign-in also per account (failed attempts on one username or email, whoever sends them).
 */
import { createHash } from 'node:crypto'
import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox'
import { Type } from 'typebox'
import type { Role } from '../domain/user/user.ts'
import { AppError } from '../errors.ts'
import { errorResponses } from '../http/error-codes.ts'
import { clientIpKey } from '../plugins/rate-limit.ts'
import { failureThrottle } from './failure-throttle.ts'
import { checkLogin, findAccount } from './login.ts'
import { looksLikeRefreshToken } from './refresh-token-values.ts'
import {
  type IssuedRefreshToken,
  revokeFamilyOf,
  rotateRefreshToken,
  startSession,
} from './refresh-tokens.ts'
import { registerUser } from './register.ts'
import { LoginBody, RefreshBody, RegisterBody, Registered, TokenPair } from './schemas.ts'
import { loadUserState } from './user-streams.ts'

const invalidCredentials = () =>
  new AppError(401, 'INVALID_CREDENTIALS', 'the username, email or password is not right')
const invalidRefreshToken = () =>
  new AppError(401, 'INVALID_REFRESH_TOKEN', 'this refresh token is not valid; sign in again')

/**
 * Failed sign-ins count per account, whichever of its names was typed; a name no account has counts
 * by itself, so unknown and known names are throttled alike.
 */
const throttleKey = (userId: string | null, login: string) =>
  userId ?? createHash('sha256').update(login.normalize('NFKC').toLowerCase()).digest('hex')

const authRoutes: FastifyPluginAsyncTypebox = async (app) => {
  const { config } = app
  const deps = { store: app.eventStore, db: app.db }
  const perIp = {
    max: config.authRateLimitMax,
    timeWindow: config.authRateLimitWindowSeconds * 1000,
    hook: 'onRequest' as const,
    keyGenerator: clientIpKey,
  }
  const failedLogins = failureThrottle(app.db, 'login', {
    limit: config.loginFailureLimit,
    windowSeconds: config.loginFailureWindowSeconds,
  })

  /** `revision`: of the user's stream, where the role was read (a role change ends older tokens). */
  function tokens(userId: string, role: Role, revision: number, session: IssuedRefreshToken) {
    return {
      accessToken: app.signAccessToken({ sub: userId, role, sid: session.familyId, rev: revision }),
      tokenType: 'Bearer' as const,
      expiresIn: config.accessTokenTtlSeconds,
      refreshToken: session.refreshToken,
      refreshTokenExpiresAt: session.expiresAt.toISOString(),
      userId,
      role,
    }
  }

  app.post(
    '/auth/register',
    {
      config: { access: 'public', rateLimit: perIp },
      schema: {
        operationId: 'register',
        tags: ['auth'],
        summary: 'Create an account',
        description:
          'Registers a user with the `user` role. Username and email are unique (after normalisation); ' +
          'the password is stored as an argon2id hash, never in events. Then sign in with /auth/login.',
        body: RegisterBody,
        response: {
          201: Registered,
          ...errorResponses('WEAK_PASSWORD', 'USERNAME_TAKEN', 'EMAIL_TAKEN', 'DISPLAY_NAME_TOO_LONG'),
        },
      },
    },
    async (request, reply) => {
      const registered = await registerUser(deps, request.body, { metadata: { correlationId: request.id } })
      reply.header('x-consistency-token', registered.position)
      return reply.code(201).send(registered)
    },
  )

  app.post(
    '/auth/login',
    {
      config: { access: 'public', rateLimit: perIp },
      schema: {
        operationId: 'signIn',
        tags: ['auth'],
        summary: 'Sign in',
        description:
          'Exchanges a username or email and password for a short-lived access token and a refresh ' +
          'token. A wrong password and an unknown account get the same 401 in about the same time. ' +
          `After ${config.loginFailureLimit} failures on one account within ` +
          `${config.loginFailureWindowSeconds} s it answers 429 with Retry-After.`,
        body: LoginBody,
        response: { 200: TokenPair, ...errorResponses('INVALID_CREDENTIALS', 'TOO_MANY_FAILED_ATTEMPTS') },
      },
    },
    async (request) => {
      const { login, password } = request.body
      const account = await findAccount(deps, login)
      const key = throttleKey(account, login)
      // Reserved before the password is verified: parallel guesses cannot pass the limit.
      const attempt = await failedLogins.reserve(key)
      const user = await checkLogin(deps, account, password)
      if (user === null) {
        request.log.info({ event: 'login-failed' }, 'sign-in refused')
        throw invalidCredentials()
      }
      await failedLogins.release(attempt)
      const session = await startSession(app.db, user.userId, config.refreshTokenTtlSeconds)
      request.log.info({ userId: user.userId, sessionId: session.familyId }, 'signed in')
      return { ...tokens(user.userId, user.role, user.revision, session), position: user.position }
    },
  )

  app.post(
    '/auth/refresh',
    {
      config: { access: 'public', rateLimit: perIp },
      schema: {
        operationId: 'refreshSession',
        tags: ['auth'],
        summary: 'Rotate the refresh token',
        description:
          'Spends the refresh token and answers a new access token and a new refresh token. A refresh ' +
          'token that was already spent ends its whole session (someone else has a copy): 401 ' +
          'REFRESH_TOKEN_REUSED, and the session must sign in again.',
        body: RefreshBody,
        response: { 200: TokenPair, ...errorResponses('INVALID_REFRESH_TOKEN', 'REFRESH_TOKEN_REUSED') },
      },
    },
    async (request) => {
      const presented = request.body.refreshToken
      if (!looksLikeRefreshToken(presented)) throw invalidRefreshToken()
      const rotation = await rotateRefreshToken(app.db, presented, config.refreshTokenTtlSeconds)
      if (rotation.outcome === 'reused') {
        await app.revocations.revokeSessions([rotation.familyId])
        request.log.warn(
          { userId: rotation.userId, sessionId: rotation.familyId },
          'spent refresh token presented again: session revoked',
        )
        throw new AppError(401, 'REFRESH_TOKEN_REUSED', 'this refresh token was already used; sign in again')
      }
      if (rotation.outcome === 'invalid') throw invalidRefreshToken()
      // The role may have changed and the user may be gone: the stream decides, not the old token.
      const { state, position, revision } = await loadUserState(app.eventStore, rotation.userId)
      if (state.status !== 'active') throw invalidRefreshToken()
      return { ...tokens(rotation.userId, state.role, revision, rotation.token), position }
    },
  )

  app.post(
    '/auth/logout',
    {
      config: { access: 'public', rateLimit: perIp },
      schema: {
        operationId: 'signOut',
        tags: ['auth'],
        summary: 'Sign out',
        description:
          "Ends the refresh token's session: its refresh tokens and its access tokens stop working. " +
          'Answers 204 for any token, known or not.',
        body: RefreshBody,
        response: { 204: Type.Null({ description: 'Signed out (whether the token was known or not)' }) },
      },
    },
    async (request, reply) => {
      const presented = request.body.refreshToken
      const familyId = looksLikeRefreshToken(presented) ? await revokeFamilyOf(app.db, presented) : null
      if (familyId !== null) await app.revocations.revokeSessions([familyId])
      return reply.code(204).send(null)
    },
  )
}

export default authRoutes
