/**
 * Crypto-shredding of personal data: each user has their own AES-256-GCM key (the user_keys table),
 * and the personal fields of their events are stored sealed with it. Erasing a user deletes the key,
 * after which those fields read back as null everywhere: event reads, exports, replays, rebuilt read
 * models. Everything else in the events (ids, roles, dates, their anonymous ratings) stays usable.
 *
 * A sealed value is `sealed:v1:` + base64url(iv ‖ tag ‖ ciphertext); the additional authenticated data
 * binds it to its user and field, so a value copied into another user's event or field fails to open.
 */
import { createCipheriv, createDecipheriv, randomBytes } from 'node:crypto'
import type { UserEvent } from '../domain/user/user.ts'

const PREFIX = 'sealed:v1:'
const IV_BYTES = 12
const TAG_BYTES = 16
export const USER_KEY_BYTES = 32

export const newUserKey = (): Buffer => randomBytes(USER_KEY_BYTES)

export function seal(key: Buffer, context: string, plaintext: string): string {
  const iv = randomBytes(IV_BYTES)
  const cipher = createCipheriv('aes-256-gcm', key, iv)
  cipher.setAAD(Buffer.from(context, 'utf8'))
  const ciphertext = Buffer.concat([cipher.update(plaintext, 'utf8'), cipher.final()])
  return PREFIX + Buffer.concat([iv, cipher.getAuthTag(), ciphertext]).toString('base64url')
}

export function isSealed(value: unknown): value is string {
  return typeof value === 'string' && value.startsWith(PREFIX)
}

/**
 * The plaintext, or null when there is no key any more (the user was erased).
 * @throws when the value was not sealed with this key for this context: tampering or a bug, never erasure.
 */
export function open(key: Buffer | null, context: string, sealed: string): string | null {
  if (!isSealed(sealed)) throw new TypeError(`${context} is not a sealed value`)
  if (key === null) return null
  const bytes = Buffer.from(sealed.slice(PREFIX.length), 'base64url')
  const decipher = createDecipheriv('aes-256-gcm', key, bytes.subarray(0, IV_BYTES))
  decipher.setAAD(Buffer.from(context, 'utf8'))
  decipher.setAuthTag(bytes.subarray(IV_BYTES, IV_BYTES + TAG_BYTES))
  return Buffer.concat([decipher.update(bytes.subarray(IV_BYTES + TAG_BYTES)), decipher.final()]).toString(
    'utf8',
  )
}

/** The personal fields of each user event type. */
const PERSONAL_FIELDS: { [Type in UserEvent['type']]: readonly string[] } = {
  UserRegistered: ['username', 'email', 'displayName'],
  UserProfileUpdated: ['displayName'],
  ProfileVisibilityChanged: [],
  UserRoleChanged: [],
  PasswordChanged: [],
  UserErased: [],
  UserSuspended: [],
  UserReinstated: [],
}

type EventLike = { type: string; data: unknown }

function mapPersonal<Event extends EventLike>(
  event: Event,
  map: (field: string, value: string, context: string) => string | null,
): Event {
  const fields = PERSONAL_FIELDS[event.type as UserEvent['type']]
  if (!fields || fields.length === 0 || typeof event.data !== 'object' || event.data === null) return event
  const data: Record<string, unknown> = { ...event.data }
  const userId = String(data.userId)
  for (const field of fields) {
    const value = data[field]
    if (typeof value === 'string') data[field] = map(field, value, `user:${userId}:${field}`)
  }
  return { type: event.type, data } as Event
}

/**
 * The event as it is stored: personal fields sealed with the user's key (nulls stay null).
 * @throws when the event carries personal data and there is no key to seal it with
 */
export function sealUserEvent<Event extends EventLike>(event: Event, key: Buffer | null): Event {
  return mapPersonal(event, (_field, value, context) => {
    if (key === null) throw new Error(`no key to seal ${context}: the user has no key (erased?)`)
    return seal(key, context, value)
  })
}

/** The event as the domain and projections read it: personal fields opened, or null without the key. */
export function openUserEvent<Event extends UserEvent>(event: Event, key: Buffer | null): Event {
  return mapPersonal(event, (_field, value, context) => open(key, context, value))
}

/**
 * Free text written by a user (comment text, rating reviews) is theirs too: sealed with their key
 * under a context naming the user and the kind of text, so erasing them makes it unreadable.
 */
export type FreeTextKind = 'comment-text' | 'review'

const textContext = (userId: string, kind: FreeTextKind) => `user:${userId}:${kind}`

export function sealText(key: Buffer | null, userId: string, kind: FreeTextKind, text: string): string {
  if (key === null)
    throw new Error(`no key to seal ${textContext(userId, kind)}: the user has no key (erased?)`)
  return seal(key, textContext(userId, kind), text)
}

/**
 * The text as written: opened with the author's key, or null without it (erased). A value that is
 * not sealed is returned as it is: free text stored before it was sealed (docs/identity.md).
 */
export function openText(
  key: Buffer | null,
  userId: string,
  kind: FreeTextKind,
  value: string,
): string | null {
  return isSealed(value) ? open(key, textContext(userId, kind), value) : value
}

/** The user whose free text an event carries, and where: null for events without any. */
export function freeTextOf(
  event: EventLike,
): { userId: string; kind: FreeTextKind; fields: string[] } | null {
  const data = event.data as Record<string, unknown> | null
  if (typeof data !== 'object' || data === null) return null
  switch (event.type) {
    case 'CommentAdded':
      return typeof data.authorId === 'string'
        ? { userId: data.authorId, kind: 'comment-text', fields: ['text'] }
        : null
    case 'CommentEdited':
      // Version 1 edits name no author: their texts were stored in clear.
      return typeof data.authorId === 'string'
        ? { userId: data.authorId, kind: 'comment-text', fields: ['text', 'previousText'] }
        : null
    case 'RatingGiven':
      return typeof data.userId === 'string'
        ? { userId: data.userId, kind: 'review', fields: ['review'] }
        : null
    default:
      return null
  }
}

function mapFreeText<Event extends EventLike>(
  event: Event,
  map: (value: string, userId: string, kind: FreeTextKind) => string | null,
): Event {
  const found = freeTextOf(event)
  if (found === null) return event
  // Copied only when a text changes: most ratings carry no review, and a rebuild or a command's
  // read maps every one of them.
  let data: Record<string, unknown> | null = null
  for (const field of found.fields) {
    const value = (event.data as Record<string, unknown>)[field]
    if (typeof value !== 'string') continue
    const mapped = map(value, found.userId, found.kind)
    if (mapped === value) continue
    data ??= { ...(event.data as Record<string, unknown>) }
    data[field] = mapped
  }
  return data === null ? event : ({ ...event, data } as Event)
}

/** The event as it is stored: its free text sealed with its author's key (`key`). */
export function sealFreeText<Event extends EventLike>(event: Event, key: Buffer | null): Event {
  return mapFreeText(event, (value, userId, kind) =>
    isSealed(value) ? value : sealText(key, userId, kind, value),
  )
}

/**
 * The event with its free text opened: `keyOf` gives the author's key (null: erased, the text reads
 * as null), or undefined to leave it sealed (the caller may not read that author's text).
 */
export function openFreeText<Event extends EventLike>(
  event: Event,
  keyOf: (userId: string) => Buffer | null | undefined,
): Event {
  return mapFreeText(event, (value, userId, kind) => {
    const key = keyOf(userId)
    return key === undefined ? value : openText(key, userId, kind, value)
  })
}
