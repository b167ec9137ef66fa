/**
 * GET /api/v1/me/favorites, /me/history and /me/watchlist: the signed-in user's library, from
 * user_library and user_watchlist.
 */
import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox'
import { Type } from 'typebox'
import { movies } from '../../../projections/movies.ts'
import { userLibrary } from '../../../projections/user-library.ts'
import { userWatchlist } from '../../../projections/user-watchlist.ts'
import { badRequest } from '../../errors.ts'
import { errorResponses } from '../../http/error-codes.ts'
import { NextCursor, Uuid } from '../../http/schemas.ts'
import { consistentWith } from '../serving/consistency.ts'
import { etagFrom } from '../serving/etag.ts'
import { decodeCursor, listFavorites, listHistory, listWatchlist } from './queries.ts'

const PageQuery = Type.Object(
  {
    limit: Type.Optional(Type.Integer({ minimum: 1, maximum: 100, default: 20 })),
    cursor: Type.Optional(Type.String({ maxLength: 200 })),
  },
  { additionalProperties: false },
)
const MovieRef = {
  movieId: Uuid,
  title: Type.Union([Type.String(), Type.Null()], {
    description: 'Null when the movie is not in the catalogue',
  }),
  year: Type.Union([Type.Integer(), Type.Null()]),
  removed: Type.Boolean({ description: 'The movie was removed from the catalogue' }),
}
const movie = {
  movieId: '3f0c1d7e-8f5b-4a57-9f0e-6a3d2c1b0a99',
  title: 'Silent Harbor',
  year: 2024,
  removed: false,
}

const Favorite = Type.Object(
  { ...MovieRef, favoritedAt: Type.String({ format: 'date-time' }) },
  { title: 'Favorite', description: 'A movie in my favourites.' },
)
const Viewing = Type.Object(
  { id: Uuid, ...MovieRef, progress: Type.Number(), watchedAt: Type.String({ format: 'date-time' }) },
  { title: 'Viewing', description: 'One viewing I recorded.' },
)
const WatchlistEntry = Type.Object(
  { ...MovieRef, watchlistedAt: Type.String({ format: 'date-time' }) },
  { title: 'WatchlistEntry', description: 'A movie on my watchlist.' },
)
const total = (what: string) =>
  Type.Integer({ description: `${what} in all (a count over the user's own rows)` })

const FavoritesPage = Type.Object(
  { items: Type.Array(Favorite), nextCursor: NextCursor, total: total('Favourites') },
  {
    title: 'FavoritePage',
    description: 'A page of my favourites.',
    examples: [
      { items: [{ ...movie, favoritedAt: '2026-11-24T10:00:00.000Z' }], nextCursor: null, total: 1 },
    ],
  },
)
const WatchlistPage = Type.Object(
  { items: Type.Array(WatchlistEntry), nextCursor: NextCursor, total: total('Movies on the watchlist') },
  {
    title: 'WatchlistPage',
    description: 'A page of my watchlist.',
    examples: [
      { items: [{ ...movie, watchlistedAt: '2026-11-24T10:00:00.000Z' }], nextCursor: null, total: 1 },
    ],
  },
)
const HistoryPage = Type.Object(
  { items: Type.Array(Viewing), nextCursor: NextCursor, total: total('Viewings') },
  {
    title: 'ViewingPage',
    description: 'A page of my watch history.',
    examples: [
      {
        items: [
          {
            id: '9a0c1d7e-8f5b-4a57-9f0e-6a3d2c1b0a11',
            ...movie,
            progress: 0.85,
            watchedAt: '2026-11-24T20:15:00.000Z',
          },
        ],
        nextCursor: null,
        total: 1,
      },
    ],
  },
)

const cursorOf = (raw: string | undefined) => {
  if (raw === undefined) return null
  const cursor = decodeCursor(raw)
  if (cursor === null) throw badRequest('INVALID_CURSOR', 'cursor is not one this API issued')
  return cursor
}

const libraryRoutes: FastifyPluginAsyncTypebox = async (app) => {
  app.get(
    '/me/favorites',
    {
      config: { access: 'authenticated' },
      preHandler: [consistentWith([userLibrary, movies]), etagFrom([userLibrary, movies])],
      schema: {
        operationId: 'listMyFavorites',
        tags: ['me'],
        summary: 'My favourites',
        description:
          "The signed-in user's favourite movies, most recently favourited first, in keyset pages.",
        querystring: PageQuery,
        response: { 200: FavoritesPage, ...errorResponses('INVALID_CURSOR') },
      },
    },
    async (request) =>
      listFavorites(app.db, request.user.id, request.query.limit ?? 20, cursorOf(request.query.cursor)),
  )

  app.get(
    '/me/watchlist',
    {
      config: { access: 'authenticated' },
      preHandler: [consistentWith([userWatchlist, movies]), etagFrom([userWatchlist, movies])],
      schema: {
        operationId: 'listMyWatchlist',
        tags: ['me'],
        summary: 'My watchlist',
        description:
          'The movies the signed-in user wants to watch, most recently added first, in keyset pages. A ' +
          'movie leaves it when taken off (DELETE /movies/:id/watchlist), watched to at least 90% or rated.',
        querystring: PageQuery,
        response: { 200: WatchlistPage, ...errorResponses('INVALID_CURSOR') },
      },
    },
    async (request) =>
      listWatchlist(app.db, request.user.id, request.query.limit ?? 20, cursorOf(request.query.cursor)),
  )

  app.get(
    '/me/history',
    {
      config: { access: 'authenticated' },
      preHandler: [consistentWith([userLibrary, movies]), etagFrom([userLibrary, movies])],
      schema: {
        operationId: 'listMyViewings',
        tags: ['me'],
        summary: 'My watch history',
        description: 'Every viewing the signed-in user recorded, newest first, in keyset pages.',
        querystring: PageQuery,
        response: { 200: HistoryPage, ...errorResponses('INVALID_CURSOR') },
      },
    },
    async (request) =>
      listHistory(app.db, request.user.id, request.query.limit ?? 20, cursorOf(request.query.cursor)),
  )
}

export default libraryRoutes
