/**
 * As-you-type suggestions answered from memory: a copy of what the suggest statement
 * (queries.ts) reads, kept per catalogue tag, so a suggestion the answer memo does not hold costs
 * no PostgreSQL round trip. The copy holds, in the statement's orders, the listed movies (id,
 * title, year, the lexemes of the folded title: what `search` holds with weight A, hence what
 * `title_query` matches) by popularity, the people (their folded name's lexemes) by movie count,
 * the tags in use by uses, and the lexicon `movie_words`, which resolves typed words without
 * search_terms. Lexemes come from PostgreSQL's own to_tsvector over search_fold, never from a
 * JavaScript imitation of its parser, and each order is PostgreSQL's ORDER BY: the copy matches
 * exactly what the statement would, at the moment it was read.
 *
 * The copy resolves a typed word of letters a-z and digits itself (search_fold leaves it as it
 * is): the lexicon says whether a title holds it, and a word it does not hold is corrected as
 * pg_trgm and fuzzystrmatch correct it (Corrector, typo-corrections.ts). Folding beyond ASCII
 * (unaccent's rules) it leaves to the statement: a word with accents, or with a correction the
 * copy cannot vouch for, is resolved there (ResolvedWords then keeps what it made of it).
 *
 * Freshness is the answer memo's (CatalogueMemo, answer-memo.ts): a copy serves only the catalogue
 * tag it was read under, so a new, renamed or removed title, a person, a tag or a genre change is
 * suggested by the next request (which goes to the statement while the copy of the new tag loads);
 * ratings move popularity without moving the tag, and a copy serves for at most
 * SEARCH_MEMO_MAX_AGE_MS after its positions were read (the order by popularity lags by that bound
 * at most), the ETag it was read under going out with its answers. Past REFRESH_AHEAD of the bound,
 * with the positions moved, the next request starts reading the order again in the background
 * (only the order when the tag is the same: one indexed read of ids). A catalogue of more listed
 * movies than SUGGEST_INDEX_MAX_MOVIES (50,000 by default; 0 turns the copy off), or of more than
 * five times as many people, is not copied: the statement answers as before. What a copy costs
 * (synthetic rows, 3 words a title, 2 a name; docs/benchmarks.md): 10,000 titles and 50,000 people
 * 32 MB, built in 143 ms in turns of the event loop of 16 ms at most; 50,000 and 250,000 in 602 ms,
 * turns of 57 ms at most; 100,000 and 500,000 280 MB, turns of up to 119 ms (its sorts), hence the
 * default bound. A new order: 13 ms at 10,000 titles, 54 ms at 50,000.
 */
import type { FastifyInstance } from 'fastify'
import { type Kysely, sql } from 'kysely'
import type { Database } from '../../db/schema.ts'
import { type CatalogueScope, REFRESH_AHEAD } from '../serving/answer-memo.ts'
import { MAX_TAG_SUGGESTIONS } from '../tags/queries.ts'
import { MAX_PERSON_SUGGESTIONS, type SuggestRow } from './queries.ts'
import { drain, inSlices, SLICE, type Sliced } from './slices.ts'
import { type ResolvedTerms, type SearchWord, termsOf } from './terms.ts'
import { Corrector, PLAIN } from './typo-corrections.ts'

/** People a copy holds at most, per movie it may hold (SUGGEST_INDEX_MAX_MOVIES). */
const PEOPLE_PER_MOVIE = 5
/** A copy of a new catalogue tag is read at most this often: an import moves the tag every batch. */
export const MIN_FULL_LOAD_INTERVAL_MS = 1_000
/** After a catalogue found too large to copy, no read for this long. */
const TOO_LARGE_RETRY_MS = 60_000
/** After a failed read, none for this long (an outage costs one failed read per interval, not per request). */
const RETRY_AFTER_MS = 1_000
/** Texts lexed per statement when a copy is read (titles and names not lexed before). */
const LEX_CHUNK = 5_000
/** Word lengths search_terms corrects (terms.ts: 4 to 60): an unknown word this long is corrected. */
const CORRECTED_FROM = 4
const CORRECTED_UP_TO = 60

type RankedParts = { lexemes: string[]; postings: Int32Array[]; cumulative: Int32Array }

function* rankedParts(words: readonly (readonly string[])[]): Sliced<RankedParts> {
  const byLexeme = new Map<string, number[]>()
  for (let rank = 0; rank < words.length; rank++) {
    for (const lexeme of words[rank] as readonly string[]) {
      const ranks = byLexeme.get(lexeme)
      if (ranks === undefined) byLexeme.set(lexeme, [rank])
      else ranks.push(rank)
    }
    if (rank % SLICE === SLICE - 1) yield
  }
  const lexemes = [...byLexeme.keys()]
  yield
  lexemes.sort()
  yield
  const postings: Int32Array[] = []
  const cumulative = new Int32Array(lexemes.length + 1)
  for (let i = 0; i < lexemes.length; i++) {
    const ranks = Int32Array.from(byLexeme.get(lexemes[i] as string) ?? [])
    postings.push(ranks)
    cumulative[i + 1] = (cumulative[i] ?? 0) + ranks.length
    if (i % (4 * SLICE) === 4 * SLICE - 1) yield
  }
  return { lexemes, postings, cumulative }
}

/**
 * Entries ordered by rank (0 first: the statement's ORDER BY), each with the lexemes it matches on,
 * and the lexemes' postings: for each distinct lexeme (sorted), the ranks holding it.
 */
export class RankedLexemes {
  readonly words: readonly (readonly string[])[]
  /** Distinct lexemes, sorted (code units: any total order keeps a prefix's lexemes together). */
  readonly lexemes: string[]
  readonly postings: Int32Array[]
  /** cumulative[i]: postings of lexemes before i, so a prefix's share is two binary searches. */
  readonly cumulative: Int32Array
  /** A mark per rank, reused by each query (cleared after it). */
  readonly #marks: Uint8Array

  /** Built at once (tests); a copy is built in slices (build). */
  constructor(words: readonly (readonly string[])[], parts?: RankedParts) {
    this.words = words
    const built = parts ?? drain(rankedParts(words))
    this.lexemes = built.lexemes
    this.postings = built.postings
    this.cumulative = built.cumulative
    this.#marks = new Uint8Array(words.length)
  }

  /** Built in slices, the event loop served between them. */
  static async build(words: readonly (readonly string[])[]): Promise<RankedLexemes> {
    return new RankedLexemes(words, await inSlices(rankedParts(words)))
  }

  /**
   * The same entries in a new order (`rankOf[old rank]` is the new one), built in slices: the
   * lexemes and their counts stay, each lexeme's postings are mapped and sorted again.
   */
  async reranked(words: readonly (readonly string[])[], rankOf: Int32Array): Promise<RankedLexemes> {
    const postings = this.postings
    const mapped = await inSlices(
      (function* (): Sliced<Int32Array[]> {
        const mapped: Int32Array[] = []
        let done = 0
        for (const ranks of postings) {
          const next = new Int32Array(ranks.length)
          for (let i = 0; i < ranks.length; i++) next[i] = rankOf[ranks[i] as number] as number
          mapped.push(next.sort())
          done += ranks.length
          if (done >= 4 * SLICE) {
            done = 0
            yield
          }
        }
        return mapped
      })(),
    )
    return new RankedLexemes(words, { lexemes: this.lexemes, postings: mapped, cumulative: this.cumulative })
  }

  get size(): number {
    return this.words.length
  }

  /** The ranks of the first `limit` entries every piece matches (some lexeme equal to one of `exact`, or beginning with `prefix`). */
  match(pieces: readonly Piece[], limit: number): number[] {
    if (pieces.length === 0 || limit <= 0) return []
    // The piece with the fewest postings drives: its entries are the only candidates.
    let driver = pieces[0] as Piece
    let fewest = Number.POSITIVE_INFINITY
    let driverRanges: [number, number][] = []
    for (const piece of pieces) {
      const ranges = this.#ranges(piece)
      let count = 0
      for (const [from, to] of ranges) count += (this.cumulative[to] ?? 0) - (this.cumulative[from] ?? 0)
      if (count < fewest) {
        fewest = count
        driver = piece
        driverRanges = ranges
      }
    }
    const found: number[] = []
    if (fewest === 0) return found
    const others = pieces.filter((piece) => piece !== driver)
    const words = this.words
    // One common piece (a short prefix) alone: its entries are dense among the first ranks, so
    // walking the ranks in order finds `limit` of them in a few dozen steps. (With other pieces the
    // walk could go through every rank before `limit` match all of them: the driver's entries then.)
    if (others.length === 0 && fewest * 32 >= this.size) {
      for (let rank = 0; rank < this.size && found.length < limit; rank++) {
        if (matchesPiece(words[rank] as readonly string[], driver)) found.push(rank)
      }
      return found
    }
    const single = driverRanges.length === 1 && driverRanges[0]?.[1] === (driverRanges[0]?.[0] ?? 0) + 1
    if (single || fewest * 16 < this.size) {
      // The driver's entries in rank order: one lexeme's postings are; several are gathered and
      // sorted (a title holding two of them is met twice: once is enough).
      let candidates: Int32Array
      if (single) candidates = this.postings[driverRanges[0]?.[0] ?? 0] as Int32Array
      else {
        candidates = new Int32Array(fewest)
        let at = 0
        for (const [from, to] of driverRanges)
          for (let i = from; i < to; i++) {
            candidates.set(this.postings[i] as Int32Array, at)
            at += (this.postings[i] as Int32Array).length
          }
        candidates.sort()
      }
      let previous = -1
      for (let i = 0; i < candidates.length && found.length < limit; i++) {
        const rank = candidates[i] as number
        if (rank === previous) continue
        previous = rank
        if (matchesAll(words[rank] as readonly string[], others)) found.push(rank)
      }
      return found
    }
    // Many entries of several lexemes: marked, then the marks walked in rank order.
    const marks = this.#marks
    for (const [from, to] of driverRanges)
      for (let i = from; i < to; i++) for (const rank of this.postings[i] as Int32Array) marks[rank] = 1
    for (let rank = 0; rank < marks.length && found.length < limit; rank++) {
      if (marks[rank] === 1 && matchesAll(words[rank] as readonly string[], others)) found.push(rank)
    }
    for (const [from, to] of driverRanges)
      for (let i = from; i < to; i++) for (const rank of this.postings[i] as Int32Array) marks[rank] = 0
    return found
  }

  /** Index ranges of `lexemes` a piece matches: one per exact word found, and the prefix's. */
  #ranges(piece: Piece): [number, number][] {
    const ranges: [number, number][] = []
    for (const word of piece.exact) {
      const at = lowerBound(this.lexemes, word)
      if (this.lexemes[at] === word) ranges.push([at, at + 1])
    }
    if (piece.prefix !== null) {
      const from = lowerBound(this.lexemes, piece.prefix)
      const to = prefixEnd(this.lexemes, piece.prefix, from)
      if (to > from) ranges.push([from, to])
    }
    return ranges
  }
}

/** What one piece of a query matches: a lexeme equal to one of `exact`, or beginning with `prefix`. */
export type Piece = { exact: readonly string[]; prefix: string | null }

function matchesAll(lexemes: readonly string[], pieces: readonly Piece[]): boolean {
  for (const piece of pieces) if (!matchesPiece(lexemes, piece)) return false
  return true
}

function matchesPiece(lexemes: readonly string[], piece: Piece): boolean {
  for (const lexeme of lexemes) {
    if (piece.prefix !== null && lexeme.startsWith(piece.prefix)) return true
    for (const word of piece.exact) if (lexeme === word) return true
  }
  return false
}

/**
 * The end of the run of sorted `values` beginning with `prefix` that starts at `from` (its
 * lowerBound): those values are contiguous in any lexicographic order.
 */
function prefixEnd(values: readonly string[], prefix: string, from: number): number {
  let low = from
  let high = values.length
  while (low < high) {
    const middle = (low + high) >>> 1
    if ((values[middle] as string).startsWith(prefix)) low = middle + 1
    else high = middle
  }
  return low
}

/** The first index of sorted `values` not below `value`. */
function lowerBound(values: readonly string[], value: string): number {
  let low = 0
  let high = values.length
  while (low < high) {
    const middle = (low + high) >>> 1
    if ((values[middle] as string) < value) low = middle + 1
    else high = middle
  }
  return low
}

export type IndexedMovie = { id: string; title: string; year: number | null; words: readonly string[] }
export type IndexedPerson = { id: string; name: string; movieCount: number; words: readonly string[] }
export type IndexedTag = { tag: string; movieCount: number }

/** What a copy is read from: the rows in the statement's orders. */
export type SuggestionData = {
  /** By popularity, then id, both descending (movies_by_popularity). */
  movies: readonly IndexedMovie[]
  /** By movie count descending, then id. */
  people: readonly IndexedPerson[]
  /** Tags in use, by uses descending, then tag. */
  tags: readonly IndexedTag[]
  /** The lexicon (movie_words). */
  lexicon: readonly string[]
}

/** What a copy holds beside its movies (kept when only the movies' order moves). */
type SnapshotRest = {
  people: RankedLexemes
  /** Tags sorted by text, with their rank (their place in data.tags). */
  tagTexts: string[]
  tagRanks: Int32Array
  lexicon: string[]
  lexiconSet: Set<string>
  corrections: Corrector
}

/**
 * One copy of the searchable catalogue, read under `scope` (its catalogue tag, its ETag and the
 * moment its positions were read): resolves plain typed words and answers the suggest statement's
 * row for terms resolved.
 */
export class SuggestionSnapshot {
  #scope: CatalogueScope
  readonly data: SuggestionData
  readonly #movies: RankedLexemes
  readonly #rest: SnapshotRest

  private constructor(
    scope: CatalogueScope,
    data: SuggestionData,
    movies: RankedLexemes,
    rest: SnapshotRest,
  ) {
    this.#scope = scope
    this.data = data
    this.#movies = movies
    this.#rest = rest
  }

  /**
   * A copy of `data` read under `scope`, built a slice per turn of the event loop; with `same`, one
   * whose people, tags and lexicon are `same`'s (only the movies' order moved).
   */
  static async build(
    scope: CatalogueScope,
    data: SuggestionData,
    same?: SuggestionSnapshot,
  ): Promise<SuggestionSnapshot> {
    const movies = await RankedLexemes.build(data.movies.map((movie) => movie.words))
    if (same !== undefined) return new SuggestionSnapshot(scope, data, movies, same.#rest)
    const people = await RankedLexemes.build(data.people.map((person) => person.words))
    const byText = data.tags
      .map((tag, rank) => ({ text: tag.tag, rank }))
      .sort((a, b) => compare(a.text, b.text))
    const lexicon = [...data.lexicon].sort()
    return new SuggestionSnapshot(scope, data, movies, {
      people,
      tagTexts: byText.map((entry) => entry.text),
      tagRanks: Int32Array.from(byText.map((entry) => entry.rank)),
      lexicon,
      lexiconSet: new Set(lexicon),
      corrections: await Corrector.build(lexicon),
    })
  }

  /** The catalogue tag, ETag and moment of the positions it was read after. */
  get scope(): CatalogueScope {
    return this.#scope
  }

  /** Stamps the copy with later positions that moved nothing it holds (the same ETag). */
  restamp(scope: CatalogueScope): void {
    this.#scope = scope
  }

  /**
   * What search_terms makes of `typed` (searchWords' output) when the copy can tell alone: every
   * word plain (a-z, 0-9: folded as it is, one piece), looked up in the lexicon (the last one as a
   * prefix) and, when it is not there, corrected as the statement corrects (Corrector). Else null
   * (the statement resolves it).
   */
  resolve(typed: readonly string[]): ResolvedTerms | null {
    const words: SearchWord[] = []
    for (let i = 0; i < typed.length; i++) {
      const word = typed[i] as string
      if (!PLAIN.test(word)) return null
      const last = i === typed.length - 1
      const known = last ? this.#lexiconHasPrefix(word) : this.#rest.lexiconSet.has(word)
      let corrections: string[] = []
      if (!known && word.length >= CORRECTED_FROM && word.length <= CORRECTED_UP_TO) {
        const found = this.#rest.corrections.of(word)
        if (found === null) return null
        corrections = found
      }
      words.push({ word, known, corrections })
    }
    return termsOf(words)
  }

  #lexiconHasPrefix(word: string): boolean {
    const lexicon = this.#rest.lexicon
    return lexicon[lowerBound(lexicon, word)]?.startsWith(word) ?? false
  }

  /**
   * The suggest statement's row for resolved terms (as suggestionsOf reads it: no terms learned),
   * or null when the copy cannot answer them: a term or a correction that is not plain (its lexemes
   * are PostgreSQL's parser's to tell).
   */
  row(resolved: ResolvedTerms | null, tagPrefix: string | null, limit: number): SuggestRow | null {
    const words = resolved?.words ?? []
    for (const { word, corrections } of words) {
      if (!PLAIN.test(word) || !corrections.every((correction) => PLAIN.test(correction))) return null
    }
    const exact = words.map(
      ({ word }, i): Piece =>
        i === words.length - 1 ? { exact: [], prefix: word } : { exact: [word], prefix: null },
    )
    const titles = words.map(({ corrections }, i): Piece => {
      const own = exact[i] as Piece
      return corrections.length === 0 ? own : { exact: [...own.exact, ...corrections], prefix: own.prefix }
    })
    const typed = words.length > 0
    const movies =
      typed && resolved?.hopeless !== true
        ? this.#movies.match(titles, limit).map((rank) => {
            const movie = this.data.movies[rank] as IndexedMovie
            return { id: movie.id, title: movie.title, year: movie.year }
          })
        : []
    const people = typed
      ? this.#rest.people.match(exact, MAX_PERSON_SUGGESTIONS).map((rank) => {
          const person = this.data.people[rank] as IndexedPerson
          return { id: person.id, name: person.name, movieCount: person.movieCount }
        })
      : []
    return {
      terms: null,
      origins: null,
      // As the statement's json_agg: null when nothing matched.
      movies: typed ? (movies.length > 0 ? movies : null) : null,
      people: typed ? (people.length > 0 ? people : null) : null,
      tags: tagPrefix === null ? null : this.#tagsBeginning(tagPrefix),
    }
  }

  /** The most used tags beginning with `prefix` (tagListQuery's), or null when none does. */
  #tagsBeginning(prefix: string): IndexedTag[] | null {
    const { tagTexts, tagRanks } = this.#rest
    const from = lowerBound(tagTexts, prefix)
    const to = prefixEnd(tagTexts, prefix, from)
    const ranks: number[] = []
    if ((to - from) * 8 >= this.data.tags.length) {
      // Dense: the most used first, checked in order.
      for (let rank = 0; rank < this.data.tags.length && ranks.length < MAX_TAG_SUGGESTIONS; rank++) {
        if ((this.data.tags[rank] as IndexedTag).tag.startsWith(prefix)) ranks.push(rank)
      }
    } else {
      for (let i = from; i < to; i++) ranks.push(tagRanks[i] as number)
      ranks.sort((a, b) => a - b).splice(MAX_TAG_SUGGESTIONS)
    }
    return ranks.length === 0
      ? null
      : ranks.map((rank) => {
          const tag = this.data.tags[rank] as IndexedTag
          return { tag: tag.tag, movieCount: tag.movieCount }
        })
  }

  /** The same copy with the movies in a new order (the same set), read under `scope`. */
  async reordered(scope: CatalogueScope, ids: readonly string[]): Promise<SuggestionSnapshot | null> {
    if (ids.length !== this.data.movies.length) return null
    const oldRanks = new Map(this.data.movies.map((movie, rank) => [movie.id, rank]))
    const movies: IndexedMovie[] = []
    const rankOf = new Int32Array(ids.length)
    for (let rank = 0; rank < ids.length; rank++) {
      const old = oldRanks.get(ids[rank] as string)
      if (old === undefined) return null
      oldRanks.delete(ids[rank] as string)
      rankOf[old] = rank
      movies.push(this.data.movies[old] as IndexedMovie)
    }
    const ranked = await this.#movies.reranked(
      movies.map((movie) => movie.words),
      rankOf,
    )
    return new SuggestionSnapshot(scope, { ...this.data, movies }, ranked, this.#rest)
  }
}

/** Code unit order, as Array#sort's default. */
const compare = (a: string, b: string) => (a < b ? -1 : a > b ? 1 : 0)

/** Reads a copy's rows from the read models. */
export type SuggestionSource = {
  /** Listed movies' ids in the statement's order (popularity, then id, descending), at most `max` + 1. */
  order(max: number): Promise<string[]>
  /**
   * The full rows, or null past `maxMovies` listed movies (or five times as many people); `known`
   * maps titles and names lexed before to their lexemes.
   */
  read(known: ReadonlyMap<string, readonly string[]>, maxMovies: number): Promise<SuggestionData | null>
}

/** The read models' rows for a copy, from PostgreSQL (or PGlite). */
export function suggestionSource(db: Kysely<Database>): SuggestionSource {
  /** Lexemes of texts as `search` holds them (to_tsvector('simple', search_fold(text))). */
  const lexed = async (texts: string[], known: ReadonlyMap<string, readonly string[]>) => {
    const lexemes = new Map<string, readonly string[]>()
    const unknown = new Set<string>()
    for (const text of texts) {
      const words = known.get(text)
      if (words === undefined) unknown.add(text)
      else lexemes.set(text, words)
    }
    const todo = [...unknown]
    for (let from = 0; from < todo.length; from += LEX_CHUNK) {
      // Raw SQL: unnest of an array parameter and the search vector's expression.
      const { rows } = await sql<{ text: string; words: string[] }>`
        SELECT t AS text, tsvector_to_array(to_tsvector('simple'::regconfig, public.search_fold(t))) AS words
        FROM unnest(${todo.slice(from, from + LEX_CHUNK)}::text[]) AS t`.execute(db)
      for (const row of rows) lexemes.set(row.text, row.words)
    }
    return lexemes
  }
  const order = async (max: number) => {
    const rows = await db
      .selectFrom('movies')
      .select('id')
      .where('removed_at', 'is', null)
      .orderBy('popularity', 'desc')
      .orderBy('id', 'desc')
      .limit(max + 1)
      .execute()
    return rows.map((row) => row.id)
  }
  return {
    order,
    async read(known, maxMovies) {
      const movies = await db
        .selectFrom('movies')
        .select(['id', 'title', 'year'])
        .where('removed_at', 'is', null)
        .orderBy('popularity', 'desc')
        .orderBy('id', 'desc')
        .limit(maxMovies + 1)
        .execute()
      if (movies.length > maxMovies) return null
      const people = await db
        .selectFrom('people')
        .select(['person_id', 'name', 'movie_count'])
        .orderBy('movie_count', 'desc')
        .orderBy('person_id')
        .limit(maxMovies * PEOPLE_PER_MOVIE + 1)
        .execute()
      if (people.length > maxMovies * PEOPLE_PER_MOVIE) return null
      const tags = await db
        .selectFrom('tags')
        .select(['tag', 'movie_count'])
        .where('movie_count', '>', 0)
        .orderBy('uses', 'desc')
        .orderBy('tag')
        .execute()
      const lexicon = await db.selectFrom('movie_words').select('word').execute()
      const lexemes = await lexed([...movies.map((m) => m.title), ...people.map((p) => p.name)], known)
      return {
        movies: movies.map((m) => ({
          id: m.id,
          title: m.title,
          year: m.year,
          words: lexemes.get(m.title) ?? [],
        })),
        people: people.map((p) => ({
          id: p.person_id,
          name: p.name,
          movieCount: p.movie_count,
          words: lexemes.get(p.name) ?? [],
        })),
        tags: tags.map((t) => ({ tag: t.tag, movieCount: t.movie_count })),
        lexicon: lexicon.map((row) => row.word),
      }
    },
  }
}

/**
 * The copy a process answers suggestions from, read again as the catalogue tag moves and as its
 * bound nears (see the module's comment). One read at a time; requests never wait for one.
 */
export class SuggestionIndex {
  readonly #source: SuggestionSource
  readonly #maxMovies: number
  readonly #maxAgeMs: () => number
  readonly #onError: (error: unknown) => void
  #snapshot: SuggestionSnapshot | null = null
  #loading = false
  /** When the last full read started, and when reads may start again after a failure. */
  #lastFullLoad = Number.NEGATIVE_INFINITY
  #retryAt = Number.NEGATIVE_INFINITY
  /** The catalogue tag whose catalogue was too large to copy: not read again. */
  #tooLarge: string | null = null
  /** Reads of the copy by outcome, since the process started (GET /metrics). */
  readonly reads = { whole: 0, order: 0, tooLarge: 0, failed: 0 }
  /** Suggestions computed (memo misses) from the copy and by the statement (the route counts them). */
  readonly answers = { copy: 0, statement: 0 }

  /** `maxMovies`: SUGGEST_INDEX_MAX_MOVIES (0: no copy, every request goes to the statement). */
  constructor(
    source: SuggestionSource,
    maxMovies: number,
    maxAgeMs: () => number,
    onError: (error: unknown) => void = () => {},
  ) {
    this.#source = source
    this.#maxMovies = maxMovies
    this.#maxAgeMs = maxAgeMs
    this.#onError = onError
  }

  /**
   * The copy that may answer a request of `scope`, or null (the statement answers). Starts a read
   * in the background when the copy is missing, of another catalogue tag, past its bound, or past
   * REFRESH_AHEAD of it with the positions moved.
   */
  usable(scope: CatalogueScope): SuggestionSnapshot | null {
    if (this.#maxMovies === 0) return null
    let snapshot = this.#snapshot
    if (snapshot !== null && snapshot.scope.catalogue !== scope.catalogue) snapshot = null
    const maxAgeMs = this.#maxAgeMs()
    if (snapshot !== null) {
      const age = scope.now - snapshot.scope.now
      if (snapshot.scope.etag === scope.etag) {
        // Nothing moved since it was read: it is the current answer, whatever its age.
        if (age >= maxAgeMs * REFRESH_AHEAD) snapshot.restamp(scope)
        return snapshot
      }
      if (age >= maxAgeMs * REFRESH_AHEAD) this.#load(scope)
      return age < maxAgeMs ? snapshot : null
    }
    this.#load(scope)
    return null
  }

  /**
   * The copy of `scope`'s catalogue tag for resolving words (search_terms' work), whatever its age
   * (popularity does not change what a word resolves to), or null; starts a read as usable() does.
   */
  forWords(scope: CatalogueScope): SuggestionSnapshot | null {
    this.usable(scope)
    const snapshot = this.#snapshot
    return snapshot !== null && snapshot.scope.catalogue === scope.catalogue ? snapshot : null
  }

  /** The copy held now, whatever its tag (for tests). */
  get snapshot(): SuggestionSnapshot | null {
    return this.#snapshot
  }

  /** Whether a read is in flight (for tests). */
  get loading(): boolean {
    return this.#loading
  }

  #load(scope: CatalogueScope): void {
    if (this.#loading || scope.now < this.#retryAt || this.#tooLarge === scope.catalogue) return
    const previous = this.#snapshot
    const sameCatalogue = previous !== null && previous.scope.catalogue === scope.catalogue
    if (!sameCatalogue && scope.now - this.#lastFullLoad < MIN_FULL_LOAD_INTERVAL_MS) return
    this.#loading = true
    if (!sameCatalogue) this.#lastFullLoad = scope.now
    this.#read(scope, sameCatalogue ? previous : null, previous)
      .then(
        ({ snapshot, kind }) => {
          if (snapshot === null) {
            // Too large: not read again for this tag, nor for any before a minute (an import
            // moving the tag every second would otherwise read the bound's worth of rows each time).
            this.#tooLarge = scope.catalogue
            this.#retryAt = Date.now() + TOO_LARGE_RETRY_MS
            this.reads.tooLarge += 1
          } else {
            this.reads[kind] += 1
            this.#snapshot = snapshot
          }
        },
        (error: unknown) => {
          this.#retryAt = Date.now() + RETRY_AFTER_MS
          this.reads.failed += 1
          this.#onError(error)
        },
      )
      .finally(() => {
        this.#loading = false
      })
  }

  async #read(
    scope: CatalogueScope,
    sameCatalogue: SuggestionSnapshot | null,
    previous: SuggestionSnapshot | null,
  ): Promise<{ snapshot: SuggestionSnapshot | null; kind: 'whole' | 'order' }> {
    if (sameCatalogue !== null) {
      // Only popularity moved (the tag is the same): the order is read again, the rest kept. A
      // catalogue that moved after the tag was read has other ids: read whole then.
      const reordered = await sameCatalogue.reordered(scope, await this.#source.order(this.#maxMovies))
      if (reordered !== null) return { snapshot: reordered, kind: 'order' }
    }
    const known = new Map<string, readonly string[]>()
    for (const movie of previous?.data.movies ?? []) known.set(movie.title, movie.words)
    for (const person of previous?.data.people ?? []) known.set(person.name, person.words)
    const data = await this.#source.read(known, this.#maxMovies)
    return { snapshot: data === null ? null : await SuggestionSnapshot.build(scope, data), kind: 'whole' }
  }
}

/** One copy per owner (the app's pool): the suggest route answers from it, the list's q= resolves words with it. */
const indexes = new WeakMap<object, SuggestionIndex>()

/** The app's copy when a route made one (GET /metrics reads it), else undefined. */
export function suggestionIndexOf(app: FastifyInstance): SuggestionIndex | undefined {
  return indexes.get(app.pool)
}

export function suggestionIndexFor(app: FastifyInstance): SuggestionIndex {
  let index = indexes.get(app.pool)
  if (index === undefined) {
    index = new SuggestionIndex(
      suggestionSource(app.db),
      app.config.suggestIndexMaxMovies,
      () => app.config.searchMemoMaxAgeMs,
      (error) => app.log.warn({ err: error }, 'the suggestions copy was not read'),
    )
    indexes.set(app.pool, index)
  }
  return index
}
