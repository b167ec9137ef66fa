/**
 * The admin console at /admin: server-rendered pages (@fastify/view with Eta templates from
 * src/admin/views) and htmx, served from node_modules by this app, for live parts (a rebuild's
 * progress, an import's). No front-end build: `npm start` serves it. docs/admin.md tells why.
 *
 * Security (docs/admin.md, "Security model"): the session is two httpOnly, SameSite=Strict cookies
 * (Secure in production) holding the API's own tokens; every form post must come from this origin
 * (Origin, or Referer when a browser sends no Origin); pages get a CSP allowing only this origin's
 * script and style (no inline script or style anywhere, htmx included), no framing, no caching.
 * Every screen reads and writes through the API routes (src/admin/session.ts, callApi).
 */

import { readFileSync } from 'node:fs'
import { createRequire } from 'node:module'
import cookie from '@fastify/cookie'
import formbody from '@fastify/formbody'
import view from '@fastify/view'
import { Eta } from 'eta'
import type { FastifyError, FastifyInstance, FastifyReply, FastifyRequest } from 'fastify'
import { moderationPages } from './moderation.ts'
import { moviePages } from './movies.ts'
import { operationPages } from './operations.ts'
import { checkSession, SIGN_IN_PATH } from './session.ts'
import { signInPages } from './sign-in.ts'
import { streamPages } from './streams.ts'
import { userPages } from './users.ts'

const VIEWS = new URL('./views/', import.meta.url).pathname
const HTMX = readFileSync(createRequire(import.meta.url).resolve('htmx.org/dist/htmx.min.js'))
const CSS = readFileSync(new URL('./assets/admin.css', import.meta.url))

/** This origin's script, style and requests only; htmx runs with eval and inline styles off. */
const PAGE_HEADERS: readonly [string, string][] = [
  [
    'content-security-policy',
    "default-src 'none'; script-src 'self'; style-src 'self'; img-src 'self' data:; connect-src 'self'; " +
      "form-action 'self'; frame-ancestors 'none'; base-uri 'none'",
  ],
  ['x-content-type-options', 'nosniff'],
  ['x-frame-options', 'DENY'],
  ['referrer-policy', 'same-origin'],
  ['cross-origin-opener-policy', 'same-origin'],
  ['cross-origin-resource-policy', 'same-origin'],
]

/** A request that may change something: it must come from a page of this console. */
const UNSAFE = new Set(['POST', 'PUT', 'PATCH', 'DELETE'])

function originOf(value: string | undefined): string | null {
  if (value === undefined || value === '' || value === 'null') return null
  try {
    return new URL(value).origin
  } catch {
    return null
  }
}

/** The origin the request names itself (behind the trusted proxies: the forwarded one). */
const ownOrigin = (request: FastifyRequest) => originOf(`${request.protocol}://${request.host}`)

/** Why a state-changing request is refused as cross-site, or null when it came from this origin. */
export function crossSiteReason(request: FastifyRequest): string | null {
  const sent = originOf(request.headers.origin) ?? originOf(request.headers.referer)
  if (sent === null) return 'the request says neither its Origin nor its Referer'
  if (sent !== ownOrigin(request)) return `the request comes from ${sent}, not from this console`
  return null
}

export async function renderError(
  reply: FastifyReply,
  status: number,
  title: string,
  message: string,
): Promise<FastifyReply> {
  return reply.code(status).view('error', { title, message, status, session: null, nav: '' })
}

export default async function adminConsole(app: FastifyInstance): Promise<void> {
  // Pages, not API operations: left out of the OpenAPI document.
  app.addHook('onRoute', (route) => {
    route.schema = { ...route.schema, hide: true }
  })
  await app.register(cookie)
  await app.register(formbody)
  await app.register(view, {
    engine: { eta: new Eta({ views: VIEWS, autoEscape: true, cache: true }) },
    templates: VIEWS,
    viewExt: 'eta',
    defaultContext: {
      signInPath: SIGN_IN_PATH,
      // A number with `digits` decimals; blank for anything else (an older report may lack a field).
      fixed: (value: unknown, digits: number) => (typeof value === 'number' ? value.toFixed(digits) : ''),
    },
  })

  app.addHook('onRequest', async (request, reply) => {
    for (const [name, value] of PAGE_HEADERS) reply.header(name, value)
    if (!request.url.startsWith('/admin/assets/')) reply.header('cache-control', 'no-store')
    if (UNSAFE.has(request.method)) {
      const reason = crossSiteReason(request)
      if (reason !== null) {
        request.log.warn({ reason }, 'admin console: cross-site request refused')
        return renderError(reply, 403, 'Cross-site request refused', `${reason}: nothing was changed.`)
      }
    }
  })

  app.setErrorHandler(async (error: FastifyError, request, reply) => {
    const status = error.statusCode !== undefined && error.statusCode >= 400 ? error.statusCode : 500
    if (status >= 500) request.log.error({ err: error }, 'admin console error')
    return renderError(
      reply,
      status,
      status >= 500 ? 'Something went wrong' : 'Bad request',
      status >= 500 ? `Something went wrong on our side (request ${request.id}).` : error.message,
    )
  })

  app.get('/admin/assets/htmx.min.js', async (_request, reply) =>
    reply.type('text/javascript; charset=utf-8').header('cache-control', 'public, max-age=86400').send(HTMX),
  )
  app.get('/admin/assets/admin.css', async (_request, reply) =>
    reply.type('text/css; charset=utf-8').header('cache-control', 'public, max-age=3600').send(CSS),
  )

  await app.register(signInPages)

  // Everything else needs a signed-in admin (or moderator).
  await app.register(async (signedIn) => {
    signedIn.addHook('preHandler', async (request, reply) => {
      const check = await checkSession(app, request, reply)
      if (check.outcome === 'signed-in') return
      if (check.outcome === 'refused') {
        return reply.code(403).view('refused', { session: null, nav: '', role: check.role })
      }
      const next = request.method === 'GET' ? `?next=${encodeURIComponent(request.url)}` : ''
      // htmx follows a redirect inside the page; HX-Redirect makes it load the sign-in page instead.
      if (request.headers['hx-request'] === 'true') {
        return reply.code(401).header('hx-redirect', `${SIGN_IN_PATH}${next}`).send('')
      }
      return reply.redirect(`${SIGN_IN_PATH}${next}`, 303)
    })
    signedIn.get('/admin', async (_request, reply) => reply.redirect('/admin/movies', 302))
    await signedIn.register(moviePages)
    await signedIn.register(userPages)
    await signedIn.register(moderationPages)
    await signedIn.register(operationPages)
    await signedIn.register(streamPages)
  })
}
