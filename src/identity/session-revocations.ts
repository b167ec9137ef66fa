/**
 * The access-token denylist. Access tokens are stateless and live for minutes; this list lets a
 * logout, a detected refresh-token theft, a password change, a role change or an erasure end them at
 * once. Entries are kept as long as the longest-lived token they can concern, so the list stays tiny.
 *
 * PostgreSQL holds it (tables revoked_sessions and revoked_users, see the security-state migration);
 * a revocation is written there before the request that makes it answers. Redis only caches it, so a
 * revoked token stays refused whatever happens to Redis:
 *
 * - Cache keys: `auth:revoked-session:<sid>` and `auth:revoked-user:<id>` (`erased`, or `rev:<n>`:
 *   the revision of the user's stream before which tokens read a role that is no longer theirs;
 *   a bare number is an entry of the previous version, whole seconds, honoured until it expires,
 *   so an upgrade loses no revocation made just before it), and a marker
 *   `auth:revocations-loaded` that says the cache holds every entry of PostgreSQL.
 * - A check reads both keys and the marker in one MGET. No marker (Redis restarted empty, flushed,
 *   or never loaded): the answer comes from PostgreSQL and the cache is reloaded (a Lua script that
 *   writes the entries and the marker only while the reload's own sentinel is still there, so a flush
 *   during the reload leaves no marker over a partial list).
 * - Redis unreachable: the check asks PostgreSQL (a primary-key lookup), so signed-in requests go on
 *   while Redis is down. A revocation whose cache write failed leaves this process asking PostgreSQL
 *   until it has reloaded the cache.
 * - Entries merge (erased wins, then the highest revision), in Redis with a script, so writes and
 *   reloads can interleave in any order.
 *
 * Embedded mode (no Redis: one process) caches in this process's memory, loaded from PostgreSQL at
 * the first check.
 *
 * Role changes are exact: an access token carries `rev`, the revision of the user's stream its role
 * was read at, and a role change refuses the tokens read before the change's revision (no clocks, no
 * whole seconds: a demotion within the millisecond of a sign-in still ends that sign-in's token).
 */
import { randomUUID } from 'node:crypto'
import type { Redis } from 'ioredis'
import { type Kysely, sql } from 'kysely'
import type { Database } from '../db/schema.ts'

const sessionKey = (sessionId: string) => `auth:revoked-session:${sessionId}`
const userKey = (userId: string) => `auth:revoked-user:${userId}`
const MARKER = 'auth:revocations-loaded'
const LOADING = 'auth:revocations-loading'
const ERASED = 'erased'
const REVISION = 'rev:'
const SESSION_REVOKED = 'revoked'

/** What an access token says about itself that revocation looks at. */
export type TokenFacts = {
  userId: string
  /** The session (refresh token family); null for development tokens. */
  sessionId: string | null
  /** The revision of the user's stream its role was read at; null for development tokens. */
  revision: number | null
  /** `iat` (seconds), for entries written by the previous version only. */
  issuedAt: number | null
}

export type UserRevocation = { erased: true } | { beforeRevision: bigint }

type Entry = { key: string; value: string; ttlMs: number }

/** Expired rows are deleted about once every this many session revocations (and at each reload). */
const SWEEP_ONE_IN = 100

/** Keeps erased over everything, then the highest revision (session entries are a constant). */
const MERGE = `
local function merge(key, value, ttl)
  local current = redis.call('GET', key)
  if current == '${ERASED}' then value = current
  elseif current and value ~= '${ERASED}' and string.sub(current, 1, 4) == '${REVISION}'
    and string.sub(value, 1, 4) == '${REVISION}'
    and tonumber(string.sub(current, 5)) > tonumber(string.sub(value, 5)) then value = current end
  redis.call('SET', key, value, 'PX', ttl)
end`

/** KEYS: the entries; ARGV: value and ttl (ms) of each. */
const WRITE_SCRIPT = `${MERGE}
for i, key in ipairs(KEYS) do merge(key, ARGV[2 * i - 1], ARGV[2 * i]) end
return 1`

/** KEYS: sentinel, marker, entries; ARGV: sentinel value, then value and ttl of each entry. */
const RELOAD_SCRIPT = `${MERGE}
if redis.call('GET', KEYS[1]) ~= ARGV[1] then return 0 end
for i = 3, #KEYS do merge(KEYS[i], ARGV[2 * i - 4], ARGV[2 * i - 3]) end
redis.call('SET', KEYS[2], '1')
redis.call('DEL', KEYS[1])
return 1`

function revokedBy(
  token: TokenFacts,
  session: string | null | undefined,
  user: string | null | undefined,
): boolean {
  if (token.sessionId !== null && session !== null && session !== undefined) return true
  if (user === null || user === undefined) return false
  if (user === ERASED) return true
  if (user.startsWith(REVISION)) return token.revision === null || token.revision < Number(user.slice(4))
  // Written by the previous version: tokens issued before that second.
  return token.issuedAt === null || token.issuedAt < Number(user)
}

type Log = { warn(object: object, message: string): void }

export class Revocations {
  readonly #db: Kysely<Database>
  readonly #redis: Redis | null
  readonly #keepForMs: number
  readonly #log: Log | undefined
  /** Embedded mode's cache (key -> value, expiry), loaded from PostgreSQL at the first check. */
  readonly #local = new Map<string, { value: string; expiresAt: number }>()
  #localLoaded: Promise<void> | null = null
  /** A cache write failed: ask PostgreSQL until the cache has been reloaded. */
  #stale = false
  #reloading: Promise<void> | null = null

  /**
   * `redis`: the cache (keys under its prefix); null caches in this process (embedded mode, or a
   * script that only writes). Entries are kept the access token lifetime plus a minute of clock skew.
   */
  constructor(db: Kysely<Database>, redis: Redis | null, accessTokenTtlSeconds: number, log?: Log) {
    this.#db = db
    this.#redis = redis
    this.#keepForMs = (accessTokenTtlSeconds + 60) * 1000
    this.#log = log
  }

  /** Ends every access token of these sessions. */
  async revokeSessions(sessionIds: readonly string[]): Promise<void> {
    if (sessionIds.length === 0) return
    if (Math.random() * SWEEP_ONE_IN < 1) await this.#sweep()
    const expiresAt = new Date(Date.now() + this.#keepForMs)
    await this.#db
      .insertInto('revoked_sessions')
      .values(sessionIds.map((id) => ({ session_id: id, expires_at: expiresAt })))
      .onConflict((c) => c.column('session_id').doUpdateSet({ expires_at: expiresAt }))
      .execute()
    await this.#cache(
      sessionIds.map((id) => ({ key: sessionKey(id), value: SESSION_REVOKED, ttlMs: this.#keepForMs })),
    )
  }

  /** Erased: every token of the user; a role change: tokens that read the role before `beforeRevision`. */
  async revokeUser(userId: string, revocation: UserRevocation): Promise<void> {
    const expiresAt = new Date(Date.now() + this.#keepForMs)
    const erased = 'erased' in revocation
    const revision = erased ? null : revocation.beforeRevision.toString()
    const row = await this.#db
      .insertInto('revoked_users')
      .values({ user_id: userId, erased, before_revision: revision, expires_at: expiresAt })
      .onConflict((c) =>
        c.column('user_id').doUpdateSet({
          erased: sql`revoked_users.erased or excluded.erased`,
          before_revision: sql`greatest(revoked_users.before_revision, excluded.before_revision)`,
          updated_at: sql`now()`,
          expires_at: expiresAt,
        }),
      )
      .returning(['erased', 'before_revision'])
      .executeTakeFirstOrThrow()
    const value = row.erased ? ERASED : `${REVISION}${row.before_revision}`
    await this.#cache([{ key: userKey(userId), value, ttlMs: this.#keepForMs }])
  }

  async isRevoked(token: TokenFacts): Promise<boolean> {
    const keys = [
      token.sessionId === null ? userKey(token.userId) : sessionKey(token.sessionId),
      userKey(token.userId),
    ]
    if (this.#redis === null) {
      this.#localLoaded ??= this.#loadLocal().catch((error: unknown) => {
        this.#localLoaded = null
        throw error
      })
      await this.#localLoaded
      const now = Date.now()
      const [session, user] = keys.map((key) => {
        const entry = this.#local.get(key)
        return entry && entry.expiresAt > now ? entry.value : null
      })
      return revokedBy(token, session, user)
    }
    if (this.#stale) await this.#reload().catch(() => {})
    if (!this.#stale) {
      try {
        const [session, user, marker] = await this.#redis.mget(...keys, MARKER)
        if (revokedBy(token, session, user)) return true
        if (marker !== null) return false
        // Redis lost the list (or never had it): PostgreSQL answers while it is loaded again.
        this.#reload().catch(() => {})
      } catch {
        // Redis is down: PostgreSQL answers.
      }
    }
    return this.#fromDatabase(token)
  }

  /** The answer from PostgreSQL alone (the source of truth). */
  async #fromDatabase(token: TokenFacts): Promise<boolean> {
    const session =
      token.sessionId === null
        ? undefined
        : await this.#db
            .selectFrom('revoked_sessions')
            .select('session_id')
            .where('session_id', '=', token.sessionId)
            .where('expires_at', '>', sql<Date>`now()`)
            .executeTakeFirst()
    if (session) return true
    const user = await this.#db
      .selectFrom('revoked_users')
      .select(['erased', 'before_revision'])
      .where('user_id', '=', token.userId)
      .where('expires_at', '>', sql<Date>`now()`)
      .executeTakeFirst()
    if (!user) return false
    return revokedBy(token, null, user.erased ? ERASED : `${REVISION}${user.before_revision}`)
  }

  /** Every live entry of PostgreSQL, with its time to live. */
  async #entries(): Promise<Entry[]> {
    const now = Date.now()
    const ttl = (expiresAt: Date) => Math.max(1, expiresAt.getTime() - now)
    const sessions = await this.#db
      .selectFrom('revoked_sessions')
      .select(['session_id', 'expires_at'])
      .where('expires_at', '>', sql<Date>`now()`)
      .execute()
    const users = await this.#db
      .selectFrom('revoked_users')
      .select(['user_id', 'erased', 'before_revision', 'expires_at'])
      .where('expires_at', '>', sql<Date>`now()`)
      .execute()
    return [
      ...sessions.map((row) => ({
        key: sessionKey(row.session_id),
        value: SESSION_REVOKED,
        ttlMs: ttl(row.expires_at),
      })),
      ...users.map((row) => ({
        key: userKey(row.user_id),
        value: row.erased ? ERASED : `${REVISION}${row.before_revision}`,
        ttlMs: ttl(row.expires_at),
      })),
    ]
  }

  /** Drops expired rows (the list only needs live ones). */
  async #sweep(): Promise<void> {
    await this.#db.deleteFrom('revoked_sessions').where('expires_at', '<=', sql<Date>`now()`).execute()
    await this.#db.deleteFrom('revoked_users').where('expires_at', '<=', sql<Date>`now()`).execute()
  }

  async #loadLocal(): Promise<void> {
    await this.#sweep()
    for (const entry of await this.#entries()) this.#mergeLocal(entry)
  }

  #mergeLocal({ key, value, ttlMs }: Entry): void {
    const current = this.#local.get(key)
    const live = current && current.expiresAt > Date.now() ? current.value : null
    let merged = value
    if (live === ERASED) merged = live
    else if (
      live?.startsWith(REVISION) &&
      value.startsWith(REVISION) &&
      Number(live.slice(4)) > Number(value.slice(4))
    )
      merged = live
    this.#local.set(key, { value: merged, expiresAt: Date.now() + ttlMs })
  }

  /** Writes entries to the cache; a failure leaves PostgreSQL answering until the cache is reloaded. */
  async #cache(entries: Entry[]): Promise<void> {
    if (this.#redis === null) {
      for (const entry of entries) this.#mergeLocal(entry)
      return
    }
    try {
      await this.#redis.eval(
        WRITE_SCRIPT,
        entries.length,
        ...entries.map((entry) => entry.key),
        ...entries.flatMap((entry) => [entry.value, String(entry.ttlMs)]),
      )
    } catch (error) {
      this.#stale = true
      this.#log?.warn({ err: error }, 'revocation stored in PostgreSQL; its Redis cache is reloaded later')
    }
  }

  /** Loads every live entry into Redis, then the marker; one reload at a time per process. */
  #reload(): Promise<void> {
    const redis = this.#redis
    if (redis === null) return Promise.resolve()
    this.#reloading ??= (async () => {
      try {
        for (let attempt = 0; attempt < 3; attempt++) {
          const sentinel = randomUUID()
          if (attempt === 0) await this.#sweep()
          await redis.set(LOADING, sentinel, 'PX', 60_000)
          // Read after the sentinel is set: a flush after this point removes the sentinel too.
          const entries = await this.#entries()
          const loaded = await redis.eval(
            RELOAD_SCRIPT,
            entries.length + 2,
            LOADING,
            MARKER,
            ...entries.map((entry) => entry.key),
            sentinel,
            ...entries.flatMap((entry) => [entry.value, String(entry.ttlMs)]),
          )
          if (loaded === 1) {
            this.#stale = false
            return
          }
        }
      } finally {
        this.#reloading = null
      }
    })()
    return this.#reloading
  }
}
