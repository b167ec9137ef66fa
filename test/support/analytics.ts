/**
 * Fixtures for the analyst tools: a small known log under its own stream prefix (with dates set so
 * time filters can be checked), accounts created and erased through the identity API, and the
 * `npm run events` script run as a child process.
 */
import { type ChildProcess, spawn } from 'node:child_process'
import { randomUUID } from 'node:crypto'
import type { FastifyInstance } from 'fastify'
import type pg from 'pg'
import type { EventStore, StoredEvent } from '../../src/event-store/contract.ts'
import { UpcastingEventStore } from '../../src/event-store/upcasting-event-store.ts'
import { finished } from './child-process.ts'
import { testServices } from './services.ts'

export const ROOT = new URL('../..', import.meta.url)

export type KnownLog = { prefix: string; events: StoredEvent[] }

/**
 * Six events in six transactions under a fresh prefix, stored on consecutive days from
 * 2020-01-01: awkward CSV text, a nested object, and fields named like secrets (which the export
 * must drop). Their shapes are not their types' schemas (secrets have no place in one), so they go
 * in through the adapter under the store, unchecked, as an old or foreign writer's rows would.
 */
export async function appendKnownLog(store: EventStore, pool: pg.Pool): Promise<KnownLog> {
  const raw = store instanceof UpcastingEventStore ? store.inner : store
  const prefix = `known${randomUUID().slice(0, 8)}-`
  const movieId = randomUUID()
  const userId = randomUUID()
  const writes: { stream: string; type: string; data: unknown; metadata?: Record<string, unknown> }[] = [
    {
      stream: `${prefix}movie-${movieId}`,
      type: 'MovieAdded',
      data: { movieId, title: 'Say "hi", then\r\nleave, twice', genres: ['Drama'] },
    },
    {
      stream: `${prefix}interaction-${userId}-${movieId}`,
      type: 'RatingGiven',
      data: { userId, movieId, stars: 4, review: 'Good, "really"', ratedAt: '2020-01-02T10:00:00.000Z' },
    },
    { stream: `${prefix}interaction-${userId}-${movieId}`, type: 'MovieLiked', data: { userId, movieId } },
    {
      stream: `${prefix}interaction-${userId}-${movieId}`,
      type: 'RatingGiven',
      data: { userId, movieId, stars: 2, review: null, ratedAt: '2020-01-04T10:00:00.000Z' },
      metadata: { actorId: userId, secret: 'metadata-secret', correlationId: 'c-1' },
    },
    {
      stream: `${prefix}job-${randomUUID()}`,
      type: 'ImportRequested',
      data: {
        source: 'tmdb',
        apiToken: 'tok-should-not-leak',
        options: { password: 'hunter2', pageSize: 20, nested: [{ clientSecret: 'x', keep: true }] },
        passwordHash: '$argon2id$leak',
      },
    },
    { stream: `${prefix}movie-${movieId}`, type: 'MovieRemoved', data: { movieId } },
  ]
  const events: StoredEvent[] = []
  for (const [i, write] of writes.entries()) {
    await raw.append(
      write.stream,
      [{ id: randomUUID(), type: write.type, data: write.data, metadata: write.metadata ?? {} }],
      'any',
    )
    const [stored] = await readBack(store, write.stream)
    if (!stored) throw new Error('appended event not found')
    // The store stamps created_at itself: move it to a known day so since/until can be checked.
    const createdAt = new Date(Date.UTC(2020, 0, 1 + i, 12))
    await pool.query('UPDATE events SET created_at = $1 WHERE id = $2', [createdAt, stored.id])
    events.push({ ...stored, createdAt })
  }
  return { prefix, events }
}

async function readBack(store: EventStore, stream: string): Promise<StoredEvent[]> {
  const events: StoredEvent[] = []
  for await (const event of store.readStream(stream, { direction: 'backwards', limit: 1 })) events.push(event)
  return events
}

export type Account = { userId: string; username: string; email: string; displayName: string }

/** Registers a user through POST /auth/register. */
export async function register(app: FastifyInstance): Promise<Account> {
  const username = `a${randomUUID().slice(0, 8)}`
  const account = { username, email: `${username}@example.com`, displayName: `Display ${username}` }
  const reply = await app.inject({
    method: 'POST',
    url: '/api/v1/auth/register',
    payload: { ...account, password: 'correct horse battery staple' },
  })
  if (reply.statusCode !== 201) throw new Error(`register: ${reply.statusCode} ${reply.body}`)
  return { userId: reply.json().userId, ...account }
}

/** Erases a user through DELETE /admin/users/:id. */
export async function erase(
  app: FastifyInstance,
  userId: string,
  adminHeaders: Record<string, string>,
): Promise<void> {
  const reply = await app.inject({
    method: 'DELETE',
    url: `/api/v1/admin/users/${userId}`,
    headers: adminHeaders,
  })
  if (reply.statusCode !== 200) throw new Error(`erase: ${reply.statusCode} ${reply.body}`)
}

/** `npm run events -- ...` on the given database (PostgreSQL event store). */
export function spawnEvents(args: string[], databaseUrl: string, nodeFlags: string[] = []): ChildProcess {
  return spawn(process.execPath, [...nodeFlags, 'scripts/events.ts', ...args], {
    cwd: ROOT,
    env: {
      ...process.env,
      DATABASE_URL: databaseUrl,
      REDIS_URL: testServices.redisUrl,
      EVENTSTORE_URL: '',
      LOG_LEVEL: 'warn',
    },
    stdio: ['ignore', 'pipe', 'pipe'],
  })
}

export const runEvents = (args: string[], databaseUrl: string) => finished(spawnEvents(args, databaseUrl))

/** The position a finished export printed as its last one. */
export function lastPosition(stderr: string): string | null {
  return /last position ([0-9a-f]{32})/.exec(stderr)?.[1] ?? null
}
