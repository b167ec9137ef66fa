/**
 * Operations: projections (status, lag, rebuild with live progress, skip a poison event), the
 * recommender's last evaluation, and TMDb imports (list, start, progress). Reads
 * GET /api/v1/admin/projections, /admin/recommender, /admin/imports[/:id]; writes
 * POST /api/v1/admin/projections/:name/rebuild|skip and POST /api/v1/admin/imports. The live parts
 * are htmx fragments the page polls.
 */
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify'
import { type ApiAnswer, apiError, callApi, formOf, sessionOf, writeError } from './session.ts'

type Generation = {
  generation: number
  state: string
  active: boolean
  checkpoint: string
  eventsApplied: number
  lag: { events: number | null; seconds: number }
  error: { eventId: string; type: string; position: string; message: string } | null
}
type Status = {
  head: string
  checkedAt: string
  projections: { name: string; kind: string; activeGeneration: number | null; generations: Generation[] }[]
}

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i
const POSITION = /^[0-9a-f]{32}$/

/** The log's sequence in a position (its low 64 bits): progress in events on PostgreSQL. */
const sequenceOf = (position: string) => Number(BigInt(`0x${position.slice(16) || '0'}`))

/** How far a generation is through the log, 0-100, when the store can tell (lag in events). */
export function percentDone(head: string, generation: Pick<Generation, 'lag'>): number | null {
  if (generation.lag.events === null) return null
  const total = sequenceOf(head)
  if (total <= 0) return 100
  return Math.max(0, Math.min(100, Math.floor(((total - generation.lag.events) / total) * 100)))
}

export async function operationPages(app: FastifyInstance): Promise<void> {
  const base = (request: FastifyRequest, nav: string) => ({ session: sessionOf(request), nav })

  async function projectionsView(request: FastifyRequest) {
    const answer = await callApi(app, request, { url: '/api/v1/admin/projections' })
    const status = answer.status === 200 ? (answer.body as Status) : null
    const rows = (status?.projections ?? []).flatMap((projection) =>
      projection.generations.map((generation) => ({
        name: projection.name,
        kind: projection.kind,
        ...generation,
        percent: percentDone(status?.head ?? '', generation),
      })),
    )
    return {
      answer,
      status,
      rows,
      rebuilding: rows.some((row) => row.state === 'building'),
      error: status ? null : apiError(answer).message,
    }
  }

  app.get('/admin/projections', async (request, reply) => {
    const view = await projectionsView(request)
    const query = formOf(request.query)
    return reply.code(view.answer.status).view('projections', {
      ...base(request, 'projections'),
      ...view,
      notice: query.notice ?? null,
      failure: null,
    })
  })

  // The table alone, polled by the page: every second while a rebuild runs, else every five.
  app.get('/admin/projections/table', async (request, reply) => {
    const view = await projectionsView(request)
    return reply.code(view.answer.status).view('projections-table', { ...view })
  })

  async function projectionCommand(
    request: FastifyRequest,
    reply: FastifyReply,
    answer: ApiAnswer,
    notice: string,
  ) {
    if (answer.status >= 200 && answer.status < 300) {
      return reply.redirect(`/admin/projections?notice=${encodeURIComponent(notice)}`, 303)
    }
    const view = await projectionsView(request)
    return reply.code(answer.status).view('projections', {
      ...base(request, 'projections'),
      ...view,
      notice: null,
      failure: writeError(answer),
    })
  }

  app.post('/admin/projections/:name/rebuild', async (request, reply) => {
    const { name } = request.params as { name: string }
    const answer = await callApi(app, request, {
      method: 'POST',
      url: `/api/v1/admin/projections/${encodeURIComponent(name)}/rebuild`,
    })
    const generation = (answer.body as { generation?: number } | null)?.generation
    return projectionCommand(request, reply, answer, `Rebuilding ${name} into generation ${generation}`)
  })

  app.post('/admin/projections/:name/skip', async (request, reply) => {
    const { name } = request.params as { name: string }
    const form = formOf(request.body)
    const answer = await callApi(app, request, {
      method: 'POST',
      url: `/api/v1/admin/projections/${encodeURIComponent(name)}/skip`,
      body: { position: form.position ?? '' },
    })
    return projectionCommand(request, reply, answer, `${name} moved past ${form.position}`)
  })

  app.get('/admin/recommender', async (request, reply) => {
    const answer = await callApi(app, request, { url: '/api/v1/admin/recommender' })
    return reply.code(answer.status).view('recommender', {
      ...base(request, 'recommender'),
      status: answer.status === 200 ? answer.body : null,
      error: answer.status === 200 ? null : apiError(answer).message,
    })
  })

  app.get('/admin/imports', async (request, reply) => {
    const answer = await callApi(app, request, { url: '/api/v1/admin/imports?limit=50' })
    return reply.code(answer.status).view('imports', {
      ...base(request, 'imports'),
      jobs: (answer.body as { items?: unknown[] } | null)?.items ?? [],
      error: answer.status === 200 ? null : apiError(answer),
      form: {},
    })
  })

  app.post('/admin/imports', async (request, reply) => {
    const form = formOf(request.body)
    const body =
      form.kind === 'movie'
        ? {
            source: 'tmdb',
            kind: 'movie',
            tmdbIds: (form.tmdbIds ?? '')
              .split(/[\s,]+/)
              .filter(Boolean)
              .map((id) => (/^\d+$/.test(id) ? Number(id) : id)),
          }
        : {
            source: 'tmdb',
            kind: 'trending',
            window: form.window ?? 'week',
            pages: /^\d+$/.test(form.pages ?? '') ? Number(form.pages) : form.pages,
          }
    const answer = await callApi(app, request, { method: 'POST', url: '/api/v1/admin/imports', body })
    if (answer.status !== 202) {
      const list = await callApi(app, request, { url: '/api/v1/admin/imports?limit=50' })
      return reply.code(answer.status).view('imports', {
        ...base(request, 'imports'),
        jobs: (list.body as { items?: unknown[] } | null)?.items ?? [],
        error: writeError(answer),
        form,
      })
    }
    const { jobId, position } = answer.body as { jobId: string; position: string }
    return reply.redirect(`/admin/imports/${jobId}?at=${position}`, 303)
  })

  async function importView(request: FastifyRequest, id: string) {
    const query = formOf(request.query)
    const at = query.at && POSITION.test(query.at) ? query.at : null
    const answer = UUID.test(id)
      ? await callApi(app, request, { url: `/api/v1/admin/imports/${id}`, consistency: at })
      : null
    const job = answer?.status === 200 ? (answer.body as { status: string }) : null
    return {
      id,
      at,
      job,
      status: answer?.status ?? 404,
      running: job !== null && (job.status === 'requested' || job.status === 'running'),
      error: job ? null : answer ? apiError(answer).message : 'not an import id',
    }
  }

  app.get('/admin/imports/:id', async (request, reply) => {
    const view = await importView(request, (request.params as { id: string }).id)
    return reply.code(view.status).view('import', { ...base(request, 'imports'), ...view })
  })

  app.get('/admin/imports/:id/progress', async (request, reply) => {
    const view = await importView(request, (request.params as { id: string }).id)
    return reply.code(view.status).view('import-progress', { ...view })
  })
}
