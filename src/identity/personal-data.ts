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
