/**
 * Password hashing with argon2id (@node-rs/argon2) and the password policy. Hashes live in the
 * credentials table, never in events or logs.
 *
 * Parameters follow the OWASP Password Storage Cheat Sheet's first argon2id option (19 MiB, 2
 * passes, 1 lane): about 10 ms a hash or a check on a 2-core machine, cheap enough that login stays fast
 * and throttling, not CPU, bounds an attacker.
 */
import { type Algorithm, hash, parseOptions, verify } from '@node-rs/argon2'
import { COMMON_PASSWORDS, COMMON_STEMS, SEQUENCES } from './common-passwords.ts'

export const PASSWORD_MIN_LENGTH = 10
export const PASSWORD_MAX_LENGTH = 256

const ARGON2ID = 2 as Algorithm
export const ARGON2_OPTIONS = { algorithm: ARGON2ID, memoryCost: 19_456, timeCost: 2, parallelism: 1 }

/**
 * A hash of a random password nobody knows, with the same parameters: verifying against it costs what
 * verifying a real hash costs, so an unknown account answers in the time a wrong password does.
 */
export const DUMMY_HASH =
  '$argon2id$v=19$m=19456,t=2,p=1$HgfU5bRwHrVSH5V1PnIIaw$diB1dAxukd9MedRjviN2/qs7PA9mUjTZ3oPLCQPvuFk'

/** NIST SP 800-63B: Unicode passwords are normalised before hashing, so the same keys give the same hash. */
const normalise = (password: string) => password.normalize('NFKC')

export function hashPassword(password: string): Promise<string> {
  return hash(normalise(password), ARGON2_OPTIONS)
}

/** False for a wrong password, a missing hash (after the same work) or a hash that does not parse. */
export async function verifyPassword(stored: string | null, password: string): Promise<boolean> {
  try {
    const matches = await verify(stored ?? DUMMY_HASH, normalise(password))
    return stored !== null && matches
  } catch {
    return false
  }
}

/** True when a stored hash was made with other parameters than today's: rehash it at the next login. */
export function needsRehash(stored: string): boolean {
  try {
    const used = parseOptions(stored)
    return (
      used.algorithm !== ARGON2_OPTIONS.algorithm ||
      used.memoryCost !== ARGON2_OPTIONS.memoryCost ||
      used.timeCost !== ARGON2_OPTIONS.timeCost ||
      used.parallelism !== ARGON2_OPTIONS.parallelism
    )
  } catch {
    return true
  }
}

function isSequence(value: string): boolean {
  return (
    value.length >= 4 &&
    SEQUENCES.some((run) => run.includes(value) || [...run].reverse().join('').includes(value))
  )
}

/**
 * Why a new password is refused, or null when it is acceptable. Length and a list of common
 * passwords only: NIST SP 800-63B advises against composition rules.
 */
export function passwordProblem(
  password: string,
  context: { username?: string | null; email?: string | null } = {},
): string | null {
  const length = [...password].length
  if (length < PASSWORD_MIN_LENGTH) return `must be at least ${PASSWORD_MIN_LENGTH} characters`
  if (length > PASSWORD_MAX_LENGTH) return `must be at most ${PASSWORD_MAX_LENGTH} characters`
  const lower = normalise(password).toLowerCase()
  if (/^(.)\1*$/su.test(lower)) return 'must not repeat a single character'
  const stem = lower.replace(/^[\d\W_]+|[\d\W_]+$/g, '')
  if (
    COMMON_PASSWORDS.has(lower) ||
    COMMON_STEMS.has(stem) ||
    isSequence(lower) ||
    (stem !== '' && isSequence(stem))
  ) {
    return 'is too common: it is among the first passwords attackers try'
  }
  const personal = [context.username, context.email, context.email?.split('@')[0]].filter(
    (value): value is string => typeof value === 'string' && value.length >= 3,
  )
  if (personal.some((value) => lower.includes(value.toLowerCase()))) {
    return 'must not contain your username or email'
  }
  return null
}
