/**
 * The Redis adapter of the key-value port (contract.ts) over an ioredis client: keys after the
 * client's keyPrefix, as ioredis applies it; the scripts (a batch with its checkpoint, the sum of
 * sorted sets, a chain of dependent reads) are Lua, so each is one atomic round trip.
 */
import type { Redis } from 'ioredis'
import type { CounterCommand, KeyValueStore } from './contract.ts'

// Applies a batch's commands and moves the checkpoint in one atomic step, unless the checkpoint is
// not the one the batch started from (already applied, or another owner): then it changes nothing.
const APPLY_BATCH_SCRIPT = `
local current = redis.call('GET', KEYS[1]) or ''
if current ~= ARGV[1] then return current end
for _, c in ipairs(cjson.decode(ARGV[4])) do
  local args = { c[1], ARGV[3] .. c[2] }
  for i = 3, #c do args[#args + 1] = c[i] end
  redis.call(unpack(args))
end
redis.call('SET', KEYS[1], ARGV[2])
return 'OK'
`

// Sums the sorted sets (ARGV[4..]) into a temporary key, narrows to the set ARGV[2] when given,
// answers the top ARGV[3] with their scores. Full key names (ARGV is not prefixed by ioredis).
const TOP_OF_UNION_SCRIPT = `
local tmp, within, count = ARGV[1], ARGV[2], tonumber(ARGV[3])
local source = ARGV[4]
if #ARGV > 4 then
  local keys = {}
  for i = 4, #ARGV do keys[#keys + 1] = ARGV[i] end
  redis.call('ZUNIONSTORE', tmp, #keys, unpack(keys))
  source = tmp
end
if within ~= '' then
  redis.call('ZINTERSTORE', tmp, 2, source, within, 'WEIGHTS', 1, 0)
  source = tmp
end
local top = redis.call('ZREVRANGE', source, 0, count - 1, 'WITHSCORES')
redis.call('DEL', tmp)
return top
`

// Reads ARGV[2..] in order, each after putting the values read before it in place of {0}, {1}...
// ('' for a missing one). ARGV[1] is the key prefix (ARGV is not prefixed by ioredis).
const GET_CHAIN_SCRIPT = `
local prefix, values = ARGV[1], {}
for i = 2, #ARGV do
  local key = string.gsub(ARGV[i], '{(%d+)}', function(n) return values[tonumber(n) + 1] or '' end)
  values[i - 1] = redis.call('GET', prefix .. key)
end
return values
`

type Scripts = {
  nexusTopOfUnion(...args: (string | number)[]): Promise<string[]>
  nexusGetChain(...args: string[]): Promise<(string | null)[]>
}

export class RedisKeyValue implements KeyValueStore {
  readonly kind = 'redis' as const
  readonly #redis: Redis & Scripts
  readonly #prefix: string

  /**
   * Defines the scripts on the client at once, before any traffic: ioredis copies custom commands
   * into an auto-pipeline when it opens one, so a script first defined while a pipeline waits makes
   * that pipeline throw and its results reach no one (every later command hangs).
   */
  constructor(redis: Redis) {
    if (!('nexusTopOfUnion' in redis)) {
      redis.defineCommand('nexusTopOfUnion', { numberOfKeys: 0, lua: TOP_OF_UNION_SCRIPT })
      redis.defineCommand('nexusGetChain', { numberOfKeys: 0, lua: GET_CHAIN_SCRIPT })
    }
    this.#redis = redis as Redis & Scripts
    this.#prefix = redis.options.keyPrefix ?? ''
  }

  ping(): Promise<unknown> {
    return this.#redis.ping()
  }

  get(key: string): Promise<string | null> {
    return this.#redis.get(key)
  }

  mget(...keys: string[]): Promise<(string | null)[]> {
    return this.#redis.mget(...keys)
  }

  getChain(keys: readonly string[]): Promise<(string | null)[]> {
    return this.#redis.nexusGetChain(this.#prefix, ...keys)
  }

  async set(key: string, value: string, ttlSeconds?: number): Promise<unknown> {
    return ttlSeconds === undefined
      ? this.#redis.set(key, value)
      : this.#redis.set(key, value, 'EX', ttlSeconds)
  }

  async deletePrefix(prefix: string): Promise<number> {
    // Key prefixes are ours (letters, digits, ':' and '_'); escape glob characters anyway.
    const pattern = `${(this.#prefix + prefix).replace(/[*?[\]\\]/g, '\\$&')}*`
    let cursor = '0'
    let deleted = 0
    do {
      const [next, keys] = await this.#redis.scan(cursor, 'MATCH', pattern, 'COUNT', 1000)
      // SCAN answers full names; UNLINK adds the client's prefix again.
      if (keys.length > 0)
        deleted += await this.#redis.unlink(...keys.map((key) => key.slice(this.#prefix.length)))
      cursor = next
    } while (cursor !== '0')
    return deleted
  }

  async applyBatch(
    checkpointKey: string,
    previous: string,
    next: string,
    dataPrefix: string,
    commands: readonly CounterCommand[],
  ): Promise<string> {
    return (await this.#redis.eval(
      APPLY_BATCH_SCRIPT,
      1,
      checkpointKey,
      previous,
      next,
      this.#prefix + dataPrefix,
      JSON.stringify(commands),
    )) as string
  }

  async topOfUnion(
    keys: readonly string[],
    within: string | null,
    count: number,
  ): Promise<[string, number][]> {
    const top = await this.#redis.nexusTopOfUnion(
      `${this.#prefix}cache:top:tmp:${process.pid}:${Math.random().toString(36).slice(2)}`,
      within === null ? '' : this.#prefix + within,
      count,
      ...keys.map((key) => this.#prefix + key),
    )
    const ranked: [string, number][] = []
    for (let i = 0; i + 1 < top.length; i += 2) ranked.push([top[i] as string, Number(top[i + 1])])
    return ranked
  }
}
