/**
 * TMDb answers cached in Redis (`<prefix>cache:tmdb:<path>?<query>`), each with the time it was
 * stored. The client decides freshness per endpoint (trending 1 h, details 24 h); entries live on
 * for a week so that a stale copy can stand in while TMDb fails (stale-while-error). Redis being
 * down only costs the cache: reads miss and writes are dropped, TMDb calls go on.
 */
import type { KeyValueStore } from '../../key-value/contract.ts'

export type CachedAnswer = { body: unknown; storedAt: number }

export type TmdbCache = {
  get(key: string): Promise<CachedAnswer | null>
  set(key: string, body: unknown, now?: number): Promise<void>
}

/** How long an entry stays for stale-while-error, whatever its freshness. */
export const STALE_KEEP_SECONDS = 7 * 24 * 3600

/** `redis` without a key prefix of its own; `keyPrefix` is the app's REDIS_KEY_PREFIX. */
export function redisTmdbCache(
  /** Redis, or in embedded mode the in-process store. */
  redis: KeyValueStore,
  keyPrefix: string,
  onError?: (error: unknown) => void,
): TmdbCache {
  const full = (key: string) => `${keyPrefix}cache:tmdb:${key}`
  return {
    async get(key) {
      try {
        const raw = await redis.get(full(key))
        if (raw === null) return null
        const parsed = JSON.parse(raw) as Partial<CachedAnswer>
        return typeof parsed.storedAt === 'number' && 'body' in parsed
          ? { body: parsed.body, storedAt: parsed.storedAt }
          : null
      } catch (error) {
        onError?.(error)
        return null
      }
    },
    async set(key, body, now = Date.now()) {
      try {
        const value = JSON.stringify({ storedAt: now, body })
        await redis.set(full(key), value, STALE_KEEP_SECONDS)
      } catch (error) {
        onError?.(error)
      }
    },
  }
}
