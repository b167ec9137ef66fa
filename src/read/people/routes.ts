/** GET /api/v1/people/:id: a person from imported credits, with their filmography. */
import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox'
import { Type } from 'typebox'
import { movieCredits } from '../../../projections/movie-credits.ts'
import { movies } from '../../../projections/movies.ts'
import { notFound } from '../../errors.ts'
import { errorResponses } from '../../http/error-codes.ts'
import { StringEnum, Uuid } from '../../http/schemas.ts'
import { ImageUrls } from '../movies/images.ts'
import { PersonId } from '../movies/schemas.ts'
import { consistentWith } from '../serving/consistency.ts'
import { etagFrom } from '../serving/etag.ts'
import { findPerson, MAX_FILMOGRAPHY } from './queries.ts'

const Credit = Type.Object(
  {
    movie: Type.Object({
      id: Uuid,
      title: Type.String(),
      year: Type.Union([Type.Integer(), Type.Null()], { description: 'Null when unknown' }),
      poster: ImageUrls,
    }),
    roles: Type.Array(StringEnum(['cast', 'director', 'writer'] as const)),
    character: Type.Union([Type.String(), Type.Null()], { description: 'The part played, in cast' }),
    jobs: Type.Array(Type.String(), { description: 'Crew job titles: Director, Screenplay...' }),
  },
  { title: 'PersonCredit', description: 'One movie a person is in, with every role they had in it.' },
)

const Person = Type.Object(
  {
    id: PersonId,
    tmdbId: Type.Union([Type.Integer(), Type.Null()], {
      description: 'TMDb person id; null for a person from a source without ids',
    }),
    name: Type.String(),
    image: ImageUrls,
    credits: Type.Array(Credit, {
      description: `Listed movies, newest first (by year, then title); at most ${MAX_FILMOGRAPHY}`,
    }),
    truncated: Type.Boolean({ description: `More than ${MAX_FILMOGRAPHY} movies: the oldest are left out` }),
  },
  {
    title: 'Person',
    description: 'A person from imported credits (top-billed cast, directors, writers) and their movies.',
    examples: [
      {
        id: '1892',
        tmdbId: 1892,
        name: 'Matt Damon',
        image: null,
        credits: [
          {
            movie: {
              id: '3f0c1d7e-8f5b-4a57-9f0e-6a3d2c1b0a99',
              title: 'Silent Harbor',
              year: 2024,
              poster: null,
            },
            roles: ['cast'],
            character: 'Keeper',
            jobs: [],
          },
        ],
        truncated: false,
      },
    ],
  },
)

const peopleRoutes: FastifyPluginAsyncTypebox = async (app) => {
  app.get(
    '/people/:id',
    {
      config: { access: 'public' },
      preHandler: [consistentWith([movieCredits, movies]), etagFrom([movieCredits, movies])],
      schema: {
        operationId: 'getPerson',
        tags: ['movies'],
        summary: 'A person and their filmography',
        description:
          'People come from imported credits: the top-billed cast (10 per movie), directors and ' +
          'writers. The id is the TMDb person id, or `name-<slug>` for a person from a source without ' +
          `ids. The filmography lists listed movies, newest first, at most ${MAX_FILMOGRAPHY}; ` +
          '`GET /movies?person=<id>` pages through the same movies with every filter and sort.',
        params: Type.Object({ id: PersonId }),
        response: { 200: Person, ...errorResponses('PERSON_NOT_FOUND') },
      },
    },
    async (request) => {
      const person = await findPerson(app.db, request.params.id)
      if (!person) throw notFound('PERSON_NOT_FOUND', 'no such person')
      return person
    },
  )
}

export default peopleRoutes
