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

/**
 * What an unexpected error logs: its type, code, message and stack. Not its other fields: a
 * PostgreSQL error's `detail` and `where` quote the value it refused (an event's JSON, say).
 */
export function loggableError(error: unknown): {
  type: string
  message: string
  stack: string
  code?: string
} {
  // Not an Error: its value could be anything (data included), so only its kind is logged.
  if (!(error instanceof Error)) return { type: typeof error, message: '', stack: '' }
  const code = (error as { code?: unknown }).code
  return {
    type: error.name,
    ...(typeof code === 'string' ? { code } : {}),
    message: error.message,
    stack: error.stack ?? '',
  }
}

/** Logger options every process uses: `err` fields log through loggableError. */
export const errorSerializers = { err: loggableError }
