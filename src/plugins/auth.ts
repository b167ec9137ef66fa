/**
 * Bearer JWT verification with @fastify/jwt (HS256 only) and the hooks routes use to declare who
 * may call them: `onRequest: app.authenticate` or `onRequest: app.requireRole('admin')`.
 * Token issuing is a stub until the identity issue lands (see signAccessToken and scripts/dev-token.ts).
 */
import jwt from '@fastify/jwt'
import type { FastifyReply, FastifyRequest } from 'fastify'
import fp from 'fastify-plugin'
import { AppError } from '../errors.ts'

export const ROLES = ['user', 'analyst', 'admin'] as const
export type Role = (typeof ROLES)[number]

export type AccessClaims = { sub: string; role: Role }
export type AuthenticatedUser = { id: string; role: Role }

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
  }
}

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i

export default fp(
  async (app) => {
    await app.register(jwt, {
      secret: app.config.jwtSecret,
      sign: { algorithm: 'HS256', expiresIn: app.config.accessTokenTtlSeconds },
      verify: { algorithms: ['HS256'] },
      formatUser: (payload) => ({ id: payload.sub, role: payload.role }),
    })

    const authenticate: Hook = async (request) => {
      try {
        await request.jwtVerify()
      } catch (error) {
        throw new AppError(401, 'UNAUTHENTICATED', 'a valid bearer access token is required', {
          cause: error,
        })
      }
      const { id, role } = request.user
      if (typeof id !== 'string' || !UUID.test(id) || !ROLES.includes(role)) {
        throw new AppError(401, 'UNAUTHENTICATED', 'the access token does not name a user and role')
      }
    }
    app.decorate('authenticate', authenticate)
    app.decorate('requireRole', (...roles: Role[]): Hook => {
      return async (request, reply) => {
        await authenticate(request, reply)
        if (!roles.includes(request.user.role)) {
          throw new AppError(403, 'FORBIDDEN', `this needs the ${roles.join(' or ')} role`)
        }
      }
    })
    app.decorate('signAccessToken', (claims: AccessClaims) => app.jwt.sign(claims))
  },
  { name: 'auth', dependencies: ['config'] },
)
