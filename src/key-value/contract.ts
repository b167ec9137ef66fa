/**
 * The key-value/counters port: what Nexus asks of Redis, and of the in-process store that stands in
 * for it in embedded mode. Counter projections, the trending read, answer caches and the TMDb cache
 * go through it; the adapters are redis.ts (ioredis) and memory-store.ts (in-process, snapshotted).
 * Keys are relative to the store's own prefix (ioredis' keyPrefix, or the memory store's view).
 * What only Redis can do for several processes (rate-limit leases, the revocation cache's scripts)
 * takes the Redis client itself, which embedded mode (one process) does not have.
 */

/** One counter write; the key is relative to the data prefix of the batch that carries it. */
export type CounterCommand = [command: string, key: string, ...args: (string | number)[]]

export type KeyValueStore = {
  readonly kind: 'redis' | 'memory'
  ping(): Promise<unknown>
  get(key: string): Promise<string | null>
  mget(...keys: string[]): Promise<(string | null)[]>
  /**
   * Reads keys that depend on values read before them, in one round trip: `{0}` in a key stands for
   * the first key's value, `{1}` for the second's, and so on ('' when that one is missing).
   */
  getChain(keys: readonly string[]): Promise<(string | null)[]>
  /** SET, with an expiry in seconds when given. */
  set(key: string, value: string, ttlSeconds?: number): Promise<unknown>
  /** Deletes every key that starts with `prefix`; answers how many. */
  deletePrefix(prefix: string): Promise<number>
  /**
   * When the checkpoint at `checkpointKey` is `previous` ('' for none), runs the commands (keys after
   * `dataPrefix`) and sets it to `next` in one atomic step, and answers 'OK'; otherwise changes
   * nothing and answers the current checkpoint.
   */
  applyBatch(
    checkpointKey: string,
    previous: string,
    next: string,
    dataPrefix: string,
    commands: readonly CounterCommand[],
  ): Promise<string>
  /**
   * The sorted sets `keys` summed, narrowed to the members of the set `within` when given, highest
   * scores first (ties in reverse member order), at most `count`.
   */
  topOfUnion(keys: readonly string[], within: string | null, count: number): Promise<[string, number][]>
}
