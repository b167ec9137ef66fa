/**
 * Tags and first-class genres in embedded mode (PGlite): the movies projection's tag rows, the tag
 * filter and a genre rename and merge run on PGlite's PostgreSQL as on the server.
 */
import { randomUUID } from 'node:crypto'
import t from 'tap'
import { startEmbeddedApp } from '../support/embedded-app.ts'

const { app, close, removeDir } = await startEmbeddedApp('embedded-tags-genres')
t.teardown(async () => {
  await close()
  await removeDir()
})
const admin = { authorization: `Bearer ${app.signAccessToken({ sub: randomUUID(), role: 'admin' })}` }
const someone = { authorization: `Bearer ${app.signAccessToken({ sub: randomUUID(), role: 'user' })}` }

const send = (method: 'POST' | 'PUT' | 'PATCH', url: string, headers: object, payload?: object) =>
  app.inject({ method, url: `/api/v1${url}`, headers: { ...headers }, ...(payload ? { payload } : {}) })
const read = async (url: string, token: string) => {
  const reply = await app.inject({ url: `/api/v1${url}`, headers: { 'x-consistency-token': token } })
  t.equal(reply.statusCode, 200, `GET ${url}`)
  return reply.json()
}

t.test('tags and a genre rename and merge on PGlite', async (t) => {
  const a = (
    await send('POST', '/movies', admin, { title: 'Alpha', year: 2001, genres: ['Sci-Fi', 'Drama'] })
  ).json()
  const b = (await send('POST', '/movies', admin, { title: 'Beta', year: 2002, genres: ['SciFi'] })).json()
  await send('PUT', `/movies/${a.id}/tags/Time%20Travel`, someone)
  const tagged = (await send('PUT', `/movies/${a.id}/curated-tags/classic`, admin)).json()
  t.same(
    (await read(`/movies?tag=time%20travel&tag=CLASSIC`, tagged.position)).items.map(
      (m: { title: string }) => m.title,
    ),
    ['Alpha'],
  )
  t.same((await read(`/movies/${a.id}`, tagged.position)).tags, [
    { tag: 'classic', curated: true, count: 0 },
    { tag: 'time travel', curated: false, count: 1 },
  ])
  await read('/genres', b.position)
  const renamed = (await send('PATCH', '/genres/sci-fi', admin, { name: 'Science Fiction' })).json()
  const merged = (await send('POST', '/genres/science-fiction/merge', admin, { sources: ['scifi'] })).json()
  t.ok(renamed.changed && merged.changed)
  t.same((await read(`/movies/${a.id}`, merged.position)).genres, ['Science Fiction', 'Drama'])
  t.same((await read(`/movies/${b.id}`, merged.position)).genres, ['Science Fiction'])
  const genres = (await read('/genres', merged.position)).items
  t.same(
    genres.filter((g: { slug: string }) => g.slug === 'science-fiction'),
    [{ slug: 'science-fiction', name: 'Science Fiction', movieCount: 2 }],
  )
})
