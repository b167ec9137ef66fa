/** GET /api/v1/tags: the tags in use, most used first, or those starting with a prefix. */
import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox'
import { Type } from 'typebox'
import { movies } from '../../../projections/movies.ts'
import { consistentWith } from '../serving/consistency.ts'
import { etagFrom } from '../serving/etag.ts'
import { listTags, tagLookupKey } from './queries.ts'

export const TagUse = Type.Object(
  {
    tag: Type.String({ description: 'Normalised: trimmed, single-spaced, lower case' }),
    movieCount: Type.Integer({ description: 'Listed movies with this tag' }),
    uses: Type.Integer({
      description: 'Times it was put on a listed movie: curated once, plus once per user',
    }),
  },
  { title: 'TagUse', description: 'A tag in use on listed movies.' },
)

const TagList = Type.Object(
  { items: Type.Array(TagUse) },
  {
    title: 'TagList',
    description: 'Tags in use, most used first (ties by name).',
    examples: [{ items: [{ tag: 'time travel', movieCount: 12, uses: 40 }] }],
  },
)

const tagQueryRoutes: FastifyPluginAsyncTypebox = async (app) => {
  app.get(
    '/tags',
    {
      config: { access: 'public' },
      preHandler: [consistentWith([movies]), etagFrom([movies])],
      schema: {
        operationId: 'listTags',
        tags: ['tags'],
        summary: 'Popular tags, or tags starting with a prefix',
        description:
          'Curated and user tags on listed movies, most used first. `prefix` (normalised like a tag) ' +
          'keeps those starting with it, for as-you-type completion. Filter movies by tag with ' +
          '`GET /movies?tag=`.',
        querystring: Type.Object(
          {
            prefix: Type.Optional(Type.String({ maxLength: 50, examples: ['time'] })),
            limit: Type.Optional(Type.Integer({ minimum: 1, maximum: 100, default: 20 })),
          },
          { additionalProperties: false },
        ),
        response: { 200: TagList },
      },
    },
    async (request) => {
      const prefix = request.query.prefix === undefined ? null : tagLookupKey(request.query.prefix)
      return listTags(app.db, prefix, request.query.limit ?? 20)
    },
  )
}

export default tagQueryRoutes
