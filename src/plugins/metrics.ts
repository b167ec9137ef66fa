/**
 * GET /metrics in the Prometheus text format: process metrics, an HTTP request duration histogram,
 * and projection lag gauges read from the registry at scrape time. Not under /api/v1 and not behind
 * user auth: expose it on the internal network only (METRICS_TOKEN adds a bearer check).
 */
import { createHash, timingSafeEqual } from 'node:crypto'
import fp from 'fastify-plugin'
import { Counter, collectDefaultMetrics, Gauge, type Metric, Registry } from 'prom-client'
import { AppError } from '../errors.ts'
import { projectionStatus } from '../projector/status.ts'
import { suggestionIndexOf } from '../read/search/suggestion-index.ts'
import { memoLookups } from '../read/serving/answer-memo.ts'
import { RequestDurations } from './request-durations.ts'

declare module 'fastify' {
  interface FastifyInstance {
    metrics: Registry
  }
}

const digest = (value: string) => createHash('sha256').update(value).digest()

export default fp(
  async (app) => {
    // One registry per app instance (not prom-client's global one): tests build many apps per process.
    const registry = new Registry()
    collectDefaultMetrics({ register: registry })

    const requestDurations = new RequestDurations([0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10])
    // Not a prom-client Histogram: counted in plain numbers, printed by the registry like one
    // (request-durations.ts answers Histogram#get's shape).
    registry.registerMetric(requestDurations as unknown as Metric)
    const generationLabels = ['projection', 'generation', 'state'] as const
    const lagEvents = new Gauge({
      name: 'nexus_projection_lag_events',
      help: 'Events between a projection generation checkpoint and the head of the log (PostgreSQL store only)',
      labelNames: generationLabels,
      registers: [registry],
    })
    const lagSeconds = new Gauge({
      name: 'nexus_projection_lag_seconds',
      help: 'Age of the oldest event a projection generation has not applied yet; 0 when caught up',
      labelNames: generationLabels,
      registers: [registry],
    })
    const eventsApplied = new Gauge({
      name: 'nexus_projection_events_applied_total',
      help: 'Events a projection generation has applied since it was created (restarts with each generation)',
      labelNames: generationLabels,
      registers: [registry],
    })
    const stopped = new Gauge({
      name: 'nexus_projection_stopped',
      help: '1 while the active generation of a projection is stopped on a poison event',
      labelNames: ['projection'] as const,
      registers: [registry],
    })
    const statusUp = new Gauge({
      name: 'nexus_projection_status_up',
      help: '1 when the projection gauges of this scrape could be read, 0 when the registry did not answer',
      registers: [registry],
    })

    // The answer memos' lookups (src/read/serving/answer-memo.ts), counted in plain integers on the
    // request path and copied into the registry only when scraped.
    new Counter({
      name: 'nexus_answer_memo_lookups_total',
      help: 'Answer memo lookups by memo and result (hit, miss, bypass: signed in or with a consistency token)',
      labelNames: ['memo', 'result'] as const,
      registers: [registry],
      collect() {
        this.reset()
        for (const [memo, lookups] of memoLookups) {
          for (const result of ['hit', 'miss', 'bypass'] as const) {
            this.inc({ memo, result }, lookups[result])
          }
        }
      },
    })

    // The suggestions copy in memory (src/read/search/suggestion-index.ts): what it holds, how it
    // was read, and how many suggestions it answered against the statement.
    new Gauge({
      name: 'nexus_suggestion_copy_titles',
      help: 'Titles the suggestions copy in memory holds (0: none read yet, too large, or off)',
      registers: [registry],
      collect() {
        this.set(suggestionIndexOf(app)?.snapshot?.data.movies.length ?? 0)
      },
    })
    new Gauge({
      name: 'nexus_suggestion_copy_age_seconds',
      help: 'Seconds since the positions the suggestions copy was read after (absent without a copy)',
      registers: [registry],
      collect() {
        this.reset()
        const snapshot = suggestionIndexOf(app)?.snapshot
        if (snapshot) this.set((Date.now() - snapshot.scope.now) / 1000)
      },
    })
    countsByLabel(
      'nexus_suggestion_copy_reads_total',
      'Reads of the suggestions copy by outcome (whole, order: popularity only, too_large, failed)',
      'outcome',
      () => {
        const reads = suggestionIndexOf(app)?.reads
        return (
          reads && { whole: reads.whole, order: reads.order, too_large: reads.tooLarge, failed: reads.failed }
        )
      },
    )
    countsByLabel(
      'nexus_suggestion_answers_total',
      'Suggestions computed (answer memo misses) by source: the copy in memory or the statement',
      'source',
      () => suggestionIndexOf(app)?.answers,
    )

    countsByLabel(
      'nexus_early_hits_total',
      'Memoised answers sent before routing (src/http/early-hits.ts), by route pattern',
      'route',
      () => app.earlyHits?.answered,
    )
    countsByLabel(
      'nexus_early_misses_total',
      'Memo misses read and sent before routing (src/http/early-hits.ts: the movie detail), by route pattern',
      'route',
      () => app.earlyHits?.fetched,
    )

    /** A counter of plain counts kept elsewhere, one series per key, copied in when scraped. */
    function countsByLabel(
      name: string,
      help: string,
      label: string,
      counts: () => Readonly<Record<string, number>> | undefined,
    ): void {
      new Counter({
        name,
        help,
        labelNames: [label],
        registers: [registry],
        collect() {
          this.reset()
          for (const [value, count] of Object.entries(counts() ?? {})) this.inc({ [label]: value }, count)
        },
      })
    }

    async function collectProjections(): Promise<void> {
      for (const gauge of [lagEvents, lagSeconds, eventsApplied, stopped]) gauge.reset()
      try {
        const report = await projectionStatus(app.db, app.eventStore, app.registered)
        for (const projection of report.projections) {
          let isStopped = false
          for (const g of projection.generations) {
            const labels = { projection: projection.name, generation: String(g.generation), state: g.state }
            if (g.lag.events !== null) lagEvents.set(labels, g.lag.events)
            lagSeconds.set(labels, g.lag.seconds)
            eventsApplied.set(labels, g.eventsApplied)
            if (g.active && g.state === 'stopped') isStopped = true
          }
          stopped.set({ projection: projection.name }, isStopped ? 1 : 0)
        }
        statusUp.set(1)
      } catch (error) {
        app.log.warn({ err: error }, 'cannot read projection status for /metrics')
        statusUp.set(0)
      }
    }

    app.decorate('metrics', registry)
    // A callback hook (an async one costs a promise and a tick per request).
    app.addHook('onResponse', (request, reply, done) => {
      requestDurations.observe(request, reply)
      done()
    })
    // Memo hits answered before routing (src/http/early-hits.ts) are counted under their route too.
    app.earlyHits?.observeWith((config, pattern, method, status, seconds) =>
      requestDurations.count(config, pattern, method, status, seconds),
    )

    const token = app.config.metricsToken
    const expected = token === null ? null : digest(`Bearer ${token}`)
    app.get(
      '/metrics',
      {
        // For Prometheus, not for API clients: left out of the OpenAPI document.
        schema: { hide: true },
        onRequest: async (request) => {
          if (expected === null) return
          const given = digest(request.headers.authorization ?? '')
          if (!timingSafeEqual(given, expected)) {
            throw new AppError(401, 'UNAUTHENTICATED', 'a valid metrics bearer token is required')
          }
        },
      },
      async (_request, reply) => {
        await collectProjections()
        return reply.type(registry.contentType).send(await registry.metrics())
      },
    )
  },
  { name: 'metrics', dependencies: ['config', 'database', 'event-store'] },
)
