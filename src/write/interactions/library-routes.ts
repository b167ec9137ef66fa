/**
 * Favourite, like, watchlist and watch commands on the interaction stream (interaction-<user>-<movie>):
 * PUT/DELETE /movies/:id/favorite, /like and /watchlist, POST /movies/:id/watches.
 */
import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox'
import type { FastifyReply, FastifyRequest } from 'fastify'
import { Type } from 'typebox'
import { decide, type InteractionCommand } from '../../domain/interaction/decide.ts'
import { evolve, initialState, interactionStream } from '../../domain/interaction/interaction.ts'
import type { MovieAvailability } from '../../domain/movie/movie.ts'
import { errorResponses } from '../../http/error-codes.ts'
import { Uuid } from '../../http/schemas.ts'
import { CommandAccepted, IdempotencyHeaders } from '../command-schemas.ts'
import { answerCommand, handleCommand } from '../handle-command.ts'
import { movieContext } from '../movies/movie-availability.ts'

const interactionDecider = { initialState, evolve, decide }

const Params = Type.Object({ id: Uuid })
/** A new interaction needs a listed movie; taking one back does not. */
const adding = {
  200: CommandAccepted,
  ...errorResponses('MOVIE_NOT_FOUND', 'MOVIE_REMOVED', 'CONCURRENT_MODIFICATION'),
}
const takingBack = { 200: CommandAccepted, ...errorResponses('CONCURRENT_MODIFICATION') }

const WatchBody = Type.Object(
  {
    progress: Type.Number({ minimum: 0, maximum: 1, description: 'How much was watched, 0 to 1' }),
    watchedAt: Type.Optional(
      Type.String({ format: 'date-time', description: 'When it was watched; defaults to now' }),
    ),
  },
  {
    title: 'ViewingInput',
    description: 'A viewing to record.',
    additionalProperties: false,
    examples: [{ progress: 0.85, watchedAt: '2026-11-24T20:15:00.000Z' }],
  },
)

type Build = (
  ids: { userId: string; movieId: string },
  movie: MovieAvailability,
  now: Date,
) => InteractionCommand

const interactionRoutes: FastifyPluginAsyncTypebox = async (app) => {
  /**
   * Runs the command; when it needs the movie (a new interaction), its availability is read beside
   * the stream and its revision guards the append.
   */
  async function run(
    request: FastifyRequest<{ Params: { id: string }; Headers: { 'idempotency-key'?: string } }>,
    reply: FastifyReply,
    build: Build,
    checksMovie: boolean,
  ) {
    const userId = request.user.id
    const movieId = request.params.id
    const now = new Date()
    const result = await handleCommand(
      app.eventStore,
      interactionStream(userId, movieId),
      interactionDecider,
      (movie: MovieAvailability | undefined) => build({ userId, movieId }, movie ?? 'unknown', now),
      {
        metadata: { actorId: userId, correlationId: request.id },
        idempotencyKey: request.headers['idempotency-key'] ?? null,
        ...(checksMovie ? { context: movieContext(app.eventStore, movieId) } : {}),
      },
    )
    return answerCommand(reply, result)
  }

  const toggles = [
    {
      path: 'favorite',
      summaries: ['Mark a movie as my favourite', 'Take back my favourite of a movie'],
      on: 'FavoriteMovie',
      off: 'UnfavoriteMovie',
      events: ['MovieFavorited', 'MovieUnfavorited'],
      note: '',
    },
    {
      path: 'like',
      summaries: ['Like a movie', 'Take back my like of a movie'],
      on: 'LikeMovie',
      off: 'UnlikeMovie',
      events: ['MovieLiked', 'MovieUnliked'],
      note: '',
    },
    {
      path: 'watchlist',
      summaries: ['Put a movie on my watchlist', 'Take a movie off my watchlist'],
      on: 'WatchlistMovie',
      off: 'UnwatchlistMovie',
      events: ['MovieWatchlisted', 'MovieUnwatchlisted'],
      note:
        ' Watching at least 90% of the movie (POST /movies/:id/watches) or rating it also takes it off ' +
        'the watchlist; it can be put back on after.',
    },
  ] as const
  for (const toggle of toggles) {
    app.put(
      `/movies/:id/${toggle.path}`,
      {
        config: { access: 'authenticated' },
        schema: {
          operationId: `${toggle.path}Movie`,
          tags: ['interactions'],
          summary: toggle.summaries[0],
          description:
            `Appends ${toggle.events[0]}. Doing it twice changes nothing (\`changed: false\`). A movie ` +
            `never added answers 404 MOVIE_NOT_FOUND, a removed one 422 MOVIE_REMOVED.${toggle.note}`,
          headers: IdempotencyHeaders,
          params: Params,
          response: adding,
        },
      },
      (request, reply) =>
        run(
          request,
          reply,
          (data, movie, now) => ({ type: toggle.on, data, movie, metadata: { now } }),
          true,
        ),
    )
    app.delete(
      `/movies/:id/${toggle.path}`,
      {
        config: { access: 'authenticated' },
        schema: {
          operationId: `un${toggle.path}Movie`,
          tags: ['interactions'],
          summary: toggle.summaries[1],
          description: `Appends ${toggle.events[1]}; nothing when there was none. Allowed on removed movies.`,
          headers: IdempotencyHeaders,
          params: Params,
          response: takingBack,
        },
      },
      (request, reply) =>
        run(
          request,
          reply,
          (data, movie, now) => ({ type: toggle.off, data, movie, metadata: { now } }),
          false,
        ),
    )
  }

  app.post(
    '/movies/:id/watches',
    {
      config: { access: 'authenticated' },
      schema: {
        operationId: 'recordViewing',
        tags: ['interactions'],
        summary: 'Record that I watched a movie',
        description:
          'Appends MovieWatched: every call is a viewing of its own, so send an Idempotency-Key to make ' +
          'retries safe. A movie never added answers 404 MOVIE_NOT_FOUND, a removed one 422 MOVIE_REMOVED.',
        headers: IdempotencyHeaders,
        params: Params,
        body: WatchBody,
        response: {
          200: CommandAccepted,
          ...errorResponses(
            'MOVIE_NOT_FOUND',
            'MOVIE_REMOVED',
            'PROGRESS_OUT_OF_RANGE',
            'WATCHED_IN_FUTURE',
            'CONCURRENT_MODIFICATION',
          ),
        },
      },
    },
    (request, reply) =>
      run(
        request,
        reply,
        (data, movie, now) => ({
          type: 'RecordWatch',
          data: {
            ...data,
            progress: request.body.progress,
            watchedAt: request.body.watchedAt === undefined ? null : new Date(request.body.watchedAt),
          },
          movie,
          metadata: { now },
        }),
        true,
      ),
  )
}

export default interactionRoutes
