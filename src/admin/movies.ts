/**
 * Movies and genres: search, add, change, remove. Reads are GET /api/v1/movies[/:id] and /genres;
 * writes are POST, PATCH and DELETE /api/v1/movies as the signed-in admin, so the catalogue's rules
 * (and their 4xx) are the API's. After a write the page reads with the write's position as
 * X-Consistency-Token, so it shows the change at once.
 */
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify'
import { type ApiAnswer, apiError, callApi, type Form, formOf, sessionOf, writeError } from './session.ts'

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i
const POSITION = /^[0-9a-f]{32}$/

/** The form's fields as the API's body: numbers as numbers, blanks as null, genres split on commas. */
export function movieBody(form: Form): Record<string, unknown> {
  const text = (value: string | undefined) => (value ?? '').trim()
  const year = text(form.year)
  return {
    // As typed: the catalogue's rules normalise it (and refuse a blank one) themselves.
    title: form.title ?? '',
    // Not a number stays what it is, so the API's validation answers for it.
    year: /^-?\d+$/.test(year) ? Number(year) : year,
    genres: text(form.genres)
      .split(',')
      .map((genre) => genre.trim())
      .filter(Boolean),
    overview: text(form.overview) === '' ? null : text(form.overview),
    releaseDate: text(form.releaseDate) === '' ? null : text(form.releaseDate),
  }
}

const positionOf = (answer: ApiAnswer) => {
  const position = (answer.body as { position?: unknown } | null)?.position
  return typeof position === 'string' && POSITION.test(position) ? position : null
}

export async function moviePages(app: FastifyInstance): Promise<void> {
  const base = (request: FastifyRequest) => ({ session: sessionOf(request), nav: 'movies' })

  app.get('/admin/movies', async (request, reply) => {
    const query = formOf(request.query)
    const params = new URLSearchParams({ limit: '50' })
    const q = (query.q ?? '').trim()
    const genre = (query.genre ?? '').trim()
    if (q) params.set('q', q)
    if (genre) params.set('genre', genre)
    if (!q) params.set('sort', 'newest')
    if (query.cursor) params.set('cursor', query.cursor)
    const answer = await callApi(app, request, { url: `/api/v1/movies?${params}` })
    const page =
      answer.status === 200 ? (answer.body as { items: unknown[]; nextCursor: string | null }) : null
    const next = page?.nextCursor ? new URLSearchParams({ q, genre, cursor: page.nextCursor }) : null
    return reply.code(answer.status === 200 ? 200 : answer.status).view('movies', {
      ...base(request),
      q,
      genre,
      movies: page?.items ?? [],
      next: next ? `/admin/movies?${next}` : null,
      error: page ? null : apiError(answer).message,
    })
  })

  app.get('/admin/genres', async (request, reply) => {
    const answer = await callApi(app, request, { url: '/api/v1/genres' })
    return reply.view('genres', {
      ...base(request),
      nav: 'genres',
      genres: (answer.body as { items?: unknown[] } | null)?.items ?? [],
    })
  })

  app.get('/admin/movies/new', async (request, reply) =>
    reply.view('movie', { ...base(request), movie: null, form: {}, error: null, saved: null }),
  )

  app.post('/admin/movies', async (request, reply) => {
    const form = formOf(request.body)
    const answer = await callApi(app, request, {
      method: 'POST',
      url: '/api/v1/movies',
      body: movieBody(form),
    })
    if (answer.status !== 201) {
      return reply
        .code(answer.status)
        .view('movie', { ...base(request), movie: null, form, error: writeError(answer), saved: null })
    }
    const { id } = answer.body as { id: string }
    return reply.redirect(`/admin/movies/${id}?saved=added&at=${positionOf(answer) ?? ''}`, 303)
  })

  async function showMovie(request: FastifyRequest, reply: FastifyReply, id: string) {
    const query = formOf(request.query)
    const at = query.at && POSITION.test(query.at) ? query.at : null
    const answer = await callApi(app, request, { url: `/api/v1/movies/${id}`, consistency: at })
    // Just written but not yet projected (the projector lags past the consistency wait): say so and ask
    // again every second, rather than show "not found" or a form with the values before the write.
    if (
      at !== null &&
      answer.headers['x-consistency'] === 'timeout' &&
      query.saved &&
      query.saved !== 'removed'
    ) {
      return reply.view('movie-missing', {
        ...base(request),
        id,
        error: null,
        saved: query.saved,
        retry: request.url,
      })
    }
    if (answer.status !== 200) {
      return reply.code(answer.status).view('movie-missing', {
        ...base(request),
        id,
        error: apiError(answer),
        saved: query.saved ?? null,
      })
    }
    const movie = answer.body as Record<string, unknown> & { genres: string[] }
    const form = { ...movie, genres: movie.genres.join(', ') }
    return reply.view('movie', { ...base(request), movie, form, error: null, saved: query.saved ?? null })
  }

  app.get('/admin/movies/:id', async (request, reply) => {
    const { id } = request.params as { id: string }
    if (!UUID.test(id)) return reply.code(404).view('movie-missing', { ...base(request), id, error: null })
    return showMovie(request, reply, id)
  })

  app.post('/admin/movies/:id', async (request, reply) => {
    const { id } = request.params as { id: string }
    const form = formOf(request.body)
    const answer = await callApi(app, request, {
      method: 'PATCH',
      url: `/api/v1/movies/${encodeURIComponent(id)}`,
      body: movieBody(form),
    })
    if (answer.status !== 200) {
      return reply.code(answer.status).view('movie', {
        ...base(request),
        movie: { id },
        form,
        error: writeError(answer),
        saved: null,
      })
    }
    const changed = (answer.body as { changed?: boolean }).changed
    return reply.redirect(
      `/admin/movies/${id}?saved=${changed ? 'changed' : 'unchanged'}&at=${positionOf(answer) ?? ''}`,
      303,
    )
  })

  app.post('/admin/movies/:id/remove', async (request, reply) => {
    const { id } = request.params as { id: string }
    const form = formOf(request.body)
    const reason = (form.reason ?? '').trim()
    const answer = await callApi(app, request, {
      method: 'DELETE',
      url: `/api/v1/movies/${encodeURIComponent(id)}${reason ? `?${new URLSearchParams({ reason })}` : ''}`,
    })
    if (answer.status !== 200) {
      return reply
        .code(answer.status)
        .view('movie-missing', { ...base(request), id, error: writeError(answer) })
    }
    return reply.redirect(`/admin/movies/${id}?saved=removed&at=${positionOf(answer) ?? ''}`, 303)
  })
}
