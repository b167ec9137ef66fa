/** Schemas every command route shares: the Idempotency-Key header and the accepted-command body. */
import { Type } from 'typebox'
import { PositionToken } from '../http/schemas.ts'

export const IdempotencyHeaders = Type.Object({
  'idempotency-key': Type.Optional(
    Type.String({
      minLength: 1,
      maxLength: 200,
      description:
        'Any unique string per logical request (a UUID is fine). A retry with the same key answers the ' +
        'original result and never appends again.',
      examples: ['5d2c9a8e-7b1f-4a5e-9c3d-2e1f0a9b8c7d'],
    }),
  ),
})

export const CommandAccepted = Type.Object(
  {
    changed: Type.Boolean({
      description: 'False when the command repeated the current state (nothing appended)',
    }),
    position: Type.Union([PositionToken, Type.Null()], {
      description:
        'The position of its last event (the latest of the stream when nothing changed); null when the ' +
        'stream holds nothing. Send it as X-Consistency-Token to read the change back.',
    }),
  },
  {
    title: 'CommandAccepted',
    description: 'The command was decided: what changed and where in the log.',
    examples: [{ changed: true, position: '000000000000031a0000000000000042' }],
  },
)

/** Why: every report and moderation decision says it, and it is recorded in the event. */
export const Reason = Type.String({
  minLength: 1,
  maxLength: 500,
  description: '1 to 500 characters after trimming; recorded in the event with who decided',
  examples: ['reveals the ending without a warning'],
})

export const ModerationDecision = Type.Object(
  { reason: Reason },
  {
    title: 'ModerationDecision',
    description: 'Why a report is made or a moderation decision taken.',
    additionalProperties: false,
    examples: [{ reason: 'reveals the ending without a warning' }],
  },
)
