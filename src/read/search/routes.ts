/**
 * GET /api/v1/search/suggest: as-you-type suggestions from the movies read model.
 *
 * Anonymous answers are memoised per catalogue tag (CatalogueMemo): a new, renamed or removed movie,
 * a person, tag or genre change empties the memo at once, so a new title is suggested by the next
 * request; ratings, favourites, likes and watches do not, and an answer is served again for at most
 * SEARCH_MEMO_MAX_AGE_MS (10 s by default) after it was computed: the order by popularity lags the
 * read model by that bound at most. Each kept answer goes out with the ETag it was computed under, so
 * a 304 never outlives it. An answer asked again late in its bound, with ratings since, is computed
 * again in the background after it is served (CatalogueMemo.claimRefresh), so a popular text is not
 * computed on its askers' time every 10 s. Requests with a bearer token or X-Consistency-Token bypass
 * the memo.
 *
 * An anonymous miss is answered from a copy of what the statement reads, kept in memory per catalogue
 * tag within the same bound (SuggestionIndex, suggestion-index.ts: no round trip), typos corrected
 * as the statement corrects them; a word with accents not resolved before goes to the statement,
 * which also answers while the copy of a new catalogue tag is read, signed-in requests and requests
 * with X-Consistency-Token.
 */
import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox'
import type { FastifyReply } from 'fastify'
import { Type } from 'typebox'
import { movieCredits } from '../../../projections/movie-credits.ts'
import { movies } from '../../../projections/movies.ts'
import { warmConnections } from '../../db/warm-up.ts'
import { searchWarmUpStatements } from '../movies/queries.ts'
import { CatalogueMemo, catalogueScope, sendJson, sendKept } from '../serving/answer-memo.ts'
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
import { type SuggestionSnapshot, suggestionIndexFor } from './suggestion-index.ts'
import { type ResolvedTerms, resolvedWordsOf, searchWords } from './terms.ts'

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
  const memo = new CatalogueMemo(SUGGEST_MEMO_SIZE, () => app.config.searchMemoMaxAgeMs, 'search')
  // Words resolved before (folded, looked up, corrected), per catalogue tag, shared with the q=
  // search: a memo miss whose words are all known sends a statement that takes them as they are.
  const resolvedWords = resolvedWordsOf(app.pool)
  const batch = new SuggestBatch(app.db, app.pool)
  // What the statement reads, copied into memory per catalogue tag: suggestions the memo does not
  // hold are answered without a round trip once it is read (suggestion-index.ts).
  const index = suggestionIndexFor(app)
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
  // The genres with their folded words, read again when the catalogue tag moves (every request
  // without one: signed in, X-Consistency-Token).
  let genres: { catalogue: string | null; rows: Promise<GenreWords[]> } | null = null
  const genresFor = (catalogue: string | null) => {
    if (genres === null || catalogue === null || genres.catalogue !== catalogue) {
      const rows = genreWords(app.db)
      // A failed read is not kept: the next request reads again.
      rows.catch(() => {
        if (genres?.rows === rows) genres = null
      })
      genres = { catalogue, rows }
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
      const scope = catalogueScope(request, reply)
      const kept = memo.get(scope, key)
      // The copy in memory (SuggestionIndex), when it holds this catalogue tag within the bound.
      const copy = scope === null ? null : index.usable(scope)
      // A kept answer computed before the copy was read is computed again from it (in memory).
      if (kept !== undefined && (copy === null || kept.at >= copy.scope.now)) {
        // Nothing returned: a returned reply is a thenable Fastify would wait on for nothing.
        sendKept(request, reply, kept)
        if (scope !== null && copy === null && memo.claimRefresh(scope, key, kept)) {
          // Computed again after the answer went out, under this request's positions.
          suggestionText(scope.catalogue, input, key, reply).then(
            (text) => memo.set(scope, key, text),
            (error: unknown) => {
              request.log.debug({ err: error }, 'a kept suggestion was not computed again')
            },
          )
        }
        return
      }
      if (copy !== null) {
        const text = await copiedSuggestionText(copy, input, reply)
        if (text !== null) {
          index.answers.copy += 1
          // Kept and sent with the copy's ETag and age: the answer is as old as the copy.
          memo.set(copy.scope, key, text)
          sendKept(request, reply, { answer: text, etag: copy.scope.etag, at: copy.scope.now })
          return
        }
      }
      const text = await suggestionText(scope?.catalogue ?? null, input, key, reply)
      index.answers.statement += 1
      memo.set(scope, key, text)
      return sendJson(reply, text)
    },
  )

  /**
   * The suggestions for `input` from the copy in memory, as JSON text, or null when the copy cannot
   * answer them (a word with accents not resolved before, a typo near a lexicon word with accents:
   * the statement answers then).
   */
  async function copiedSuggestionText(
    copy: SuggestionSnapshot,
    input: { typed: string[]; tagPrefix: string | null; limit: number },
    reply: FastifyReply,
  ): Promise<string | null> {
    const tag = copy.scope.catalogue
    let resolved: ResolvedTerms | null = null
    if (input.typed.length > 0) {
      resolved = resolvedWords.resolve(tag, input.typed) ?? copy.resolve(input.typed)
      if (resolved === null) return null
    }
    const row = copy.row(resolved, input.tagPrefix, input.limit)
    if (row === null) return null
    const answer = await suggestionsOf({ ...input, resolved }, row, () => genresFor(tag))
    return String(reply.serializeInput(answer, '200'))
  }

  /** The suggestions for `input` as JSON text, under the catalogue tag `tag` (null: none, signed in). */
  async function suggestionText(
    tag: string | null,
    input: { typed: string[]; tagPrefix: string | null; limit: number },
    key: string,
    reply: FastifyReply,
  ): Promise<string> {
    const typed = input.typed
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
      () => genresFor(tag),
      (terms, origins) => resolvedWords.learn(tag, typed, terms, origins),
    )
    // As a 200 is written, whatever this reply's status (a refresh may follow a 304).
    return String(reply.serializeInput(answer, '200'))
  }
}

export default searchRoutes
