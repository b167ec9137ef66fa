/**
 * The one error handler: every error leaves as the DESIGN.md body
 * `{ "error": { "code", "message", "details" } }` with its status. 5xx details are logged, never sent.
 */
import type { FastifyError } from 'fastify'
import fp from 'fastify-plugin'
import { isConnectionError } from '../db/connection-errors.ts'
import { AppError } from '../errors.ts'
import { EventStoreUnavailableError, WrongExpectedRevisionError } from '../event-store/contract.ts'

type Body = { error: { code: string; message: string; details?: unknown } }

const RETRY_AFTER_SECONDS = '5'

/** Fastify's own client errors (bad JSON, wrong content type, body too large) by their code. */
const FASTIFY_CODES: Record<string, string> = {
  FST_ERR_CTP_INVALID_JSON_BODY: 'INVALID_JSON',
  FST_ERR_CTP_EMPTY_JSON_BODY: 'EMPTY_BODY',
  FST_ERR_CTP_INVALID_MEDIA_TYPE: 'UNSUPPORTED_MEDIA_TYPE',
  FST_ERR_CTP_INVALID_CONTENT_LENGTH: 'INVALID_CONTENT_LENGTH',
  FST_ERR_CTP_BODY_TOO_LARGE: 'BODY_TOO_LARGE',
}

function body(code: string, message: string, details?: unknown): Body {
  return details === undefined ? { error: { code, message } } : { error: { code, message, details } }
}

export default fp(
  async (app) => {
    app.setErrorHandler((error: FastifyError, request, reply) => {
      if (error instanceof AppError) {
        if (error.statusCode >= 500) request.log.error({ err: error }, error.message)
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
        return reply.code(400).send(body('VALIDATION_FAILED', message, details))
      }
      if (error instanceof WrongExpectedRevisionError) {
        return reply.code(409).send(body('CONCURRENT_MODIFICATION', 'the resource changed meanwhile; retry'))
      }
      if (error instanceof EventStoreUnavailableError || isConnectionError(error)) {
        request.log.error({ err: error }, 'storage unavailable')
        return reply
          .code(503)
          .header('retry-after', RETRY_AFTER_SECONDS)
          .send(body('SERVICE_UNAVAILABLE', 'storage is unavailable right now; retry later'))
      }
      const status = error.statusCode ?? 500
      if (status >= 400 && status < 500) {
        const code = FASTIFY_CODES[error.code] ?? (status === 429 ? 'RATE_LIMITED' : 'BAD_REQUEST')
        return reply.code(status).send(body(code, error.message))
      }
      request.log.error({ err: error }, 'unhandled error')
      return reply.code(500).send(body('INTERNAL_ERROR', 'something went wrong on our side'))
    })

    app.setNotFoundHandler((request, reply) => {
      reply.code(404).send(body('ROUTE_NOT_FOUND', `no route ${request.method} ${request.url.split('?')[0]}`))
    })
  },
  { name: 'error-handler' },
)
