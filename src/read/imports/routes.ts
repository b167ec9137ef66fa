/** GET /api/v1/admin/imports[/:id]: import jobs and their outcome, from the imports read model. */
import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox'
import { Type } from 'typebox'
import { imports } from '../../../projections/imports.ts'
import { notFound } from '../../errors.ts'
import { errorResponses } from '../../http/error-codes.ts'
import { StringEnum, Uuid } from '../../http/schemas.ts'
import { consistentWith } from '../serving/consistency.ts'
import { findImport, listImports } from './queries.ts'

const Nullable = <T extends Parameters<typeof Type.Union>[0][number]>(schema: T) =>
  Type.Union([schema, Type.Null()])

const Counts = Type.Object(
  {
    imported: Type.Integer({ description: 'Movies appended (MovieImported)' }),
    skipped: Type.Integer({ description: 'Movies already in the catalogue' }),
    failed: Type.Integer({
      description: 'Movies TMDb lacks (404) or the catalogue refuses (no release year)',
    }),
  },
  { title: 'ImportCounts', description: 'What an import did, movie by movie.' },
)

const example = {
  jobId: '0b7e4f1e-51b2-4c1d-9a55-3c1d2b9f8e70',
  source: 'tmdb',
  request: { kind: 'trending', window: 'week', pages: 5, details: false },
  status: 'completed',
  requestedBy: '7d1c9a8e-2b3f-4e5d-8c7b-6a5f4e3d2c1b',
  requestedAt: '2026-11-24T10:00:00.000Z',
  startedAt: '2026-11-24T10:00:00.120Z',
  finishedAt: '2026-11-24T10:00:03.400Z',
  counts: { imported: 97, skipped: 3, failed: 0 },
  error: null,
}

const ImportJob = Type.Object(
  {
    jobId: Uuid,
    source: Type.String({ description: 'tmdb' }),
    request: Type.Unknown({
      description: 'What was asked for (kind trending with window and pages, or movie with tmdbIds)',
    }),
    status: StringEnum(['requested', 'running', 'completed', 'failed'], {
      description: 'requested: waiting for the reactor; running: started; completed or failed: done',
    }),
    requestedBy: Nullable(Uuid),
    requestedAt: Type.String({ format: 'date-time' }),
    startedAt: Nullable(Type.String({ format: 'date-time' })),
    finishedAt: Nullable(Type.String({ format: 'date-time' })),
    counts: Counts,
    error: Nullable(
      Type.Object(
        { code: Type.String({ examples: ['TMDB_UNAVAILABLE'] }), message: Type.String() },
        {
          title: 'ImportError',
          description: 'Why it failed: TMDB_INVALID_KEY, TMDB_UNAVAILABLE, TMDB_RATE_LIMITED, ...',
        },
      ),
    ),
  },
  { title: 'ImportJob', description: 'An import job and its outcome.', examples: [example] },
)

const ImportJobs = Type.Object(
  { items: Type.Array(ImportJob) },
  { title: 'ImportJobList', description: 'The newest import jobs.', examples: [{ items: [example] }] },
)
const admin = { access: { roles: ['admin'] } } as const

const importQueryRoutes: FastifyPluginAsyncTypebox = async (app) => {
  app.get(
    '/admin/imports/:id',
    {
      config: admin,
      preHandler: consistentWith([imports]),
      schema: {
        operationId: 'getImportJob',
        tags: ['admin'],
        summary: 'One import job',
        description:
          'Status (requested, running, completed, failed), counts and error of an import, from the imports ' +
          'read model. Send the X-Consistency-Token the POST answered to see the job the moment it exists.',
        params: Type.Object({ id: Uuid }),
        response: { 200: ImportJob, ...errorResponses('IMPORT_NOT_FOUND') },
      },
    },
    async (request) => {
      const found = await findImport(app.db, request.params.id)
      if (!found)
        throw notFound('IMPORT_NOT_FOUND', 'no such import (yet: send the X-Consistency-Token of the POST)')
      return found
    },
  )

  app.get(
    '/admin/imports',
    {
      config: admin,
      preHandler: consistentWith([imports]),
      schema: {
        operationId: 'listImportJobs',
        tags: ['admin'],
        summary: 'Recent import jobs',
        description: 'The newest import jobs first, with status, counts and error.',
        querystring: Type.Object(
          { limit: Type.Optional(Type.Integer({ minimum: 1, maximum: 100, default: 20 })) },
          { additionalProperties: false },
        ),
        response: { 200: ImportJobs },
      },
    },
    async (request) => ({ items: await listImports(app.db, request.query.limit ?? 20) }),
  )
}

export default importQueryRoutes
