/** GET /api/v1/movies/trending: the most interacted-with movies of the day, week or all time. */
import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox'
import type { FastifyReply, FastifyRequest } from 'fastify'
import { Redis } from 'ioredis'
import { Type } from 'typebox'
import { movies } from '../../../projections/movies.ts'
import { hourKey, trending } from '../../../projections/trending.ts'
import { ErrorBody, PositionToken, Uuid } from '../../http/schemas.ts'
import { AnswerMemo, sendJson } from '../serving/answer-memo.ts'
import { consistentWith } from '../serving/consistency.ts'
import { answeredNotModified, projectionTag } from '../serving/etag.ts'
import { defineTrendingScripts, type TrendingResult, trendingMovies } from './queries.ts'

const Trending = Type.Object(
  {
    window: Type.Union([Type.Literal('day'), Type.Literal('week'), Type.Literal('all')]),
    genre: Type.Union([Type.String(), Type.Null()], { description: 'The genre slug asked for' }),
    items: Type.Array(
      Type.Object({
        movieId: Uuid,
        title: Type.String(),
        year: Type.Integer(),
        genres: Type.Array(Type.String()),
        score: Type.Number({ description: 'Weighted interactions in the window' }),
      }),
    ),
  },
  {
    examples: [
      {
        window: 'day',
        genre: null,
        items: [
          {
            movieId: '3f0c1d7e-8f5b-4a57-9f0e-6a3d2c1b0a99',
            title: 'Silent Harbor',
            year: 2024,
            genres: ['Drama', 'Mystery'],
            score: 17,
          },
        ],
      },
    ],
  },
)

const tagged = [trending, movies]

type TrendingRequest = FastifyRequest<{
  Querystring: { window?: 'day' | 'week' | 'all'; genre?: string; limit?: number }
}>

/** The answer, or 304 when the client's copy is current (its ETag comes with the cached answer). */
function send(request: FastifyRequest, reply: FastifyReply, result: TrendingResult): void {
  reply.header('x-cache', result.cached ? 'hit' : 'miss')
  if (answeredNotModified(request, reply, result.tag)) return
  // Already JSON (the shape of Trending): sent as it is, not parsed and serialised again.
  sendJson(reply, result.answer)
}

const trendingRoutes: FastifyPluginAsyncTypebox = async (app) => {
  const memo = new AnswerMemo<TrendingResult>(500)
  if (app.redis instanceof Redis) defineTrendingScripts(app.redis)
  app.get(
    '/movies/trending',
    {
      config: { access: 'public' },
      // The ETag comes with the (cached) answer: see queries.ts.
      preHandler: consistentWith(tagged),
      schema: {
        tags: ['movies'],
        summary: 'Trending movies',
        description:
          'Movies ranked by weighted interactions (watch 1, like 2, favourite 3, a rating of 4-5 stars 3, ' +
          'a comment or reply 2) ' +
          'in the last 24 hours (`day`), 168 hours (`week`) or ever (`all`), optionally in one genre. ' +
          'Answers are cached until the next projected interaction or the next hour.',
        headers: Type.Object({ 'x-consistency-token': Type.Optional(PositionToken) }),
        querystring: Type.Object(
          {
            window: Type.Optional(
              Type.Union([Type.Literal('day'), Type.Literal('week'), Type.Literal('all')], {
                default: 'day',
              }),
            ),
            genre: Type.Optional(Type.String({ minLength: 1, maxLength: 60, examples: ['science-fiction'] })),
            limit: Type.Optional(Type.Integer({ minimum: 1, maximum: 100, default: 20 })),
          },
          { additionalProperties: false },
        ),
        response: { 200: Trending, 400: ErrorBody, 429: ErrorBody, 503: ErrorBody },
      },
    },
    (request, reply) => {
      const now = new Date()
      if (request.headers['x-consistency-token'] === undefined) {
        // A cached answer while the positions in memory are current: sent in this tick, no promise.
        const tag = app.projectionTags.tagNow(tagged)
        const cached = tag === null ? undefined : memo.get(`${tag}-${hourKey(now)}`, request.url)
        if (cached !== undefined) {
          // Nothing returned: a returned reply is a thenable Fastify would wait on (until the
          // response finishes) for nothing.
          send(request, reply, cached)
          return
        }
      }
      return answerFresh(request, reply, now)
    },
  )

  async function answerFresh(request: TrendingRequest, reply: FastifyReply, now: Date): Promise<void> {
    const exact = request.headers['x-consistency-token'] !== undefined
    // Without a token: answers kept in memory while trending and movies do not move (answer-memo.ts).
    const current = exact ? null : `${await app.projectionTags.tag(tagged)}-${hourKey(now)}`
    let result = memo.get(current, request.url)
    if (result === undefined) {
      result = await trendingMovies(
        {
          // After a read-your-writes wait the registry itself, otherwise the in-memory positions.
          tags: (projections) =>
            exact ? projectionTag(app.pool, projections) : app.projectionTags.tag(projections),
          db: app.db,
          redis: app.redis,
          keyPrefix: app.config.redisKeyPrefix,
        },
        {
          window: request.query.window ?? 'day',
          genre: request.query.genre ?? null,
          limit: request.query.limit ?? 20,
          now,
        },
      )
      memo.set(current, request.url, { ...result, cached: true })
    }
    send(request, reply, result)
  }
}

export default trendingRoutes
