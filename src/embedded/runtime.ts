/**
 * Embedded mode's storage: PostgreSQL in the process (PGlite, PostgreSQL compiled to WebAssembly)
 * and the in-memory counters, both kept under the data directory. The app, the projector and the
 * demo loader reach PGlite through node-postgres (PGlite's own pg adapter) as a pg.Pool of one
 * connection, so the same migrations, the same kysely dialect and the same PostgreSQL event store
 * code run on it unchanged; that one connection also serialises transactions, as PGlite needs.
 *
 * PGlite is single-process: a lock file holds the directory for the process that opened it, so a
 * second `npm start` or a script fails with a clear message instead of corrupting the files. Within
 * one process the runtime is shared (opened once, reference-counted), and leases are in-process.
 *
 * COPY ... FROM STDIN (pg-copy-streams, as the recommender writes its neighbour tables) is the one
 * statement whose wire protocol PGlite's backend cannot take (the CopyData messages end the wasm
 * program): the pool hands such a query to PGlite's own COPY FROM '/dev/blob' instead.
 */
import { mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'
import { Readable, Writable } from 'node:stream'
import { PGlite } from '@electric-sql/pglite'
import { fuzzystrmatch } from '@electric-sql/pglite/contrib/fuzzystrmatch'
import { pg_trgm } from '@electric-sql/pglite/contrib/pg_trgm'
import { unaccent } from '@electric-sql/pglite/contrib/unaccent'
import { createPgConfig } from '@electric-sql/pglite/node-postgres'
import pg from 'pg'
import { SESSION_SETTINGS } from '../db/session-settings.ts'
import { MemoryStore } from '../key-value/memory-store.ts'
import { type Lease, unfenced } from '../projector/lease.ts'

export type EmbeddedRuntime = {
  dataDir: string
  pglite: PGlite
  /** node-postgres over PGlite: one connection, so one transaction at a time. */
  pool: pg.Pool
  /** The counters (projection keys, checkpoints) and what Redis holds elsewhere. */
  counters: MemoryStore
  /** Leases within this process: the lock file already keeps every other process out. */
  acquireLease(key: string): Promise<Lease | null>
  /** Subscribes to NOTIFY on a channel; answers a function that stops listening. */
  listen(channel: string, onNotify: () => void): Promise<() => Promise<void>>
  /** Gives this user's reference back; the last one closes PGlite and writes the counters. */
  release(): Promise<void>
}

export class EmbeddedLockedError extends Error {
  constructor(dataDir: string, pid: number) {
    super(
      `the embedded database in ${dataDir} is in use by process ${pid} (a running \`npm start\`?). ` +
        'Embedded mode keeps its data in one process: stop that process first, or use the API ' +
        '(e.g. GET /api/v1/admin/projections) while it runs.',
    )
    this.name = 'EmbeddedLockedError'
  }
}

const LOCK_FILE = 'nexus.pid'

function alive(pid: number): boolean {
  try {
    process.kill(pid, 0)
    return true
  } catch (error) {
    return (error as { code?: string }).code === 'EPERM'
  }
}

/** Takes the directory for this process, or throws EmbeddedLockedError naming the holder. */
function lock(dataDir: string): () => void {
  const file = join(dataDir, LOCK_FILE)
  for (let attempt = 0; attempt < 2; attempt++) {
    try {
      writeFileSync(file, String(process.pid), { flag: 'wx' })
      return () => rmSync(file, { force: true })
    } catch (error) {
      if ((error as { code?: string }).code !== 'EEXIST') throw error
      const holder = Number(readFileSync(file, 'utf8').trim())
      if (Number.isInteger(holder) && holder > 0 && holder !== process.pid && alive(holder)) {
        throw new EmbeddedLockedError(dataDir, holder)
      }
      // Left behind by a process that died: take it over.
      rmSync(file, { force: true })
    }
  }
  throw new Error(`cannot lock ${dataDir}`)
}

const COPY_FROM_STDIN = /^\s*COPY\b[\s\S]*\bFROM\s+STDIN\b/i
/** Rows per COPY piece are cut at a line end once this many bytes are waiting. */
const COPY_PIECE_BYTES = 4 * 1024 * 1024

/** A query object of pg-copy-streams (a stream carrying its statement as `text`), either way. */
function copyStream(query: unknown): { text: string; from: boolean } | null {
  if (!(query instanceof Writable || query instanceof Readable)) return null
  const text = (query as { text?: unknown }).text
  if (typeof text !== 'string' || !/^\s*COPY\b/i.test(text)) return null
  return { text, from: query instanceof Writable && COPY_FROM_STDIN.test(text) }
}

/**
 * What `client.query(copyFrom('COPY ... FROM STDIN'))` answers here: a Writable taking the same
 * bytes, sent to PGlite as `COPY ... FROM '/dev/blob'` in pieces of whole lines (text format: a
 * newline in a value is escaped, so a raw one ends a row; CSV may quote newlines, so it goes in
 * one piece). It runs while the caller holds the one connection, so it belongs to the caller's
 * transaction like any statement; a bad row fails the stream with PostgreSQL's error. `rowCount`
 * is set at the end, as pg-copy-streams does.
 */
function copyIntoPglite(pglite: PGlite, text: string): Writable & { rowCount: number } {
  const statement = text.replace(/\bFROM\s+STDIN\b/i, "FROM '/dev/blob'")
  const splittable = !/\bCSV\b/i.test(text)
  let pending: Buffer[] = []
  let size = 0
  const send = async (piece: Buffer) => {
    if (piece.length === 0) return
    const result = await pglite.query(statement, [], { blob: new Blob([new Uint8Array(piece)]) })
    stream.rowCount += result.affectedRows ?? 0
  }
  const stream = Object.assign(
    new Writable({
      write(chunk: Buffer, _encoding, callback) {
        pending.push(chunk)
        size += chunk.length
        if (!splittable || size < COPY_PIECE_BYTES) return callback()
        const all = Buffer.concat(pending)
        const cut = all.lastIndexOf(10) + 1
        pending = [all.subarray(cut)]
        size = all.length - cut
        send(all.subarray(0, cut)).then(() => callback(), callback)
      },
      final(callback) {
        const rest = Buffer.concat(pending)
        pending = []
        size = 0
        send(rest).then(() => callback(), callback)
      },
    }),
    { rowCount: 0 },
  )
  return stream
}

/**
 * A pg.Pool of exactly one long-lived node-postgres client over PGlite. Not pg.Pool's own pooling:
 * it ends a client after any failed query, and PGlite's adapter then hands the old client's end to
 * the next one. Here a failed query leaves the client as it is (as on a server), and whoever holds
 * the client (a transaction) holds the whole database until release, which is PGlite's rule anyway.
 * A client released as broken gets a ROLLBACK, since its session cannot be closed and reopened.
 */
const YIELD_EVERY_MS = 10

class SingleConnectionPool extends pg.Pool {
  readonly #client: pg.Client
  readonly #pglite: PGlite
  readonly #connected: Promise<void>
  #tail: Promise<void> = Promise.resolve()
  #yieldedAt = performance.now()

  constructor(pglite: PGlite) {
    super({ max: 1 })
    this.#pglite = pglite
    this.#client = new pg.Client(createPgConfig(pglite) as unknown as pg.ClientConfig)
    this.#connected = this.#client.connect().then(() => {})
    this.#connected.catch(() => {})
  }

  /** Waits for the client; answers the function that hands it on. */
  async #acquire(): Promise<() => void> {
    let release: () => void = () => {}
    const turn = new Promise<void>((resolve) => {
      release = resolve
    })
    const before = this.#tail
    this.#tail = before.then(() => turn)
    await before
    await this.#connected
    // PGlite answers in-process: a long run of queries is one unbroken chain of promises, and
    // without a turn of the event loop now and then no timer, socket or signal (Ctrl-C) is ever
    // handled. A turn every few milliseconds costs nothing measurable.
    if (performance.now() - this.#yieldedAt > YIELD_EVERY_MS) {
      await new Promise((resolve) => setImmediate(resolve))
      this.#yieldedAt = performance.now()
    }
    return release
  }

  // biome-ignore lint/suspicious/noExplicitAny: matches every overload of pg.Pool#connect
  override connect(...args: any[]): any {
    if (typeof args[0] === 'function') throw new Error('connect(callback) is not supported here')
    return this.#acquire().then((release) => {
      const client = this.#client
      let released = false
      const handle = {
        // biome-ignore lint/suspicious/noExplicitAny: pg.Client#query's overloads
        query: (...queryArgs: any[]) => {
          const copy = copyStream(queryArgs[0])
          if (copy?.from) return copyIntoPglite(this.#pglite, copy.text)
          if (copy)
            throw new Error('embedded mode (PGlite) takes COPY ... FROM STDIN only, not COPY TO STDOUT')
          // biome-ignore lint/suspicious/noExplicitAny: pg.Client#query's overloads
          return (client.query as (...a: any[]) => any)(...queryArgs)
        },
        release: (error?: Error | boolean) => {
          if (released) return
          released = true
          if (error)
            client
              .query('ROLLBACK')
              .catch(() => {})
              .finally(release)
          else release()
        },
      }
      return handle as unknown as pg.PoolClient
    })
  }

  // biome-ignore lint/suspicious/noExplicitAny: matches every overload of pg.Pool#query
  override query(...args: any[]): any {
    if (typeof args.at(-1) === 'function') throw new Error('query(..., callback) is not supported here')
    return this.#acquire().then(async (release) => {
      try {
        // biome-ignore lint/suspicious/noExplicitAny: pg.Client#query's overloads
        return await (this.#client.query as (...a: any[]) => any).apply(this.#client, args)
      } finally {
        release()
      }
    })
  }

  /** A no-op: every user of the runtime shares this pool (kysely's destroy() calls it); see close(). */
  // biome-ignore lint/suspicious/noExplicitAny: matches pg.Pool#end
  override end(...args: any[]): any {
    if (typeof args[0] === 'function') throw new Error('end(callback) is not supported here')
    return Promise.resolve()
  }

  /** Ends the client once the last holder has released it. */
  async close(): Promise<void> {
    const release = await this.#acquire()
    await this.#client.end().catch(() => {})
    release()
  }
}

type Shared = { runtime: Promise<EmbeddedRuntime>; users: number; close: () => Promise<void> }
const open = new Map<string, Shared>()

/** Opens (or joins) the embedded runtime of `dataDir`. Every call needs its own release(). */
export async function openEmbedded(dataDir: string): Promise<EmbeddedRuntime> {
  const existing = open.get(dataDir)
  if (existing) {
    existing.users++
    return existing.runtime
  }
  let closeAll: () => Promise<void> = async () => {}
  const shared: Shared = {
    users: 1,
    close: () => closeAll(),
    runtime: (async () => {
      mkdirSync(dataDir, { recursive: true })
      const unlock = lock(dataDir)
      let pglite: PGlite
      try {
        // The contrib extensions search needs (migration 0021): PGlite ships them, loaded on demand.
        pglite = await PGlite.create({
          dataDir: join(dataDir, 'pglite'),
          extensions: { unaccent, pg_trgm, fuzzystrmatch },
        })
        // Its one session gets the settings a pool's connections start with (src/db/session-settings.ts).
        for (const [name, value] of Object.entries(SESSION_SETTINGS)) {
          await pglite.query('SELECT set_config($1, $2, false)', [name, value])
        }
      } catch (error) {
        unlock()
        throw error
      }
      const counters = MemoryStore.open({ snapshotFile: join(dataDir, 'counters.json') })
      const pool = new SingleConnectionPool(pglite)
      const held = new Set<string>()
      closeAll = async () => {
        await pool.close()
        await counters.quit()
        await pglite.close()
        unlock()
      }
      const runtime: EmbeddedRuntime = {
        dataDir,
        pglite,
        pool,
        counters,
        async acquireLease(key) {
          if (held.has(key)) return null
          held.add(key)
          const lost = new AbortController()
          return {
            lost: lost.signal,
            // Nobody else can take over: the lock file keeps every other process out.
            fence: unfenced,
            async release() {
              held.delete(key)
              lost.abort()
            },
          }
        },
        async listen(channel, onNotify) {
          // PGlite hands every notification of the session to its listeners; LISTEN goes through the
          // pool like any statement, so it never runs inside someone else's transaction.
          const stop = pglite.onNotification((name) => {
            if (name === channel) onNotify()
          })
          await pool.query(`LISTEN ${pg.escapeIdentifier(channel)}`)
          return async () => stop()
        },
        async release() {
          const entry = open.get(dataDir)
          if (!entry) return
          entry.users--
          if (entry.users > 0) return
          open.delete(dataDir)
          await entry.close()
        },
      }
      return runtime
    })(),
  }
  open.set(dataDir, shared)
  try {
    return await shared.runtime
  } catch (error) {
    open.delete(dataDir)
    throw error
  }
}
