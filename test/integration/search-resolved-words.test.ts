/**
 * Words resolved before (src/read/search/terms.ts, ResolvedWords) give the answers the statements
 * that resolve them give: over hundreds of texts (prefixes, typos, accents and ligatures, case,
 * punctuation, digits, letters that fold into several pieces or none, nonsense), a suggestion and a
 * search (both sorts, first and second pages) are asked once with search_terms resolving the words
 * and once with the terms it learned from that, and must be the same, as must the tsquery texts;
 * suggested titles are the same whether the most popular titles are looked through first or not.
 * Real PostgreSQL, the real projection's lexicon.
 */
import t from 'tap'
import { seededRandom } from '../../src/generate/synthetic-log.ts'
import { decodeCursor, listMovies, type MovieSort } from '../../src/read/movies/queries.ts'
import { genreWords, suggest, suggestQuery } from '../../src/read/search/queries.ts'
import { ResolvedWords, searchTerms, searchWords } from '../../src/read/search/terms.ts'
import { tagLookupKey } from '../../src/read/tags/queries.ts'
import { buildTestApp } from '../support/app.ts'
import { addTitles } from '../support/catalogue.ts'

// No suggestions copy (suggestion-index.ts): the words are learned from the statements' answers.
const { app, user, startProjectors } = await buildTestApp(t, {
  consistencyTimeoutMs: 3_000,
  suggestIndexMaxMovies: 0,
})
const admin = user({ role: 'admin' })
startProjectors()

const TITLES = [
  'Le Fabuleux Destin d’Amélie Poulain',
  'ÆONFLUX Ørsted',
  'Night River 123',
  'The Night Garden',
  'Nightfall',
  'Star Wars: Episode IV – A New Hope',
  'Starship Troopers',
  'Straße der Sehnsucht',
  'Ça ira ½',
  'Crème Brûlée 2',
  'L.A. Confidential',
  'Spider-Man: No Way Home',
  'Zanzibar Storm',
  'Storm Chasers',
  'Stormy Weather',
  'Rivers of Babylon',
  'Émile et les Détectives',
  'WALL·E',
  'Mission: Impossible – Fallout',
  'Ångström Ⅻ',
]
// Until the movies projection holds the last one (the statements below read it directly).
await addTitles(
  app,
  admin.headers,
  TITLES,
  (i) => (i % 2 === 0 ? ['Comédie Dramatique'] : ['Science Fiction']),
  '/api/v1/movies?q=angstrom',
)

/**
 * Texts people type: prefixes from every word on, typos, other spellings of the same words. Every
 * prefix and typo of every title made 1,227 texts; 658 keep each kind of them (docs/development.md,
 * How the suite stays fast), with a seeded quarter of the rest:
 * - prefixes ending one letter into a word, at a word's end, on a space, and at or just after
 *   anything but a-z and 0-9 (accents, ligatures, apostrophes, dashes, dots, digits' neighbours:
 *   where folding splits or drops), from every word of every title on;
 * - typos (a letter dropped, alone and after the next word; two swapped, before it) of every word of
 *   four letters or more: the second letter in every other word, the last but one in the others;
 * - every title upper-cased, decomposed and stripped of its marks, and every hand-written text.
 */
function texts(): string[] {
  const random = seededRandom(17)
  const out = new Set<string>()
  const sampled = (text: string, always: boolean) => {
    // Drawn for every candidate, kept or not, so the sample does not shift with the rules above it.
    const drawn = random() < 0.25
    if (always || drawn) out.add(text)
  }
  const plain = (char: string | undefined) => char === undefined || /[a-z0-9 ]/.test(char)
  for (const title of TITLES) {
    const lower = title.toLowerCase()
    const words = lower.split(/\s+/)
    for (let from = 0; from < words.length; from++) {
      const rest = words.slice(from).join(' ')
      for (let end = 1; end <= rest.length; end++) {
        const into = end - (rest.lastIndexOf(' ', end - 1) + 1)
        sampled(
          rest.slice(0, end),
          into === 1 ||
            end === rest.length ||
            rest[end] === ' ' ||
            !plain(rest[end - 1]) ||
            !plain(rest[end - 2]),
        )
      }
    }
    for (const [k, word] of words.entries()) {
      if (word.length < 4) continue
      const next = words[k + 1] ?? ''
      for (let i = 1; i < word.length - 1; i++) {
        const dropped = word.slice(0, i) + word.slice(i + 1)
        const swapped = word.slice(0, i) + (word[i + 1] ?? '') + (word[i] ?? '') + word.slice(i + 2)
        // The second letter in every other word, the last but one in the others.
        const edge = i === (k % 2 === 0 ? 1 : word.length - 2)
        sampled(dropped, edge)
        sampled(`${swapped} ${next}`.trim(), edge)
        sampled(`${next} ${dropped}`.trim(), edge)
      }
    }
    out.add(title.toUpperCase())
    out.add(title.normalize('NFD'))
    out.add(title.normalize('NFKD').replace(/\p{M}/gu, ''))
  }
  for (const text of [
    'amelie poulai',
    'aeonflux orsted',
    'ørst',
    'strasse',
    'straße d',
    'ca ira 1',
    'ça ira ½',
    '½',
    'x½y',
    'creme brulee',
    'l.a. conf',
    'la conf',
    'spider-man no',
    'spiderman',
    'wall·e',
    'walle',
    'wall e',
    'angstrom xii',
    'Ⅻ',
    'ﬁnal ﬂ',
    '2001',
    '12',
    'night night ni',
    'a b c d e f g h i j',
    'zzqqxx',
    'qqqqzzzz storm',
    'overviewonlyword',
    "'; DROP TABLE movies; -- :* & | ! <-> ( storm",
    'ʻ',
    'ʻ storm',
    'storm ʻ',
  ])
    out.add(text)
  return [...out]
}

const genres = await genreWords(app.db)
const TAG = 'test'

t.test(
  'suggestions: the same answer whether the statement resolves the words or takes them resolved',
  async (t) => {
    let compared = 0
    let differ = 0
    for (const q of texts()) {
      const typed = searchWords(q)
      if (typed.length === 0) continue
      const tagPrefix = tagLookupKey(q)
      const input = { typed, tagPrefix: /[\p{L}\p{N}]/u.test(tagPrefix) ? tagPrefix : null, limit: 8 }
      const words = new ResolvedWords()
      const resolving = await suggest(
        app.db,
        input,
        async () => genres,
        app.pool,
        (terms, origins) => words.learn(TAG, typed, terms, origins),
      )
      const resolved = words.resolve(TAG, typed)
      if (resolved === null) {
        t.fail(`${q}: the words were learned`)
        continue
      }
      const taking = await suggest(
        app.db,
        { ...input, resolved },
        async () => genres,
        app.pool,
        () => t.fail(`${q}: nothing to learn from a statement taking the words resolved`),
      )
      compared++
      if (JSON.stringify(taking) !== JSON.stringify(resolving)) {
        differ++
        t.same(taking, resolving, `suggest ${JSON.stringify(q)}`)
      }
      // The texts the statements build the tsqueries from (and rank by).
      const sql = await searchTerms(app.db, q)
      t.same(
        sql === null
          ? null
          : { folded: sql.folded, matches: sql.matches, exact: sql.exact, titleMatches: sql.titleMatches },
        resolved.words.length === 0
          ? null
          : {
              folded: resolved.folded,
              matches: resolved.matches,
              exact: resolved.exact,
              titleMatches: resolved.titleMatches,
            },
        `terms of ${JSON.stringify(q)}`,
      )
    }
    t.equal(differ, 0, `${compared} texts, none differs`)
    t.ok(compared > 300, `many texts compared (${compared})`)
  },
)

t.test(
  'suggested titles: the same whether the most popular titles are looked through first or not',
  async (t) => {
    let popularAnswered = 0
    for (const q of texts()) {
      const typed = searchWords(q)
      if (typed.length === 0) continue
      for (const limit of [2, 8]) {
        const input = { typed, tagPrefix: null, limit }
        const [first] = await suggestQuery(app.db, input, true).execute()
        const [index] = await suggestQuery(app.db, input, false).execute()
        t.same(index?.movies, first?.movies, `${JSON.stringify(q)}, limit ${limit}`)
        if ((first?.movies?.length ?? 0) >= limit) popularAnswered++
      }
    }
    // 47 of the 658 texts' 1,316 suggestions (65 when every prefix and typo was asked).
    t.ok(popularAnswered > 40, `the popular titles answered many (${popularAnswered})`)
  },
)

t.test(
  'searches: the same pages whether the statement resolves the words or takes them resolved',
  async (t) => {
    const none = { genres: [], yearFrom: null, yearTo: null, minRating: null, tags: [], person: null }
    let compared = 0
    let learned = 0
    for (const q of texts()) {
      const typed = searchWords(q)
      if (typed.length === 0) continue
      for (const sort of ['relevance', 'title'] as MovieSort[]) {
        const words = new ResolvedWords()
        const first = await listMovies(
          app.db,
          { ...none, search: typed },
          sort,
          2,
          null,
          app.pool,
          (terms, origins) => words.learn(TAG, typed, terms, origins),
        )
        let resolved = words.resolve(TAG, typed)
        if (first.items.length > 0) {
          if (resolved === null) t.fail(`${q}: a search that found movies teaches its words`)
          else learned++
        }
        if (resolved === null) {
          // Nothing found, nothing learned: the suggestion's statement teaches the same words.
          await suggest(
            app.db,
            { typed, tagPrefix: null, limit: 8 },
            async () => genres,
            app.pool,
            (terms, origins) => words.learn(TAG, typed, terms, origins),
          )
          resolved = words.resolve(TAG, typed)
        }
        if (resolved === null) {
          t.fail(`${q}: the words were learned`)
          continue
        }
        const filters = { ...none, search: typed, resolvedSearch: resolved }
        t.same(
          await listMovies(app.db, filters, sort, 2, null, app.pool),
          first,
          `${sort} ${JSON.stringify(q)}`,
        )
        if (first.nextCursor !== null) {
          const after = decodeCursor(first.nextCursor, sort)
          t.same(
            await listMovies(app.db, filters, sort, 2, after, app.pool),
            await listMovies(app.db, { ...none, search: typed }, sort, 2, after, app.pool),
            `${sort} ${JSON.stringify(q)}, page 2`,
          )
        }
        compared++
      }
    }
    t.ok(compared > 600, `many searches compared (${compared})`)
    t.ok(learned > 100, `most searches that found movies taught their words (${learned})`)
  },
)
