/**
 * Instance-wide Redis from the runtime: the key-value port (src/key-value/contract.ts) over the
 * API's connection for requests, which fails fast (src/runtime/fail-fast-redis.ts: a request that
 * needs Redis while it is down is answered 503 at once, see redis-errors.ts), and that client itself
 * for what only Redis does across processes. In embedded mode the in-process store
 * (src/key-value/memory-store.ts) plays that role and there is no Redis client.
 */
import fp from 'fastify-plugin'
import type { Redis } from 'ioredis'
import type { KeyValueStore } from '../key-value/contract.ts'
import { untilReady } from '../runtime/fail-fast-redis.ts'

declare module 'fastify' {
  interface FastifyInstance {
    /** Caches and lookups; keys carry REDIS_KEY_PREFIX (ioredis' keyPrefix, or the memory store's view). */
    keyValue: KeyValueStore
    /**
     * The Redis client itself, for what only Redis does across processes (rate-limit leases, the
     * revocation cache's scripts); null in embedded mode (one process, no Redis).
     */
    redis: Redis | null
  }
}

/** Longest the start waits for the first connection. */
const CONNECT_WAIT_MS = 3_000

export default fp(
  async (app) => {
    // The runtime closes the connection (src/plugins/database.ts).
    const { store, redis } = app.runtime.keyValue()
    app.decorate('keyValue', store)
    app.decorate('redis', redis)
    if (redis) await untilReady(redis, CONNECT_WAIT_MS)
  },
  { name: 'redis', dependencies: ['config', 'database'] },
)
