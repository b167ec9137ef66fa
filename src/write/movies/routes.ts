/** Catalogue commands (admin): POST, PATCH and DELETE /api/v1/movies on the movie stream. */
import { randomUUID } from 'node:crypto'
import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox'
import { Type } from 'typebox'
import {
  decide,
  FIRST_YEAR,
  MAX_GENRE_LENGTH,
  MAX_GENRES,
  MAX_OVERVIEW_LENGTH,
  MAX_TITLE_LENGTH,
} from '../../domain/movie/decide.ts'
import { evolve, initialState, movieStream } from '../../domain/movie/movie.ts'
import { type ErrorCode, errorResponses } from '../../http/error-codes.ts'
import { PositionToken, Uuid } from '../../http/schemas.ts'
import { CommandAccepted, IdempotencyHeaders } from '../command-schemas.ts'
import { answerCommand, handleCommand, idempotentEventId } from '../handle-command.ts'

const movieDecider = { initialState, evolve, decide }

const Title = Type.String({ minLength: 1, maxLength: MAX_TITLE_LENGTH })
const Year = Type.Integer({ minimum: FIRST_YEAR, maximum: 2200, description: 'Release year' })
const Genres = Type.Array(Type.String({ minLength: 1, maxLength: MAX_GENRE_LENGTH }), {
  minItems: 1,
  maxItems: MAX_GENRES,
  description: 'Genre names; new ones join the genre list, matching is case-insensitive',
})
const Overview = Type.Union([Type.String({ maxLength: MAX_OVERVIEW_LENGTH }), Type.Null()])
const ReleaseDate = Type.Union([Type.String({ format: 'date', description: 'Within `year`' }), Type.Null()])

const NewMovie = Type.Object(
  {
    title: Title,
    year: Year,
    genres: Genres,
    overview: Type.Optional(Overview),
    releaseDate: Type.Optional(ReleaseDate),
  },
  {
    title: 'MovieInput',
    description: 'A movie to add.',
    additionalProperties: false,
    examples: [
      {
        title: 'Silent Harbor',
        year: 2024,
        genres: ['Drama', 'Mystery'],
        overview: 'A lighthouse keeper finds a boat with no crew.',
        releaseDate: '2024-03-08',
      },
    ],
  },
)

const MovieChanges = Type.Object(
  {
    title: Type.Optional(Title),
    year: Type.Optional(Year),
    genres: Type.Optional(Genres),
    overview: Type.Optional(Overview),
    releaseDate: Type.Optional(ReleaseDate),
  },
  {
    title: 'MovieChanges',
    description: 'The fields to change (at least one).',
    additionalProperties: false,
    minProperties: 1,
    examples: [{ title: 'Silent Harbour', genres: ['Drama'] }],
  },
)

const MovieCreated = Type.Object(
  { id: Uuid, position: PositionToken },
  {
    title: 'MovieCreated',
    description: 'The new movie and the position of its MovieAdded.',
    examples: [{ id: '3f0c1d7e-8f5b-4a57-9f0e-6a3d2c1b0a99', position: '000000000000031a0000000000000042' }],
  },
)

const Params = Type.Object({ id: Uuid })
/** What the catalogue's rules refuse in a movie's details (after trimming and normalising them). */
const DETAIL_RULES: ErrorCode[] = [
  'TITLE_REQUIRED',
  'TITLE_TOO_LONG',
  'YEAR_OUT_OF_RANGE',
  'GENRE_REQUIRED',
  'GENRE_TOO_LONG',
  'OVERVIEW_TOO_LONG',
  'INVALID_RELEASE_DATE',
  'RELEASE_DATE_NOT_IN_YEAR',
]
const admin = { access: { roles: ['admin'] } } as const

const movieCommandRoutes: FastifyPluginAsyncTypebox = async (app) => {
  app.post(
    '/movies',
    {
      config: { ...admin, traits: ['creates-resource'] },
      schema: {
        operationId: 'addMovie',
        tags: ['movies'],
        summary: 'Add a movie',
        description:
          'Adds a movie to the catalogue (MovieAdded on movie-<id>). With an Idempotency-Key the id is ' +
          'derived from the key, so a retry answers the same movie instead of adding a second one.',
        headers: IdempotencyHeaders,
        body: NewMovie,
        response: {
          201: MovieCreated,
          ...errorResponses(...DETAIL_RULES, 'MOVIE_EXISTS', 'CONCURRENT_MODIFICATION'),
        },
      },
    },
    async (request, reply) => {
      const actorId = request.user.id
      const key = request.headers['idempotency-key'] ?? null
      const movieId = key === null ? randomUUID() : idempotentEventId(actorId, key, 'movie-id', 0)
      const { body } = request
      const result = await handleCommand(
        app.eventStore,
        movieStream(movieId),
        movieDecider,
        {
          type: 'AddMovie',
          data: { movieId, ...body, addedBy: actorId },
          metadata: { now: new Date() },
        },
        { metadata: { actorId, correlationId: request.id }, idempotencyKey: key },
      )
      const position = result.position as string
      reply.header('x-consistency-token', position).header('location', `/api/v1/movies/${movieId}`)
      return reply.code(201).send({ id: movieId, position })
    },
  )

  app.patch(
    '/movies/:id',
    {
      config: admin,
      schema: {
        operationId: 'changeMovie',
        tags: ['movies'],
        summary: 'Change a movie',
        description:
          'Changes the given fields (MovieDetailsUpdated, with the previous values). Sending the current ' +
          'values changes nothing. A removed movie cannot be changed (422 MOVIE_REMOVED).',
        headers: IdempotencyHeaders,
        params: Params,
        body: MovieChanges,
        response: {
          200: CommandAccepted,
          ...errorResponses(...DETAIL_RULES, 'MOVIE_NOT_FOUND', 'MOVIE_REMOVED', 'CONCURRENT_MODIFICATION'),
        },
      },
    },
    async (request, reply) => {
      const actorId = request.user.id
      const movieId = request.params.id
      const result = await handleCommand(
        app.eventStore,
        movieStream(movieId),
        movieDecider,
        {
          type: 'UpdateMovieDetails',
          data: { movieId, changes: request.body, updatedBy: actorId },
          metadata: { now: new Date() },
        },
        {
          metadata: { actorId, correlationId: request.id },
          idempotencyKey: request.headers['idempotency-key'] ?? null,
        },
      )
      return answerCommand(reply, result)
    },
  )

  app.delete(
    '/movies/:id',
    {
      config: admin,
      schema: {
        operationId: 'removeMovie',
        tags: ['movies'],
        summary: 'Remove a movie',
        description:
          'Soft removal (MovieRemoved): the movie leaves lists, search and trending; its ratings and other ' +
          'interactions are kept, and no new ones are accepted. Removing twice changes nothing.',
        params: Params,
        querystring: Type.Object(
          { reason: Type.Optional(Type.String({ maxLength: 500, examples: ['duplicate entry'] })) },
          { additionalProperties: false },
        ),
        response: { 200: CommandAccepted, ...errorResponses('MOVIE_NOT_FOUND', 'CONCURRENT_MODIFICATION') },
      },
    },
    async (request, reply) => {
      const actorId = request.user.id
      const movieId = request.params.id
      const result = await handleCommand(
        app.eventStore,
        movieStream(movieId),
        movieDecider,
        {
          type: 'RemoveMovie',
          data: { movieId, reason: request.query.reason ?? null, removedBy: actorId },
          metadata: { now: new Date() },
        },
        { metadata: { actorId, correlationId: request.id } },
      )
      return answerCommand(reply, result)
    },
  )
}

export default movieCommandRoutes
