/**
 * GET /api/v1/admin/streams/:stream: every event of one stream in revision order, for the admin
 * console's stream browser (the history of a movie, user, comment...). Like GET /api/v1/events it
 * reads the event store, not a read model, through the store interface (so whatever the store does
 * to old events on reading, upcasting included, applies) and serves them through the same export
 * view: personal data opened for live users, null for erased ones, nothing secret.
 */
import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox'
import { type Static, Type } from 'typebox'
import { createExportView } from '../../analytics/export-view.ts'
import { notFound } from '../../errors.ts'
import type { StoredEvent } from '../../event-store/contract.ts'
import { errorResponses } from '../../http/error-codes.ts'

/** Longest history one answer holds; `from` pages through longer ones. */
export const MAX_STREAM_EVENTS = 1_000

const StreamName = Type.String({
  pattern: '^[a-z]+(-[A-Za-z0-9_]+)+$',
  maxLength: 200,
  description:
    'The stream: `movie-<id>`, `user-<id>`, `comment-<id>`, `interaction-<user>-<movie>`, `job-<id>`',
  examples: ['movie-3f0c1d7e-8f5b-4a57-9f0e-6a3d2c1b0a99'],
})

const StreamEvent = Type.Object(
  {
    position: Type.String({ pattern: '^[0-9a-f]{32}$', description: 'Global log position' }),
    id: Type.String(),
    type: Type.String({ examples: ['MovieDetailsUpdated'] }),
    stream: Type.String(),
    revision: Type.Integer({ minimum: 0, description: 'Its place in the stream, from 0' }),
    createdAt: Type.String({ format: 'date-time' }),
    data: Type.Unknown({ description: "The event's data (personal data of erased users is null)" }),
    metadata: Type.Record(Type.String(), Type.Unknown(), {
      description: 'actorId, correlationId, causationId, ...',
    }),
  },
  { title: 'StreamEvent', description: 'One stored event of a stream.' },
)

const example = {
  stream: 'movie-3f0c1d7e-8f5b-4a57-9f0e-6a3d2c1b0a99',
  revision: 0,
  more: false,
  events: [
    {
      position: '000000000000031a0000000000000042',
      id: '9b2f6a4e-1c3d-4e5f-8a7b-6c5d4e3f2a1b',
      type: 'MovieAdded',
      stream: 'movie-3f0c1d7e-8f5b-4a57-9f0e-6a3d2c1b0a99',
      revision: 0,
      createdAt: '2026-11-24T10:00:00.000Z',
      data: {
        movieId: '3f0c1d7e-8f5b-4a57-9f0e-6a3d2c1b0a99',
        title: 'Silent Harbor',
        year: 2024,
        genres: ['Drama'],
      },
      metadata: { actorId: '6b1f4f5e-3c1a-4f0e-9a57-0d5c2b8e7a11', correlationId: 'a1b2c3' },
    },
  ],
}

const StreamHistory = Type.Object(
  {
    stream: Type.String(),
    revision: Type.Integer({ description: "The stream's last revision (its length minus one)" }),
    more: Type.Boolean({
      description: 'More events follow: ask again with `from` one past the last revision',
    }),
    events: Type.Array(StreamEvent),
  },
  {
    title: 'StreamHistory',
    description: 'The events of one stream in revision order.',
    examples: [example],
  },
)

const adminStreamRoutes: FastifyPluginAsyncTypebox = async (app) => {
  app.get(
    '/admin/streams/:stream',
    {
      config: { access: { roles: ['admin'] } },
      schema: {
        operationId: 'getStreamHistory',
        tags: ['admin'],
        summary: "A stream's event history",
        description:
          'Every event of one stream (a movie, a user, a comment, an interaction, a job) in revision ' +
          'order, read from the event store itself: what happened to it, when, by whom. Personal data of ' +
          `erased users is null and nothing secret is included. At most ${MAX_STREAM_EVENTS} events per ` +
          'answer: pass `from` for the next ones.',
        params: Type.Object({ stream: StreamName }),
        querystring: Type.Object(
          {
            from: Type.Optional(Type.Integer({ minimum: 0, default: 0, description: 'First revision' })),
            limit: Type.Optional(
              Type.Integer({ minimum: 1, maximum: MAX_STREAM_EVENTS, default: MAX_STREAM_EVENTS }),
            ),
          },
          { additionalProperties: false },
        ),
        response: { 200: StreamHistory, ...errorResponses('STREAM_NOT_FOUND') },
      },
    },
    async (request, reply): Promise<Static<typeof StreamHistory>> => {
      const { stream } = request.params
      const from = request.query.from ?? 0
      const limit = request.query.limit ?? MAX_STREAM_EVENTS
      const last = await app.eventStore.streamRevision(stream)
      if (last === null) throw notFound('STREAM_NOT_FOUND', `no stream ${stream}`)
      const stored: StoredEvent[] = []
      for await (const event of app.eventStore.readStream(stream, { from: BigInt(from), limit })) {
        stored.push(event)
      }
      const events = await createExportView(app.db, { cacheSize: 16 })(stored)
      reply.header('cache-control', 'no-store')
      const next = from + events.length
      return { stream, revision: Number(last), more: next <= Number(last), events }
    },
  )
}

export default adminStreamRoutes
