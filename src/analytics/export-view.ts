/**
 * What an analyst may see of a stored event (CLI export, GET /api/v1/events): the envelope with
 * personal data (user fields, comment texts, reviews) opened for live users and null for erased
 * ones, and nothing secret.
 *
 * Keys are looked up per page of events (one query for the page's users not yet known) and kept for
 * the run in a bounded cache. A user erased while a long export runs may still appear opened in the
 * rest of that run, as they would have in an export started a moment earlier.
 * @see ../identity/personal-data.ts
 */
import type { Kysely } from 'kysely'
import type { Database } from '../db/schema.ts'
import { eventTypeGuard } from '../domain/events.ts'
import { USER_EVENT_TYPES } from '../domain/user/user.ts'
import type { EventMetadata, StoredEvent } from '../event-store/contract.ts'
import { freeTextOf, isSealed, openFreeText, openUserEvent } from '../privacy/personal-data.ts'

/** One event as exported: JSON-ready (revision a number, createdAt ISO 8601). */
export type ExportedEvent = {
  position: string
  id: string
  type: string
  stream: string
  revision: number
  createdAt: string
  data: unknown
  metadata: Record<string, unknown>
}

export type ExportView = (events: readonly StoredEvent[]) => Promise<ExportedEvent[]>

/**
 * Field names never exported, at any depth of data or metadata. Events carry no secrets by design
 * (DESIGN.md); this is the second line of defence should one ever slip in.
 */
export const SECRET_FIELD = /pass(word|wd|phrase)|hash|token|secret|api_?key|credential|private_?key/i

const isUserEvent = eventTypeGuard(USER_EVENT_TYPES)
const isReservationEvent = eventTypeGuard(['UniqueValueReserved', 'UniqueValueReleased'])
/**
 * Reservation streams are named by the SHA-256 of a username or email: for an erased user that hash
 * still identifies them to anyone who can guess the value, so it is withheld like the value itself.
 */
const RESERVATION_STREAM = /^(username|email)-[0-9a-f]{64}$/
const RESERVATION_FIELDS = ['usernameReservation', 'emailReservation']
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i
const DEFAULT_CACHE_SIZE = 50_000

/** Secret-named fields removed and sealed values that could not be opened replaced by null, at any depth. */
export function scrub(value: unknown): unknown {
  if (typeof value === 'string') return isSealed(value) ? null : value
  if (Array.isArray(value)) return value.map(scrub)
  if (value !== null && typeof value === 'object') {
    const clean: Record<string, unknown> = {}
    for (const [field, inner] of Object.entries(value)) {
      if (!SECRET_FIELD.test(field)) clean[field] = scrub(inner)
    }
    return clean
  }
  return value
}

/** The user whose personal data an event may carry, when it is a user or reservation event. */
function personOf(event: StoredEvent): string | null {
  // Comment texts and reviews: their author's, sealed with the author's key.
  const author = freeTextOf(event)?.userId
  if (author !== undefined) return UUID.test(author) ? author.toLowerCase() : null
  if (!isUserEvent(event) && !isReservationEvent(event)) return null
  const userId: unknown = event.data?.userId
  return typeof userId === 'string' && UUID.test(userId) ? userId.toLowerCase() : null
}

/** A user's keys for one run: at most `size` remembered, the oldest forgotten first. */
class KeyCache {
  readonly #keys = new Map<string, Buffer | null>()
  readonly #size: number

  constructor(size: number) {
    this.#size = size
  }

  has(userId: string): boolean {
    return this.#keys.has(userId)
  }

  get(userId: string): Buffer | null {
    return this.#keys.get(userId) ?? null
  }

  set(userId: string, key: Buffer | null): void {
    this.#keys.delete(userId)
    this.#keys.set(userId, key)
    if (this.#keys.size > this.#size) {
      const oldest = this.#keys.keys().next()
      if (!oldest.done) this.#keys.delete(oldest.value)
    }
  }
}

function view(event: StoredEvent, key: Buffer | null, person: string | null): ExportedEvent {
  let data = event.data
  let stream = event.stream
  let metadata: EventMetadata = event.metadata
  if (person !== null) {
    if (freeTextOf(event) !== null) {
      try {
        // Null once the author is erased; text stored before sealing (version 1) is as it was.
        data = openFreeText(event, () => key).data
      } catch (error) {
        throw new Error(
          `cannot open the free text of event ${event.id} (${event.type} at ${event.position}): ${(error as Error).message}`,
          { cause: error },
        )
      }
    }
    if (isUserEvent(event)) {
      try {
        data = openUserEvent(event, key).data
      } catch (error) {
        // Fail closed: a personal field that is not sealed, or does not open, is never exported as is.
        throw new Error(
          `cannot open the personal data of event ${event.id} (${event.type} at ${event.position}): ${(error as Error).message}`,
          { cause: error },
        )
      }
    }
    if (key === null) {
      const withheld: Record<string, unknown> = typeof data === 'object' && data !== null ? { ...data } : {}
      if (isReservationEvent(event)) {
        const kind = RESERVATION_STREAM.exec(stream)?.[1]
        if (kind) stream = `${kind}-erased`
        // Who holds the name is exactly what the hash would give away: the user id goes too.
        withheld.userId = null
        if (metadata.actorId?.toLowerCase() === person) metadata = { ...metadata, actorId: null }
      }
      for (const field of RESERVATION_FIELDS) if (field in withheld) withheld[field] = null
      data = withheld
    }
  }
  return {
    position: event.position,
    id: event.id,
    type: event.type,
    stream,
    revision: Number(event.revision),
    createdAt: event.createdAt.toISOString(),
    data: scrub(data),
    metadata: scrub(metadata) as Record<string, unknown>,
  }
}

/** A view for one export run (or one API request): its key cache lives as long as it does. */
export function createExportView(db: Kysely<Database>, options: { cacheSize?: number } = {}): ExportView {
  const cache = new KeyCache(options.cacheSize ?? DEFAULT_CACHE_SIZE)
  return async (events) => {
    const people = events.map(personOf)
    // This page's keys, held here so that a page with more users than the cache still sees them all.
    const keys = new Map<string, Buffer | null>()
    const missing: string[] = []
    for (const id of people) {
      if (id === null || keys.has(id)) continue
      if (cache.has(id)) keys.set(id, cache.get(id))
      else {
        keys.set(id, null)
        missing.push(id)
      }
    }
    if (missing.length > 0) {
      const rows = await db
        .selectFrom('user_keys')
        .select(['user_id', 'key'])
        .where('user_id', 'in', missing)
        .execute()
      for (const row of rows) keys.set(row.user_id.toLowerCase(), row.key)
      // No row: erased, or never registered (a failed registration's reservation): both stay closed.
      for (const id of missing) cache.set(id, keys.get(id) ?? null)
    }
    return events.map((event, i) => {
      const person = people[i] ?? null
      return view(event, person === null ? null : (keys.get(person) ?? null), person)
    })
  }
}
