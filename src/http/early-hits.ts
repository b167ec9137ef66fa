/**
 * Early hits: memoised anonymous answers sent as the request arrives, before Fastify routes it and
 * runs its hooks. A route whose answer memo (src/read/serving/answer-memo.ts) answered or stored
 * an anonymous GET remembers that URL here, with a lookup into its own memo. The next request for
 * the exact same URL is answered here if the lookup still finds an answer, which means the
 * positions have not moved and, for trending, the hour has not changed. That is the answer the
 * route would send from its memo, with the same headers in the same order. Everything else
 * goes to Fastify as before.
 *
 * This path still does the per-request work the API promises for every answer:
 * - the request id (the client's sane X-Request-Id, else a new UUID; src/http/request-id.ts);
 * - the security headers, and HSTS over HTTPS;
 * - with CORS_ORIGINS set, the headers @fastify/cors adds to a GET (Vary, the allowed origin, the
 *   exposed headers), as src/plugins/security-headers.ts works them out for it;
 * - the general rate limit, with its three headers. It uses the same counter and client key as
 *   src/plugins/rate-limit.ts. A request over the limit, or counted while Redis fails, goes on to
 *   Fastify with its count attached, and the general limit there answers it without counting it
 *   again;
 * - the request duration histogram, under the route's pattern;
 * - the access line at LOG_LEVEL=info.
 *
 * What it skips is the work a memoised URL has already passed or does not need: routing,
 * Fastify's request and reply objects, the request's child logger, the hook chain, and query
 * validation (the URL is exactly one the route answered). On a 2-core bench machine that pipeline
 * was about a third of a trending memo hit's CPU (docs/benchmarks.md, session 17).
 *
 * Early misses: the movie detail goes further (serve: an id route). From its first anonymous answer
 * on, every anonymous GET of `/api/v1/movies/<id>` with a lowercase canonical id is answered here:
 * from the memo, or read in the route's own batch statement (MovieDetailBatch) and offered to the
 * memo, as the route does on a miss. An unknown or removed movie, no positions yet, or a failed read
 * go to the route, which answers them (404, 503) as always. A uniform scan of the catalogue is 80%
 * misses; answered here instead of through Fastify, a request cost 63 against 80 us of CPU
 * (docs/benchmarks.md, session 18).
 *
 * Fastify answers instead when the request has a bearer token, X-Consistency-Token or
 * If-None-Match (a 304 is worked out there). It also answers any method but GET (a CORS preflight
 * included) and everything while the server closes (503).
 */
import http, { type IncomingMessage, type RequestListener, type Server, type ServerResponse } from 'node:http'
import proxyAddr from '@fastify/proxy-addr'
import type { FastifyServerOptions } from 'fastify'
import { clientIpKeyOf } from './client-ip-key.ts'
import { requestIdOf } from './request-id.ts'

/**
 * A memoised answer as the route sends it: its own headers (flat name, value pairs), the JSON text
 * and its Content-Length (worked out once, when the answer is kept: earlyAnswer).
 */
export type EarlyAnswer = {
  readonly headers: readonly string[]
  readonly body: string
  readonly length: string
}

/** An answer to keep for early hits: the route's own headers, in its order, and the JSON text. */
export function earlyAnswer(headers: readonly string[], body: string): EarlyAnswer {
  return { headers, body, length: String(Buffer.byteLength(body)) }
}

/** A route's part: its config object (the histogram's series key) and the lookup into its memo. */
export type EarlyRoute = {
  /** The route's `request.routeOptions.config`: the request histogram counts under its pattern. */
  readonly config: object
  readonly pattern: string
}

/** A general-limit count as src/plugins/rate-limit.ts takes it. */
export type LimitCount = { error: Error | null; counted?: { current: number; ttl: number } | undefined }

/** The general limit as src/plugins/rate-limit.ts counts it, lent to the early path. */
export type EarlyLimit = {
  /** Takes the count of `key`, calling back (in this tick when a lease holds counts). */
  count(
    key: string,
    callback: (error: Error | null, counted?: { current: number; ttl: number }) => void,
  ): void
  /** The limit's maximum, as RateLimit-Limit says it. */
  max: number
}

/** One request of a route for the duration histogram (src/plugins/request-durations.ts). */
export type EarlyObserve = (
  config: object,
  pattern: string,
  method: string,
  status: number,
  seconds: number,
) => void

/** The headers every JSON answer carries before the route's own, lent by src/plugins/security-headers.ts. */
export type EarlyHeaders = {
  /** The security headers, flat, over plain HTTP and over HTTPS. */
  security: { readonly http: readonly string[]; readonly https: readonly string[] }
  /**
   * With CORS_ORIGINS set, the headers @fastify/cors adds to a GET from this Origin (none sent:
   * undefined), in its order; null without CORS.
   */
  cors: ((origin: string | undefined) => readonly string[]) | null
}

/** What the app gives the early path once its plugins are registered (src/app.ts). */
export type EarlyStart = {
  /** The access line (src/http/access-log.ts), when LOG_LEVEL lets it through. */
  accessLog:
    | ((line: {
        reqId: string
        method: string
        url: string
        statusCode: number
        responseTime: number
      }) => void)
    | null
  /** Logs a fault of the early path (the request is then answered by Fastify). */
  onError(error: unknown): void
}

type Pipeline = EarlyStart & {
  headers: EarlyHeaders
  limit: EarlyLimit
  limitText: string
  observe: EarlyObserve
}

/** A route's lookup into its memo for a URL it answered: the answer while it holds, else undefined. */
export type EarlyLookup = (url: string) => EarlyAnswer | undefined

/**
 * A route all of whose anonymous GETs of one id are answered here (the movie detail): a URL of the
 * route's pattern with one canonical id in place of its parameter. From the memo when `lookup`
 * finds it, else `fetch` reads it (a memo miss, read in the route's own batch). `accepts` must be
 * as strict as the route's validation or stricter: an id it refuses goes to the route.
 */
export type EarlyIdRoute = {
  readonly lookup: EarlyLookup
  accepts(id: string): boolean
  /** The answer read now, or undefined when the route should answer (no such id, no tag yet). */
  fetch(url: string, id: string): Promise<EarlyAnswer | undefined>
}

type Remembered = {
  route: EarlyRoute
  lookup: EarlyLookup
  /** An id route's: what a miss reads, the id after `prefix`. */
  fetch?: (url: string, id: string) => Promise<EarlyAnswer | undefined>
  prefix?: string
}

/** A registered id route: its URLs start with `prefix`, the rest is the id. */
type IdRoute = Remembered & Required<Pick<Remembered, 'fetch' | 'prefix'>> & Pick<EarlyIdRoute, 'accepts'>

/** What remember reads of a Fastify request. */
type AnsweredRequest = {
  method: string
  url: string
  headers: IncomingMessage['headers']
  routeOptions: { config: object; url?: string | undefined }
}

/** Where a count taken here travels to the general limit, when Fastify answers after all. */
const TAKEN = Symbol('nexus.earlyLimitCount')
type WithCount = IncomingMessage & { [TAKEN]?: LimitCount }

/** The count the early path took for this request, if it handed the request on to Fastify. */
export function countTakenEarly(raw: IncomingMessage): LimitCount | undefined {
  return (raw as WithCount)[TAKEN]
}

const JSON_TYPE = 'application/json; charset=utf-8'

/** URLs remembered at most (each with its route's lookup); past it, the oldest go. */
export const EARLY_URLS_MAX = 20_000

export class EarlyHits {
  readonly #urls = new Map<string, Remembered>()
  readonly #idRoutes: IdRoute[] = []
  readonly #trust: (address: string, hop: number) => boolean
  readonly #trustsProxies: boolean
  #pipeline: Pipeline | null = null
  #headers: EarlyHeaders | null = null
  #limit: EarlyLimit | null = null
  #observe: EarlyObserve | null = null
  #open = true
  /** Answers sent here since start, by route pattern (GET /metrics: nexus_early_hits_total). */
  readonly answered: Record<string, number> = {}
  /** Memo misses of id routes read and sent here, by route pattern (nexus_early_misses_total). */
  readonly fetched: Record<string, number> = {}

  constructor(trustProxyHops: number) {
    this.#trustsProxies = trustProxyHops > 0
    this.#trust = (_address, hop) => hop < trustProxyHops
  }

  /** The security and CORS headers (src/plugins/security-headers.ts lends them). */
  headersWith(headers: EarlyHeaders): void {
    this.#headers = headers
  }

  /** The general limit (src/plugins/rate-limit.ts lends it). */
  limitWith(limit: EarlyLimit): void {
    this.#limit = limit
  }

  /** The request histogram (src/plugins/metrics.ts lends it). */
  observeWith(observe: EarlyObserve): void {
    this.#observe = observe
  }

  /**
   * Called once the app is ready: until then, and for good without the limit or the histogram,
   * every request goes to Fastify.
   */
  start(start: EarlyStart): void {
    const headers = this.#headers
    const limit = this.#limit
    const observe = this.#observe
    if (headers === null || limit === null || observe === null) return
    this.#pipeline = { ...start, headers, limit, limitText: String(limit.max), observe }
  }

  /** The server is closing: Fastify answers from now on (503 for new requests). */
  close(): void {
    this.#open = false
  }

  /**
   * Remembers the URL of a request the route just answered from, or stored in, its memo, with the
   * route's lookup that finds the answer again: the oldest dropped past the bound. Only anonymous
   * GETs without X-Consistency-Token: the requests the early path answers.
   */
  remember(request: AnsweredRequest, lookup: EarlyLookup): void {
    if (this.#pipeline === null || !this.#open || request.method !== 'GET') return
    const urls = this.#urls
    const url = request.url
    if (urls.has(url)) return
    const { headers, routeOptions } = request
    if (headers.authorization !== undefined || headers['x-consistency-token'] !== undefined) return
    if (routeOptions.url === undefined) return
    if (urls.size >= EARLY_URLS_MAX) {
      const oldest = urls.keys().next()
      if (oldest.done !== true) urls.delete(oldest.value)
    }
    urls.set(url, { route: { config: routeOptions.config, pattern: routeOptions.url }, lookup })
  }

  /**
   * Answers every anonymous GET of the request's route here from now on, memoised or not (the
   * route's pattern ends with its one parameter: `/api/v1/movies/:id`), as `route` finds or reads
   * it. Called by the route as it answers an anonymous request; once per pattern counts.
   */
  serve(request: AnsweredRequest, route: EarlyIdRoute): void {
    if (this.#pipeline === null || !this.#open) return
    const { config, url: pattern } = request.routeOptions
    if (pattern === undefined || this.#idRoutes.some((known) => known.route.pattern === pattern)) return
    const parameter = pattern.lastIndexOf('/:') + 1
    // One parameter, the last segment: the rest of the URL after the prefix is the id.
    if (parameter === 0 || pattern.indexOf(':') !== parameter || pattern.includes('/', parameter)) return
    this.#idRoutes.push({
      route: { config, pattern },
      lookup: route.lookup,
      accepts: (id) => route.accepts(id),
      fetch: (url, id) => route.fetch(url, id),
      prefix: pattern.slice(0, parameter),
    })
  }

  /** The id route whose URL this is, if any: its prefix, then an id it accepts (no query string). */
  #idRouteOf(url: string): IdRoute | undefined {
    for (const route of this.#idRoutes) {
      if (!url.startsWith(route.prefix)) continue
      const id = url.slice(route.prefix.length)
      if (route.accepts(id)) return route
    }
    return undefined
  }

  /**
   * Fastify's serverFactory: an HTTP server as Fastify would make it, whose requests come here
   * first. Fastify's own server settings (keep-alive, request and connection timeouts) are applied.
   */
  readonly serverFactory = (handler: RequestListener, options: FastifyServerOptions): Server => {
    const server = http.createServer((request, response) => {
      if (!this.#answer(request, response, handler)) handler(request, response)
    })
    if (options.keepAliveTimeout !== undefined) server.keepAliveTimeout = options.keepAliveTimeout
    if (options.requestTimeout !== undefined) server.requestTimeout = options.requestTimeout
    if (options.connectionTimeout !== undefined) server.setTimeout(options.connectionTimeout)
    if (options.maxRequestsPerSocket !== undefined && options.maxRequestsPerSocket > 0)
      server.maxRequestsPerSocket = options.maxRequestsPerSocket
    return server
  }

  /** Answers the request here when it can (true), or leaves it to Fastify untouched (false). */
  #answer(request: IncomingMessage, response: ServerResponse, handler: RequestListener): boolean {
    const pipeline = this.#pipeline
    if (pipeline === null || !this.#open || request.method !== 'GET') return false
    const url = request.url
    if (url === undefined) return false
    const remembered = this.#urls.get(url) ?? this.#idRouteOf(url)
    if (remembered === undefined) return false
    const headers = request.headers
    if (
      headers.authorization !== undefined ||
      headers['x-consistency-token'] !== undefined ||
      headers['if-none-match'] !== undefined
    )
      return false
    let answer: EarlyAnswer | undefined
    try {
      answer = remembered.lookup(url)
    } catch (error) {
      // A fault here never fails the request: the route answers it.
      pipeline.onError(error)
      answer = undefined
    }
    const found = answer
    const fetch = remembered.fetch
    if (found === undefined && fetch === undefined) {
      // Gone from the memo (positions moved, pushed out): the route remembers it again once memoised.
      this.#urls.delete(url)
      return false
    }
    const started = performance.now()
    /** Fastify answers after all, with the count taken here. */
    const toRoute = (error: Error | null, counted?: { current: number; ttl: number }): void => {
      ;(request as WithCount)[TAKEN] = { error, counted }
      handler(request, response)
    }
    const send = (error: Error | null, counted?: { current: number; ttl: number }): void => {
      // Over the limit, or not counted (Redis failing): Fastify's general limit answers, with this count.
      if (error !== null || counted === undefined || counted.current > pipeline.limit.max) {
        toRoute(error, counted)
        return
      }
      if (found !== undefined) {
        this.#deliver(
          request,
          response,
          handler,
          remembered,
          found,
          pipeline,
          counted,
          started,
          this.answered,
        )
        return
      }
      // A memo miss of an id route: read now (in the route's batch), sent as it comes. No answer
      // (no such id, no positions yet) or a failed read: the route answers, and says what failed.
      const id = url.slice((remembered.prefix as string).length)
      ;(fetch as NonNullable<Remembered['fetch']>)(url, id)
        .then(
          (fetched) => {
            if (fetched === undefined) toRoute(null, counted)
            else if (!response.destroyed)
              this.#deliver(
                request,
                response,
                handler,
                remembered,
                fetched,
                pipeline,
                counted,
                started,
                this.fetched,
              )
          },
          () => toRoute(null, counted),
        )
        .catch((fault: unknown) => {
          // Handing over failed (nothing here throws by design): never an unhandled rejection.
          pipeline.onError(fault)
          if (!response.headersSent) response.destroy()
        })
    }
    let key: string
    try {
      key = this.#clientKey(request)
    } catch (error) {
      pipeline.onError(error)
      return false
    }
    pipeline.limit.count(key, send)
    return true
  }

  /**
   * Sends `answer` and counts it in `sent` (answered or fetched) under the route's pattern; a fault
   * before anything went out hands the request to the route, with its count.
   */
  #deliver(
    request: IncomingMessage,
    response: ServerResponse,
    handler: RequestListener,
    remembered: Remembered,
    answer: EarlyAnswer,
    pipeline: Pipeline,
    counted: { current: number; ttl: number },
    started: number,
    sent: Record<string, number>,
  ): void {
    try {
      this.#send(request, response, remembered, answer, pipeline, counted, started)
      const pattern = remembered.route.pattern
      sent[pattern] = (sent[pattern] ?? 0) + 1
    } catch (fault) {
      // Nothing went out: the route answers, with this count. Otherwise the connection ends.
      pipeline.onError(fault)
      if (response.headersSent) {
        response.destroy()
        return
      }
      ;(request as WithCount)[TAKEN] = { error: null, counted }
      handler(request, response)
    }
  }

  /** The early answer: the route's status, headers in its order, and body; then the histogram and the access line. */
  #send(
    request: IncomingMessage,
    response: ServerResponse,
    remembered: Remembered,
    answer: EarlyAnswer,
    pipeline: Pipeline,
    counted: { current: number; ttl: number },
    started: number,
  ): void {
    const max = pipeline.limit.max
    const url = request.url as string
    const id = requestIdOf(request.headers['x-request-id'])
    const { security, cors } = pipeline.headers
    const secured = this.#https(request) ? security.https : security.http
    const own = answer.headers
    const out: string[] = ['x-request-id', id]
    for (let i = 0; i < secured.length; i++) out.push(secured[i] as string)
    if (cors !== null) {
      const origin = request.headers.origin
      for (const value of cors(typeof origin === 'string' ? origin : undefined)) out.push(value)
    }
    out.push(
      'ratelimit-limit',
      pipeline.limitText,
      'ratelimit-remaining',
      String(max - counted.current),
      'ratelimit-reset',
      String(Math.ceil(counted.ttl / 1000)),
    )
    for (let i = 0; i < own.length; i++) out.push(own[i] as string)
    out.push('content-type', JSON_TYPE, 'content-length', answer.length)
    response.writeHead(200, out)
    response.end(answer.body)
    const pattern = remembered.route.pattern
    const seconds = (performance.now() - started) / 1000
    pipeline.observe(remembered.route.config, pattern, 'GET', 200, seconds)
    pipeline.accessLog?.({ reqId: id, method: 'GET', url, statusCode: 200, responseTime: seconds * 1000 })
  }

  /** The general limit's anonymous key, as clientIpKey computes it from request.ip. */
  #clientKey(request: IncomingMessage): string {
    const ip = this.#trustsProxies
      ? (proxyAddr.all(request, this.#trust).at(-1) ?? '')
      : (request.socket.remoteAddress ?? '')
    return clientIpKeyOf(ip)
  }

  /** HTTPS as Fastify's request.protocol tells it: a trusted proxy's X-Forwarded-Proto, else the socket. */
  #https(request: IncomingMessage): boolean {
    const forwarded = request.headers['x-forwarded-proto']
    const socket = request.socket
    if (typeof forwarded === 'string' && forwarded !== '' && this.#trust(socket.remoteAddress ?? '', 0)) {
      const last = forwarded.lastIndexOf(',')
      return (last === -1 ? forwarded.trim() : forwarded.slice(last + 1).trim()) === 'https'
    }
    return (socket as { encrypted?: boolean }).encrypted === true
  }
}
