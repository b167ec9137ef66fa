/**
 * Genre commands (admin) on the genre stream (`genre-catalogue`): POST /genres, PATCH
 * /genres/:slug (rename), POST /genres/:slug/merge, DELETE /genres/:slug. What the catalogue lists
 * for the slugs a command names is read beside the stream (see src/domain/genre/decide.ts).
 */
import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox'
import type { Kysely } from 'kysely'
import { Type } from 'typebox'
import type { Database } from '../../db/schema.ts'
import {
  decide,
  type GenreCommand,
  type Listed,
  MAX_GENRE_NAME_LENGTH,
  MAX_MERGE_SOURCES,
} from '../../domain/genre/decide.ts'
import { evolve, GENRE_STREAM, genreSlug, initialState } from '../../domain/genre/genre.ts'
import { errorResponses } from '../../http/error-codes.ts'
import { PositionToken } from '../../http/schemas.ts'
import { CommandAccepted, IdempotencyHeaders } from '../command-schemas.ts'
import { answerCommand, handleCommand } from '../handle-command.ts'

const genreDecider = { initialState, evolve, decide }

const Name = Type.String({ minLength: 1, maxLength: MAX_GENRE_NAME_LENGTH, examples: ['Science Fiction'] })
const Slug = Type.String({
  minLength: 1,
  maxLength: 60,
  description: "The genre's slug (as GET /genres lists it)",
  examples: ['science-fiction'],
})
const GenreInput = Type.Object(
  { name: Name },
  {
    title: 'GenreInput',
    description: 'A genre name: trimmed; its slug (lower case, letters and digits) must be new.',
    additionalProperties: false,
    examples: [{ name: 'Science Fiction' }],
  },
)
const MergeInput = Type.Object(
  {
    sources: Type.Array(Slug, {
      minItems: 1,
      maxItems: MAX_MERGE_SOURCES,
      description: 'The genres merged into this one (their slugs)',
    }),
  },
  {
    title: 'GenreMergeInput',
    description: 'Genres to merge into the one in the path.',
    additionalProperties: false,
    examples: [{ sources: ['sci-fi', 'scifi'] }],
  },
)
const GenreCreatedBody = Type.Object(
  { slug: Type.String(), position: PositionToken },
  {
    title: 'GenreCreated',
    description: 'The new genre and the position of its GenreCreated.',
    examples: [{ slug: 'science-fiction', position: '000000000000031a0000000000000042' }],
  },
)
const Params = Type.Object({ slug: Slug })
const admin = { access: { roles: ['admin'] } } as const
const NAME_RULES = ['GENRE_NAME_REQUIRED', 'GENRE_TOO_LONG'] as const

/** What the catalogue lists for these slugs (name and listed movies). */
async function listed(db: Kysely<Database>, slugs: string[]): Promise<Listed> {
  const wanted = [...new Set(slugs.filter((slug) => slug !== ''))]
  if (wanted.length === 0) return {}
  const rows = await db
    .selectFrom('genres')
    .select(['slug', 'name', 'movie_count'])
    .where('slug', 'in', wanted)
    .execute()
  return Object.fromEntries(rows.map((row) => [row.slug, { name: row.name, movies: row.movie_count }]))
}

const genreCommandRoutes: FastifyPluginAsyncTypebox = async (app) => {
  /** Runs a genre command with what the catalogue lists for `slugs`, read on every attempt. */
  const run = (
    actorId: string,
    correlationId: string,
    idempotencyKey: string | null,
    slugs: string[],
    build: (listed: Listed) => GenreCommand,
  ) =>
    handleCommand(app.eventStore, GENRE_STREAM, genreDecider, build, {
      metadata: { actorId, correlationId },
      idempotencyKey,
      context: { read: async () => ({ value: await listed(app.db, slugs), guard: null }) },
    })

  app.post(
    '/genres',
    {
      config: { ...admin, traits: ['creates-resource'] },
      schema: {
        operationId: 'createGenre',
        tags: ['movies'],
        summary: 'Create a genre',
        description:
          'Appends GenreCreated on `genre-catalogue`: the genre is listed by GET /genres before any movie ' +
          'has it. A name whose slug another genre has (created, or on listed movies) answers 409 GENRE_EXISTS.',
        headers: IdempotencyHeaders,
        body: GenreInput,
        response: {
          201: GenreCreatedBody,
          ...errorResponses(...NAME_RULES, 'GENRE_EXISTS', 'CONCURRENT_MODIFICATION'),
        },
      },
    },
    async (request, reply) => {
      const slug = genreSlug(request.body.name)
      const result = await run(
        request.user.id,
        request.id,
        request.headers['idempotency-key'] ?? null,
        [slug],
        (listed) => ({
          type: 'CreateGenre',
          data: { name: request.body.name, createdBy: request.user.id },
          listed,
          metadata: { now: new Date() },
        }),
      )
      const position = result.position as string
      reply.header('x-consistency-token', position).header('location', '/api/v1/genres')
      return reply.code(201).send({ slug, position })
    },
  )

  app.patch(
    '/genres/:slug',
    {
      config: admin,
      schema: {
        operationId: 'renameGenre',
        tags: ['movies'],
        summary: 'Rename a genre',
        description:
          'Appends GenreRenamed: the slug follows the new name, and every movie with the genre has the new ' +
          'name (the movies projection maps the old one, also in later events naming it). The current name ' +
          'changes nothing. A name another genre has answers 409 GENRE_EXISTS: merge into it instead.',
        headers: IdempotencyHeaders,
        params: Params,
        body: GenreInput,
        response: {
          200: CommandAccepted,
          ...errorResponses(...NAME_RULES, 'GENRE_NOT_FOUND', 'GENRE_EXISTS', 'CONCURRENT_MODIFICATION'),
        },
      },
    },
    async (request, reply) => {
      const { slug } = request.params
      const result = await run(
        request.user.id,
        request.id,
        request.headers['idempotency-key'] ?? null,
        [slug, genreSlug(request.body.name)],
        (listed) => ({
          type: 'RenameGenre',
          data: { slug, name: request.body.name, renamedBy: request.user.id },
          listed,
          metadata: { now: new Date() },
        }),
      )
      return answerCommand(reply, result)
    },
  )

  app.post(
    '/genres/:slug/merge',
    {
      config: admin,
      schema: {
        operationId: 'mergeGenres',
        tags: ['movies'],
        summary: 'Merge genres into this one',
        description:
          'Appends GenresMerged: every movie with a source genre has this one instead (once), the sources ' +
          'leave GET /genres, and their names mean this genre from now on.',
        headers: IdempotencyHeaders,
        params: Params,
        body: MergeInput,
        response: {
          200: CommandAccepted,
          ...errorResponses('GENRE_NOT_FOUND', 'GENRE_MERGE_INVALID', 'CONCURRENT_MODIFICATION'),
        },
      },
    },
    async (request, reply) => {
      const { slug } = request.params
      const result = await run(
        request.user.id,
        request.id,
        request.headers['idempotency-key'] ?? null,
        [slug, ...request.body.sources],
        (listed) => ({
          type: 'MergeGenres',
          data: { target: slug, sources: request.body.sources, mergedBy: request.user.id },
          listed,
          metadata: { now: new Date() },
        }),
      )
      return answerCommand(reply, result)
    },
  )

  app.delete(
    '/genres/:slug',
    {
      config: admin,
      schema: {
        operationId: 'removeGenre',
        tags: ['movies'],
        summary: 'Remove a genre no listed movie has',
        description:
          'Appends GenreRemoved. A genre listed movies still have is refused with 409 GENRE_IN_USE (merge it ' +
          'into another genre, or change those movies, first): removing never changes a movie behind its back.',
        params: Params,
        response: {
          200: CommandAccepted,
          ...errorResponses('GENRE_NOT_FOUND', 'GENRE_IN_USE', 'CONCURRENT_MODIFICATION'),
        },
      },
    },
    async (request, reply) => {
      const { slug } = request.params
      const result = await run(request.user.id, request.id, null, [slug], (listed) => ({
        type: 'RemoveGenre',
        data: { slug, removedBy: request.user.id },
        listed,
        metadata: { now: new Date() },
      }))
      return answerCommand(reply, result)
    },
  )
}

export default genreCommandRoutes
