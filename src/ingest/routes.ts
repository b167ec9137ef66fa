/**
 * POST /api/v1/admin/imports: asks for a TMDb import (ImportRequested on job-<id>) and answers 202
 * at once; the tmdb_import reactor does the work and records the outcome, which
 * GET /api/v1/admin/imports/:id shows.
 */
import { randomUUID } from 'node:crypto'
import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox'
import { Type } from 'typebox'
import { decide, MAX_TMDB_IDS, MAX_TRENDING_PAGES } from '../domain/job/decide.ts'
import { evolve, initialState, jobStream, type TmdbImportRequest } from '../domain/job/job.ts'
import { AppError } from '../errors.ts'
import { errorResponses } from '../http/error-codes.ts'
import { PositionToken, StringEnum, Uuid } from '../http/schemas.ts'
import { IdempotencyHeaders } from '../write/command-schemas.ts'
import { handleCommand, idempotentEventId } from '../write/handle-command.ts'

const jobDecider = { initialState, evolve, decide }

const TrendingImport = Type.Object(
  {
    source: Type.Literal('tmdb'),
    kind: Type.Literal('trending'),
    window: StringEnum(['day', 'week'], { description: "TMDb's trending window" }),
    pages: Type.Optional(
      Type.Integer({ minimum: 1, maximum: MAX_TRENDING_PAGES, default: 1, description: '20 movies a page' }),
    ),
    details: Type.Optional(
      Type.Boolean({
        default: false,
        description: "Also fetch each movie's details (IMDb id): one more TMDb request per movie",
      }),
    ),
  },
  { additionalProperties: false, title: 'TrendingImportRequest', description: "TMDb's trending movies." },
)

const MoviesImport = Type.Object(
  {
    source: Type.Literal('tmdb'),
    kind: Type.Literal('movie'),
    tmdbIds: Type.Array(Type.Integer({ minimum: 1 }), {
      minItems: 1,
      maxItems: MAX_TMDB_IDS,
      description: 'TMDb movie ids; details are fetched for each',
    }),
  },
  { additionalProperties: false, title: 'MoviesImportRequest', description: 'Movies by TMDb id.' },
)

const ImportBody = Type.Union([TrendingImport, MoviesImport], {
  title: 'ImportRequest',
  description: 'What to import: trending movies, or movies by id (`kind` tells which).',
  examples: [{ source: 'tmdb', kind: 'trending', window: 'week', pages: 5 }],
})

const ImportAccepted = Type.Object(
  {
    jobId: Uuid,
    status: Type.Literal('requested'),
    position: PositionToken,
  },
  {
    title: 'ImportAccepted',
    description: 'The import was asked for: follow the job at `Location`.',
    examples: [
      {
        jobId: '0b7e4f1e-51b2-4c1d-9a55-3c1d2b9f8e70',
        status: 'requested',
        position: '000000000000031a0000000000000042',
      },
    ],
  },
)

const importCommandRoutes: FastifyPluginAsyncTypebox = async (app) => {
  app.post(
    '/admin/imports',
    {
      config: { access: { roles: ['admin'] }, traits: ['creates-resource'] },
      schema: {
        operationId: 'requestImport',
        tags: ['admin'],
        summary: 'Import movies from TMDb',
        description:
          'Asks for an import (ImportRequested on job-<id>) and answers 202 with the job id at once; the ' +
          'tmdb_import reactor fetches from TMDb and appends MovieImported for each new movie (idempotent by ' +
          'TMDb id: a movie imported before is skipped), then ImportCompleted with counts or ImportFailed ' +
          'with the error. Follow it at `Location` (GET /api/v1/admin/imports/:id). 503 TMDB_NOT_CONFIGURED ' +
          'when neither TMDB_READ_TOKEN nor TMDB_API_KEY is set.',
        headers: IdempotencyHeaders,
        body: ImportBody,
        response: {
          202: ImportAccepted,
          ...errorResponses('TMDB_NOT_CONFIGURED', 'CONCURRENT_MODIFICATION'),
        },
      },
    },
    async (request, reply) => {
      if (app.config.tmdbApiKey === null && app.config.tmdbReadToken === null) {
        throw new AppError(503, 'TMDB_NOT_CONFIGURED', 'TMDb imports need TMDB_READ_TOKEN or TMDB_API_KEY')
      }
      const actorId = request.user.id
      const key = request.headers['idempotency-key'] ?? null
      const jobId = key === null ? randomUUID() : idempotentEventId(actorId, key, 'job-id', 0)
      const body = request.body
      const importRequest: TmdbImportRequest =
        body.kind === 'trending'
          ? { kind: 'trending', window: body.window, pages: body.pages ?? 1, details: body.details ?? false }
          : { kind: 'movie', tmdbIds: body.tmdbIds }
      const result = await handleCommand(
        app.eventStore,
        jobStream(jobId),
        jobDecider,
        {
          type: 'RequestImport',
          data: { jobId, request: importRequest, requestedBy: actorId },
          metadata: { now: new Date() },
        },
        { metadata: { actorId, correlationId: request.id }, idempotencyKey: key },
      )
      const position = result.position as string
      reply.header('x-consistency-token', position).header('location', `/api/v1/admin/imports/${jobId}`)
      return reply.code(202).send({ jobId, status: 'requested' as const, position })
    },
  )
}

export default importCommandRoutes
