/**
 * Answers kept in memory under the ETag they were sent with: while a route's projections do not move
 * (the tag of projection-tags.ts stays the same), the same request gets the same JSON text without a
 * query or a serialisation. A new tag empties the memo, so nothing outlives the positions it was
 * read at; the size bound only caps memory. At the bound the answer asked least recently goes (a Map
 * keeps its keys in insertion order: a hit moves its key to the end, the first key is the one to
 * drop), so the answers asked again stay. Emptying everything at the bound, as before, dropped the
 * popular answers with the rest, every few seconds under as-you-type traffic. Only for anonymous
 * requests without X-Consistency-Token (those read the registry itself and get answers of their own).
 *
 * Admission (TinyLFU, frequency-sketch.ts): a full memo keeps a new answer only when its key was
 * asked more often lately than the key it would push out. Keys asked as often as any other (a
 * frontend scrolling a catalogue of 10,000 movies through a memo of 2,000) no longer replace one
 * another at every miss: each replacement was an answer kept a few hundred milliseconds, long enough
 * to be copied into V8's old generation and collected there (issue 19: 80% of the uniform detail's
 * requests; without memo writes a request cost about 10 us less CPU, and scavenges a fifth as long). Popular keys get in at their second ask.
 */
import type { FastifyReply, FastifyRequest } from 'fastify'
import { catalogueTagOf, matchesIfNoneMatch } from './etag.ts'
import { FrequencySketch } from './frequency-sketch.ts'

/** Lookups of a named memo: answered from memory, not there, or not memoisable (signed in, with a token). */
export type MemoLookups = { hit: number; miss: number; bypass: number }

/**
 * The lookups of every named memo of this process, by name (GET /metrics reads them as
 * nexus_answer_memo_lookups_total; bench:api prints the hit rate of a run from it). Plain counters:
 * an increment per lookup.
 */
export const memoLookups = new Map<string, MemoLookups>()

/** The counts of the memo named `name` in memoLookups (shared by memos of one name), none without a name. */
function countedLookups(name: string | undefined): MemoLookups | null {
  if (name === undefined) return null
  const lookups = memoLookups.get(name) ?? { hit: 0, miss: 0, bypass: 0 }
  memoLookups.set(name, lookups)
  return lookups
}

/** Sets `key` last (the most recently asked), the least recently asked pushed out past `max`. */
function setBounded<Value>(answers: Map<string, Value>, key: string, value: Value, max: number): void {
  answers.delete(key)
  if (answers.size >= max) {
    const leastRecent = answers.keys().next()
    if (leastRecent.done !== true) answers.delete(leastRecent.value)
  }
  answers.set(key, value)
}

export class AnswerMemo<Answer = string> {
  readonly #max: number
  readonly #lookups: MemoLookups | null
  /** How often each key was asked lately (memoised or not), across tags: what admission compares. */
  readonly #asked: FrequencySketch
  #tag = ''
  #answers = new Map<string, Answer>()

  /** With a name, its lookups are counted in memoLookups (one count per get: a memo read once per request). */
  constructor(max = 2_000, name?: string) {
    this.#max = max
    this.#lookups = countedLookups(name)
    this.#asked = new FrequencySketch(max)
  }

  get(tag: string | null, key: string): Answer | undefined {
    const lookups = this.#lookups
    if (tag === null) {
      if (lookups !== null) lookups.bypass += 1
      return undefined
    }
    this.#asked.increment(key)
    let answer: Answer | undefined
    if (tag === this.#tag) {
      answer = this.#answers.get(key)
      if (answer !== undefined) {
        // The most recently asked last.
        this.#answers.delete(key)
        this.#answers.set(key, answer)
      }
    }
    if (lookups !== null) {
      if (answer === undefined) lookups.miss += 1
      else lookups.hit += 1
    }
    return answer
  }

  /**
   * The answer of an early hit (src/http/early-hits.ts): as get, but a miss is not counted, since
   * the request goes on to its route, whose get counts it.
   */
  early(tag: string, key: string): Answer | undefined {
    if (tag !== this.#tag) return undefined
    const answer = this.#answers.get(key)
    if (answer === undefined) return undefined
    this.#asked.increment(key)
    this.#answers.delete(key)
    this.#answers.set(key, answer)
    if (this.#lookups !== null) this.#lookups.hit += 1
    return answer
  }

  /**
   * Keeps `answer` under `key` for `tag` (a new tag empties the memo first), unless the memo is full
   * and `key` was asked no more often lately than the least recently asked key, which stays. True
   * when the answer is kept.
   */
  set(tag: string | null, key: string, answer: Answer): boolean {
    if (tag === null) return false
    const answers = tag === this.#tag ? this.#answers : this.#emptyFor(tag)
    if (answers.delete(key) || answers.size < this.#max) {
      answers.set(key, answer)
      return true
    }
    const leastRecent = answers.keys().next()
    if (leastRecent.done === true) return false
    if (this.#asked.frequency(key) <= this.#asked.frequency(leastRecent.value)) return false
    answers.delete(leastRecent.value)
    answers.set(key, answer)
    return true
  }

  /** Answers held now: at most the bound. */
  get size(): number {
    return this.#answers.size
  }

  #emptyFor(tag: string): Map<string, Answer> {
    this.#tag = tag
    this.#answers = new Map()
    return this.#answers
  }
}

/**
 * An answer a CatalogueMemo keeps: the text, the ETag it was sent with (the positions read before
 * it was computed) and when it was computed (Date.now()).
 */
export type KeptAnswer<Answer = string> = { answer: Answer; etag: string; at: number }

/**
 * The share of a CatalogueMemo's bound after which a hit under moved positions has its answer
 * computed again in the background (claimRefresh): late enough that an answer is computed again
 * about as often as when it expired (once per bound while asked), early enough that the new one is
 * there before the bound passes.
 */
export const REFRESH_AHEAD = 0.75

/** Where a request's answer may be memoised by a CatalogueMemo: its catalogue tag and ETag, now. */
export type CatalogueScope = { catalogue: string; etag: string; now: number }

/**
 * Answers that depend on the searchable catalogue and, besides, on counters that every rating,
 * favourite or watch moves (popularity, which orders suggestions and searches): kept under the
 * catalogue tag (projection-tags.ts: moves only when a title, person, tag or genre changes, or a
 * rebuild swaps), each for at most `maxAgeMs` after it was computed. A catalogue change empties the
 * memo at once; a rating does not, so an answer's ranking and counters lag the read model by at
 * most `maxAgeMs`. Each answer keeps the ETag it was sent with, the positions it was computed
 * after: a hit sends that ETag, not the current one, so a client's copy is revalidated (304) only
 * while that answer is still kept, hence never across a catalogue change nor past the bound.
 * Entries expire one by one (no cliff where every popular answer is computed again at once); the
 * size bound and the least recently asked first, as AnswerMemo.
 *
 * Refresh ahead: an answer asked again after REFRESH_AHEAD of the bound, with the positions moved
 * since it was computed, is served as kept and its route computes it again in the background
 * (claimRefresh), once at a time per key: an answer asked often never reaches the bound, so with
 * ratings flowing (every answer's ETag moving) its askers do not wait for it to be computed again
 * every `maxAgeMs`; one asked seldom expires as before. The bound is unchanged: an answer served
 * was computed less than `maxAgeMs` before.
 */
export class CatalogueMemo<Answer = string> {
  readonly #max: number
  readonly #maxAgeMs: () => number
  readonly #lookups: MemoLookups | null
  #catalogue = ''
  #answers = new Map<string, KeptAnswer<Answer>>()
  /**
   * Keys being computed again in the background (claimRefresh), of the current catalogue tag, with
   * when each was claimed: a claim older than the bound (a refresh that failed, a key pushed out)
   * no longer holds.
   */
  #refreshing = new Map<string, number>()

  /** `maxAgeMs` is read at each lookup (the app's configuration: a test shortens it to see the bound pass). */
  constructor(max: number, maxAgeMs: () => number, name?: string) {
    this.#max = max
    this.#maxAgeMs = maxAgeMs
    this.#lookups = countedLookups(name)
  }

  get(scope: CatalogueScope | null, key: string): KeptAnswer<Answer> | undefined {
    const lookups = this.#lookups
    if (scope === null) {
      if (lookups !== null) lookups.bypass += 1
      return undefined
    }
    let kept: KeptAnswer<Answer> | undefined
    if (scope.catalogue === this.#catalogue) {
      kept = this.#answers.get(key)
      if (kept !== undefined) {
        this.#answers.delete(key)
        // Older than the bound: gone (computed again by the caller), unless nothing at all moved
        // since it was computed (the same ETag: it is the current answer); else the most recently
        // asked last.
        if (scope.now - kept.at >= this.#maxAgeMs()) {
          if (kept.etag === scope.etag) kept = { ...kept, at: scope.now }
          else kept = undefined
        }
        if (kept !== undefined) this.#answers.set(key, kept)
      }
    }
    if (lookups !== null) {
      if (kept === undefined) lookups.miss += 1
      else lookups.hit += 1
    }
    return kept
  }

  set(scope: CatalogueScope | null, key: string, answer: Answer): void {
    if (scope === null) return
    if (scope.catalogue !== this.#catalogue) {
      this.#catalogue = scope.catalogue
      this.#answers = new Map()
      this.#refreshing = new Map()
    }
    this.#refreshing.delete(key)
    setBounded(this.#answers, key, { answer, etag: scope.etag, at: scope.now }, this.#max)
  }

  /**
   * Whether the route should compute `key` again now, in the background, having just served `kept`
   * (a hit under `scope`): kept for REFRESH_AHEAD of the bound or more, under positions that moved
   * since (the same ETag: it is the current answer), and no refresh of the key claimed within the
   * bound. True claims the refresh: the route then sets the new answer (set, under the scope of the
   * request that claimed it). A refresh that fails keeps its claim, so the answer expires at the
   * bound as it would have without refresh ahead, and an outage costs one failed refresh per text
   * and bound, not one per hit.
   */
  claimRefresh(scope: CatalogueScope, key: string, kept: KeptAnswer<Answer>): boolean {
    if (scope.catalogue !== this.#catalogue || kept.etag === scope.etag) return false
    const maxAgeMs = this.#maxAgeMs()
    if (scope.now - kept.at < maxAgeMs * REFRESH_AHEAD) return false
    const claimed = this.#refreshing.get(key)
    if (claimed !== undefined && scope.now - claimed < maxAgeMs) return false
    // Claims outlive their keys when those are pushed out: dropped all at once at the memo's size.
    if (this.#refreshing.size >= this.#max) this.#refreshing = new Map()
    this.#refreshing.set(key, scope.now)
    return true
  }

  /** Answers held now (expired ones included until asked again or pushed out): at most the bound. */
  get size(): number {
    return this.#answers.size
  }
}

/**
 * The scope to memoise a request's answer in with a CatalogueMemo (its catalogue tag, read by
 * etagFrom with its ETag), or null when it must not be memoised (signed in, X-Consistency-Token).
 */
export function catalogueScope(request: FastifyRequest, reply: FastifyReply): CatalogueScope | null {
  if (request.headers.authorization !== undefined || request.headers['x-consistency-token'] !== undefined)
    return null
  const catalogue = catalogueTagOf(request)
  const etag = reply.getHeader('etag')
  if (catalogue === null || typeof etag !== 'string') return null
  return { catalogue, etag, now: Date.now() }
}

/**
 * Sends a kept answer with the ETag it was first sent with, or 304 when the client holds that one
 * (If-None-Match): the copy it holds is the answer kept.
 */
export function sendKept(request: FastifyRequest, reply: FastifyReply, kept: KeptAnswer): FastifyReply {
  reply.header('etag', kept.etag)
  if (matchesIfNoneMatch(request.headers['if-none-match'], kept.etag)) return reply.code(304).send()
  return sendJson(reply, kept.answer)
}

/** The tag to memoise a request's answer under: its ETag, or null when it must not be memoised. */
export function memoTag(request: FastifyRequest, reply: FastifyReply): string | null {
  if (request.headers.authorization !== undefined || request.headers['x-consistency-token'] !== undefined)
    return null
  const etag = reply.getHeader('etag')
  return typeof etag === 'string' ? etag : null
}

/** Sends JSON text as it is, with no serialisation (the type provider expects an object: hence never). */
export function sendJson(reply: FastifyReply, text: string): FastifyReply {
  return reply.type('application/json; charset=utf-8').send(text as never)
}
