/** GET /api/v1/search/suggest: as-you-type suggestions from the movies read model. */
import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox'
import { Type } from 'typebox'
import { movieCredits } from '../../../projections/movie-credits.ts'
import { movies } from '../../../projections/movies.ts'
import { warmConnections } from '../../db/warm-up.ts'
import { searchWarmUpStatements } from '../movies/queries.ts'
import { AnswerMemo, memoTag, sendJson } from '../serving/answer-memo.ts'
import { consistentWith } from '../serving/consistency.ts'
import { etagFrom } from '../serving/etag.ts'
import { tagLookupKey } from '../tags/queries.ts'
import {
  DEFAULT_SUGGEST_LIMIT,
  type GenreWords,
  genreWords,
  SuggestBatch,
  suggestionsOf,
  suggestWarmUpStatements,
} from './queries.ts'
import { SuggestionList } from './schemas.ts'
import { resolvedWordsOf, searchWords } from './terms.ts'

/** Suggestion answers kept per ETag. */
export const SUGGEST_MEMO_SIZE = 20_000

const SuggestQuery = Type.Object(
  {
    q: Type.String({
      maxLength: 100,
      description:
        'What was typed so far: every word begins a title word, the last may be unfinished; accents and ' +
        'case do not matter and a typo in a word of 4 letters or more is forgiven',
      examples: ['amelie', 'matirx', 'star wa'],
    }),
    limit: Type.Optional(
      Type.Integer({
        minimum: 1,
        maximum: 20,
        default: DEFAULT_SUGGEST_LIMIT,
        description: 'Most movie suggestions',
      }),
    ),
  },
  { additionalProperties: false },
)

const searchRoutes: FastifyPluginAsyncTypebox = async (app) => {
  // Every prefix of every title is a text someone types: tens of thousands of them for a catalogue of
  // 10,000 (bench:api asks about 100,000 distinct ones). A memo of 2,000 filled and emptied itself
  // every few seconds under load; 20,000 answers of about a kilobyte each hold the popular titles'
  // prefixes (docs/benchmarks.md, issue 17).
  const memo = new AnswerMemo(SUGGEST_MEMO_SIZE, 'search')
  // Words resolved before (folded, looked up, corrected), per ETag, shared with the q= search: a
  // memo miss whose words are all known sends a statement that takes them as they are.
  const resolvedWords = resolvedWordsOf(app.pool)
  const batch = new SuggestBatch(app.db, app.pool)
  // Every pool connection prepares the search statements before the API listens: under load, their
  // first executions on each new connection (parsing, the catalogue caches, five custom plans) were
  // the API's first seconds (src/db/warm-up.ts). The pool keeps its connections once open.
  if (app.config.warmUpConnections && app.embedded === null) {
    app.addHook('onReady', async () => {
      const warmed = await warmConnections(
        app.pool,
        [...suggestWarmUpStatements(app.db), ...searchWarmUpStatements(app.db)],
        app.pool.options.max ?? 1,
      )
      if (warmed.failed > 0) app.log.warn(warmed, 'search statements not warmed on every connection')
    })
  }
  // The genres with their folded words, read again when the ETag (the projections' positions) moves.
  let genres: { etag: unknown; rows: Promise<GenreWords[]> } | null = null
  const genresFor = (etag: unknown) => {
    if (genres === null || etag === undefined || genres.etag !== etag) {
      const rows = genreWords(app.db)
      // A failed read is not kept: the next request reads again.
      rows.catch(() => {
        if (genres?.rows === rows) genres = null
      })
      genres = { etag, rows }
    }
    return genres.rows
  }
  app.get(
    '/search/suggest',
    {
      config: { access: 'public' },
      preHandler: [consistentWith([movies, movieCredits]), etagFrom([movies, movieCredits])],
      schema: {
        operationId: 'suggest',
        tags: ['movies'],
        summary: 'Suggestions as you type',
        description:
          'Movies whose title words begin with what was typed (a typo in a word of 4 letters or more ' +
          'corrected), most popular first, then up to 3 people whose name words begin with it (most ' +
          'credited first), then up to 3 genres, then up to 3 tags beginning with it (most used first). ' +
          'Each item has a `kind` (`movie`, `person`, `genre`, `tag`; more kinds may come: skip the ones ' +
          'you do not know) ' +
          'and a `label` to show. Text without letters or digits suggests nothing.',
        querystring: SuggestQuery,
        response: { 200: SuggestionList },
      },
    },
    async (request, reply) => {
      // The answer depends on the typed words, the tag prefix and the limit only: texts that differ
      // in case, accents' composition, spacing or punctuation share one memoised answer.
      const typed = searchWords(request.query.q)
      const tagPrefix = tagLookupKey(request.query.q)
      const input = {
        typed,
        // Text without a letter or digit suggests no tag.
        tagPrefix: /[\p{L}\p{N}]/u.test(tagPrefix) ? tagPrefix : null,
        limit: request.query.limit ?? DEFAULT_SUGGEST_LIMIT,
      }
      const key = JSON.stringify([input.typed, input.tagPrefix, input.limit])
      const tag = memoTag(request, reply)
      const memoized = memo.get(tag, key)
      if (memoized !== undefined) {
        // Nothing returned: a returned reply is a thenable Fastify would wait on for nothing.
        sendJson(reply, memoized)
        return
      }
      const resolved = typed.length > 0 ? resolvedWords.resolve(tag, typed) : null
      const asked = { ...input, resolved }
      // The misses of one turn of the event loop in one statement (SuggestBatch): the same text
      // under the same tag, its words resolved or not alike, asked once.
      const row =
        typed.length === 0 && input.tagPrefix === null
          ? undefined
          : await batch.row(`${tag}\n${resolved === null ? 'resolving' : 'resolved'}\n${key}`, asked)
      const answer = await suggestionsOf(
        asked,
        row,
        () => genresFor(reply.getHeader('etag')),
        (terms, origins) => resolvedWords.learn(tag, typed, terms, origins),
      )
      const text = String(reply.serialize(answer))
      memo.set(tag, key, text)
      return sendJson(reply, text)
    },
  )
}

export default searchRoutes
