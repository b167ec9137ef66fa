/**
 * The moderation queue: reported and moderated comments by status (GET /api/v1/moderation/queue),
 * each with its reports and last decision; hide and restore with a reason through the same commands
 * as the API (POST /api/v1/moderation/comments/:id/hide | restore), as the signed-in admin or
 * moderator. After a write the page is read at the command's position (read your writes).
 */
import type { FastifyInstance, FastifyRequest } from 'fastify'
import { apiError, callApi, formOf, sessionOf, writeError } from './session.ts'

const STATUSES = ['open', 'hidden', 'resolved', 'deleted']
const POSITION = /^[0-9a-f]{32}$/
const ACTIONS = ['hide', 'restore']

export async function moderationPages(app: FastifyInstance): Promise<void> {
  const base = (request: FastifyRequest) => ({
    session: sessionOf(request),
    nav: 'moderation',
    statuses: STATUSES,
  })

  async function queuePage(
    request: FastifyRequest,
    status: string,
    options: {
      cursor?: string
      at?: string | null
      saved?: string | null
      error?: ReturnType<typeof writeError> | null
    },
  ) {
    const params = new URLSearchParams({ status, limit: '50' })
    if (options.cursor) params.set('cursor', options.cursor)
    const answer = await callApi(app, request, {
      url: `/api/v1/moderation/queue?${params}`,
      consistency: options.at ?? null,
    })
    const page =
      answer.status === 200 ? (answer.body as { items: unknown[]; nextCursor: string | null }) : null
    const next = page?.nextCursor ? new URLSearchParams({ status, cursor: page.nextCursor }) : null
    return {
      status: answer.status,
      view: {
        ...base(request),
        status,
        items: page?.items ?? [],
        next: next ? `/admin/moderation?${next}` : null,
        saved: options.saved ?? null,
        error: options.error ?? (page ? null : apiError(answer)),
      },
    }
  }

  app.get('/admin/moderation', async (request, reply) => {
    const query = formOf(request.query)
    const status = STATUSES.includes(query.status ?? '') ? (query.status as string) : 'open'
    const at = query.at && POSITION.test(query.at) ? query.at : null
    const page = await queuePage(request, status, { cursor: query.cursor, at, saved: query.saved ?? null })
    return reply.code(page.status).view('moderation', page.view)
  })

  app.post('/admin/moderation/comments/:id/:action', async (request, reply) => {
    const { id, action } = request.params as { id: string; action: string }
    const form = formOf(request.body)
    const status = STATUSES.includes(form.status ?? '') ? (form.status as string) : 'open'
    if (!ACTIONS.includes(action)) {
      const page = await queuePage(request, status, {
        error: { code: 'NOT_FOUND', message: `no such decision: ${action}`, write: true },
      })
      return reply.code(404).view('moderation', page.view)
    }
    const answer = await callApi(app, request, {
      method: 'POST',
      url: `/api/v1/moderation/comments/${encodeURIComponent(id)}/${action}`,
      body: { reason: form.reason ?? '' },
    })
    if (answer.status !== 200) {
      const page = await queuePage(request, status, { error: writeError(answer) })
      return reply.code(answer.status).view('moderation', page.view)
    }
    const { changed, position } = answer.body as { changed: boolean; position: string | null }
    const saved = changed ? (action === 'hide' ? 'hidden' : 'restored') : 'unchanged'
    return reply.redirect(`/admin/moderation?status=${status}&saved=${saved}&at=${position ?? ''}`, 303)
  })
}
