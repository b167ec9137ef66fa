/**
 * Guarded appends: append to one stream only while another stream (the guard) stays at a given
 * revision, e.g. an interaction only while its movie's stream is where the command read it (not
 * removed meanwhile). Frozen once landed.
 *
 * The guard holds until commit through advisory locks (memory only, no WAL), keyed by stream name:
 * - a guarded append takes the guard stream's lock SHARED, then checks the guard in a new statement
 *   (a new snapshot, so it sees every append that held the lock before it);
 * - every other append to an existing stream takes its own stream's lock EXCLUSIVE before it inserts
 *   (so before its transaction id, hence its log position, is assigned). An append to the guard
 *   stream therefore either committed before the check (the guard fails) or waits for the guarded
 *   append to commit and lands after it in the log;
 * - a bulk transaction (appendMany) takes one exclusive bulk lock instead of one lock per stream,
 *   which every guarded append also takes SHARED: guarded appends wait for a running bulk write.
 * Appends at `no_stream` take no lock: a guard names an existing revision, which they cannot move.
 *
 * Lock keys are the two-int form (class, hashtext(stream)): a space apart from the one-bigint keys
 * of the projection leases. A hash collision only makes two unrelated appends wait for each other.
 */
import { type Kysely, sql } from 'kysely'

// biome-ignore lint/suspicious/noExplicitAny: migrations are frozen in time and must not depend on the app's types
export async function up(db: Kysely<any>): Promise<void> {
  // append_to_stream's results, plus 'guard_failed' (next_revision = the guard stream's revision,
  // null when it does not exist). A retry of an append that is already stored answers 'duplicate'
  // even when its guard has moved since: idempotency first, as append_to_stream does.
  await sql`
    CREATE FUNCTION append_events(
      p_stream text, p_expected text, p_ids uuid[], p_types text[], p_data jsonb[], p_metadata jsonb[],
      p_lock boolean, p_guard_stream text, p_guard_revision bigint
    ) RETURNS TABLE (result text, next_revision bigint, transaction_id xid8, global_position bigint)
    LANGUAGE plpgsql AS $$
    DECLARE
      guard_now bigint;
    BEGIN
      IF p_guard_stream IS NOT NULL THEN
        PERFORM pg_advisory_xact_lock_shared(1314391298, 0);
        PERFORM pg_advisory_xact_lock_shared(1314391297, hashtext(p_guard_stream));
      END IF;
      IF p_lock AND p_expected <> 'no_stream' THEN
        PERFORM pg_advisory_xact_lock(1314391297, hashtext(p_stream));
      END IF;
      IF p_guard_stream IS NOT NULL THEN
        SELECT max(e.revision) INTO guard_now FROM events e WHERE e.stream_id = p_guard_stream;
        IF guard_now IS DISTINCT FROM p_guard_revision THEN
          RETURN QUERY SELECT * FROM stored_append_result(p_stream, p_ids);
          IF FOUND THEN
            RETURN;
          END IF;
          RETURN QUERY SELECT 'guard_failed'::text, guard_now, NULL::xid8, NULL::bigint;
          RETURN;
        END IF;
      END IF;
      RETURN QUERY SELECT * FROM append_to_stream(p_stream, p_expected, p_ids, p_types, p_data, p_metadata);
    END
    $$`.execute(db)
}

// biome-ignore lint/suspicious/noExplicitAny: see up()
export async function down(db: Kysely<any>): Promise<void> {
  await sql`DROP FUNCTION append_events(text, text, uuid[], text[], jsonb[], jsonb[], boolean, text, bigint)`.execute(
    db,
  )
}
