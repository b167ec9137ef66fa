/** GET /api/v1/movies/trending: the most interacted-with movies of the day, week or all time. */
import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox'
import type { FastifyReply, FastifyRequest } from 'fastify'
import { type Static, Type } from 'typebox'
import { movies } from '../../../projections/movies.ts'
import { hourKey, trending } from '../../../projections/trending.ts'
import { userLibrary } from '../../../projections/user-library.ts'
import { userRatings } from '../../../projections/user-ratings.ts'
import { type EarlyAnswer, earlyAnswer } from '../../http/early-hits.ts'
import { errorResponses } from '../../http/error-codes.ts'
import { ReleaseYear, StringEnum, Uuid } from '../../http/schemas.ts'
import { viewerFlags } from '../movies/queries.ts'
import { ViewerFlags } from '../movies/schemas.ts'
import { AnswerMemo, sendJson } from '../serving/answer-memo.ts'
import { consistentWith } from '../serving/consistency.ts'
import { answeredNotModified, projectionTag } from '../serving/etag.ts'
import { type TrendingResult, trendingMovies } from './queries.ts'

const WINDOWS = ['day', 'week', 'all'] as const

const TrendingMovie = Type.Object(
  {
    movieId: Uuid,
    title: Type.String(),
    year: ReleaseYear,
    genres: Type.Array(Type.String()),
    score: Type.Number({ description: 'Weighted interactions in the window' }),
    me: Type.Optional(ViewerFlags),
  },
  { title: 'TrendingMovie', description: 'A trending movie; `me` only with a bearer token.' },
)

const Trending = Type.Object(
  {
    window: StringEnum(WINDOWS),
    genre: Type.Union([Type.String(), Type.Null()], { description: 'The genre slug asked for' }),
    items: Type.Array(TrendingMovie),
  },
  {
    title: 'TrendingList',
    description: 'The most interacted-with movies of the window, best first.',
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
/** What a signed-in viewer's answer reads besides: their ratings and library (the `me` flags). */
const viewerReads = [...tagged, userRatings, userLibrary]

/** A memoised answer, with its headers as an early hit sends them (src/http/early-hits.ts). */
type KeptTrending = TrendingResult & { early: EarlyAnswer }

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
  const memo = new AnswerMemo<KeptTrending>(500)
  /** An early hit's lookup: the memoised answer while the positions and the hour hold. */
  const early = (url: string): EarlyAnswer | undefined => {
    const tag = app.projectionTags.tagNow(tagged)
    return tag === null ? undefined : memo.early(memoKey(tag, hourKey(new Date())), url)?.early
  }
  // The memo's key for the positions' tag and the hour, the same string while both hold (no new
  // string built and compared per early hit).
  let keyOf = { tag: '', hour: '', key: '' }
  const memoKey = (tag: string, hour: string): string => {
    if (tag !== keyOf.tag || hour !== keyOf.hour) keyOf = { tag, hour, key: `${tag}-${hour}` }
    return keyOf.key
  }
  app.get(
    '/movies/trending',
    {
      config: { access: 'public', traits: ['conditional-get', 'cached-answer'] },
      // The ETag comes with the (cached) answer: see queries.ts.
      preHandler: consistentWith(tagged, viewerReads),
      schema: {
        operationId: 'listTrendingMovies',
        tags: ['movies'],
        summary: 'Trending movies',
        description:
          'Movies ranked by weighted interactions (watch 1, like 2, favourite 3, a rating of 4-5 stars 3, ' +
          'a comment or reply 2) ' +
          'in the last 24 hours (`day`), 168 hours (`week`) or ever (`all`), optionally in one genre. ' +
          'Answers are cached until the next projected interaction or the next hour. With a bearer token ' +
          "(optional) each item carries `me`, the viewer's own rating, favourite and like.",
        security: [{}, { bearerAuth: [] }],
        querystring: Type.Object(
          {
            window: Type.Optional(StringEnum(WINDOWS, { default: 'day' })),
            genre: Type.Optional(Type.String({ minLength: 1, maxLength: 60, examples: ['science-fiction'] })),
            limit: Type.Optional(Type.Integer({ minimum: 1, maximum: 100, default: 20 })),
          },
          { additionalProperties: false },
        ),
        response: { 200: Trending, ...errorResponses('UNAUTHENTICATED') },
      },
    },
    (request, reply) => {
      if (request.headers.authorization !== undefined) return answerSignedIn(request, reply)
      const now = new Date()
      if (request.headers['x-consistency-token'] === undefined) {
        // A cached answer while the positions in memory are current: sent in this tick, no promise.
        const tag = app.projectionTags.tagNow(tagged)
        const cached = tag === null ? undefined : memo.get(memoKey(tag, hourKey(now)), request.url)
        if (cached !== undefined) {
          // Nothing returned: a returned reply is a thenable Fastify would wait on (until the
          // response finishes) for nothing.
          send(request, reply, cached)
          app.earlyHits?.remember(request, early)
          return
        }
      }
      return answerFresh(request, reply, now)
    },
  )

  /** The same answer as anyone's, plus the viewer's flags per item, under a tag of their own. */
  async function answerSignedIn(request: TrendingRequest, reply: FastifyReply) {
    await app.authenticate(request, reply)
    const result = await resultFor(request, new Date())
    const answer = JSON.parse(result.answer) as Static<typeof Trending>
    const exact = request.headers['x-consistency-token'] !== undefined
    const [flags, viewerTag] = await Promise.all([
      viewerFlags(
        app.db,
        request.user.id,
        answer.items.map((item) => item.movieId),
      ),
      exact ? projectionTag(app.pool, viewerReads) : app.projectionTags.tag(viewerReads),
    ])
    if (answeredNotModified(request, reply, `${result.tag}.${viewerTag}`)) return reply
    return { ...answer, items: answer.items.map((item) => ({ ...item, me: flags.get(item.movieId) })) }
  }

  async function answerFresh(request: TrendingRequest, reply: FastifyReply, now: Date): Promise<void> {
    send(request, reply, await resultFor(request, now))
  }

  async function resultFor(request: TrendingRequest, now: Date): Promise<TrendingResult> {
    const exact = request.headers['x-consistency-token'] !== undefined
    // Without a token: answers kept in memory while trending and movies do not move (answer-memo.ts).
    const current = exact ? null : memoKey(await app.projectionTags.tag(tagged), hourKey(now))
    const kept = memo.get(current, request.url)
    if (kept !== undefined) return kept
    const result = await trendingMovies(
      {
        // After a read-your-writes wait the registry itself, otherwise the in-memory positions.
        tags: (projections) =>
          exact ? projectionTag(app.pool, projections) : app.projectionTags.tag(projections),
        db: app.db,
        keyValue: app.keyValue,
      },
      {
        window: request.query.window ?? 'day',
        genre: request.query.genre ?? null,
        limit: request.query.limit ?? 20,
        now,
      },
    )
    const memoised = memo.set(current, request.url, {
      ...result,
      cached: true,
      // x-cache, then answeredNotModified's two: the order of the route's own answer.
      early: earlyAnswer(
        ['x-cache', 'hit', 'etag', `W/"${result.tag}"`, 'cache-control', 'no-cache'],
        result.answer,
      ),
    })
    if (memoised) app.earlyHits?.remember(request, early)
    return result
  }
}

export default trendingRoutes
