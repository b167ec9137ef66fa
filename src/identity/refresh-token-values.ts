/**
 * Refresh token values: 256 random bits, opaque to clients, stored only as their SHA-256 (a token
 * this random needs no salt or slow hash: nothing can be guessed from its digest).
 */
import { createHash, randomBytes } from 'node:crypto'

const PREFIX = 'nxr_'

export const newRefreshToken = (): string => PREFIX + randomBytes(32).toString('base64url')

export const refreshTokenDigest = (token: string): Buffer =>
  createHash('sha256').update(token, 'utf8').digest()

/** A cheap shape check so garbage never reaches the database. */
export const looksLikeRefreshToken = (value: string): boolean => /^nxr_[A-Za-z0-9_-]{43}$/.test(value)
