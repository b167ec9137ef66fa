/**
 * Users: list (by role), look up by id, change a role, erase. Reads GET /api/v1/admin/users[/:id];
 * writes POST /api/v1/admin/users/:id/role and DELETE /api/v1/admin/users/:id as the signed-in
 * admin. The API has no search by name (usernames are stored sealed with each user's key): the
 * console offers the role filter and lookup by id. Suspend and reinstate (with a reason) are the
 * moderation commands POST /api/v1/moderation/users/:id/suspend | reinstate.
 */
import type { FastifyInstance, FastifyRequest } from 'fastify'
import { apiError, callApi, formOf, sessionOf, writeError } from './session.ts'

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i
const POSITION = /^[0-9a-f]{32}$/
const ROLES = ['user', 'analyst', 'moderator', 'admin']

export async function userPages(app: FastifyInstance): Promise<void> {
  const base = (request: FastifyRequest) => ({ session: sessionOf(request), nav: 'users', roles: ROLES })

  app.get('/admin/users', async (request, reply) => {
    const query = formOf(request.query)
    const lookup = (query.id ?? '').trim()
    if (lookup !== '') {
      if (UUID.test(lookup)) return reply.redirect(`/admin/users/${lookup.toLowerCase()}`, 303)
      return reply.code(400).view('users', {
        ...base(request),
        role: '',
        lookup,
        users: [],
        next: null,
        error: 'a user id is a UUID (the API looks users up by id; usernames are sealed)',
      })
    }
    const role = ROLES.includes(query.role ?? '') ? (query.role as string) : ''
    const params = new URLSearchParams({ limit: '50' })
    if (role) params.set('role', role)
    if (query.cursor) params.set('cursor', query.cursor)
    const answer = await callApi(app, request, { url: `/api/v1/admin/users?${params}` })
    const page =
      answer.status === 200 ? (answer.body as { items: unknown[]; nextCursor: string | null }) : null
    const next = page?.nextCursor ? new URLSearchParams({ role, cursor: page.nextCursor }) : null
    return reply.code(answer.status).view('users', {
      ...base(request),
      role,
      lookup,
      users: page?.items ?? [],
      next: next ? `/admin/users?${next}` : null,
      error: page ? null : apiError(answer).message,
    })
  })

  app.get('/admin/users/:id', async (request, reply) => {
    const { id } = request.params as { id: string }
    const query = formOf(request.query)
    const at = query.at && POSITION.test(query.at) ? query.at : null
    const answer = UUID.test(id)
      ? await callApi(app, request, { url: `/api/v1/admin/users/${id}`, consistency: at })
      : null
    if (answer === null || answer.status !== 200) {
      return reply.code(answer?.status ?? 404).view('user', {
        ...base(request),
        id,
        user: null,
        error: answer ? apiError(answer) : { code: 'USER_NOT_FOUND', message: 'not a user id' },
        saved: null,
      })
    }
    return reply.view('user', {
      ...base(request),
      id,
      user: answer.body,
      error: null,
      saved: query.saved ?? null,
    })
  })

  app.post('/admin/users/:id/role', async (request, reply) => {
    const { id } = request.params as { id: string }
    const form = formOf(request.body)
    const answer = await callApi(app, request, {
      method: 'POST',
      url: `/api/v1/admin/users/${encodeURIComponent(id)}/role`,
      body: { role: form.role ?? '' },
    })
    return afterWrite(request, reply, id, answer, 'role')
  })

  app.post('/admin/users/:id/erase', async (request, reply) => {
    const { id } = request.params as { id: string }
    const form = formOf(request.body)
    if (form.confirm !== id) {
      return reply.code(422).view('user', {
        ...base(request),
        id,
        user: null,
        error: { code: 'NOT_CONFIRMED', message: 'type the user id to confirm the erasure', write: true },
        saved: null,
      })
    }
    const answer = await callApi(app, request, {
      method: 'DELETE',
      url: `/api/v1/admin/users/${encodeURIComponent(id)}`,
    })
    return afterWrite(request, reply, id, answer, 'erased')
  })

  for (const [action, saved] of [
    ['suspend', 'suspended'],
    ['reinstate', 'reinstated'],
  ] as const) {
    app.post(`/admin/users/:id/${action}`, async (request, reply) => {
      const { id } = request.params as { id: string }
      const form = formOf(request.body)
      const answer = await callApi(app, request, {
        method: 'POST',
        url: `/api/v1/moderation/users/${encodeURIComponent(id)}/${action}`,
        body: { reason: form.reason ?? '' },
      })
      return afterWrite(request, reply, id, answer, saved)
    })
  }

  async function afterWrite(
    request: FastifyRequest,
    reply: import('fastify').FastifyReply,
    id: string,
    answer: Awaited<ReturnType<typeof callApi>>,
    what: string,
  ) {
    if (answer.status !== 200) {
      return reply
        .code(answer.status)
        .view('user', { ...base(request), id, user: null, error: writeError(answer), saved: null })
    }
    const { changed, position } = answer.body as { changed: boolean; position: string | null }
    return reply.redirect(
      `/admin/users/${id}?saved=${changed ? what : 'unchanged'}&at=${position ?? ''}`,
      303,
    )
  }
}
