/**
 * GET /api/v1/events: the event log for analysts and admins, streamed as NDJSON with backpressure.
 *
 * The one query route that reads the event store rather than a read model: what it serves is the log
 * itself (DESIGN.md, "Analysts"), through the same export view as `npm run events -- export`, so
 * secrets and erased users' personal data never leave.
 */
import { Readable } from 'node:stream'
import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox'
import { Type } from 'typebox'
import {
  type ExportFilter,
  exportPages,
  INSTANT_PATTERN,
  ndjsonLine,
  parseInstant,
} from '../../analytics/export-log.ts'
import { createExportView, type ExportedEvent } from '../../analytics/export-view.ts'
import { badRequest } from '../../errors.ts'
import { POSITION_PATTERN } from '../../event-store/contract.ts'
import { errorResponses } from '../../http/error-codes.ts'

const MAX_LIMIT = 10_000
const DEFAULT_LIMIT = 1_000
const PAGE_SIZE = 1_000

const EventsQuery = Type.Object(
  {
    types: Type.Optional(
      Type.String({
        pattern: '^[A-Za-z][A-Za-z0-9_.-]*(,[A-Za-z][A-Za-z0-9_.-]*)*$',
        maxLength: 2_000,
        description: 'Only these event types, comma-separated',
        examples: ['RatingGiven,RatingRemoved'],
      }),
    ),
    streamPrefix: Type.Optional(
      Type.String({
        minLength: 1,
        maxLength: 200,
        description: 'Only streams whose name starts with it',
        examples: ['interaction-'],
      }),
    ),
    after: Type.Optional(
      Type.String({
        pattern: POSITION_PATTERN,
        description: 'Only events after this position (exclusive): the `next` of the previous response',
        examples: ['000000000000031a0000000000000042'],
      }),
    ),
    since: Type.Optional(
      Type.String({
        pattern: INSTANT_PATTERN,
        description: 'Only events stored at or after this instant (ISO 8601 date, or date-time with a zone)',
        examples: ['2026-11-24T00:00:00Z'],
      }),
    ),
    until: Type.Optional(
      Type.String({
        pattern: INSTANT_PATTERN,
        description: 'Only events stored before this instant (exclusive)',
        examples: ['2026-11-25'],
      }),
    ),
    limit: Type.Optional(
      Type.Integer({
        minimum: 1,
        maximum: MAX_LIMIT,
        default: DEFAULT_LIMIT,
        description: 'At most this many events',
      }),
    ),
  },
  { additionalProperties: false },
)

const exampleEvent: ExportedEvent = {
  position: '000000000000031a0000000000000042',
  id: '9b2f6a4e-1c3d-4e5f-8a7b-6c5d4e3f2a1b',
  type: 'RatingGiven',
  stream: 'interaction-6b1f4f5e-3c1a-4f0e-9a57-0d5c2b8e7a11-3f0c1d7e-8f5b-4a57-9f0e-6a3d2c1b0a99',
  revision: 0,
  createdAt: '2026-11-24T10:00:00.000Z',
  data: {
    userId: '6b1f4f5e-3c1a-4f0e-9a57-0d5c2b8e7a11',
    movieId: '3f0c1d7e-8f5b-4a57-9f0e-6a3d2c1b0a99',
    stars: 4,
    review: null,
    ratedAt: '2026-11-24T10:00:00.000Z',
    previousStars: null,
  },
  metadata: { actorId: '6b1f4f5e-3c1a-4f0e-9a57-0d5c2b8e7a11', correlationId: 'a1b2c3' },
}
const example = `${ndjsonLine(exampleEvent)}{"next":"${exampleEvent.position}","more":false}\n`

const DESCRIPTION = `The global log in position order, one JSON event per line (\`application/x-ndjson\`), streamed
as it is read. Each event has \`position, id, type, stream, revision, createdAt, data, metadata\`; the personal
data of erased users is null and nothing secret is ever included.

**Cursor.** Headers leave before the events, so the cursor comes last: the final line is
\`{"next": <position> | null, "more": <boolean>}\`. Pass \`next\` as \`after\` to continue; it is the position of
the last event sent (or your \`after\` when none matched; null when neither). \`more\` is true when the limit was
reached, so further events may follow at once. A response without that line was cut short: retry from the last
position you received.

**Filters.** \`types\` and \`streamPrefix\` are applied by the event store; \`since\` and \`until\` (on the time an event
was stored) are applied while reading, so a window far from \`after\` reads the events before it too: page with
\`after\` once you have a position.`

const eventsRoutes: FastifyPluginAsyncTypebox = async (app) => {
  app.get(
    '/events',
    {
      config: { access: { roles: ['analyst', 'admin'] } },
      // A HEAD would read the log for nothing.
      exposeHeadRoute: false,
      schema: {
        operationId: 'streamEvents',
        tags: ['analytics'],
        summary: 'Stream the event log',
        description: DESCRIPTION,
        querystring: EventsQuery,
        response: {
          200: {
            description: 'NDJSON: one event per line, then the cursor line',
            content: {
              // Documented as the text it is; sent as a stream of that text.
              'application/x-ndjson': {
                schema: Type.Unsafe<string | Readable>(Type.String({ examples: [example] })),
              },
            },
          },
          ...errorResponses('INVALID_DATE'),
        },
      },
    },
    async (request, reply) => {
      const query = request.query
      const since = query.since === undefined ? undefined : parseInstant(query.since)
      const until = query.until === undefined ? undefined : parseInstant(query.until)
      if (since === null || until === null) {
        throw badRequest('INVALID_DATE', 'since and until must be dates that exist (ISO 8601)')
      }
      if (since && until && since >= until) throw badRequest('INVALID_DATE', 'since must be before until')
      const limit = query.limit ?? DEFAULT_LIMIT
      const filter: ExportFilter = {
        ...(query.types ? { types: query.types.split(',') } : {}),
        ...(query.streamPrefix ? { streamPrefix: query.streamPrefix } : {}),
        ...(query.after ? { after: query.after } : {}),
        ...(since ? { since } : {}),
        ...(until ? { until } : {}),
        limit,
      }
      const events = exportPages(app.eventStore, createExportView(app.db), filter, {
        pageSize: Math.min(limit, PAGE_SIZE),
      })
      // The first page is read before the headers leave, so a store that is down still answers 503.
      const first = await events.next()
      const body = Readable.from(ndjson(first, events, filter.after ?? null, limit), {
        // One page in the buffer: the next is read only when the client has taken this one.
        highWaterMark: 1,
      })
      return reply.type('application/x-ndjson; charset=utf-8').header('cache-control', 'no-store').send(body)
    },
  )
}

async function* ndjson(
  first: IteratorResult<ExportedEvent[]>,
  rest: AsyncGenerator<ExportedEvent[]>,
  after: string | null,
  limit: number,
): AsyncGenerator<string> {
  let next = after
  let sent = 0
  try {
    for (let page = first; !page.done; page = await rest.next()) {
      let chunk = ''
      for (const event of page.value) chunk += ndjsonLine(event)
      next = page.value.at(-1)?.position ?? next
      sent += page.value.length
      yield chunk
    }
  } finally {
    // The client went away mid-stream: stop reading the log.
    await rest.return(undefined)
  }
  yield `${JSON.stringify({ next, more: sent >= limit })}\n`
}

export default eventsRoutes
