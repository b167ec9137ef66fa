/**
 * The typed errors of the API, each with a stable code and an HTTP status. Routes throw them; the
 * one error handler (src/plugins/error-handler.ts) writes the DESIGN.md error body.
 */
export type ErrorDetails = unknown

export class AppError extends Error {
  readonly code: string
  readonly statusCode: number
  readonly details: ErrorDetails
  readonly headers: Record<string, string>

  constructor(
    statusCode: number,
    code: string,
    message: string,
    options: { details?: ErrorDetails; headers?: Record<string, string>; cause?: unknown } = {},
  ) {
    super(message, { cause: options.cause })
    this.name = 'AppError'
    this.statusCode = statusCode
    this.code = code
    this.details = options.details
    this.headers = options.headers ?? {}
  }
}

/** A rule of the domain refused the command (422). Thrown by decide functions, which stay pure. */
export class DomainRuleError extends AppError {
  constructor(code: string, message: string, details?: ErrorDetails) {
    super(422, code, message, { details })
    this.name = 'DomainRuleError'
  }
}

export const badRequest = (code: string, message: string, details?: ErrorDetails) =>
  new AppError(400, code, message, { details })

export const notFound = (code: string, message: string) => new AppError(404, code, message)
