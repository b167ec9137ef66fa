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
    /**
     * Called with each request whose token was verified, in the tick its revocation check goes to
     * Redis: the general rate limit takes its lease there, so both travel in one write
     * (src/plugins/rate-limit.ts). Before the revocation answer: a listener must not count anything.
     */
    tokenVerified: ((request: FastifyRequest) => void)[]
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
/** Tokens whose checked claims are kept (a few MB at most). */
const VERIFIED_TOKENS = 10_000
const BEARER = /^Bearer\s/i

/**
 * The bearer token of a request as @fastify/jwt finds it (`Bearer <token>`, one space), or null
 * when it would find none (it then refuses the request itself).
 */
export function bearerToken(authorization: string | undefined): string | null {
  if (authorization === undefined || !BEARER.test(authorization)) return null
  const parts = authorization.split(' ')
  return parts.length === 2 && parts[1] ? parts[1] : null
}

/**
 * Access tokens already verified (signature, algorithm, issuer, audience, exp, nbf, and our own
 * claim checks), by their exact text, each until its exp. A client sends the same token for its
 * whole life: @fastify/jwt's own cache still decoded the token (base64 and two JSON parses),
 * merged its options and hashed the whole token with SHA-256 for the cache key on every request,
 * which costs about what checking the HMAC does. Here a request with a known token costs one
 * lookup. A token that fails is never kept. Revocation is checked on every request regardless.
 */
export class VerifiedTokens {
  readonly #max: number
  readonly #entries = new Map<string, { user: Readonly<AuthenticatedUser>; until: number }>()

  constructor(max: number) {
    this.#max = max
  }

  /** The user of a token verified before and not expired yet (exp is valid up to its own millisecond). */
  get(token: string, now: number): Readonly<AuthenticatedUser> | null {
    const entry = this.#entries.get(token)
    if (entry === undefined) return null
    if (now > entry.until) {
      this.#entries.delete(token)
      return null
    }
    return entry.user
  }

  /** Keeps a verified token until `until` (ms); the oldest entry goes when full. */
  set(token: string, user: Readonly<AuthenticatedUser>, until: number): void {
    if (this.#entries.size >= this.#max && !this.#entries.has(token)) {
      const oldest = this.#entries.keys().next()
      if (!oldest.done) this.#entries.delete(oldest.value)
    }
    this.#entries.set(token, { user, until })
  }

  get size(): number {
    return this.#entries.size
  }
}

/** The exp (seconds) of each user @fastify/jwt formats, for VerifiedTokens. */
const expiries = new WeakMap<object, number>()

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
        // No cache here: verified tokens are kept by their text in front of it (VerifiedTokens).
        // A token signed without an expiry would be valid forever: refused.
        requiredClaims: ['exp'],
      },
      formatUser: (payload) => {
        const { iat, exp } = payload as AccessClaims & { iat?: unknown; exp?: unknown }
        const user = {
          id: payload.sub,
          role: payload.role,
          sessionId: typeof payload.sid === 'string' ? payload.sid : null,
          revision: Number.isSafeInteger(payload.rev) ? (payload.rev as number) : null,
          issuedAt: typeof iat === 'number' ? iat : null,
        }
        // Verified with exp required: a number.
        if (typeof exp === 'number') expiries.set(user, exp)
        return user
      },
    })

    // Scripts that only sign tokens (dev-token) register no storage; the API always has it.
    const revocations =
      app.hasDecorator('redis') && app.hasDecorator('db')
        ? new Revocations(app.db, app.redis, app.config.accessTokenTtlSeconds, app.log)
        : null
    if (revocations) app.decorate('revocations', revocations)
    const tokenVerified: ((request: FastifyRequest) => void)[] = []
    app.decorate('tokenVerified', tokenVerified)

    const verified = new VerifiedTokens(VERIFIED_TOKENS)
    const authenticate: Hook = async (request) => {
      const token = bearerToken(request.headers.authorization)
      const known = token === null ? null : verified.get(token, Date.now())
      if (known !== null) {
        request.user = known
      } else {
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
        const exp = expiries.get(request.user)
        if (token !== null && exp !== undefined) {
          request.user = Object.freeze(request.user)
          verified.set(token, request.user, exp * 1000)
        }
      }
      if (!revocations) {
        for (const listener of tokenVerified) listener(request)
        return
      }
      let revoked: boolean
      try {
        const { id, sessionId, revision, issuedAt } = request.user
        const check = revocations.isRevoked({ userId: id, sessionId, revision, issuedAt })
        for (const listener of tokenVerified) listener(request)
        revoked = await check
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
