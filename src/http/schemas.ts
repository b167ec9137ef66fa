/** Schemas shared by many routes: the error body, ids, positions, pagination. */
import { Type } from 'typebox'

export const ErrorBody = Type.Object(
  {
    error: Type.Object({
      code: Type.String({ description: 'Stable machine-readable code', examples: ['VALIDATION_FAILED'] }),
      message: Type.String({ description: 'What went wrong, for humans' }),
      details: Type.Optional(Type.Unknown({ description: 'Per-field problems for validation errors' })),
    }),
  },
  {
    description: 'Every error response has this shape.',
    examples: [{ error: { code: 'VALIDATION_FAILED', message: 'body/stars must be <= 5' } }],
  },
)

/** The error responses of an authenticated route, to spread into `response`. */
export const authenticatedErrors = {
  400: ErrorBody,
  401: ErrorBody,
  403: ErrorBody,
  503: ErrorBody,
}

export const Uuid = Type.String({ format: 'uuid', examples: ['3f0c1d7e-8f5b-4a57-9f0e-6a3d2c1b0a99'] })

export const PositionToken = Type.String({
  pattern: '^[0-9a-f]{32}$',
  description: 'Opaque log position; send it as X-Consistency-Token to read your own write.',
  examples: ['000000000000031a0000000000000042'],
})

export const bearer = [{ bearerAuth: [] }]
