/**
 * A small catalogue for search tests: titles added through the API as an admin, then waited for
 * until the movies projection holds the last one (read with its consistency token).
 */
import type { FastifyInstance } from 'fastify'

export async function addTitles(
  app: FastifyInstance,
  adminHeaders: Record<string, string>,
  titles: readonly string[],
  genresOf: (index: number) => string[],
  /** A GET path that reads the movies projection (it waits for the token). */
  probe: string,
): Promise<string> {
  let position = ''
  for (const [i, title] of titles.entries()) {
    const reply = await app.inject({
      method: 'POST',
      url: '/api/v1/movies',
      headers: adminHeaders,
      payload: { title, year: 1990 + (i % 40), genres: genresOf(i) },
    })
    if (reply.statusCode !== 201) throw new Error(reply.body)
    position = reply.json().position
  }
  for (let attempt = 0; attempt < 50; attempt++) {
    const reply = await app.inject({ url: probe, headers: { 'x-consistency-token': position } })
    if (reply.headers['x-consistency'] !== 'timeout') break
  }
  return position
}
