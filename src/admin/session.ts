/**
 * The console's session and its one way to the API.
 *
 * Signing in exchanges the form's login and password at POST /api/v1/auth/login (the API's own
 * sign-in, throttles included); the access and refresh tokens it answers live in two cookies
 * (httpOnly, SameSite=Strict, path /admin, Secure in production), never in the page. Each console
 * request checks the access token with the API's own check (signature, expiry, revocation), renews
 * it at POST /api/v1/auth/refresh when it has expired, and refuses anyone without a console role.
 *
 * Every read and write of a screen is a call of an API route with `app.inject`, carrying the signed-in
 * admin's token, the client's address and the request id: validation, authorisation, the events
 * appended and the errors are exactly the API's. The console never touches the database or the
 * event store itself.
 */
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify'
import type { Role } from '../domain/user/user.ts'

export const ACCESS_COOKIE = 'nexus_admin_access'
export const REFRESH_COOKIE = 'nexus_admin_refresh'
export const COOKIE_PATH = '/admin'
export const SIGN_IN_PATH = '/admin/sign-in'

/**
 * Who may open the console. A moderator role is planned with moderation (issue 18); the API's admin
 * routes still answer 403 to anyone but an admin, so a screen shows that refusal.
 */
export const CONSOLE_ROLES: readonly string[] = ['admin', 'moderator']

export type Session = { userId: string; role: Role; accessToken: string }

/** A form's or query's fields as single strings (a repeated field: its first value); others dropped. */
export type Form = Record<string, string | undefined>

export function formOf(value: unknown): Form {
  const fields: Form = {}
  if (value === null || typeof value !== 'object') return fields
  for (const [name, raw] of Object.entries(value)) {
    const first: unknown = Array.isArray(raw) ? raw[0] : raw
    if (typeof first === 'string') fields[name] = first
    else if (typeof first === 'number' || typeof first === 'boolean') fields[name] = String(first)
  }
  return fields
}

export type ApiAnswer = { status: number; body: unknown; headers: Record<string, unknown> }

type TokenPair = { accessToken: string; refreshToken: string; refreshTokenExpiresAt: string; role: Role }

const sessions = new WeakMap<FastifyRequest, Session>()

export function sessionOf(request: FastifyRequest): Session {
  const session = sessions.get(request)
  if (!session) throw new Error('no console session on this request (route outside the signed-in scope)')
  return session
}

/** A call of an API route, in process, as the client of `request` (its address and request id). */
export async function callApi(
  app: FastifyInstance,
  request: FastifyRequest,
  options: {
    method?: 'GET' | 'POST' | 'PATCH' | 'PUT' | 'DELETE'
    url: string
    body?: unknown
    token?: string | null
    consistency?: string | null
  },
): Promise<ApiAnswer> {
  const token = options.token === undefined ? (sessions.get(request)?.accessToken ?? null) : options.token
  const headers: Record<string, string> = { 'x-request-id': request.id }
  if (token !== null) headers.authorization = `Bearer ${token}`
  if (options.consistency) headers['x-consistency-token'] = options.consistency
  const response = await app.inject({
    method: options.method ?? 'GET',
    url: options.url,
    headers,
    remoteAddress: request.ip,
    ...(options.body === undefined ? {} : { payload: options.body as object }),
  })
  let body: unknown = null
  if (response.body !== '') {
    try {
      body = response.json()
    } catch {
      body = response.body
    }
  }
  return { status: response.statusCode, body, headers: response.headers }
}

/** The `{error: {code, message}}` of an API answer, or a generic one. */
export function apiError(answer: ApiAnswer): { code: string; message: string } {
  const error = (answer.body as { error?: { code?: unknown; message?: unknown } } | null)?.error
  return {
    code: typeof error?.code === 'string' ? error.code : `HTTP_${answer.status}`,
    message: typeof error?.message === 'string' ? error.message : `the API answered ${answer.status}`,
  }
}

/** The error of a refused write: the page adds that nothing was changed (the API refused it whole). */
export function writeError(answer: ApiAnswer): { code: string; message: string; write: true } {
  return { ...apiError(answer), write: true }
}

export function setSessionCookies(app: FastifyInstance, reply: FastifyReply, tokens: TokenPair): void {
  const options = {
    path: COOKIE_PATH,
    httpOnly: true,
    sameSite: 'strict' as const,
    secure: app.config.nodeEnv === 'production',
    expires: new Date(tokens.refreshTokenExpiresAt),
  }
  reply.setCookie(ACCESS_COOKIE, tokens.accessToken, options)
  reply.setCookie(REFRESH_COOKIE, tokens.refreshToken, options)
}

export function clearSessionCookies(app: FastifyInstance, reply: FastifyReply): void {
  const options = {
    path: COOKIE_PATH,
    httpOnly: true,
    sameSite: 'strict' as const,
    secure: app.config.nodeEnv === 'production',
  }
  reply.clearCookie(ACCESS_COOKIE, options)
  reply.clearCookie(REFRESH_COOKIE, options)
}

/**
 * Refreshes shared by the requests that present the same refresh token at once (a page and its
 * polling fragment after the access token expired): spending a refresh token twice would look like
 * theft to the API and end the session. Kept a short while after they settle for late arrivals.
 */
const refreshing = new Map<string, Promise<TokenPair | null>>()
const REFRESH_MEMORY_MS = 30_000

function refreshOnce(
  app: FastifyInstance,
  request: FastifyRequest,
  refreshToken: string,
): Promise<TokenPair | null> {
  let pending = refreshing.get(refreshToken)
  if (pending) return pending
  pending = callApi(app, request, {
    method: 'POST',
    url: '/api/v1/auth/refresh',
    body: { refreshToken },
    token: null,
  }).then((answer) => (answer.status === 200 ? (answer.body as TokenPair) : null))
  refreshing.set(refreshToken, pending)
  const forget = () => setTimeout(() => refreshing.delete(refreshToken), REFRESH_MEMORY_MS).unref()
  pending.then(forget, forget)
  return pending
}

/** Checks the access token as the API does; true when it holds (request.user is then set). */
async function tokenHolds(app: FastifyInstance, request: FastifyRequest, reply: FastifyReply, token: string) {
  request.headers.authorization = `Bearer ${token}`
  try {
    await app.authenticate(request, reply)
    return true
  } catch (error) {
    if ((error as { statusCode?: number }).statusCode === 401) return false
    throw error
  } finally {
    delete request.headers.authorization
  }
}

export type SessionCheck =
  | { outcome: 'signed-in'; session: Session }
  | { outcome: 'signed-out' }
  | { outcome: 'refused'; role: Role }

/** The console session of a request: from its cookies, renewed when its access token expired. */
export async function checkSession(
  app: FastifyInstance,
  request: FastifyRequest,
  reply: FastifyReply,
): Promise<SessionCheck> {
  let accessToken = request.cookies[ACCESS_COOKIE] ?? ''
  const refreshToken = request.cookies[REFRESH_COOKIE] ?? ''
  if (accessToken === '' && refreshToken === '') return { outcome: 'signed-out' }
  let holds = accessToken !== '' && (await tokenHolds(app, request, reply, accessToken))
  if (!holds && refreshToken !== '') {
    const renewed = await refreshOnce(app, request, refreshToken)
    if (renewed !== null) {
      accessToken = renewed.accessToken
      holds = await tokenHolds(app, request, reply, accessToken)
      if (holds) setSessionCookies(app, reply, renewed)
    }
  }
  if (!holds) {
    clearSessionCookies(app, reply)
    return { outcome: 'signed-out' }
  }
  const { id, role } = request.user
  if (!CONSOLE_ROLES.includes(role)) return { outcome: 'refused', role }
  const session = { userId: id, role, accessToken }
  sessions.set(request, session)
  return { outcome: 'signed-in', session }
}
