/**
 * Bearer JWT verification with @fastify/jwt (HS256 only) and the one place routes declare who may
 * call them: `config: { access: 'public' | 'authenticated' | { roles: ['admin'] } }` next to the
 * schema. An onRoute hook turns that into the onRequest check, the OpenAPI bearer requirement and an
 * `x-access` note in the document. (`onRequest: app.authenticate` / `app.requireRole(...)` still work.)
 *
 * Access tokens carry sub, role, sid (the session: its refresh token family), rev (the revision of
 * the user's stream the role was read at), jti, iat and exp; a token without exp is refused. A valid
 * signature is not enough: a token whose session or user was revoked (logout, refresh token reuse,
 * password change, role change, erasure) is refused through a small denylist kept in PostgreSQL and
 * cached in Redis (src/identity/session-revocations.ts).
 */
import { randomUUID } from 'node:crypto'
import jwt from '@fastify/jwt'
import type { FastifyReply, FastifyRequest, FastifySchema, RouteOptions } from 'fastify'
import fp from 'fastify-plugin'
import { ROLES, type Role } from '../domain/user/user.ts'
import { AppError } from '../errors.ts'
import { type ErrorCode, withErrorCodes } from '../http/error-codes.ts'
import { Revocations } from '../identity/session-revocations.ts'
import { loadUserState } from '../identity/user-streams.ts'

export { ROLES, type Role }

export type AccessClaims = { sub: string; role: Role; sid?: string; rev?: number; jti?: string }
export type AuthenticatedUser = {
  id: string
  role: Role
  /** The session (refresh token family) the token was issued for; null for development tokens. */
  sessionId: string | null
  /** The revision of the user's stream the role was read at; null for development tokens. */
  revision: number | null
  /** `iat` in seconds (null when absent). */
  issuedAt: number | null
}

/** Who may call a route, declared in its options: `config: { access }`. */
export type Access = 'public' | 'authenticated' | { roles: readonly Role[] }

declare module '@fastify/jwt' {
  interface FastifyJWT {
    payload: AccessClaims
    user: AuthenticatedUser
  }
}

type Hook = (request: FastifyRequest, reply: FastifyReply) => Promise<void>

declare module 'fastify' {
  interface FastifyInstance {
    authenticate: Hook
    requireRole: (...roles: Role[]) => Hook
    signAccessToken: (claims: AccessClaims) => string
    /** The access-token denylist (PostgreSQL, cached in Redis); absent in scripts that only sign. */
    revocations: Revocations
  }
  interface FastifyContextConfig {
    access?: Access
    /**
     * A command a suspended user may still send (erasing their account, changing their password).
     * Every other authenticated command route refuses a suspended user (403 USER_SUSPENDED).
     */
    allowSuspended?: boolean
  }
}

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i
const ISSUER = 'nexus'
const AUDIENCE = 'nexus-api'

const unauthenticated = (message: string, cause?: unknown) =>
  new AppError(401, 'UNAUTHENTICATED', message, { cause })

export function describeAccess(access: Access): string {
  if (access === 'public') return 'public'
  if (access === 'authenticated') return 'authenticated'
  return `role: ${access.roles.join(' or ')}`
}

export default fp(
  async (app) => {
    await app.register(jwt, {
      secret: app.config.jwtSecret,
      sign: { algorithm: 'HS256', expiresIn: app.config.accessTokenTtlSeconds, iss: ISSUER, aud: AUDIENCE },
      verify: {
        algorithms: ['HS256'],
        allowedIss: ISSUER,
        allowedAud: AUDIENCE,
        // A client sends the same token for its whole life: its checked claims are kept (never past
        // its exp; 10,000 tokens, a few MB) and the HMAC is not computed again on every request.
        // Revocation is checked on every request regardless (below).
        cache: 10_000,
        // A token signed without an expiry would be valid forever: refused.
        requiredClaims: ['exp'],
      },
      formatUser: (payload) => {
        const { iat } = payload as AccessClaims & { iat?: unknown }
        return {
          id: payload.sub,
          role: payload.role,
          sessionId: typeof payload.sid === 'string' ? payload.sid : null,
          revision: Number.isSafeInteger(payload.rev) ? (payload.rev as number) : null,
          issuedAt: typeof iat === 'number' ? iat : null,
        }
      },
    })

    // Scripts that only sign tokens (dev-token) register no storage; the API always has it.
    const revocations =
      app.hasDecorator('redis') && app.hasDecorator('db')
        ? new Revocations(app.db, app.redis, app.config.accessTokenTtlSeconds, app.log)
        : null
    if (revocations) app.decorate('revocations', revocations)

    const authenticate: Hook = async (request) => {
      try {
        await request.jwtVerify()
      } catch (error) {
        throw unauthenticated('a valid bearer access token is required', error)
      }
      const { id, role, sessionId } = request.user
      if (
        typeof id !== 'string' ||
        !UUID.test(id) ||
        !ROLES.includes(role) ||
        (sessionId !== null && !UUID.test(sessionId))
      ) {
        throw unauthenticated('the access token does not name a user and role')
      }
      if (!revocations) return
      let revoked: boolean
      try {
        const { revision, issuedAt } = request.user
        revoked = await revocations.isRevoked({ userId: id, sessionId, revision, issuedAt })
      } catch (error) {
        // Fail closed: without the denylist (PostgreSQL down too) a revoked token cannot be told
        // from a live one.
        throw new AppError(
          503,
          'SERVICE_UNAVAILABLE',
          'cannot check the access token right now; retry later',
          {
            headers: { 'retry-after': '5' },
            cause: error,
          },
        )
      }
      if (revoked) throw unauthenticated('this session has ended; sign in again')
    }

    const requireRole =
      (...roles: Role[]): Hook =>
      async (request, reply) => {
        await authenticate(request, reply)
        if (!roles.includes(request.user.role)) {
          throw new AppError(403, 'FORBIDDEN', `this needs the ${roles.join(' or ')} role`)
        }
      }

    /**
     * A suspended user reads but does not write: every authenticated command route checks the user's
     * own stream (the write side's truth, durable in the log, whatever the projections' lag or Redis).
     */
    const refuseSuspended: Hook = async (request) => {
      const { state } = await loadUserState(app.eventStore, request.user.id)
      if (state.status === 'active' && state.suspended) {
        throw new AppError(403, 'USER_SUSPENDED', 'your account is suspended: you can read, but not write')
      }
    }
    const suspensions = app.hasDecorator('eventStore')
    const SAFE = new Set(['GET', 'HEAD', 'OPTIONS'])
    const isCommand = (route: RouteOptions) =>
      [route.method].flat().some((method) => !SAFE.has(String(method).toUpperCase()))

    app.decorate('authenticate', authenticate)
    app.decorate('requireRole', requireRole)
    app.decorate('signAccessToken', (claims: AccessClaims) =>
      app.jwt.sign({ ...claims, jti: claims.jti ?? randomUUID() }),
    )

    // Runs before @fastify/swagger's onRoute (registered later), so the document sees the result.
    // Never mutates the route's objects: Fastify shares them with the HEAD route it derives from a GET.
    app.addHook('onRoute', (route: RouteOptions) => {
      const access = route.config?.access
      if (access === undefined) return
      const check =
        access === 'public' ? null : access === 'authenticated' ? authenticate : requireRole(...access.roles)
      const schema = route.schema ?? {}
      const description = typeof schema.description === 'string' ? `${schema.description}\n\n` : ''
      const suspendable = check !== null && suspensions && isCommand(route) && !route.config?.allowSuspended
      if (check) {
        const existing = route.onRequest === undefined ? [] : [route.onRequest].flat()
        route.onRequest = [check, ...(suspendable ? [refuseSuspended] : []), ...existing]
      }
      // Checking a token can answer these (the revocation check needs PostgreSQL or Redis: 503 when
      // neither answers).
      const codes: ErrorCode[] = check
        ? [
            'UNAUTHENTICATED',
            'SERVICE_UNAVAILABLE',
            ...(typeof access === 'object' ? ['FORBIDDEN' as const] : []),
            ...(suspendable ? ['USER_SUSPENDED' as const] : []),
          ]
        : []
      const documented: FastifySchema & { 'x-access': string } = {
        ...schema,
        description: `${description}**Access:** ${describeAccess(access)}.`,
        'x-access': describeAccess(access),
        ...(check
          ? {
              security: [{ bearerAuth: [] }],
              response: withErrorCodes(schema.response as Record<string, unknown> | undefined, codes),
            }
          : // Public: no credentials needed (a route taking an optional token says so itself).
            { security: schema.security ?? [] }),
      }
      route.schema = documented
    })
  },
  { name: 'auth', dependencies: ['config'] },
)
