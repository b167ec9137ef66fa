/**
 * `npm run recommender -- export`: every user's top-N as CSV rows (RFC 4180, CRLF) `username,movieId,externalIds,
 * rank,score`, ranked by the serving function over the serving model. Memory is bounded by the
 * model and the catalogue, not by users: the neighbour table and listed movies are loaded once,
 * users and their relations are walked in id order, a page at a time. Erased users (no username)
 * are left out. Into a file (exportToFile) it is resumable: see below.
 */
import { open, readFile, rename, rm, stat, writeFile } from 'node:fs/promises'
import { type Kysely, sql } from 'kysely'
import { genreSlug } from '../../projections/movies.ts'
import { csvRecord, csvRecords } from '../cli/csv.ts'
import type { Database } from '../db/schema.ts'
import { feedbackWeight } from './feedback.ts'
import { allUserRelations, type Relation } from './feedback-source.ts'
import type { Neighbour } from './item-neighbours.ts'
import { activeModel } from './model-store.ts'
import { rankRecommendations } from './rank.ts'

export const EXPORT_COLUMNS = ['username', 'movieId', 'externalIds', 'rank', 'score'] as const
export const EXPORT_HEADER = EXPORT_COLUMNS.join(',')

export type ExportDeps = {
  db: Kysely<Database>
  /** The popularity prior for a set of genre slugs (serving's: trending), asked once per set. */
  popularity: (genres: readonly string[]) => Promise<Map<string, number>>
}

/** The serving model's whole neighbour table, keyset-paged by source movie. */
async function loadNeighbours(db: Kysely<Database>): Promise<Map<string, Neighbour[]>> {
  const all = new Map<string, Neighbour[]>()
  let after: string | null = null
  while (true) {
    const from: string | null = after
    const rows = await db
      .selectFrom('recommendation_neighbors')
      .select(['movie_id', 'neighbor_id', 'score'])
      .$if(from !== null, (q) => q.where('movie_id', '>', from as string))
      .where('movie_id', 'in', (eb) =>
        eb
          .selectFrom('recommendation_neighbors')
          .select('movie_id')
          .distinct()
          .$if(from !== null, (q) => q.where('movie_id', '>', from as string))
          .orderBy('movie_id')
          .limit(2_000),
      )
      .orderBy('movie_id')
      .orderBy('rank')
      .execute()
    if (rows.length === 0) return all
    for (const row of rows) {
      let list = all.get(row.movie_id)
      if (!list) {
        list = []
        all.set(row.movie_id, list)
      }
      list.push({ movieId: row.neighbor_id, score: row.score })
    }
    after = rows.at(-1)?.movie_id ?? null
  }
}

export type ExportOptions = {
  limit: number
  signal?: AbortSignal
  /** Users done so far (of the whole export, resumed ones included), for a progress bar. */
  onUser?: (done: number) => void
  /** Continue after this user id (users go in id order), leaving out the header. */
  after?: { userId: string; done: number } | null
}

/** One user's rows (possibly none: an erased user, nothing to recommend), or the header (userId null). */
export type ExportChunk = { userId: string | null; text: string }

/**
 * Yields the CSV user by user in id order (header first, unless resuming). The signal stops
 * between users.
 */
export async function* exportRecommendations(
  deps: ExportDeps,
  options: ExportOptions,
): AsyncGenerator<ExportChunk> {
  const { db } = deps
  const neighbours = await loadNeighbours(db)
  // to_jsonb(m) -> 'external_ids' reads the imported ids (null for movies added through the API).
  const { rows: listed } = await sql<{ id: string; genres: string[]; external_ids: unknown }>`
    SELECT m.id, m.genres, to_jsonb(m) -> 'external_ids' AS external_ids
    FROM movies m WHERE m.removed_at IS NULL`.execute(db)
  const movies = new Map(listed.map((m) => [m.id, m]))
  const dismissals = new Map<string, string[]>()
  for (const row of await db.selectFrom('user_dismissals').select(['user_id', 'movie_id']).execute()) {
    dismissals.set(row.user_id, [...(dismissals.get(row.user_id) ?? []), row.movie_id])
  }
  const priors = new Map<string, Map<string, number>>()
  const priorFor = async (genres: readonly string[]) => {
    const key = [...genres].sort().join(',')
    let prior = priors.get(key)
    if (!prior) {
      prior = await deps.popularity(genres)
      priors.set(key, prior)
    }
    return prior
  }

  if (!options.after) yield { userId: null, text: csvRecord(EXPORT_COLUMNS) }
  // Users and relations are both walked in id order; a user without relations gets the cold start.
  const relations = allUserRelations(db, { after: options.after?.userId ?? null })[Symbol.asyncIterator]()
  let pending = await relations.next()
  let after: string | null = options.after?.userId ?? null
  let done = options.after?.done ?? 0
  while (true) {
    const from: string | null = after
    const page = await db
      .selectFrom('users')
      .select(['id', 'username', 'favourite_genres'])
      .$if(from !== null, (q) => q.where('id', '>', from as string))
      .orderBy('id')
      .limit(500)
      .execute()
    if (page.length === 0) break
    for (const user of page) {
      options.signal?.throwIfAborted()
      while (!pending.done && pending.value.userId < user.id) pending = await relations.next()
      let mine: Relation[] = []
      if (!pending.done && pending.value.userId === user.id) mine = pending.value.relations
      done++
      let lines = ''
      if (user.username !== null) {
        const exclude = new Set([...mine.map((r) => r.movieId), ...(dismissals.get(user.id) ?? [])])
        const ranked = rankRecommendations({
          history: mine
            .map((r) => ({ movieId: r.movieId, weight: feedbackWeight(r.signals) }))
            .filter((h) => h.weight > 0),
          neighbours: (movieId) => neighbours.get(movieId) ?? [],
          popularity: await priorFor(user.favourite_genres.map(genreSlug)),
          exclude,
          eligible: (movieId) => movies.has(movieId),
          limit: options.limit,
        })
        const name = user.username
        lines = csvRecords(
          ranked.map((r, i) => {
            const ids = movies.get(r.movieId)?.external_ids ?? null
            return [name, r.movieId, ids === null ? '' : JSON.stringify(ids), i + 1, r.score.toFixed(6)]
          }),
        )
      }
      yield { userId: user.id, text: lines }
      options.onUser?.(done)
    }
    after = page.at(-1)?.id ?? null
  }
  await relations.return?.(undefined)
}

/**
 * The export into a file that an interruption does not waste: rows are written user by user in id
 * order and, every `CHECKPOINT_USERS` users (and when stopped), flushed to disk and followed by a
 * checkpoint `<out>.progress` (the last complete user, the file's length then, the limit and the
 * serving model). Run again, an export finding its checkpoint cuts the file back to that length
 * (dropping any rows written after it) and continues with the next user; a different --limit is
 * refused, a model retrained in between starts over. The checkpoint is removed when done.
 */
const CHECKPOINT_USERS = 200
const FLUSH_BYTES = 256 * 1024

type Checkpoint = { limit: number; modelId: number; userId: string; done: number; bytes: number }

/** Resuming with another --limit than the half-done file's. */
export class ExportLimitMismatch extends Error {
  override name = 'ExportLimitMismatch'
}

export const checkpointPath = (out: string) => `${out}.progress`

async function readCheckpoint(out: string): Promise<Checkpoint | null> {
  try {
    return JSON.parse(await readFile(checkpointPath(out), 'utf8')) as Checkpoint
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return null
    throw error
  }
}

export async function exportToFile(
  deps: ExportDeps,
  options: Omit<ExportOptions, 'after'> & {
    out: string
    /** Told before the first user: how the export starts (resumed: users already done). */
    onStart?: (start: { resumedAfter: number | null; restartedBecause: string | null }) => void
  },
): Promise<{ users: number; bytes: number }> {
  const model = await activeModel(deps.db)
  const modelId = model?.id ?? 0
  let checkpoint = await readCheckpoint(options.out)
  let restartedBecause: string | null = null
  if (checkpoint && checkpoint.limit !== options.limit) {
    throw new ExportLimitMismatch(
      `${options.out} is a half-done export with --limit ${checkpoint.limit}: use that limit to continue, or delete ${checkpointPath(options.out)} to start over`,
    )
  }
  if (checkpoint && checkpoint.modelId !== modelId) {
    restartedBecause = `the serving model changed (${checkpoint.modelId} -> ${modelId}) since it began`
    checkpoint = null
  }
  if (checkpoint) {
    const size = await stat(options.out).then(
      (found) => found.size,
      () => -1,
    )
    if (size < checkpoint.bytes) {
      restartedBecause = `${options.out} is shorter than its checkpoint says (removed or cut)`
      checkpoint = null
    }
  }
  const file = await open(options.out, checkpoint ? 'r+' : 'w')
  let bytes = checkpoint?.bytes ?? 0
  let last = checkpoint ? { userId: checkpoint.userId, done: checkpoint.done } : null
  let buffer = ''
  let sinceCheckpoint = 0
  const save = async () => {
    if (buffer !== '') {
      const chunk = Buffer.from(buffer)
      await file.write(chunk, 0, chunk.length, bytes)
      bytes += chunk.length
      buffer = ''
    }
    if (last === null) return
    await file.datasync()
    const next: Checkpoint = { limit: options.limit, modelId, ...last, bytes }
    await writeFile(`${checkpointPath(options.out)}.tmp`, JSON.stringify(next))
    await rename(`${checkpointPath(options.out)}.tmp`, checkpointPath(options.out))
    sinceCheckpoint = 0
  }
  try {
    await file.truncate(bytes)
    options.onStart?.({ resumedAfter: checkpoint?.done ?? null, restartedBecause })
    let done = checkpoint?.done ?? 0
    for await (const chunk of exportRecommendations(deps, { ...options, after: last })) {
      buffer += chunk.text
      if (chunk.userId === null) continue
      last = { userId: chunk.userId, done: ++done }
      if (++sinceCheckpoint >= CHECKPOINT_USERS || buffer.length >= FLUSH_BYTES) await save()
    }
    await save()
    await file.close()
    await rm(checkpointPath(options.out), { force: true })
    return { users: done, bytes }
  } catch (error) {
    // Stopped (or failed) between users: keep what is complete for the next run.
    await save().catch(() => {})
    await file.close().catch(() => {})
    throw error
  }
}
