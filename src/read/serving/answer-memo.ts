/**
 * Answers kept in memory under the ETag they were sent with: while a route's projections do not move
 * (the tag of projection-tags.ts stays the same), the same request gets the same JSON text without a
 * query or a serialisation. A new tag empties the memo, so nothing outlives the positions it was
 * read at; the size bound only caps memory. Only for anonymous requests without X-Consistency-Token
 * (those read the registry itself and get answers of their own).
 */
import type { FastifyReply, FastifyRequest } from 'fastify'

export class AnswerMemo<Answer = string> {
  readonly #max: number
  #tag = ''
  #answers = new Map<string, Answer>()

  constructor(max = 2_000) {
    this.#max = max
  }

  get(tag: string | null, key: string): Answer | undefined {
    if (tag === null || tag !== this.#tag) return undefined
    return this.#answers.get(key)
  }

  set(tag: string | null, key: string, answer: Answer): void {
    if (tag === null) return
    if (tag !== this.#tag || this.#answers.size >= this.#max) {
      this.#tag = tag
      this.#answers = new Map()
    }
    this.#answers.set(key, answer)
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
