/**
 * One access line per request. Fastify's default is two lines at info, "incoming request" with the
 * whole serialised request (host, remote address and port) and "request completed" with the
 * status: at LOG_LEVEL=info (the production default) they cost a cached read more than half again
 * its CPU (bench:api --log-level info). The line kept says what an operator reads an access log
 * for: method, URL, status, time, and the request id that ties it to the request's other lines.
 * Errors are logged as Fastify logs them.
 */
import { type FastifyReply, type FastifyRequest, LogController } from 'fastify'

export class AccessLog extends LogController {
  override incomingRequest(): void {
    // The completion line carries the method and URL.
  }

  override requestCompleted(
    error: Error | null | undefined,
    request: FastifyRequest,
    reply: FastifyReply,
  ): void {
    if (error) {
      super.requestCompleted(error, request, reply)
      return
    }
    if (this.isLogDisabled(request)) return
    reply.log.info(
      {
        method: request.method,
        url: request.url,
        statusCode: reply.statusCode,
        responseTime: reply.elapsedTime,
      },
      'request completed',
    )
  }
}
