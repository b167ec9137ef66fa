/** GET /api/v1/movies, /movies/:id and /genres: the catalogue, from the movies read model only. */
import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox'
import type { FastifyReply, FastifyRequest } from 'fastify'
import { type Static, Type } from 'typebox'
import { movieCredits } from '../../../projections/movie-credits.ts'
import { movies } from '../../../projections/movies.ts'
import { userLibrary } from '../../../projections/user-library.ts'
import { userRatings } from '../../../projections/user-ratings.ts'
import { userWatchlist } from '../../../projections/user-watchlist.ts'
import { badRequest, notFound } from '../../errors.ts'
import { type EarlyAnswer, type EarlyIdRoute, earlyAnswer } from '../../http/early-hits.ts'
import { errorResponses } from '../../http/error-codes.ts'
import { Uuid } from '../../http/schemas.ts'
import { suggestionIndexFor } from '../search/suggestion-index.ts'
import { resolvedWordsOf, searchWords } from '../search/terms.ts'
import {
  AnswerMemo,
  CatalogueMemo,
  type CatalogueScope,
  catalogueScope,
  memoTag,
  sendJson,
  sendKept,
} from '../serving/answer-memo.ts'
import { consistentWith } from '../serving/consistency.ts'
import { etagFrom, etagKeeper } from '../serving/etag.ts'
import { tagLookupKey } from '../tags/queries.ts'
import {
  DEFAULT_LIST_LIMIT,
  decodeCursor,
  findMovie,
  listGenres,
  listMovies,
  MovieDetailBatch,
  type MovieSort,
  viewerFlags,
} from './queries.ts'
import { Genres, ListQuery, MovieDetail, MoviePage } from './schemas.ts'

/** A movie id as PostgreSQL writes a uuid: what the early path answers (src/http/early-hits.ts). */
const CANONICAL_UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/

/** An answer as an early hit sends it: etagFrom's two headers, in its order (`tag`: the ETag it set). */
const answerWithEtag = (tag: string, text: string): EarlyAnswer =>
  earlyAnswer(['etag', tag, 'cache-control', 'no-cache'], text)

/** `text` offered to `memo` under `url` (admission may keep it out), as an early hit sends it. */
function keptAnswer(memo: AnswerMemo<EarlyAnswer>, tag: string, url: string, text: string): EarlyAnswer {
  const answer = answerWithEtag(tag, text)
  memo.set(tag, url, answer)
  return answer
}

/** Search answers (q=) kept per ETag. */
const SEARCH_MEMO_SIZE = 20_000

/** What a list reads anonymously, and signed in (the viewer's ratings and library beside). */
const LIST_ANONYMOUS = [movies, movieCredits]
const VIEWER_READS = [movies, movieCredits, userRatings, userLibrary]

/** What a detail reads anonymously, and signed in (the viewer's rating, favourite, like and watchlist mark beside). */
const DETAIL_ANONYMOUS = [movies]
const DETAIL_SIGNED_IN = [movies, userRatings, userLibrary, userWatchlist]

const movieNotFound = () =>
  notFound('MOVIE_NOT_FOUND', 'no such movie (yet: send the X-Consistency-Token of your last command)')

const movieQueryRoutes: FastifyPluginAsyncTypebox = async (app) => {
  // Each anonymous list page (no q=) kept with its headers as an early hit sends them.
  const listMemo = new AnswerMemo<EarlyAnswer>(2_000, 'movies-list')
  // Searches (q=) apart from the lists: as many texts as suggestions have (every title word with a
  // typo), which would push the browsing pages out of a shared memo of 2,000 (issue 17). Kept per
  // catalogue tag, each for SEARCH_MEMO_MAX_AGE_MS at most (10 s by default): a new or renamed movie
  // is found by the next search, while ratings, favourites, likes, watches and comments move the
  // ranking (popularity, and the relevance sort's ties) and the counters shown with a lag of that
  // bound at most (CatalogueMemo, src/read/search/routes.ts). The lists without q= stay exact.
  const searchMemo = new CatalogueMemo(SEARCH_MEMO_SIZE, () => app.config.searchMemoMaxAgeMs, 'movies-search')
  // Each anonymous detail kept with its headers as an early hit sends them (src/http/early-hits.ts).
  const detailMemo = new AnswerMemo<EarlyAnswer>(2_000, 'movie-detail')
  /** An early hit's lookup: the memoised detail while the movies projection has not moved. */
  const detailEarly = (url: string): EarlyAnswer | undefined => {
    const tags = app.projectionTags.tagsNow(DETAIL_ANONYMOUS)
    return tags === null ? undefined : detailMemo.early(etagOf(tags), url)
  }
  const etagOf = etagKeeper()
  const listEtagOf = etagKeeper()
  /** An early hit's lookup for a list page (no q=), under the key its validated query made. */
  const listEarly =
    (key: string) =>
    (_url: string): EarlyAnswer | undefined => {
      const tags = app.projectionTags.tagsNow(LIST_ANONYMOUS)
      return tags === null ? undefined : listMemo.early(listEtagOf(tags), key)
    }
  // Words resolved before, per catalogue tag, shared with the suggestions (src/read/search/terms.ts).
  const resolvedWords = resolvedWordsOf(app.pool)
  // Words none resolved before are resolved by the suggestions' copy in memory when it holds this
  // catalogue tag (typos corrected as search_terms corrects them), else by the list statement.
  const copy = suggestionIndexFor(app)
  const resolvedSearch = (search: string[], scope: CatalogueScope | null) =>
    resolvedWords.resolve(scope?.catalogue ?? null, search) ??
    (scope === null ? null : (copy.forWords(scope)?.resolve(search) ?? null))
  // Anonymous details missed by the memo in one turn of the event loop: one statement for all.
  const detailBatch = new MovieDetailBatch(app.db, app.pool)
  /**
   * Every anonymous detail answered before routing (src/http/early-hits.ts), memoised or not: from
   * the memo, else read in the batch and offered to the memo, as answerDetail does. An id that is
   * not a lowercase canonical UUID (the route's validation takes others too), a movie not found, or
   * no positions yet: the route answers.
   */
  const detailEarlyRoute: EarlyIdRoute = {
    lookup: detailEarly,
    accepts: (id) => CANONICAL_UUID.test(id),
    fetch: async (url, id) => {
      const tags = app.projectionTags.tagsNow(DETAIL_ANONYMOUS)
      if (tags === null) return undefined
      const tag = etagOf(tags)
      const kept = detailMemo.get(tag, url)
      if (kept !== undefined) return kept
      const text = await detailBatch.find(id)
      return text === null ? undefined : keptAnswer(detailMemo, tag, url, text)
    },
  }
  app.get(
    '/movies',
    {
      config: { access: 'public' },
      preHandler: [consistentWith(LIST_ANONYMOUS, VIEWER_READS), etagFrom(LIST_ANONYMOUS, VIEWER_READS)],
      schema: {
        operationId: 'listMovies',
        tags: ['movies'],
        summary: 'Browse and search the catalogue',
        description:
          'Filters (genre, tags: every one given, year range, minimum average rating, a person in cast ' +
          'or crew, full-text `q` with prefix matching, accents folded and typos corrected) and ' +
          'sorts (popularity, rating, release, title, newest, relevance) over listed movies, in keyset ' +
          'pages: pass `nextCursor` back as `cursor` with the same filters and sort. Pages never repeat ' +
          'or skip a movie whose sort key did not change meanwhile. With a bearer token (optional) each ' +
          "item carries `me`, the viewer's own rating, favourite and like.",
        security: [{}, { bearerAuth: [] }],
        querystring: ListQuery,
        response: { 200: MoviePage, ...errorResponses('INVALID_CURSOR', 'UNAUTHENTICATED') },
      },
    },
    async (request, reply) => {
      const typed = request.query.q === undefined ? [] : searchWords(request.query.q)
      // Keyed by the parameters with q as its words: searches differing in case, spacing or
      // punctuation only share one memoised answer.
      const key = JSON.stringify({ ...request.query, q: typed })
      const searching = typed.length > 0
      const tag = searching ? null : memoTag(request, reply)
      const scope = searching ? catalogueScope(request, reply) : null
      if (searching) {
        const kept = searchMemo.get(scope, key)
        if (kept !== undefined) {
          // Nothing returned: a returned reply is a thenable Fastify would wait on for nothing.
          sendKept(request, reply, kept)
          if (scope !== null && searchMemo.claimRefresh(scope, key, kept)) {
            // Late in its bound, with ratings since: computed again after it went out (CatalogueMemo).
            listPage(request.query, typed, scope).then(
              // As a 200 is written, whatever this reply's status (a 304 here).
              (page) => searchMemo.set(scope, key, String(reply.serializeInput(page, '200'))),
              (error: unknown) => {
                request.log.debug({ err: error }, 'a kept search was not computed again')
              },
            )
          }
          return
        }
      } else {
        const memoized = listMemo.get(tag, key)
        if (memoized !== undefined) {
          sendJson(reply, memoized.body)
          app.earlyHits?.remember(request, listEarly(key))
          return
        }
      }
      let viewerId: string | null = null
      if (request.headers.authorization !== undefined) {
        await app.authenticate(request, reply)
        viewerId = request.user.id
      }
      const page = await listPage(request.query, typed, scope)
      if (viewerId !== null) {
        // Signed in: the same page with the viewer's flags, never memoised (memoTag is null).
        const flags = await viewerFlags(
          app.db,
          viewerId,
          page.items.map((item) => item.id),
        )
        return { ...page, items: page.items.map((item) => ({ ...item, me: flags.get(item.id) })) }
      }
      const text = String(reply.serialize(page))
      if (searching) searchMemo.set(scope, key, text)
      else if (tag !== null) {
        // etagFrom's two headers, in its order (tag: the ETag it set).
        if (listMemo.set(tag, key, answerWithEtag(tag, text)))
          app.earlyHits?.remember(request, listEarly(key))
      }
      return sendJson(reply, text)
    },
  )

  app.get(
    '/movies/:id',
    {
      config: { access: 'public' },
      // Anonymous answers read the movies projection alone (its kept detail pieces included), so
      // they keep their ETag, and their memo, while other read models move.
      preHandler: [
        consistentWith(DETAIL_ANONYMOUS, DETAIL_SIGNED_IN),
        etagFrom(DETAIL_ANONYMOUS, DETAIL_SIGNED_IN),
      ],
      schema: {
        operationId: 'getMovie',
        tags: ['movies'],
        summary: 'One movie with its aggregates',
        description:
          'Average rating, rating count and histogram, favourites, likes, comments and watches; runtime, ' +
          'original language, tagline, poster and backdrop URLs, top-billed cast, directors and writers ' +
          '(from imports). With a ' +
          "bearer token (optional) `me` holds the viewer's own rating, favourite, like and watchlist mark. " +
          'Removed movies ' +
          'answer 404.',
        // The bearer token is optional here: anonymous and signed-in callers both get an answer.
        security: [{}, { bearerAuth: [] }],
        params: Type.Object({ id: Uuid }),
        response: { 200: MovieDetail, ...errorResponses('MOVIE_NOT_FOUND', 'UNAUTHENTICATED') },
      },
    },
    (request, reply) => {
      const tag = memoTag(request, reply)
      const memoized = detailMemo.get(tag, request.url)
      if (memoized !== undefined) {
        // Sent in this tick, no promise; nothing returned: a returned reply is a thenable Fastify
        // would wait on for nothing.
        sendJson(reply, memoized.body)
        app.earlyHits?.serve(request, detailEarlyRoute)
        return
      }
      return answerDetail(request, reply, tag)
    },
  )

  /**
   * The page a list query asks for (without the viewer's flags), `typed` its q= words; the words'
   * resolutions are kept under the catalogue tag of `scope` (null: signed in or with a token, the
   * statement resolves them).
   */
  async function listPage(query: Static<typeof ListQuery>, typed: string[], scope: CatalogueScope | null) {
    const catalogue = scope?.catalogue ?? null
    // The words only: unless resolved before or by the copy, the list statement folds them and
    // corrects typos itself (one round trip).
    const search = typed.length > 0 ? typed : null
    let sort: MovieSort = query.sort ?? (search !== null ? 'relevance' : 'popularity')
    if (sort === 'relevance' && search === null) sort = 'popularity'
    const after = query.cursor === undefined ? null : decodeCursor(query.cursor, sort)
    if (query.cursor !== undefined && after === null)
      throw badRequest('INVALID_CURSOR', 'cursor is not one this API issued for this sort')
    const genres = (query.genre ?? '')
      .split(',')
      .map((g) => g.trim())
      .filter(Boolean)
      .slice(0, 20)
    return listMovies(
      app.db,
      {
        genres,
        yearFrom: query.yearFrom ?? null,
        yearTo: query.yearTo ?? null,
        minRating: query.minRating ?? null,
        search,
        resolvedSearch: search === null ? null : resolvedSearch(search, scope),
        tags: [...new Set((query.tag ?? []).map(tagLookupKey))],
        person: query.person ?? null,
      },
      sort,
      query.limit ?? DEFAULT_LIST_LIMIT,
      after,
      app.pool,
      search === null
        ? undefined
        : (terms, origins) => resolvedWords.learn(catalogue, search, terms, origins),
    )
  }

  /** A detail the memo did not hold: read (in a batch when anonymous), memoised and sent. */
  async function answerDetail(
    request: FastifyRequest<{ Params: { id: string } }>,
    reply: FastifyReply,
    tag: string | null,
  ): Promise<void> {
    let viewerId: string | null = null
    if (request.headers.authorization !== undefined) {
      await app.authenticate(request, reply)
      viewerId = request.user.id
    }
    // The answer's JSON text as it stands (detail-document.ts): no object, no serialisation.
    const text =
      viewerId === null
        ? await detailBatch.find(request.params.id)
        : await findMovie(app.db, request.params.id, viewerId, app.pool)
    if (text === null) throw movieNotFound()
    if (tag !== null) keptAnswer(detailMemo, tag, request.url, text)
    sendJson(reply, text)
    if (tag !== null) app.earlyHits?.serve(request, detailEarlyRoute)
  }

  app.get(
    '/genres',
    {
      config: { access: 'public' },
      preHandler: [consistentWith([movies]), etagFrom([movies])],
      schema: {
        operationId: 'listGenres',
        tags: ['movies'],
        summary: 'Genres in the catalogue',
        description:
          'Every genre an admin created (POST /genres) or a listed movie has, by name, with its listed ' +
          'movie count. Renamed and merged genres appear under their new name only.',
        response: { 200: Genres },
      },
    },
    async () => listGenres(app.db),
  )
}

export default movieQueryRoutes
