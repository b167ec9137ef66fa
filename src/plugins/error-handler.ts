/**
 * The one error handler: every error leaves as the DESIGN.md body
 * `{ "error": { "code", "message", "details" } }` with its status, Fastify's own errors (bad URLs,
 * parser errors, unknown routes, the docs' static files) included. 5xx are logged by code and
 * message only (a database error's detail can quote the event it refused), never sent.
 * It also documents, on every route, the errors it answers for it (invalid input, bodies, storage
 * outages), and checks each error it sends against the route's documented codes (contract-check.ts).
 */
import type { FastifyError, FastifyReply, FastifyRequest, FastifyServerOptions, RouteOptions } from 'fastify'
import fp from 'fastify-plugin'
import { isConnectionError } from '../db/connection-errors.ts'
import { AppError, loggableError } from '../errors.ts'

/** Re-exported: tests and older callers import it from here. */
export { loggableError }

import { EventStoreUnavailableError, WrongExpectedRevisionError } from '../event-store/contract.ts'
import { ContractCheck } from '../http/contract-check.ts'
import { ERROR_CODES, type ErrorCode, withErrorCodes } from '../http/error-codes.ts'
import { routeTraits } from '../http/route-traits.ts'
import { isRedisUnavailable } from './redis-errors.ts'

declare module 'fastify' {
  interface FastifyInstance {
    /** Errors answered that their operation does not document (see contract-check.ts). */
    contractCheck: ContractCheck
  }
  interface FastifyContextConfig {
    /** False for an API route that reads no storage (so it never answers SERVICE_UNAVAILABLE). */
    storage?: boolean
  }
}

type Body = { error: { code: string; message: string; details?: unknown } }

const RETRY_AFTER_SECONDS = '5'

/** Fastify's own client errors (bad JSON, wrong content type, body too large) by their code. */
const FASTIFY_CODES: Record<string, ErrorCode> = {
  FST_ERR_CTP_INVALID_JSON_BODY: 'INVALID_JSON',
  FST_ERR_CTP_EMPTY_JSON_BODY: 'EMPTY_BODY',
  FST_ERR_CTP_INVALID_MEDIA_TYPE: 'UNSUPPORTED_MEDIA_TYPE',
  FST_ERR_CTP_INVALID_CONTENT_LENGTH: 'INVALID_CONTENT_LENGTH',
  FST_ERR_CTP_BODY_TOO_LARGE: 'BODY_TOO_LARGE',
}

/** Other 4xx errors of plugins (the docs' static files, the rate limiter) by their status. */
const CODE_BY_STATUS: Record<number, ErrorCode> = {
  403: 'ROUTE_NOT_FOUND',
  404: 'ROUTE_NOT_FOUND',
  413: 'BODY_TOO_LARGE',
  414: 'URI_TOO_LONG',
  415: 'UNSUPPORTED_MEDIA_TYPE',
  429: 'RATE_LIMITED',
}

const notFoundMessage = (request: FastifyRequest) =>
  `no route ${request.method} ${request.url.split('?')[0]?.slice(0, 200)}`

/** The longest path parameter Fastify routes (its default); a longer one is answered URI_TOO_LONG. */
export const MAX_PARAM_LENGTH = 100

/** Fastify's errors before routing: a path that is not valid percent-encoded UTF-8, an overlong parameter. */
const FRAMEWORK_ERRORS: Record<string, { status: number; code: ErrorCode; message: string }> = {
  FST_ERR_BAD_URL: {
    status: 400,
    code: 'INVALID_URL',
    message: 'the path is not valid percent-encoded UTF-8',
  },
  FST_ERR_MAX_PARAM_LENGTH: {
    status: 414,
    code: 'URI_TOO_LONG',
    message: `a path parameter is longer than ${MAX_PARAM_LENGTH} characters`,
  },
}

/** For Fastify's `frameworkErrors` option: the errors it raises before a route is found, in our body. */
export const frameworkErrors: NonNullable<FastifyServerOptions['frameworkErrors']> = (
  error: FastifyError,
  _request: FastifyRequest,
  reply: FastifyReply,
) => {
  const known = FRAMEWORK_ERRORS[error.code] ?? {
    status: 400,
    code: 'BAD_REQUEST',
    message: 'the request is malformed',
  }
  reply.code(known.status).send(body(known.code, known.message))
}

function body(code: string, message: string, details?: unknown): Body {
  return details === undefined ? { error: { code, message } } : { error: { code, message, details } }
}

/** The errors this handler answers for a route, from what the route takes and reads. */
export function handlerErrorCodes(
  route: Pick<RouteOptions, 'schema' | 'config' | 'preHandler'>,
): ErrorCode[] {
  const schema = route.schema ?? {}
  const codes: ErrorCode[] = []
  if (schema.body || schema.querystring || schema.params || schema.headers) codes.push('VALIDATION_FAILED')
  if (schema.params) codes.push('INVALID_URL', 'URI_TOO_LONG')
  if (schema.body) codes.push('INVALID_JSON', 'EMPTY_BODY', 'BODY_TOO_LARGE', 'UNSUPPORTED_MEDIA_TYPE')
  if (routeTraits(route).includes('read-your-writes')) codes.push('INVALID_CONSISTENCY_TOKEN')
  if (route.config?.access !== undefined && route.config.storage !== false) codes.push('SERVICE_UNAVAILABLE')
  return codes
}

export default fp(
  async (app) => {
    const contract = new ContractCheck(() => app.openapi())
    app.decorate('contractCheck', contract)
    // Never mutates the route's objects: Fastify shares them with the HEAD route it derives from a GET.
    app.addHook('onRoute', (route) => {
      const codes = handlerErrorCodes(route)
      if (codes.length === 0 || route.schema?.hide) return
      route.schema = { ...route.schema, response: withErrorCodes(route.schema?.response as never, codes) }
    })

    const send = (request: FastifyRequest, status: number, code: string) => {
      const problem = app.hasDecorator('openapi') ? contract.check(request, status, code) : null
      if (problem) request.log.warn({ problem }, 'answered an error its operation does not document')
    }

    app.setErrorHandler((error: FastifyError, request, reply) => {
      if (error instanceof AppError) {
        if (error.statusCode >= 500) request.log.error({ err: loggableError(error) }, error.message)
        send(request, error.statusCode, error.code)
        return reply
          .code(error.statusCode)
          .headers(error.headers)
          .send(body(error.code, error.message, error.details))
      }
      if (error.validation) {
        const details = error.validation
          // TypeBox reports an unknown field twice: as a false sub-schema and as additionalProperties.
          .filter(
            (issue) => !(issue.keyword === 'boolean' && issue.schemaPath.endsWith('/additionalProperties')),
          )
          .map((issue) => {
            const path = `${error.validationContext ?? ''}${issue.instancePath ?? ''}`
            const unknown = (issue.params as { additionalProperties?: string[] }).additionalProperties
            return issue.keyword === 'additionalProperties' && unknown
              ? { path, message: `has unknown field${unknown.length > 1 ? 's' : ''} ${unknown.join(', ')}` }
              : { path, message: issue.message ?? 'is invalid' }
          })
        const first = details[0]
        const message = first ? `${first.path || 'request'} ${first.message}` : 'the request is invalid'
        send(request, 400, 'VALIDATION_FAILED')
        return reply.code(400).send(body('VALIDATION_FAILED', message, details))
      }
      if (error instanceof WrongExpectedRevisionError) {
        send(request, 409, 'CONCURRENT_MODIFICATION')
        return reply.code(409).send(body('CONCURRENT_MODIFICATION', 'the resource changed meanwhile; retry'))
      }
      if (
        error instanceof EventStoreUnavailableError ||
        isConnectionError(error) ||
        isRedisUnavailable(error)
      ) {
        request.log.error({ err: loggableError(error) }, 'storage unavailable')
        send(request, 503, 'SERVICE_UNAVAILABLE')
        return reply
          .code(503)
          .header('retry-after', RETRY_AFTER_SECONDS)
          .send(body('SERVICE_UNAVAILABLE', 'storage is unavailable right now; retry later'))
      }
      const status = error.statusCode ?? 500
      if (status >= 400 && status < 500) {
        const code = FASTIFY_CODES[error.code] ?? CODE_BY_STATUS[status] ?? 'BAD_REQUEST'
        // The status the catalogue gives the code: a static file refused (403) is not found (404).
        const sent = ERROR_CODES[code].status
        const message = code === 'ROUTE_NOT_FOUND' ? notFoundMessage(request) : error.message
        send(request, sent, code)
        return reply.code(sent).send(body(code, message))
      }
      request.log.error({ err: loggableError(error) }, 'unhandled error')
      return reply.code(500).send(body('INTERNAL_ERROR', 'something went wrong on our side'))
    })

    app.setNotFoundHandler((request, reply) => {
      reply.code(404).send(body('ROUTE_NOT_FOUND', notFoundMessage(request)))
    })
  },
  { name: 'error-handler' },
)
