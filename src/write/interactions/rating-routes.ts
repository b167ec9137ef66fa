/** Rating commands: PUT and DELETE /api/v1/movies/:id/rating on the interaction stream. */
import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox'
import { Type } from 'typebox'
import {
  decide,
  type InteractionCommand,
  MAX_REVIEW_LENGTH,
  MAX_STARS,
  MIN_STARS,
  STAR_STEP,
} from '../../domain/interaction/decide.ts'
import {
  evolve,
  type InteractionEvent,
  type InteractionState,
  initialState,
  interactionStream,
} from '../../domain/interaction/interaction.ts'
import type { MovieAvailability } from '../../domain/movie/movie.ts'
import { errorResponses } from '../../http/error-codes.ts'
import { Uuid } from '../../http/schemas.ts'
import { keyForWriting } from '../../identity/user-streams.ts'
import { openFreeText, sealFreeText } from '../../privacy/personal-data.ts'
import { CommandAccepted, IdempotencyHeaders } from '../command-schemas.ts'
import { answerCommand, handleCommand } from '../handle-command.ts'
import { movieContext } from '../movies/movie-availability.ts'

const interactionDecider = { initialState, evolve, decide }

/**
 * With a review: the decider with the user's reviews opened on the way in (the same rating and
 * review again changes nothing) and sealed with their key on the way out (personal-data.ts).
 */
function sealedDecider(key: Buffer) {
  return {
    initialState,
    evolve: (state: InteractionState, event: InteractionEvent) =>
      evolve(
        state,
        openFreeText(event, () => key),
      ),
    decide: (command: InteractionCommand, state: InteractionState) =>
      decide(command, state).map((event) => sealFreeText(event, key)),
  }
}

const MovieParams = Type.Object({ id: Uuid })

const RatingBody = Type.Object(
  {
    stars: Type.Number({
      minimum: MIN_STARS,
      maximum: MAX_STARS,
      multipleOf: STAR_STEP,
      description: 'Stars from 0.5 to 5 in half-star steps (3.5 is three and a half stars)',
    }),
    review: Type.Optional(Type.Union([Type.String({ maxLength: MAX_REVIEW_LENGTH }), Type.Null()])),
  },
  {
    title: 'RatingInput',
    description: 'A rating to give.',
    additionalProperties: false,
    examples: [{ stars: 3.5, review: 'Slow start, great ending.' }],
  },
)

const ratingRoutes: FastifyPluginAsyncTypebox = async (app) => {
  app.put(
    '/movies/:id/rating',
    {
      config: { access: 'authenticated' },
      schema: {
        operationId: 'rateMovie',
        tags: ['ratings'],
        summary: 'Rate a movie',
        description:
          "Gives the signed-in user's rating of the movie, replacing an earlier one. Repeating the same " +
          'rating changes nothing. Appends RatingGiven to interaction-<user>-<movie>. A movie never added ' +
          'answers 404 MOVIE_NOT_FOUND, a removed one 422 MOVIE_REMOVED.',
        headers: IdempotencyHeaders,
        params: MovieParams,
        body: RatingBody,
        response: {
          200: CommandAccepted,
          ...errorResponses('MOVIE_NOT_FOUND', 'MOVIE_REMOVED', 'CONCURRENT_MODIFICATION'),
        },
      },
    },
    async (request, reply) => {
      const userId = request.user.id
      const movieId = request.params.id
      const review = request.body.review?.trim() ? request.body.review : null
      const result = await handleCommand(
        app.eventStore,
        interactionStream(userId, movieId),
        review === null
          ? interactionDecider
          : sealedDecider(await keyForWriting({ store: app.eventStore, db: app.db }, userId)),
        (movie: MovieAvailability): InteractionCommand => ({
          type: 'GiveRating',
          data: { userId, movieId, stars: request.body.stars, review: request.body.review ?? null },
          metadata: { now: new Date() },
          movie,
        }),
        {
          metadata: { actorId: userId, correlationId: request.id },
          idempotencyKey: request.headers['idempotency-key'] ?? null,
          context: movieContext(app.eventStore, movieId),
        },
      )
      return answerCommand(reply, result)
    },
  )

  app.delete(
    '/movies/:id/rating',
    {
      config: { access: 'authenticated' },
      schema: {
        operationId: 'removeMovieRating',
        tags: ['ratings'],
        summary: 'Remove my rating of a movie',
        description:
          "Removes the signed-in user's rating. Removing a rating that does not exist changes nothing.",
        headers: IdempotencyHeaders,
        params: MovieParams,
        response: { 200: CommandAccepted, ...errorResponses('CONCURRENT_MODIFICATION') },
      },
    },
    async (request, reply) => {
      const userId = request.user.id
      const movieId = request.params.id
      const result = await handleCommand(
        app.eventStore,
        interactionStream(userId, movieId),
        interactionDecider,
        { type: 'RemoveRating', data: { userId, movieId }, metadata: { now: new Date() } },
        {
          metadata: { actorId: userId, correlationId: request.id },
          idempotencyKey: request.headers['idempotency-key'] ?? null,
        },
      )
      return answerCommand(reply, result)
    },
  )
}

export default ratingRoutes
