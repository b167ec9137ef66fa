/**
 * POST /api/v1/me/recommendations/:movieId/dismiss: "not interested". Appends MovieDismissed on the
 * interaction stream (decided by the interaction decider: once per user and movie); the
 * recommendation_feedback projection records it and recommendations leave the movie out.
 */
import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox'
import { Type } from 'typebox'
import { decide } from '../../domain/interaction/decide.ts'
import { evolve, initialState, interactionStream } from '../../domain/interaction/interaction.ts'
import { errorResponses } from '../../http/error-codes.ts'
import { Uuid } from '../../http/schemas.ts'
import { CommandAccepted, IdempotencyHeaders } from '../command-schemas.ts'
import { answerCommand, handleCommand } from '../handle-command.ts'
import { movieAvailability } from '../movies/movie-availability.ts'

const interactionDecider = { initialState, evolve, decide }

const dismissRoutes: FastifyPluginAsyncTypebox = async (app) => {
  app.post(
    '/me/recommendations/:movieId/dismiss',
    {
      config: { access: 'authenticated' },
      schema: {
        operationId: 'dismissRecommendation',
        tags: ['recommendations'],
        summary: 'Not interested in a recommended movie',
        description:
          'Appends MovieDismissed to interaction-<user>-<movie>: the movie leaves your recommendations. ' +
          'Dismissing twice changes nothing (`changed: false`). An unknown movie answers 404.',
        headers: IdempotencyHeaders,
        params: Type.Object({ movieId: Uuid }),
        response: { 200: CommandAccepted, ...errorResponses('MOVIE_NOT_FOUND', 'CONCURRENT_MODIFICATION') },
      },
    },
    async (request, reply) => {
      const userId = request.user.id
      const { movieId } = request.params
      const result = await handleCommand(
        app.eventStore,
        interactionStream(userId, movieId),
        interactionDecider,
        {
          type: 'DismissMovie',
          data: { userId, movieId },
          metadata: { now: new Date() },
          movie: (await movieAvailability(app.eventStore, movieId)).availability,
        },
        {
          metadata: { actorId: userId, correlationId: request.id },
          idempotencyKey: request.headers['idempotency-key'] ?? null,
        },
      )
      return answerCommand(reply, result)
    },
  )
}

export default dismissRoutes
