/**
 * The HTTP request duration histogram (`nexus_http_request_duration_seconds` by route pattern,
 * method and status), counted in plain numbers on the request path and turned into prom-client's
 * histogram values only when /metrics is scraped. prom-client's labelled observe builds, validates
 * and hashes the labels on every call: about 5 us a request on the bench machine, a sixth of a
 * cached read's CPU. Here a request finds its series by its route (an object Fastify keeps per
 * route) and its status, then adds to one bucket.
 */
import type { FastifyReply, FastifyRequest } from 'fastify'

type Labels = { route: string; method: string; status: string }
/** One series: counts per bucket (not cumulative; the last one past the highest bound), sum, count. */
type Series = { labels: Labels; counts: number[]; sum: number; count: number }
/** A value as prom-client's registry prints it (Histogram#get's shape). */
type Value = { labels: Record<string, string | number>; value: number; metricName: string }

export class RequestDurations {
  readonly name = 'nexus_http_request_duration_seconds'
  readonly help = 'HTTP request duration by route pattern, method and status code'
  readonly type = 'histogram'
  readonly aggregator = 'sum'
  readonly #bounds: readonly number[]
  /** The series of each matched route (by its config object, one per route and method), by status. */
  readonly #byRoute = new WeakMap<object, Map<number, Series>>()
  /** Requests no route matched, by method then status (the route label is `unmatched`). */
  readonly #unmatched = new Map<string, Map<number, Series>>()
  readonly #all: Series[] = []

  constructor(bounds: readonly number[]) {
    this.#bounds = [...bounds].sort((a, b) => a - b)
  }

  /** Counts a finished request: its route pattern (never the raw URL), method, status and time. */
  observe(request: FastifyRequest, reply: FastifyReply): void {
    const { config } = request.routeOptions
    const seconds = reply.elapsedTime / 1000
    if (config.url !== undefined) this.count(config, config.url, request.method, reply.statusCode, seconds)
    else
      this.#addTo(this.#unmatchedOf(request.method), 'unmatched', request.method, reply.statusCode, seconds)
  }

  /**
   * Counts a request of the route whose config object is `config` (its series key) and whose
   * pattern is `pattern`: for answers sent outside Fastify's hooks (src/http/early-hits.ts).
   */
  count(config: object, pattern: string, method: string, status: number, seconds: number): void {
    let byStatus = this.#byRoute.get(config)
    if (byStatus === undefined) {
      byStatus = new Map()
      this.#byRoute.set(config, byStatus)
    }
    this.#addTo(byStatus, pattern, method, status, seconds)
  }

  #unmatchedOf(method: string): Map<number, Series> {
    let byStatus = this.#unmatched.get(method)
    if (byStatus === undefined) {
      byStatus = new Map()
      this.#unmatched.set(method, byStatus)
    }
    return byStatus
  }

  #addTo(
    byStatus: Map<number, Series>,
    route: string,
    method: string,
    status: number,
    seconds: number,
  ): void {
    let series = byStatus.get(status)
    if (series === undefined) {
      series = {
        labels: { route, method, status: String(status) },
        counts: new Array<number>(this.#bounds.length + 1).fill(0),
        sum: 0,
        count: 0,
      }
      byStatus.set(status, series)
      this.#all.push(series)
    }
    const bounds = this.#bounds
    let bucket = 0
    while (bucket < bounds.length && seconds > (bounds[bucket] as number)) bucket++
    series.counts[bucket] = (series.counts[bucket] ?? 0) + 1
    series.sum += seconds
    series.count += 1
  }

  /**
   * The histogram as prom-client's Histogram#get answers it: cumulative buckets (`le` first, as
   * prom-client prints it), +Inf, sum, count.
   */
  async get(): Promise<{ name: string; help: string; type: string; aggregator: string; values: Value[] }> {
    const values: Value[] = []
    const bucketName = `${this.name}_bucket`
    for (const series of this.#all) {
      let cumulative = 0
      for (const [index, bound] of this.#bounds.entries()) {
        cumulative += series.counts[index] ?? 0
        values.push({ labels: { le: bound, ...series.labels }, value: cumulative, metricName: bucketName })
      }
      values.push(
        { labels: { le: '+Inf', ...series.labels }, value: series.count, metricName: bucketName },
        { labels: series.labels, value: series.sum, metricName: `${this.name}_sum` },
        { labels: series.labels, value: series.count, metricName: `${this.name}_count` },
      )
    }
    return { name: this.name, help: this.help, type: this.type, aggregator: this.aggregator, values }
  }
}
