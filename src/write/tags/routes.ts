/**
 * Tag commands. A user's own tags on a movie, on their interaction stream:
 * PUT/DELETE /movies/:id/tags/:tag. Curated tags (admin), on the movie stream:
 * PUT/DELETE /movies/:id/curated-tags/:tag. The tag in the path is normalised by the domain
 * (src/domain/tag/tag.ts): `Sci Fi ` and `sci fi` are one tag.
 */
import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox'
import { Type } from 'typebox'
import { decide as decideInteraction, type InteractionCommand } from '../../domain/interaction/decide.ts'
import {
  evolve as evolveInteraction,
  initialState as initialInteraction,
  interactionStream,
} from '../../domain/interaction/interaction.ts'
import { decide as decideMovie } from '../../domain/movie/decide.ts'
import {
  evolve as evolveMovie,
  initialState as initialMovie,
  type MovieAvailability,
  movieStream,
} from '../../domain/movie/movie.ts'
import { errorResponses } from '../../http/error-codes.ts'
import { Uuid } from '../../http/schemas.ts'
import { CommandAccepted, IdempotencyHeaders } from '../command-schemas.ts'
import { answerCommand, handleCommand } from '../handle-command.ts'
import { movieContext } from '../movies/movie-availability.ts'

const interactionDecider = {
  initialState: initialInteraction,
  evolve: evolveInteraction,
  decide: decideInteraction,
}
const movieDecider = { initialState: initialMovie, evolve: evolveMovie, decide: decideMovie }

const Params = Type.Object({
  id: Uuid,
  tag: Type.String({
    minLength: 1,
    maxLength: 100,
    description:
      'The tag, percent-encoded; trimmed and lower-cased by the server (at most 50 characters then)',
    examples: ['time travel'],
  }),
})
const TAG_RULES = ['TAG_REQUIRED', 'TAG_TOO_LONG', 'TAG_INVALID'] as const
const admin = { access: { roles: ['admin'] } } as const

const tagCommandRoutes: FastifyPluginAsyncTypebox = async (app) => {
  for (const on of [true, false]) {
    const method = on ? 'put' : 'delete'
    app[method](
      '/movies/:id/tags/:tag',
      {
        config: { access: 'authenticated' },
        schema: {
          operationId: on ? 'tagMovie' : 'untagMovie',
          tags: ['tags'],
          summary: on ? 'Put my own tag on a movie' : 'Take my own tag off a movie',
          description: on
            ? "Appends MovieTaggedByUser on the caller's interaction stream. Tagging twice changes nothing " +
              '(`changed: false`). A movie never added answers 404 MOVIE_NOT_FOUND, a removed one 422 ' +
              "MOVIE_REMOVED. My tags count in the movie's tags and are dropped when I am erased."
            : 'Appends MovieUntaggedByUser; nothing when I had no such tag. Allowed on removed movies.',
          headers: IdempotencyHeaders,
          params: Params,
          response: {
            200: CommandAccepted,
            ...(on
              ? errorResponses(
                  ...TAG_RULES,
                  'TOO_MANY_TAGS',
                  'MOVIE_NOT_FOUND',
                  'MOVIE_REMOVED',
                  'CONCURRENT_MODIFICATION',
                )
              : errorResponses(...TAG_RULES, 'CONCURRENT_MODIFICATION')),
          },
        },
      },
      async (request, reply) => {
        const userId = request.user.id
        const { id: movieId, tag } = request.params
        const now = new Date()
        const result = await handleCommand(
          app.eventStore,
          interactionStream(userId, movieId),
          interactionDecider,
          (movie: MovieAvailability | undefined): InteractionCommand => ({
            type: on ? 'TagMovieForUser' : 'UntagMovieForUser',
            data: { userId, movieId, tag },
            movie: movie ?? 'unknown',
            metadata: { now },
          }),
          {
            metadata: { actorId: userId, correlationId: request.id },
            idempotencyKey: request.headers['idempotency-key'] ?? null,
            ...(on ? { context: movieContext(app.eventStore, movieId) } : {}),
          },
        )
        return answerCommand(reply, result)
      },
    )

    app[method](
      '/movies/:id/curated-tags/:tag',
      {
        config: admin,
        schema: {
          operationId: on ? 'addCuratedTag' : 'removeCuratedTag',
          tags: ['tags'],
          summary: on ? 'Give a movie a curated tag' : 'Take a curated tag off a movie',
          description:
            (on
              ? 'Appends MovieTagged on the movie stream (admin). Tagging twice changes nothing.'
              : 'Appends MovieUntagged (admin); nothing when the movie has no such curated tag.') +
            ' A removed movie answers 422 MOVIE_REMOVED: its tags stay as they were.',
          headers: IdempotencyHeaders,
          params: Params,
          response: {
            200: CommandAccepted,
            ...errorResponses(
              ...TAG_RULES,
              ...(on ? (['TOO_MANY_TAGS'] as const) : []),
              'MOVIE_NOT_FOUND',
              'MOVIE_REMOVED',
              'CONCURRENT_MODIFICATION',
            ),
          },
        },
      },
      async (request, reply) => {
        const actorId = request.user.id
        const { id: movieId, tag } = request.params
        const metadata = { now: new Date() }
        const result = await handleCommand(
          app.eventStore,
          movieStream(movieId),
          movieDecider,
          on
            ? { type: 'TagMovie', data: { movieId, tag, taggedBy: actorId }, metadata }
            : { type: 'UntagMovie', data: { movieId, tag, untaggedBy: actorId }, metadata },
          {
            metadata: { actorId, correlationId: request.id },
            idempotencyKey: request.headers['idempotency-key'] ?? null,
          },
        )
        return answerCommand(reply, result)
      },
    )
  }
}

export default tagCommandRoutes
