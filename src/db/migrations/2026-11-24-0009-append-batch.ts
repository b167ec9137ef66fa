/**
 * Group commit: the appends of concurrent commands in one transaction, so they share one round
 * trip and one WAL flush. Each write runs append_events (its checks, locks and guard unchanged) in
 * a subtransaction of its own: a write that fails (any error, a deadlock included) is undone alone
 * and answered as an error row, the others commit. Rows come back per write, in the order given.
 * The caller groups only appends that create their stream (see PostgresEventStore#appendGrouped:
 * an append to an existing stream must take its lock before its transaction id is assigned) and
 * orders them by stream. Frozen once landed.
 */
import { type Kysely, sql } from 'kysely'

// biome-ignore lint/suspicious/noExplicitAny: migrations are frozen in time and must not depend on the app's types
export async function up(db: Kysely<any>): Promise<void> {
  // Writes: p_streams, p_expected, p_counts (events per write), p_guard_streams/revisions (null: no
  // guard). Events, flattened in write order: p_ids, p_types, p_data, p_metadata. Data and metadata
  // come as text and become jsonb inside each write's subtransaction: JSON PostgreSQL refuses (a
  // \u0000) fails its own write, not the whole statement.
  await sql`
    CREATE FUNCTION append_events_batch(
      p_streams text[], p_expected text[], p_counts int[], p_guard_streams text[], p_guard_revisions bigint[],
      p_ids uuid[], p_types text[], p_data text[], p_metadata text[]
    ) RETURNS TABLE (
      write_no int, result text, next_revision bigint, transaction_id xid8, global_position bigint,
      error_code text, error_message text
    )
    LANGUAGE plpgsql AS $$
    DECLARE
      first int := 1;
      last int;
      appended record;
    BEGIN
      -- The bulk lock shared before any insert: a bulk write (appendMany, exclusive) then runs wholly
      -- before or after the group. Otherwise a group that inserted a stream and then wanted the lock
      -- for a guarded write could wait on a bulk write waiting on that stream's insert (a deadlock).
      PERFORM pg_advisory_xact_lock_shared(1314391298, 0);
      FOR w IN 1 .. cardinality(p_streams) LOOP
        last := first + p_counts[w] - 1;
        write_no := w;
        error_code := NULL;
        error_message := NULL;
        BEGIN
          SELECT * INTO appended FROM append_events(
            p_streams[w], p_expected[w], p_ids[first:last], p_types[first:last], p_data[first:last]::jsonb[],
            p_metadata[first:last]::jsonb[], true, p_guard_streams[w], p_guard_revisions[w]);
          result := appended.result;
          next_revision := appended.next_revision;
          transaction_id := appended.transaction_id;
          global_position := appended.global_position;
        EXCEPTION WHEN OTHERS THEN
          result := 'error';
          next_revision := NULL;
          transaction_id := NULL;
          global_position := NULL;
          error_code := SQLSTATE;
          error_message := SQLERRM;
        END;
        RETURN NEXT;
        first := last + 1;
      END LOOP;
    END
    $$`.execute(db)
}

// biome-ignore lint/suspicious/noExplicitAny: see up()
export async function down(db: Kysely<any>): Promise<void> {
  await sql`DROP FUNCTION append_events_batch(text[], text[], int[], text[], bigint[], uuid[], text[], text[], text[])`.execute(
    db,
  )
}
