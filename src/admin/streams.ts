/**
 * The stream browser: the full history of one stream (a movie, user, comment, interaction or job)
 * from GET /api/v1/admin/streams/:stream, and its state as of any revision, folded with the
 * aggregate's own evolve (stream-state.ts).
 */
import type { FastifyInstance } from 'fastify'
import { apiError, callApi, formOf, sessionOf } from './session.ts'
import { stateAt, streamKind } from './stream-state.ts'

type StreamEvent = {
  position: string
  id: string
  type: string
  revision: number
  createdAt: string
  data: unknown
  metadata: Record<string, unknown>
}

/** Pages of 1,000 events: a history longer than this is cut, and the page says so. */
const MAX_PAGES = 10
const KINDS = ['movie', 'user', 'comment', 'interaction', 'job']
const STREAM = /^[a-z]+(-[A-Za-z0-9_]+)+$/

/** JSON for people: sets and maps as arrays and objects, big integers as strings. */
export function pretty(value: unknown): string {
  return JSON.stringify(
    value,
    (_key, inner: unknown) => {
      if (inner instanceof Set) return [...inner]
      if (inner instanceof Map) return Object.fromEntries(inner)
      if (typeof inner === 'bigint') return inner.toString()
      return inner
    },
    2,
  )
}

export async function streamPages(app: FastifyInstance): Promise<void> {
  app.get('/admin/streams', async (request, reply) => {
    const query = formOf(request.query)
    const base = { session: sessionOf(request), nav: 'streams', kinds: KINDS, pretty }
    if (query.kind && query.id && !query.stream) {
      const stream = `${query.kind}-${query.id.trim()}`
      return reply.redirect(`/admin/streams?${new URLSearchParams({ stream })}`, 303)
    }
    const stream = (query.stream ?? '').trim()
    if (stream === '') {
      return reply.view('streams', { ...base, stream, events: [], at: null, state: null, error: null })
    }
    if (!STREAM.test(stream)) {
      return reply.code(400).view('streams', {
        ...base,
        stream,
        events: [],
        at: null,
        state: null,
        error: 'a stream name is a kind and an id: movie-<id>, user-<id>, comment-<id>, ...',
      })
    }
    const events: StreamEvent[] = []
    let more = true
    let failure: string | null = null
    let status = 200
    for (let page = 0; more && page < MAX_PAGES; page++) {
      const answer = await callApi(app, request, {
        url: `/api/v1/admin/streams/${encodeURIComponent(stream)}?from=${events.length}`,
      })
      if (answer.status !== 200) {
        failure = apiError(answer).message
        status = answer.status
        break
      }
      const body = answer.body as { events: StreamEvent[]; more: boolean }
      events.push(...body.events)
      more = body.more
    }
    const last = events.at(-1)?.revision ?? -1
    const asked = Number(query.at)
    const at = query.at !== undefined && Number.isInteger(asked) && asked >= 0 && asked <= last ? asked : last
    let state: string | null = null
    let stateError: string | null = null
    if (events.length > 0 && streamKind(stream) !== null) {
      try {
        state = pretty(stateAt(stream, events, at))
      } catch (error) {
        stateError = (error as Error).message
      }
    }
    return reply.code(status).view('streams', {
      ...base,
      stream,
      kind: streamKind(stream),
      events,
      at,
      state,
      stateError,
      cut: more,
      error: failure,
    })
  })
}
