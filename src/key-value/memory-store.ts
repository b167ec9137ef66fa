/**
 * The in-process adapter of the key-value port (contract.ts), embedded mode's stand-in for Redis: an in-process keyspace with Redis semantics for exactly what
 * Nexus asks of Redis (strings with a TTL, sorted sets, sets, hashes; the commands a counter
 * projection may return), kept in a snapshot file in the data directory.
 *
 * Why memory and not PGlite tables: the counter projections are written as Redis commands, and the
 * one way to be sure the embedded counters equal the Redis ones is to run those same commands with
 * the same semantics (test/projections/memory-counters.test.ts compares both). A batch and its
 * checkpoint move together in one synchronous step (no await in between), which is as atomic as the
 * Lua script on Redis; a failing command undoes the whole batch. The snapshot is one synchronous
 * cut of the whole keyspace, checkpoints included, written to a temporary file and renamed: after a
 * crash the counters and their checkpoint come back together, and the projection re-applies the
 * events after that checkpoint (the PostgreSQL registry row, a mirror, may briefly say more).
 */
import { readFileSync } from 'node:fs'
import { rename, writeFile } from 'node:fs/promises'
import type { CounterCommand, KeyValueStore } from './contract.ts'

type Value =
  | { type: 'string'; value: string }
  | { type: 'zset'; value: Map<string, number> }
  | { type: 'set'; value: Set<string> }
  | { type: 'hash'; value: Map<string, string> }

type Entry = Value & { expiresAt: number | null }

type SnapshotEntry = [key: string, type: Value['type'], value: unknown, expiresAt: number | null]
type Snapshot = { format: 1; savedAt: string; entries: SnapshotEntry[] }

export class WrongTypeError extends Error {
  constructor(key: string, command: string) {
    super(`WRONGTYPE ${command} on ${key}: Operation against a key holding the wrong kind of value`)
    this.name = 'WrongTypeError'
  }
}

/** Formats a number the way Redis answers it (shortest round-trip form; integers without a dot). */
const formatNumber = (value: number) => (Object.is(value, -0) ? '0' : String(value))

function parseNumber(raw: string | number, command: string): number {
  const value = typeof raw === 'number' ? raw : Number(raw)
  if (typeof raw === 'string' && raw.trim() === '')
    throw new Error(`ERR ${command}: value is not a valid float`)
  if (!Number.isFinite(value)) throw new Error(`ERR ${command}: value is not a valid float`)
  return value
}

function parseInteger(raw: string | number, command: string): number {
  const value = parseNumber(raw, command)
  if (!Number.isSafeInteger(value)) throw new Error(`ERR ${command}: value is not an integer or out of range`)
  return value
}

function clone(entry: Entry): Entry {
  switch (entry.type) {
    case 'string':
      return { ...entry }
    case 'zset':
      return { ...entry, value: new Map(entry.value) }
    case 'set':
      return { ...entry, value: new Set(entry.value) }
    case 'hash':
      return { ...entry, value: new Map(entry.value) }
  }
}

/** The keyspace shared by every view (prefix) of one embedded store. */
class Keyspace {
  readonly entries = new Map<string, Entry>()
  /** Bumped by every change; the snapshot writer compares it with the last one written. */
  version = 0

  /** The live entry, or undefined when absent or expired (an expired one is dropped). */
  get(key: string, now = Date.now()): Entry | undefined {
    const entry = this.entries.get(key)
    if (!entry) return undefined
    if (entry.expiresAt !== null && entry.expiresAt <= now) {
      this.entries.delete(key)
      return undefined
    }
    return entry
  }
}

/** An undo log for one batch: the first value seen of every key it touches. */
type Journal = Map<string, Entry | undefined>

export type MemoryStoreOptions = {
  /** Where the snapshot lives; null keeps everything in memory only (tests). */
  snapshotFile: string | null
  /** How long changes may wait before they are written (default 1 s). */
  flushDelayMs?: number
}

export class MemoryStore implements KeyValueStore {
  readonly kind = 'memory' as const
  readonly #space: Keyspace
  readonly #prefix: string
  readonly #persistence: Persistence | null

  private constructor(space: Keyspace, prefix: string, persistence: Persistence | null) {
    this.#space = space
    this.#prefix = prefix
    this.#persistence = persistence
  }

  /** Opens the store, loading its snapshot when there is one. */
  static open(options: MemoryStoreOptions): MemoryStore {
    const space = new Keyspace()
    const persistence =
      options.snapshotFile === null
        ? null
        : new Persistence(space, options.snapshotFile, options.flushDelayMs ?? 1_000)
    persistence?.load()
    return new MemoryStore(space, '', persistence)
  }

  /** A view whose keys all start with `prefix` (like ioredis' keyPrefix); same data, same snapshot. */
  withPrefix(prefix: string): MemoryStore {
    return new MemoryStore(this.#space, this.#prefix + prefix, this.#persistence)
  }

  async ping(): Promise<'PONG'> {
    return 'PONG'
  }

  async get(key: string): Promise<string | null> {
    return this.#string(this.#prefix + key, 'GET')
  }

  async mget(...keys: string[]): Promise<(string | null)[]> {
    return keys.map((key) => this.#string(this.#prefix + key, 'MGET'))
  }

  /** Keys that name the values read before them ({0}, {1}...; '' for a missing one), read in order. */
  async getChain(keys: readonly string[]): Promise<(string | null)[]> {
    const values: (string | null)[] = []
    for (const template of keys) {
      const key = template.replace(/\{(\d+)\}/g, (_, n: string) => values[Number(n)] ?? '')
      values.push(this.#string(this.#prefix + key, 'GET'))
    }
    return values
  }

  /** SET, with an expiry in seconds when given (SET key value EX seconds). */
  async set(key: string, value: string, ttlSeconds?: number): Promise<'OK'> {
    this.#write(this.#prefix + key, {
      type: 'string',
      value,
      expiresAt: ttlSeconds === undefined ? null : Date.now() + ttlSeconds * 1000,
    })
    return 'OK'
  }

  /** Deletes every key that starts with `prefix` (after the view's own prefix); answers how many. */
  async deletePrefix(prefix: string): Promise<number> {
    const full = this.#prefix + prefix
    let deleted = 0
    for (const key of [...this.#space.entries.keys()]) {
      if (key.startsWith(full)) {
        this.#space.entries.delete(key)
        deleted++
      }
    }
    if (deleted > 0) this.#changed()
    return deleted
  }

  /** Runs one counter command (the set src/projector/run-generation.ts allows), its key after the view's prefix. */
  async run(command: CounterCommand): Promise<void> {
    this.#runAll([command], '')
  }

  /**
   * The embedded form of run-generation.ts's batch script: when the checkpoint at `checkpointKey` is
   * `previous` ('' for none), runs the commands (keys after `dataPrefix`) and sets it to `next` in one
   * synchronous step, and answers 'OK'; otherwise changes nothing and answers the current checkpoint.
   */
  async applyBatch(
    checkpointKey: string,
    previous: string,
    next: string,
    dataPrefix: string,
    commands: readonly CounterCommand[],
  ): Promise<string> {
    const current = this.#string(this.#prefix + checkpointKey, 'GET') ?? ''
    if (current !== previous) return current
    const journal = this.#runAll(commands, dataPrefix)
    this.#remember(journal, this.#prefix + checkpointKey)
    this.#space.entries.set(this.#prefix + checkpointKey, { type: 'string', value: next, expiresAt: null })
    this.#changed()
    return 'OK'
  }

  /**
   * The sorted sets `keys` summed (ZUNIONSTORE), narrowed to the members of the set `within` when
   * given (ZINTERSTORE ... WEIGHTS 1 0), highest scores first (ZREVRANGE 0 count-1): the trending
   * read. Ties go in reverse member order, as in Redis.
   */
  async topOfUnion(
    keys: readonly string[],
    within: string | null,
    count: number,
  ): Promise<[string, number][]> {
    const now = Date.now()
    const sums = new Map<string, number>()
    for (const key of keys) {
      const entry = this.#space.get(this.#prefix + key, now)
      if (!entry) continue
      if (entry.type !== 'zset' && entry.type !== 'set') throw new WrongTypeError(key, 'ZUNIONSTORE')
      if (entry.type === 'set') {
        for (const member of entry.value) sums.set(member, (sums.get(member) ?? 0) + 1)
      } else {
        for (const [member, score] of entry.value) sums.set(member, (sums.get(member) ?? 0) + score)
      }
    }
    let members = [...sums]
    if (within !== null) {
      const filter = this.#space.get(this.#prefix + within, now)
      if (filter && filter.type !== 'set' && filter.type !== 'zset')
        throw new WrongTypeError(within, 'ZINTERSTORE')
      members = filter ? members.filter(([member]) => filter.value.has(member)) : []
    }
    members.sort(([a, x], [b, y]) => y - x || (a < b ? 1 : a > b ? -1 : 0))
    return members.slice(0, Math.max(0, count))
  }

  /** Every live key under the view's prefix with its type and value, for comparisons in tests. */
  dump(): Record<string, unknown> {
    const out: Record<string, unknown> = {}
    const now = Date.now()
    for (const key of [...this.#space.entries.keys()].sort()) {
      if (!key.startsWith(this.#prefix)) continue
      const entry = this.#space.get(key, now)
      if (!entry) continue
      out[key.slice(this.#prefix.length)] = exportValue(entry)
    }
    return out
  }

  /** Writes the snapshot now if anything changed since the last one. */
  async flush(): Promise<void> {
    await this.#persistence?.flush()
  }

  /** Flushes and stops the background writer. Views share it: close the store once. */
  async quit(): Promise<'OK'> {
    await this.#persistence?.close()
    return 'OK'
  }

  #string(key: string, command: string): string | null {
    const entry = this.#space.get(key)
    if (!entry) return null
    if (entry.type !== 'string') throw new WrongTypeError(key, command)
    return entry.value
  }

  #write(key: string, entry: Entry): void {
    this.#space.entries.set(key, entry)
    this.#changed()
  }

  #changed(): void {
    this.#space.version++
    this.#persistence?.schedule()
  }

  #remember(journal: Journal, key: string): void {
    if (journal.has(key)) return
    const entry = this.#space.get(key)
    journal.set(key, entry ? clone(entry) : undefined)
  }

  /** Runs the commands; on the first failure restores every key they touched and throws. */
  #runAll(commands: readonly CounterCommand[], dataPrefix: string): Journal {
    const journal: Journal = new Map()
    try {
      for (const command of commands) {
        const key = this.#prefix + dataPrefix + command[1]
        this.#remember(journal, key)
        this.#apply(key, command)
      }
    } catch (error) {
      for (const [key, entry] of journal) {
        if (entry === undefined) this.#space.entries.delete(key)
        else this.#space.entries.set(key, entry)
      }
      throw error
    }
    if (commands.length > 0) this.#changed()
    return journal
  }

  #of<T extends Value['type']>(
    key: string,
    type: T,
    command: string,
  ): Extract<Entry, { type: T }> | undefined {
    const entry = this.#space.get(key)
    if (!entry) return undefined
    if (entry.type !== type) throw new WrongTypeError(key, command)
    return entry as Extract<Entry, { type: T }>
  }

  #create<T extends Value['type']>(key: string, type: T, command: string): Extract<Entry, { type: T }> {
    const found = this.#of(key, type, command)
    if (found) return found
    const value = type === 'string' ? '' : type === 'set' ? new Set<string>() : new Map()
    const entry = { type, value, expiresAt: null } as Extract<Entry, { type: T }>
    this.#space.entries.set(key, entry)
    return entry
  }

  /** Redis drops a sorted set, set or hash that becomes empty. */
  #dropIfEmpty(key: string, entry: { value: Map<string, unknown> | Set<string> }): void {
    if (entry.value.size === 0) this.#space.entries.delete(key)
  }

  #apply(key: string, [name, , ...args]: CounterCommand): void {
    const command = name.toUpperCase()
    const arg = (i: number) => {
      const value = args[i]
      if (value === undefined) throw new Error(`ERR wrong number of arguments for '${command}'`)
      return value
    }
    const pairs = (from: number) => {
      if (args.length <= from || (args.length - from) % 2 !== 0)
        throw new Error(`ERR wrong number of arguments for '${command}'`)
      const out: [string | number, string | number][] = []
      for (let i = from; i < args.length; i += 2) out.push([arg(i), arg(i + 1)])
      return out
    }
    switch (command) {
      case 'ZINCRBY': {
        const by = parseNumber(arg(0), command)
        const zset = this.#create(key, 'zset', command)
        const member = String(arg(1))
        zset.value.set(member, (zset.value.get(member) ?? 0) + by)
        return
      }
      case 'ZADD': {
        const entries = pairs(0).map(
          ([score, member]) => [String(member), parseNumber(score, command)] as const,
        )
        const zset = this.#create(key, 'zset', command)
        for (const [member, score] of entries) zset.value.set(member, score)
        return
      }
      case 'ZREM':
      case 'SREM':
      case 'HDEL': {
        if (args.length === 0) throw new Error(`ERR wrong number of arguments for '${command}'`)
        const type = command === 'ZREM' ? 'zset' : command === 'SREM' ? 'set' : 'hash'
        const entry = this.#of(key, type, command)
        if (!entry) return
        for (const member of args) entry.value.delete(String(member))
        this.#dropIfEmpty(key, entry)
        return
      }
      case 'SADD': {
        if (args.length === 0) throw new Error(`ERR wrong number of arguments for '${command}'`)
        const set = this.#create(key, 'set', command)
        for (const member of args) set.value.add(String(member))
        return
      }
      case 'HSET': {
        const entries = pairs(0)
        const hash = this.#create(key, 'hash', command)
        for (const [field, value] of entries) hash.value.set(String(field), String(value))
        return
      }
      case 'HINCRBY':
      case 'HINCRBYFLOAT': {
        const float = command === 'HINCRBYFLOAT'
        const by = float ? parseNumber(arg(1), command) : parseInteger(arg(1), command)
        const hash = this.#create(key, 'hash', command)
        const field = String(arg(0))
        const current = hash.value.get(field) ?? '0'
        const base = float ? parseNumber(current, command) : parseInteger(current, command)
        hash.value.set(field, formatNumber(base + by))
        return
      }
      case 'INCRBY':
      case 'INCRBYFLOAT': {
        const float = command === 'INCRBYFLOAT'
        const by = float ? parseNumber(arg(0), command) : parseInteger(arg(0), command)
        const existing = this.#of(key, 'string', command)
        const current = existing?.value ?? '0'
        const base = float ? parseNumber(current, command) : parseInteger(current, command)
        this.#space.entries.set(key, {
          type: 'string',
          value: formatNumber(base + by),
          expiresAt: existing?.expiresAt ?? null,
        })
        return
      }
      case 'SET':
        if (args.length !== 1) throw new Error(`ERR ${command} takes a key and a value here`)
        this.#space.entries.set(key, { type: 'string', value: String(arg(0)), expiresAt: null })
        return
      case 'DEL':
        if (args.length > 0) throw new Error('ERR DEL takes one key here')
        this.#space.entries.delete(key)
        return
      case 'EXPIRE':
      case 'PEXPIRE': {
        const amount = parseInteger(arg(0), command)
        const entry = this.#space.get(key)
        if (!entry) return
        const ms = command === 'EXPIRE' ? amount * 1000 : amount
        if (ms <= 0) this.#space.entries.delete(key)
        else entry.expiresAt = Date.now() + ms
        return
      }
      default:
        throw new Error(`ERR command ${command} is not supported by the embedded counters`)
    }
  }
}

function exportValue(entry: Entry): unknown {
  switch (entry.type) {
    case 'string':
      return entry.value
    case 'zset':
      return Object.fromEntries([...entry.value].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)))
    case 'set':
      return [...entry.value].sort()
    case 'hash':
      return Object.fromEntries([...entry.value].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)))
  }
}

function snapshotOf(space: Keyspace): Snapshot {
  const now = Date.now()
  const entries: SnapshotEntry[] = []
  for (const [key, entry] of space.entries) {
    if (entry.expiresAt !== null && entry.expiresAt <= now) continue
    const value =
      entry.type === 'string' ? entry.value : entry.type === 'set' ? [...entry.value] : [...entry.value]
    entries.push([key, entry.type, value, entry.expiresAt])
  }
  return { format: 1, savedAt: new Date(now).toISOString(), entries }
}

function restore(space: Keyspace, snapshot: Snapshot): void {
  if (snapshot.format !== 1) throw new Error(`unknown counters snapshot format ${String(snapshot.format)}`)
  for (const [key, type, value, expiresAt] of snapshot.entries) {
    const entry: Entry =
      type === 'string'
        ? { type, value: value as string, expiresAt }
        : type === 'set'
          ? { type, value: new Set(value as string[]), expiresAt }
          : type === 'zset'
            ? { type, value: new Map(value as [string, number][]), expiresAt }
            : { type, value: new Map(value as [string, string][]), expiresAt }
    space.entries.set(key, entry)
  }
}

/** Writes the keyspace to its file after changes, at most once per delay, and when closing. */
class Persistence {
  readonly #space: Keyspace
  readonly #file: string
  readonly #delayMs: number
  #written = 0
  #timer: NodeJS.Timeout | null = null
  #writing: Promise<void> = Promise.resolve()

  constructor(space: Keyspace, file: string, delayMs: number) {
    this.#space = space
    this.#file = file
    this.#delayMs = delayMs
  }

  load(): void {
    let text: string
    try {
      text = readFileSync(this.#file, 'utf8')
    } catch (error) {
      if ((error as { code?: string }).code === 'ENOENT') return
      throw error
    }
    restore(this.#space, JSON.parse(text) as Snapshot)
    this.#written = this.#space.version
  }

  schedule(): void {
    if (this.#timer !== null) return
    this.#timer = setTimeout(() => {
      this.#timer = null
      void this.flush().catch(() => {})
    }, this.#delayMs)
    this.#timer.unref()
  }

  /** One synchronous cut of the keyspace, written to a temporary file, then renamed over the old. */
  flush(): Promise<void> {
    this.#writing = this.#writing.then(async () => {
      const version = this.#space.version
      if (version === this.#written) return
      const text = JSON.stringify(snapshotOf(this.#space))
      const temporary = `${this.#file}.tmp`
      await writeFile(temporary, text)
      await rename(temporary, this.#file)
      this.#written = version
    })
    return this.#writing
  }

  async close(): Promise<void> {
    if (this.#timer !== null) clearTimeout(this.#timer)
    this.#timer = null
    await this.flush()
  }
}
