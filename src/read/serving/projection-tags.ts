/**
 * The positions ETags are made of (active generation and checkpoint of each projection), kept in
 * memory: the process's LISTEN connection hears `nexus_projections` (sent by a trigger when a checkpoint moves or
 * a generation swaps, at commit) and the next request reloads them, once, for everyone. Without the
 * connection (not yet listening, lost, reconnecting) every request queries, as before. A loaded copy
 * is also reloaded after MAX_AGE_MS, so a lost notification cannot keep a tag old for longer.
 *
 * So a tag can lag a checkpoint move by the notification's delivery (about a millisecond), as if the
 * projection had applied the batch that much later; it is still read before the data, so never newer
 * than the body. Requests with X-Consistency-Token read the registry itself (etag.ts).
 *
 * Beside each position, the generation's `catalogue_position` (the last event applied that changed
 * what a search matches: titles, people, tags, genres; not ratings or favourites), loaded with it:
 * the catalogue tag, which keys what depends on the searchable catalogue only (words resolved,
 * suggestions and searches with a bounded lag: CatalogueMemo in answer-memo.ts), no query more.
 */
import type pg from 'pg'
import type { NotificationListener } from '../../db/postgres-notifications.ts'
import type { Projection } from '../../projector/projection.ts'
import { type ProjectionTagPair, projectionTags } from './etag.ts'

const CHANNEL = 'nexus_projections'
const MAX_AGE_MS = 1_000
/** Projections lists whose tags a loaded copy keeps (the routes' lists: a few dozen at most). */
const MAX_KEPT_LISTS = 64
const ALL = 'etag-all-projection-positions-catalogue'

type Loaded = {
  epoch: number
  at: number
  /** `<generation>-<position>` by projection name. */
  positions: Map<string, string>
  /** `<generation>-<catalogue_position>` by projection name. */
  catalogue: Map<string, string>
  /**
   * Both tags of each projections list asked for while this copy is current: a route asks with the
   * same list every time (etagFrom's), so a request finds its tags built by the first one.
   */
  tags: Map<readonly Pick<Projection, 'name'>[], ProjectionTagPair>
}

/** The parts of `parts` of these projections, in the order given, joined by dots (as projectionTags answers). */
function joined(parts: Map<string, string>, projections: readonly Pick<Projection, 'name'>[]): string {
  let tag = ''
  for (let i = 0; i < projections.length; i++) {
    tag += `${i === 0 ? '' : '.'}${parts.get(projections[i]?.name ?? '') ?? '0-0'}`
  }
  return tag
}

function tagsOf(loaded: Loaded, projections: readonly Pick<Projection, 'name'>[]): ProjectionTagPair {
  let tags = loaded.tags.get(projections)
  if (tags === undefined) {
    tags = { tag: joined(loaded.positions, projections), catalogue: joined(loaded.catalogue, projections) }
    // Bounded: a caller making a new list per call gets its tags built each time, not kept.
    if (loaded.tags.size < MAX_KEPT_LISTS) loaded.tags.set(projections, tags)
  }
  return tags
}

export class ProjectionTags {
  readonly #pool: pg.Pool
  /** Null in embedded mode: nothing to listen with, every request queries (PGlite is in-process). */
  readonly #listen: NotificationListener | null
  #unlisten: (() => Promise<void>) | null = null
  #listening = false
  #closed = false
  /** Moves on every notification (and whenever listening starts): a copy from an older epoch is stale. */
  #epoch = 0
  #loaded: Loaded | null = null
  #loading: Promise<Loaded> | null = null

  constructor(pool: pg.Pool, listen: NotificationListener | null) {
    this.#pool = pool
    this.#listen = listen
  }

  /** How many times the positions were heard to move (or listening started); for tests and logs. */
  get moves(): number {
    return this.#epoch
  }

  /** `<generation>-<position>` per projection, in the order given (as projectionTag answers). */
  async tag(projections: readonly Pick<Projection, 'name'>[]): Promise<string> {
    return (await this.tags(projections)).tag
  }

  /** The ETag's tag and the catalogue tag of these projections (as projectionTags answers). */
  async tags(projections: readonly Pick<Projection, 'name'>[]): Promise<ProjectionTagPair> {
    if (!this.#listening) return projectionTags(this.#pool, projections)
    return tagsOf(await this.#current(), projections)
  }

  /**
   * The tag from memory when the loaded copy is current, else null (then await tag()). Lets a
   * cached answer go out in the same tick, without a promise per request.
   */
  tagNow(projections: readonly Pick<Projection, 'name'>[]): string | null {
    const loaded = this.#fresh()
    return loaded === null ? null : tagsOf(loaded, projections).tag
  }

  /** Both tags from memory when the loaded copy is current, else null (then await tags()). */
  tagsNow(projections: readonly Pick<Projection, 'name'>[]): ProjectionTagPair | null {
    const loaded = this.#fresh()
    return loaded === null ? null : tagsOf(loaded, projections)
  }

  #fresh(): Loaded | null {
    const loaded = this.#loaded
    if (!this.#listening || loaded === null) return null
    return loaded.epoch === this.#epoch && Date.now() - loaded.at < MAX_AGE_MS ? loaded : null
  }

  async #current(): Promise<Loaded> {
    const loaded = this.#fresh()
    if (loaded) return loaded
    this.#loading ??= this.#load().finally(() => {
      this.#loading = null
    })
    return this.#loading
  }

  async #load(): Promise<Loaded> {
    const epoch = this.#epoch
    const at = Date.now()
    const { rows } = await this.#pool.query<{
      name: string
      generation: number
      position: string
      catalogue_position: string
    }>({
      name: ALL,
      text: `SELECT p.name, g.generation, g.position, g.catalogue_position
             FROM projections p JOIN projection_generations g
               ON g.name = p.name AND g.generation = p.active_generation`,
    })
    const loaded = {
      epoch,
      at,
      positions: new Map(rows.map((r) => [r.name, `${r.generation}-${r.position}`])),
      catalogue: new Map(rows.map((r) => [r.name, `${r.generation}-${r.catalogue_position}`])),
      tags: new Map(),
    }
    // A notification during the load leaves this copy stale (older epoch): the next request reloads.
    this.#loaded = loaded
    return loaded
  }

  /** Starts listening; the listener reconnects by itself until close(). */
  async start(): Promise<void> {
    if (this.#closed || this.#unlisten || this.#listen === null) return
    this.#unlisten = await this.#listen(
      CHANNEL,
      () => {
        // A move, or listening (re)started: whatever moved before LISTEN was not heard either.
        this.#epoch += 1
        this.#listening = !this.#closed
      },
      () => {
        this.#listening = false
      },
    )
  }

  async close(): Promise<void> {
    this.#closed = true
    this.#listening = false
    const unlisten = this.#unlisten
    this.#unlisten = null
    await unlisten?.().catch(() => {})
  }
}
