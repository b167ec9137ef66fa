/**
 * Password checks per account, durable in PostgreSQL (table password_attempts): at most
 * LOGIN_FAILURE_LIMIT failed checks within a fixed window of LOGIN_FAILURE_WINDOW_SECONDS, then the
 * account answers 429 with Retry-After until the window ends, even to the right password (otherwise
 * the 429 would only hide wrong guesses and the right one would still show).
 *
 * Each check is reserved before the password is verified, in one statement that counts the attempt
 * only while the account is under the limit (the row lock orders parallel attempts), so no set of
 * parallel guesses, from however many addresses, gets more than the limit of passwords verified. A
 * check that succeeds gives its reservation back; a failed one keeps it (successes do not reset the
 * count). A process that dies between the two leaves one attempt counted: it fails closed.
 *
 * PostgreSQL, not Redis: the counts survive a Redis restart or data loss, and sign-in keeps working
 * while Redis is down.
 */
import { type Kysely, sql } from 'kysely'
import type { Database } from '../db/schema.ts'
import { AppError } from '../errors.ts'

export type Reservation = { key: string; windowStartedAt: Date }

export type FailureThrottle = {
  /** Reserves one password check for `key`, or throws 429 while the account is throttled. */
  reserve(key: string): Promise<Reservation>
  /** The check succeeded: its reservation no longer counts. */
  release(reservation: Reservation): Promise<void>
}

export type ThrottleLimits = { limit: number; windowSeconds: number }

/** Expired windows are deleted about once every this many reservations. */
const SWEEP_ONE_IN = 200

export function failureThrottle(
  db: Kysely<Database>,
  namespace: string,
  { limit, windowSeconds }: ThrottleLimits,
): FailureThrottle {
  const window = sql`make_interval(secs => ${windowSeconds})`
  // Milliseconds, as a JavaScript Date keeps them: release() finds the window by equality.
  const now = sql`date_trunc('milliseconds', now())`
  return {
    async reserve(account) {
      const key = `${namespace}:${account}`
      if (Math.random() * SWEEP_ONE_IN < 1) {
        await db
          .deleteFrom('password_attempts')
          .where(sql<boolean>`window_started_at <= now() - ${window}`)
          .execute()
      }
      // Under the lock of the row, so parallel attempts are counted one after the other.
      const { rows } = await sql<{ window_started_at: Date }>`
        insert into password_attempts as a (key, window_started_at, attempts)
        values (${key}, ${now}, 1)
        on conflict (key) do update set
          window_started_at = case when a.window_started_at <= now() - ${window} then ${now} else a.window_started_at end,
          attempts = case when a.window_started_at <= now() - ${window} then 1 else a.attempts + 1 end
        where a.window_started_at <= now() - ${window} or a.attempts < ${limit}
        returning window_started_at`.execute(db)
      const reserved = rows[0]
      if (reserved) return { key, windowStartedAt: reserved.window_started_at }
      const { rows: left } = await sql<{ seconds: number }>`
        select ceil(extract(epoch from (window_started_at + ${window} - now())))::int as seconds
        from password_attempts where key = ${key}`.execute(db)
      throw new AppError(429, 'TOO_MANY_FAILED_ATTEMPTS', 'too many failed password attempts; retry later', {
        headers: { 'retry-after': String(Math.max(1, left[0]?.seconds ?? windowSeconds)) },
      })
    },
    async release({ key, windowStartedAt }) {
      await db
        .updateTable('password_attempts')
        .set({ attempts: sql`attempts - 1` })
        .where('key', '=', key)
        .where('window_started_at', '=', windowStartedAt)
        .where('attempts', '>', 0)
        .execute()
    },
  }
}
