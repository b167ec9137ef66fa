/** The console's sign-in and sign-out pages: the API's own sign-in, its tokens kept in cookies. */
import type { FastifyInstance } from 'fastify'
import type { Role } from '../domain/user/user.ts'
import {
  apiError,
  CONSOLE_ROLES,
  callApi,
  clearSessionCookies,
  formOf,
  REFRESH_COOKIE,
  SIGN_IN_PATH,
  setSessionCookies,
} from './session.ts'

/** Where to go after signing in: a console page only, never another site. */
function nextPage(value: unknown): string {
  return typeof value === 'string' && /^\/admin(\/[^/\\]|$|\?)/.test(value) && !value.includes('//')
    ? value
    : '/admin/movies'
}

export async function signInPages(app: FastifyInstance): Promise<void> {
  app.get(SIGN_IN_PATH, async (request, reply) => {
    const query = formOf(request.query)
    return reply.view('sign-in', {
      session: null,
      nav: '',
      error: null,
      login: '',
      next: nextPage(query.next),
    })
  })

  app.post(SIGN_IN_PATH, async (request, reply) => {
    const form = formOf(request.body)
    const login = String(form.login ?? '')
    const next = nextPage(form.next)
    const answer = await callApi(app, request, {
      method: 'POST',
      url: '/api/v1/auth/login',
      body: { login, password: String(form.password ?? '') },
      token: null,
    })
    if (answer.status !== 200) {
      const { message } = apiError(answer)
      return reply
        .code(answer.status)
        .view('sign-in', { session: null, nav: '', error: message, login, next })
    }
    const tokens = answer.body as {
      accessToken: string
      refreshToken: string
      refreshTokenExpiresAt: string
      role: Role
    }
    if (!CONSOLE_ROLES.includes(tokens.role)) {
      // The session just opened is of no use here: end it at once.
      await callApi(app, request, {
        method: 'POST',
        url: '/api/v1/auth/logout',
        body: { refreshToken: tokens.refreshToken },
        token: null,
      })
      request.log.info({ role: tokens.role }, 'admin console: sign-in refused for the role')
      return reply.code(403).view('refused', { session: null, nav: '', role: tokens.role })
    }
    setSessionCookies(app, reply, tokens)
    return reply.redirect(next, 303)
  })

  app.post('/admin/sign-out', async (request, reply) => {
    const refreshToken = request.cookies[REFRESH_COOKIE]
    if (refreshToken) {
      await callApi(app, request, {
        method: 'POST',
        url: '/api/v1/auth/logout',
        body: { refreshToken },
        token: null,
      })
    }
    clearSessionCookies(app, reply)
    return reply.redirect(SIGN_IN_PATH, 303)
  })
}
