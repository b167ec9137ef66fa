/**
 * Answers kept in memory under the ETag they were sent with: while a route's projections do not move
 * (the tag of projection-tags.ts stays the same), the same request gets the same JSON text without a
 * query or a serialisation. A new tag empties the memo, so nothing outlives the positions it was
 * read at; the size bound only caps memory. At the bound the answer asked least recently goes (a Map
 * keeps its keys in insertion order: a hit moves its key to the end, the first key is the one to
 * drop), so the answers asked again stay. Emptying everything at the bound, as before, dropped the
 * popular answers with the rest, every few seconds under as-you-type traffic. Only for anonymous
 * requests without X-Consistency-Token (those read the registry itself and get answers of their own).
 */
import type { FastifyReply, FastifyRequest } from 'fastify'

/** Lookups of a named memo: answered from memory, not there, or not memoisable (signed in, with a token). */
export type MemoLookups = { hit: number; miss: number; bypass: number }

/**
 * The lookups of every named memo of this process, by name (GET /metrics reads them as
 * nexus_answer_memo_lookups_total; bench:api prints the hit rate of a run from it). Plain counters:
 * an increment per lookup.
 */
export const memoLookups = new Map<string, MemoLookups>()

export class AnswerMemo<Answer = string> {
  readonly #max: number
  readonly #lookups: MemoLookups | null
  #tag = ''
  #answers = new Map<string, Answer>()

  /** With a name, its lookups are counted in memoLookups (one count per get: a memo read once per request). */
  constructor(max = 2_000, name?: string) {
    this.#max = max
    if (name === undefined) {
      this.#lookups = null
    } else {
      this.#lookups = memoLookups.get(name) ?? { hit: 0, miss: 0, bypass: 0 }
      memoLookups.set(name, this.#lookups)
    }
  }

  get(tag: string | null, key: string): Answer | undefined {
    const lookups = this.#lookups
    if (tag === null) {
      if (lookups !== null) lookups.bypass += 1
      return undefined
    }
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

  set(tag: string | null, key: string, answer: Answer): void {
    if (tag === null) return
    if (tag !== this.#tag) {
      this.#tag = tag
      this.#answers = new Map()
    }
    const answers = this.#answers
    answers.delete(key)
    if (answers.size >= this.#max) {
      const leastRecent = answers.keys().next()
      if (leastRecent.done !== true) answers.delete(leastRecent.value)
    }
    answers.set(key, answer)
  }

  /** Answers held now: at most the bound. */
  get size(): number {
    return this.#answers.size
  }
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
