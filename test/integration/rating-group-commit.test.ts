/**
 * Ratings under concurrency on real PostgreSQL, now that appends to existing streams are grouped
 * (src/event-store/postgres/group-commit.ts): what a burst of ratings sends (every statement
 * recorded at the app's pool), that many ratings on one stream neither lose nor double an event,
 * and that a movie removed while its existing ratings change gets none after its removal.
 */
import t from 'tap'
import { interactionStream } from '../../src/domain/interaction/interaction.ts'
import type { StoredEvent } from '../../src/event-store/contract.ts'
import { buildTestApp } from '../support/app.ts'
import { recordStatements, type Sent } from '../support/statement-recorder.ts'

const { app, user, addMovie } = await buildTestApp(t)
const recorder = recordStatements(app.pool)
const admin = user({ role: 'admin' })

const rate = (headers: Record<string, string>, movieId: string, stars: number) =>
  app.inject({ method: 'PUT', url: `/api/v1/movies/${movieId}/rating`, headers, payload: { stars } })

async function streamEvents(stream: string): Promise<StoredEvent[]> {
  const events: StoredEvent[] = []
  for await (const event of app.eventStore.readStream(stream)) events.push(event)
  return events
}

const isAppend = (sent: Sent) => /^append-/.test(sent.name ?? '') || /append_events/.test(sent.text)

t.test('a burst of ratings on existing streams shares its appends', async (t) => {
  const movies = await Promise.all(Array.from({ length: 5 }, (_, i) => addMovie({ title: `Burst ${i}` })))
  const users = Array.from({ length: 8 }, () => user())
  const pairs = users.flatMap((u) => movies.map((movieId) => ({ u, movieId })))
  // First ratings create the streams; the second ones append at the revision they read.
  for (const { u, movieId } of pairs) t.equal((await rate(u.headers, movieId, 2)).statusCode, 200)
  const { result: replies, sent } = await recorder.during(() =>
    Promise.all(pairs.map(({ u, movieId }) => rate(u.headers, movieId, 4))),
  )
  t.ok(
    replies.every((reply) => reply.statusCode === 200 && reply.json().changed === true),
    'every rating changed',
  )
  const appends = sent.filter(isAppend)
  t.ok(
    appends.length < pairs.length / 4,
    `${pairs.length} ratings, ${appends.length} append statements (${sent.length} in all)`,
  )
  for (const { u, movieId } of pairs) {
    const events = await streamEvents(interactionStream(u.userId, movieId))
    t.same(
      events.map((e) => (e.data as { stars: number }).stars),
      [2, 4],
      'each stream holds its two ratings, once each',
    )
  }
})

t.test('many concurrent ratings on one stream never lose or double an event', async (t) => {
  const movieId = await addMovie({ title: 'Contested' })
  const me = user()
  t.equal((await rate(me.headers, movieId, 1)).statusCode, 200)
  const stars = Array.from({ length: 24 }, (_, i) => 1.5 + (i % 8) * 0.5)
  const replies = await Promise.all(stars.map((s) => rate(me.headers, movieId, s)))
  for (const reply of replies) {
    t.ok(
      reply.statusCode === 200 ||
        (reply.statusCode === 409 && reply.json().error.code === 'CONCURRENT_MODIFICATION'),
      `accepted or a conflict (${reply.statusCode})`,
    )
  }
  const changed = replies.filter((reply) => reply.statusCode === 200 && reply.json().changed === true)
  const events = await streamEvents(interactionStream(me.userId, movieId))
  t.equal(events.length, 1 + changed.length, 'one event per rating that answered changed, and no other')
  t.same(
    events.map((e) => e.revision),
    events.map((_, i) => BigInt(i)),
    'revisions follow each other',
  )
  t.equal(new Set(events.map((e) => e.id)).size, events.length, 'no event twice')
  const positions = new Set(events.map((e) => e.position))
  t.ok(
    changed.every((reply) => positions.has(reply.json().position)),
    "each accepted rating's position is its event's",
  )
})

t.test('a movie removed while its ratings change gets none after its removal', async (t) => {
  for (let round = 0; round < 3; round++) {
    const movieId = await addMovie({ title: `Removed ${round}` })
    const users = Array.from({ length: 12 }, () => user())
    for (const u of users) t.equal((await rate(u.headers, movieId, 3)).statusCode, 200)
    const [removal, ...replies] = await Promise.all([
      app.inject({ method: 'DELETE', url: `/api/v1/movies/${movieId}`, headers: admin.headers }),
      ...users.map((u) => rate(u.headers, movieId, 5)),
    ])
    t.equal(removal?.statusCode, 200)
    for (const reply of replies) {
      t.ok(
        reply.statusCode === 200 || (reply.statusCode === 422 && reply.json().error.code === 'MOVIE_REMOVED'),
        `accepted before the removal or refused (${reply.statusCode})`,
      )
    }
    const removedAt = removal?.json().position as string
    let late = 0
    for (const u of users) {
      for (const event of await streamEvents(interactionStream(u.userId, movieId))) {
        if (event.position > removedAt) late += 1
      }
    }
    t.equal(late, 0, `round ${round}: no rating after the removal in the log`)
    const after = await rate(users[0]?.headers ?? {}, movieId, 1)
    t.equal(after.statusCode, 422, 'a rating after the removal is refused')
    t.equal(after.json().error.code, 'MOVIE_REMOVED')
  }
})
