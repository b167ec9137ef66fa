/**
 * GET /api/v1/admin/recommender: the serving model and the selection that chose it (per candidate:
 * tuned settings, validation and test metrics, train time, peak memory, chosen or why not), from
 * the recommender_models table only. The same as `npm run recommender -- status`.
 */
import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox'
import { type Static, Type } from 'typebox'
import { Compile } from 'typebox/compile'
import type { SelectionReport } from '../../recommend/selection.ts'

const Nullable = <T extends Parameters<typeof Type.Union>[0][number]>(schema: T) =>
  Type.Union([schema, Type.Null()])
const Metrics = Type.Object({
  ndcg: Type.Number({ description: 'NDCG@10, binary relevance (a held-out movie the user liked)' }),
  recall: Type.Number({ description: 'recall@10: liked held-out movies found in the top 10, of all' }),
  coverage: Type.Number({ description: 'Share of the catalogue recommended to at least one evaluated user' }),
  users: Type.Integer({ description: 'Users evaluated (with a liked held-out movie)' }),
})
const Candidate = Type.Object({
  candidate: Type.String({ description: 'popularity, item-knn, ease or ease-session' }),
  model: Type.String({ description: 'The tuned settings' }),
  chosen: Type.Boolean(),
  why: Type.String(),
  tuning: Type.Array(Type.Object({ model: Type.String(), ndcg: Type.Number() }), {
    description: 'Every setting tried on validation, in order',
  }),
  validation: Metrics,
  test: Metrics,
  trainMs: Type.Integer({ description: 'Training of the tuned settings on the training part' }),
  peakBytes: Type.Integer({ description: 'Peak memory of the training thread during that training' }),
  gramItems: Nullable(Type.Integer({ description: 'EASE: movies in the Gram matrix' })),
})
const Report = Type.Object({
  protocol: Type.String(),
  data: Type.Object({ users: Type.Integer(), items: Type.Integer(), interactions: Type.Integer() }),
  split: Type.Object({
    trainInteractions: Type.Integer(),
    validationUsers: Type.Integer(),
    testUsers: Type.Integer(),
  }),
  candidates: Type.Array(Candidate),
  chosen: Type.String(),
  chosenModel: Type.String(),
  reason: Type.String(),
  coldStart: Type.Boolean({ description: 'Popularity serves: too little data to judge, or nothing beat it' }),
  selectionMs: Type.Integer(),
})
/**
 * A report stored by an older version of the selection may lack fields this schema requires: it is
 * then answered as null (the model still serves) instead of failing the response's serialisation.
 */
const currentReport = Compile(Report)
const readableReport = (stored: unknown): SelectionReport | null =>
  stored !== null && currentReport.Check(stored) ? (stored as SelectionReport) : null

const Model = Type.Object({
  id: Type.Integer(),
  model: Type.String(),
  trainedAt: Nullable(Type.String({ format: 'date-time' })),
  users: Type.Integer(),
  items: Type.Integer(),
  interactions: Type.Integer(),
  durationMs: Type.Integer(),
  jobId: Nullable(Type.String()),
  report: Nullable(Report),
})
const RecommenderStatus = Type.Object(
  {
    serving: Nullable(Model),
    building: Type.Array(Type.Integer(), { description: 'Ids of models being trained now' }),
  },
  {
    title: 'RecommenderStatus',
    description: 'The serving model, models being trained and the last evaluation.',
    examples: [
      {
        serving: {
          id: 7,
          model: 'ease-session(lambda=75, tau=300s, mix=0.25, minSupport=5, neighbours=200)',
          trainedAt: '2026-12-06T10:00:00.000Z',
          users: 610,
          items: 9724,
          interactions: 100836,
          durationMs: 95000,
          jobId: '1b4e28ba-2fa1-4d2b-9e3c-6a3d2c1b0a99',
          report: null,
        },
        building: [],
      },
    ],
  },
)

const adminRecommenderRoutes: FastifyPluginAsyncTypebox = async (app) => {
  app.get(
    '/admin/recommender',
    {
      config: { access: { roles: ['admin'] } },
      schema: {
        operationId: 'getRecommenderStatus',
        tags: ['admin'],
        summary: 'Recommender status',
        description:
          'The serving model and the report of the selection that chose it: per candidate its tuned ' +
          'settings, NDCG@10, recall@10 and coverage on validation and test, train time, peak memory, ' +
          'chosen or why not; whether popularity serves as cold start. The same as `npm run recommender -- status`.',
        response: { 200: RecommenderStatus },
      },
    },
    async (): Promise<Static<typeof RecommenderStatus>> => {
      const rows = await app.db
        .selectFrom('recommender_models')
        .select([
          'id',
          'model',
          'state',
          'trained_at',
          'users',
          'items',
          'interactions',
          'duration_ms',
          'job_id',
          'report',
        ])
        .where('state', 'in', ['active', 'building'])
        .orderBy('id', 'desc')
        .execute()
      const active = rows.find((row) => row.state === 'active')
      return {
        serving: active
          ? {
              id: active.id,
              model: active.model,
              trainedAt: active.trained_at?.toISOString() ?? null,
              users: active.users,
              items: active.items,
              interactions: active.interactions,
              durationMs: active.duration_ms,
              jobId: active.job_id,
              report: readableReport(active.report ?? null),
            }
          : null,
        building: rows.filter((row) => row.state === 'building').map((row) => row.id),
      }
    },
  )
}

export default adminRecommenderRoutes
