/**
 * Usernames and emails in their canonical forms, and the keys of their reservation streams.
 *
 * A username is NFKC-normalised and case-folded, then must be plain ASCII letters and digits with
 * single `.`, `_` or `-` between them: fullwidth or stylised letters fold into their plain form, and a
 * look-alike from another script (Cyrillic а, Greek ο) is refused, so no two accepted usernames can
 * differ only by script. The reservation key goes one step further, a small UTS #39-style skeleton
 * (0→o, 1→l, rn→m, vv→w, separators dropped), so `paypa1` cannot impersonate `paypal`.
 */
import { createHash } from 'node:crypto'

export const USERNAME_MIN_LENGTH = 3
export const USERNAME_MAX_LENGTH = 32
/** Raw input bound, before normalisation (NFKC can expand one character into several). */
export const USERNAME_INPUT_MAX_LENGTH = 64
export const EMAIL_MAX_LENGTH = 254

const USERNAME_SHAPE = /^[a-z0-9]+(?:[._-][a-z0-9]+)*$/

/** Names that would let an account pass for the service itself. */
const RESERVED_USERNAMES = new Set([
  'admin',
  'administrator',
  'root',
  'system',
  'nexus',
  'support',
  'security',
  'moderator',
  'staff',
  'api',
  'me',
  'null',
  'undefined',
  'anonymous',
])

export type Checked = { ok: true; value: string } | { ok: false; message: string }

/** Full case folding, approximated by lower, upper, lower case (ẞ → ß → SS → ss); NFKC again after. */
function fold(value: string): string {
  return value.normalize('NFKC').toLowerCase().toUpperCase().toLowerCase().normalize('NFKC')
}

/** `allowReserved`: for operators only (the create-admin script may name an account `admin`). */
export function canonicalUsername(raw: string, options: { allowReserved?: boolean } = {}): Checked {
  const value = fold(raw.trim())
  const length = [...value].length
  if (length < USERNAME_MIN_LENGTH || length > USERNAME_MAX_LENGTH) {
    return {
      ok: false,
      message: `must be ${USERNAME_MIN_LENGTH} to ${USERNAME_MAX_LENGTH} characters once normalised`,
    }
  }
  if (!USERNAME_SHAPE.test(value)) {
    return {
      ok: false,
      message:
        'may use only letters a-z and digits, with single . _ or - between them (look-alike letters from other scripts are refused)',
    }
  }
  if (!options.allowReserved && RESERVED_USERNAMES.has(skeleton(value)))
    return { ok: false, message: 'is reserved' }
  return { ok: true, value }
}

/** Emails compare case-insensitively as a whole (no provider-specific rules such as Gmail dots). */
export function canonicalEmail(raw: string): Checked {
  const value = raw.trim().normalize('NFKC').toLowerCase()
  const at = value.lastIndexOf('@')
  if (value.length > EMAIL_MAX_LENGTH || at < 1 || at === value.length - 1 || /\s/.test(value)) {
    return { ok: false, message: 'must be an email address' }
  }
  return { ok: true, value }
}

/** What two usernames that look alike share; only ever used as a uniqueness key. */
export function skeleton(username: string): string {
  return username
    .replaceAll(/[._-]/g, '')
    .replaceAll('0', 'o')
    .replaceAll('1', 'l')
    .replaceAll('rn', 'm')
    .replaceAll('vv', 'w')
}

const sha256 = (value: string) => createHash('sha256').update(value, 'utf8').digest('hex')

/** Key of the reservation stream of a canonical username. */
export const usernameKey = (username: string) => sha256(`username:${skeleton(username)}`)

/** Key of the reservation stream of a canonical email. */
export const emailKey = (email: string) => sha256(`email:${email}`)

/**
 * The reservation key a login name points at (username or email), or null when it cannot be an
 * account at all. Login answers both alike, so a malformed name reveals nothing either.
 */
export function loginKey(login: string): { kind: 'username' | 'email'; key: string } | null {
  if (login.includes('@')) {
    const email = canonicalEmail(login)
    return email.ok ? { kind: 'email', key: emailKey(email.value) } : null
  }
  const username = canonicalUsername(login, { allowReserved: true })
  return username.ok ? { kind: 'username', key: usernameKey(username.value) } : null
}
