/**
 * Group commit of appends to existing streams too (issue 19): append_events_group is
 * append_events_batch (append-batch migration) with one step more before any insert, so before the
 * group's transaction id (hence its log position) is assigned: it takes, without waiting, the
 * exclusive lock of every existing stream the group appends to, the lock a lone append takes before
 * it inserts (append-guard migration). A guarded append that checked its guard stream before a
 * grouped append moved that stream therefore still lands ahead of the move in the log: the group
 * could not have taken the lock while the guarded append held it shared. A write whose lock is
 * held elsewhere is not attempted: it answers 'busy' and the adapter appends it alone, waiting for
 * the lock as a lone append does. The group never waits for a stream lock, so grouping adds no lock
 * cycle. Frozen once landed.
 */
import { type Kysely, sql } from 'kysely'

// biome-ignore lint/suspicious/noExplicitAny: migrations are frozen in time and must not depend on the app's types
export async function up(db: Kysely<any>): Promise<void> {
  // Parameters and rows as append_events_batch's, plus the result 'busy' (nothing attempted).
  await sql`
    CREATE FUNCTION append_events_group(
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
      busy boolean[] := '{}';
    BEGIN
      PERFORM pg_advisory_xact_lock_shared(1314391298, 0);
      -- Locks only: no transaction id yet. Appends at no_stream take none (append-guard migration).
      FOR w IN 1 .. cardinality(p_streams) LOOP
        busy[w] := false;
        IF p_expected[w] <> 'no_stream' THEN
          busy[w] := NOT pg_try_advisory_xact_lock(1314391297, hashtext(p_streams[w]));
        END IF;
      END LOOP;
      FOR w IN 1 .. cardinality(p_streams) LOOP
        last := first + p_counts[w] - 1;
        write_no := w;
        error_code := NULL;
        error_message := NULL;
        next_revision := NULL;
        transaction_id := NULL;
        global_position := NULL;
        IF busy[w] THEN
          result := 'busy';
        ELSE
          BEGIN
            -- Its stream's lock is already held (re-entrant): append_events takes it at once.
            SELECT * INTO appended FROM append_events(
              p_streams[w], p_expected[w], p_ids[first:last], p_types[first:last], p_data[first:last]::jsonb[],
              p_metadata[first:last]::jsonb[], true, p_guard_streams[w], p_guard_revisions[w]);
            result := appended.result;
            next_revision := appended.next_revision;
            transaction_id := appended.transaction_id;
            global_position := appended.global_position;
          EXCEPTION WHEN OTHERS THEN
            result := 'error';
            error_code := SQLSTATE;
            error_message := SQLERRM;
          END;
        END IF;
        RETURN NEXT;
        first := last + 1;
      END LOOP;
    END
    $$`.execute(db)
}

// biome-ignore lint/suspicious/noExplicitAny: see up()
export async function down(db: Kysely<any>): Promise<void> {
  await sql`DROP FUNCTION append_events_group(text[], text[], int[], text[], bigint[], uuid[], text[], text[], text[])`.execute(
    db,
  )
}
