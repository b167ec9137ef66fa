/**
 * Conditional GETs for query routes: a weak ETag from the position of the read models a route reads
 * (`W/"<active generation>-<checkpoint>"` per projection), and 304 Not Modified when the client's
 * If-None-Match still matches. Nothing a route answers can change unless one of its projections
 * moves (or swaps generation), so the tag needs no hashing of the body and, mostly, no query: the
 * positions are kept in memory and reloaded when a projection moves (projection-tags.ts).
 */
import { createHash } from 'node:crypto'
import type { FastifyReply, FastifyRequest } from 'fastify'
import type pg from 'pg'
import { withTrait } from '../../http/route-traits.ts'
import type { Projection } from '../../projector/projection.ts'

// One prepared statement (parsed and planned once per connection), not a query built per request.
const TAG_QUERY = {
  name: 'etag-projection-positions-catalogue',
  text: `SELECT p.name, g.generation, g.position, g.catalogue_position
         FROM projections p JOIN projection_generations g
           ON g.name = p.name AND g.generation = p.active_generation
         WHERE p.name = ANY($1::text[])`,
}

/**
 * What the positions of some projections tell: `tag`, `<generation>-<position>` per projection
 * joined by dots (the ETag's), and `catalogue`, `<generation>-<catalogue_position>` likewise, which
 * moves only when what a search matches does (a title, a tag, a genre; a rebuild's swap), not with
 * ratings or favourites (the projections' `catalogue` types).
 */
export type ProjectionTagPair = { tag: string; catalogue: string }

/** Both tags of the projections, in the order given, from the registry; `0-0` for one not started yet. */
export async function projectionTags(
  pool: Pick<pg.Pool, 'query'>,
  projections: readonly Pick<Projection, 'name'>[],
): Promise<ProjectionTagPair> {
  const { rows } = await pool.query<{
    name: string
    generation: number
    position: string
    catalogue_position: string
  }>({
    ...TAG_QUERY,
    values: [projections.map((p) => p.name)],
  })
  const byName = new Map(rows.map((row) => [row.name, row]))
  const each = (part: (row: (typeof rows)[number]) => string) =>
    projections
      .map((p) => {
        const row = byName.get(p.name)
        return row === undefined ? '0-0' : `${row.generation}-${part(row)}`
      })
      .join('.')
  return { tag: each((row) => row.position), catalogue: each((row) => row.catalogue_position) }
}

/** `<generation>-<position>` per projection, in the order given; `0-0` for one not started yet. */
export async function projectionTag(
  pool: Pick<pg.Pool, 'query'>,
  projections: readonly Pick<Projection, 'name'>[],
): Promise<string> {
  return (await projectionTags(pool, projections)).tag
}

/** True when an If-None-Match header names this weak tag (or `*`); weak comparison, as RFC 9110 asks. */
export function matchesIfNoneMatch(header: string | undefined, etag: string): boolean {
  if (header === undefined) return false
  const opaque = etag.replace(/^W\//, '')
  return header.split(',').some((candidate) => {
    const tag = candidate.trim()
    return tag === '*' || tag.replace(/^W\//, '') === opaque
  })
}

/**
 * Sets the ETag of `tag` (with a hash of the bearer header mixed in, and `Cache-Control: private`,
 * when there is one, so one viewer's tag never validates another viewer's answer) and answers 304
 * when the client's copy is current, in the same tick. True when the 304 was sent: the request is
 * answered, the caller sends nothing more.
 */
export function answeredNotModified(request: FastifyRequest, reply: FastifyReply, tag: string): boolean {
  const authorization = request.headers.authorization
  if (authorization !== undefined) {
    tag += `-${createHash('sha256').update(authorization).digest('base64url').slice(0, 16)}`
  }
  const etag = `W/"${tag}"`
  reply.header('etag', etag)
  // no-cache: caches may keep the answer but must revalidate it, which the ETag makes cheap.
  reply.header('cache-control', authorization === undefined ? 'no-cache' : 'private, no-cache')
  if (!matchesIfNoneMatch(request.headers['if-none-match'], etag)) return false
  reply.code(304).send()
  return true
}

/**
 * The weak ETag of a pair of tags, kept while the pair is the same object (projection-tags.ts keeps
 * one per list of projections and loaded copy of the positions): an early hit's lookup
 * (src/http/early-hits.ts) builds no string per request, and its memo compares the same string.
 * One keeper per list of projections.
 */
export function etagKeeper(): (tags: ProjectionTagPair) => string {
  let kept: { tags: ProjectionTagPair | null; etag: string } = { tags: null, etag: '' }
  return (tags) => {
    if (tags !== kept.tags) kept = { tags, etag: `W/"${tags.tag}"` }
    return kept.etag
  }
}

/**
 * The catalogue tag (ProjectionTagPair) of the projections a request's ETag was made of, when it is
 * anonymous and without X-Consistency-Token (the requests whose answers are memoised), or null
 * (signed in, a consistency token, a 304); set by etagFrom, from the same positions as the ETag, in
 * the request's `catalogueTag` (src/plugins/projection-tags.ts).
 */
export function catalogueTagOf(request: FastifyRequest): string | null {
  return request.catalogueTag ?? null
}

/**
 * A preHandler (after consistentWith, so a read-your-writes wait comes first) that sets the ETag
 * and answers 304 without running the handler when the client's copy is current. A callback hook:
 * with the positions current in memory it decides in the same tick, without a promise.
 */
export function etagFrom(
  anonymous: readonly Pick<Projection, 'name'>[],
  /** What the route reads with a bearer token, when it reads more then (the viewer's own flags). */
  signedIn: readonly Pick<Projection, 'name'>[] = anonymous,
): (request: FastifyRequest, reply: FastifyReply, done: (error?: Error) => void) => void {
  return withTrait((request, reply, done) => {
    const signed = request.headers.authorization !== undefined
    const projections = signed ? signedIn : anonymous
    const token = request.headers['x-consistency-token']
    const conclude = (tags: ProjectionTagPair) => {
      if (!signed && token === undefined) request.catalogueTag = tags.catalogue
      // A 304 sent here ends the request: the handler must not run, so done is not called.
      if (!answeredNotModified(request, reply, tags.tag)) done()
    }
    const known = token === undefined ? request.server.projectionTags.tagsNow(projections) : null
    if (known !== null) return conclude(known)
    // After a read-your-writes wait the registry itself answers; otherwise the in-memory copy.
    const tags =
      token === undefined
        ? request.server.projectionTags.tags(projections)
        : projectionTags(request.server.pool, projections)
    tags.then(conclude, done)
  }, 'conditional-get')
}
