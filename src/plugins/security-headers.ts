/**
 * Browser-facing protections (and the X-Request-Id of every answer): security headers on every response (the API set on JSON, helmet's
 * full set on the Swagger UI pages), and CORS from @fastify/cors for the frontend origins in
 * CORS_ORIGINS (none by default: no cross-origin access), allowing and exposing the headers the
 * OpenAPI document names (src/http/cors-policy.ts). Tokens travel in the Authorization header and
 * JSON bodies, never cookies, so CORS does not allow credentials and no CSRF token is needed.
 *
 * helmet's middleware is built once here and run on every request. (@fastify/helmet, used before,
 * rebuilds it per request, parsing the CSP directives each time: 2% of a cached read's CPU.)
 */
import cors, { type FastifyCorsOptions } from '@fastify/cors'
import fp from 'fastify-plugin'
import helmet from 'helmet'
import { corsHeadersOf, PREFLIGHT_MAX_AGE_SECONDS } from '../http/cors-policy.ts'

/** Where Swagger UI serves its HTML page and assets: the only responses a browser renders. */
const DOCS_PREFIX = '/api/docs'

/**
 * The headers of JSON responses, as OWASP's REST Security Cheat Sheet lists them for APIs: nothing
 * may frame or run the answer, no MIME sniffing, HTTPS only. helmet's other headers govern pages a
 * browser renders (referrer, DNS prefetch, cross-origin isolation of documents, IE download and XSS
 * filters): JSON never is, and each one costs every response (helmet was 8% of a cached read's CPU).
 * Strict-Transport-Security only over HTTPS, as RFC 6797 requires (helmet sends it on plain HTTP too).
 */
const JSON_RESPONSE_HEADERS: readonly [string, string][] = [
  ['content-security-policy', "default-src 'none'; frame-ancestors 'none'"],
  ['x-content-type-options', 'nosniff'],
  ['x-frame-options', 'DENY'],
]
/** Sent only on requests that came over HTTPS (RFC 6797 7.2; behind the load balancer: X-Forwarded-Proto). */
const HSTS = 'max-age=31536000; includeSubDomains'

/** The same headers as flat name, value lists, over plain HTTP and over HTTPS (src/http/early-hits.ts). */
export const JSON_HEADER_LISTS = {
  http: JSON_RESPONSE_HEADERS.flat(),
  https: [...JSON_RESPONSE_HEADERS.flat(), 'strict-transport-security', HSTS],
} as const

export default fp(
  async (app) => {
    // The documentation pages get helmet's full set, with a CSP Swagger UI works under.
    const pageHeaders = helmet({
      contentSecurityPolicy: {
        directives: {
          // Swagger UI (same origin, no inline scripts) works under helmet's defaults; TLS ends at
          // the load balancer, so forcing https for sub-resources would break plain-http local use.
          upgradeInsecureRequests: null,
        },
      },
      // Set below, over HTTPS only (helmet would send it on plain HTTP too).
      strictTransportSecurity: false,
    })
    app.addHook('onRequest', (request, reply, done) => {
      // Every answer says which request it answers (the id its log line carries).
      reply.header('x-request-id', request.id)
      if (request.url.startsWith(DOCS_PREFIX)) {
        if (request.protocol === 'https') reply.raw.setHeader('strict-transport-security', HSTS)
        pageHeaders(request.raw, reply.raw, (error?: unknown) => done(error as Error | undefined))
        return
      }
      // Into Fastify's own headers, not the raw response's: a header set on the raw response sends
      // every header of the reply through Node's slow path (setHeader one by one, then writeHead).
      for (const [name, value] of JSON_RESPONSE_HEADERS) reply.header(name, value)
      if (request.protocol === 'https') reply.header('strict-transport-security', HSTS)
      done()
    })
    // Without CORS_ORIGINS no cross-origin access is allowed: no CORS headers, and no hook per request.
    if (app.config.corsOrigins.length === 0) {
      app.earlyHits?.headersWith({ security: JSON_HEADER_LISTS, cors: null })
      return
    }
    // The header lists come from the finished document, which exists once the app is ready: the
    // first request computes them.
    let options: FastifyCorsOptions | null = null
    const corsOptions = (): FastifyCorsOptions => {
      const { allowed, exposed } = corsHeadersOf(app.openapi())
      return {
        origin: app.config.corsOrigins,
        credentials: false,
        methods: ['GET', 'HEAD', 'POST', 'PUT', 'PATCH', 'DELETE'],
        allowedHeaders: allowed,
        exposedHeaders: exposed,
        maxAge: PREFLIGHT_MAX_AGE_SECONDS,
      }
    }
    await app.register(cors, {
      delegator: (_request, callback) => {
        options ??= corsOptions()
        callback(null, options)
      },
    })
    // What @fastify/cors adds to a GET, for early hits (src/http/early-hits.ts): Vary (the
    // delegator makes the origin option dynamic), the origin when it is one allowed (it is
    // reflected), the exposed headers; the same lists each time.
    const allowed = new Set(app.config.corsOrigins)
    let exposed: string | null = null
    let fromNowhere: readonly string[] = []
    app.earlyHits?.headersWith({
      security: JSON_HEADER_LISTS,
      cors: (origin) => {
        if (exposed === null) {
          options ??= corsOptions()
          exposed = (options.exposedHeaders as string[]).join(', ')
          fromNowhere = ['vary', 'Origin', 'access-control-expose-headers', exposed]
        }
        if (origin === undefined || !allowed.has(origin)) return fromNowhere
        return [
          'vary',
          'Origin',
          'access-control-allow-origin',
          origin,
          'access-control-expose-headers',
          exposed,
        ]
      },
    })
  },
  { name: 'security-headers', dependencies: ['config'] },
)
