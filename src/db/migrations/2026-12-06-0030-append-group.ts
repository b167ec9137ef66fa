/**
 * Group commit of appends to existing streams too, and set-based (issue 19): append_events_group
 * takes append_events_batch's parameters (append-batch migration) and answers its rows, with two
 * changes.
 *
 * 1. Before any insert, so before the group's transaction id (hence its log position) is assigned,
 *    it takes without waiting the exclusive lock of every existing stream the group appends to, the
 *    lock a lone append takes before it inserts (append-guard migration). A guarded append that
 *    checked its guard stream before a grouped append moved that stream therefore still lands
 *    ahead of the move in the log: the group could not have taken the lock while the guarded append
 *    held it shared. A write whose lock is held elsewhere is not attempted: it answers 'busy' and
 *    the adapter appends it alone, waiting for the lock as a lone append does. The group never
 *    waits for a stream lock, so grouping adds no lock cycle.
 * 2. The common write (one event, at no_stream or a known revision, its guard stream not written by
 *    the group) goes in with the others in one INSERT: guard streams locked shared, then, in a new
 *    statement (a new snapshot, seeing everything committed before the locks), the guards and
 *    expected revisions checked and the rows inserted, ON CONFLICT DO NOTHING. One subtransaction
 *    for all of them instead of one per write. Every write that INSERT did not answer (a conflict,
 *    a retry, a moved guard, a wrong revision, several events) then runs append_events in a
 *    subtransaction of its own as append_events_batch runs it, which finds its outcome; so does
 *    everyone when the INSERT fails (JSON PostgreSQL refuses, a deadlock broken).
 * Frozen once landed.
 */
import { type Kysely, sql } from 'kysely'

// biome-ignore lint/suspicious/noExplicitAny: migrations are frozen in time and must not depend on the app's types
export async function up(db: Kysely<any>): Promise<void> {
  // Rows as append_events_batch's, plus the result 'busy' (nothing attempted).
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
      n int := cardinality(p_streams);
      first int := 1;
      last int;
      firsts int[] := '{}';
      busy boolean[] := '{}';
      together boolean[] := '{}';
      done_revision bigint[] := '{}';
      done_position bigint[] := '{}';
      inserted record;
      appended record;
    BEGIN
      PERFORM pg_advisory_xact_lock_shared(1314391298, 0);
      -- Locks only: no transaction id yet. Appends at no_stream take none (append-guard migration).
      FOR w IN 1 .. n LOOP
        firsts[w] := first;
        first := first + p_counts[w];
        busy[w] := false;
        IF p_expected[w] <> 'no_stream' THEN
          busy[w] := NOT pg_try_advisory_xact_lock(1314391297, hashtext(p_streams[w]));
        END IF;
        together[w] := NOT busy[w] AND p_counts[w] = 1
          AND (p_expected[w] = 'no_stream' OR p_expected[w] ~ '^[0-9]+$')
          AND (p_guard_streams[w] IS NULL OR NOT (p_guard_streams[w] = ANY (p_streams)));
      END LOOP;

      BEGIN
        PERFORM pg_advisory_xact_lock_shared(1314391297, hashtext(g.stream))
          FROM (SELECT DISTINCT u.stream FROM unnest(p_guard_streams, together) AS u(stream, chosen)
                WHERE u.chosen AND u.stream IS NOT NULL) g;
        FOR inserted IN
          WITH candidates AS MATERIALIZED (
            SELECT c.write_no::int AS write_no, c.stream, c.expected, p_ids[c.first] AS id,
                   p_types[c.first] AS type, p_data[c.first] AS data, p_metadata[c.first] AS metadata
            FROM unnest(p_streams, p_expected, p_guard_streams, p_guard_revisions, firsts, together)
              WITH ORDINALITY AS c(stream, expected, guard_stream, guard_revision, first, chosen, write_no)
            WHERE c.chosen
              AND (c.guard_stream IS NULL OR (SELECT max(g.revision) FROM events g WHERE g.stream_id = c.guard_stream)
                   IS NOT DISTINCT FROM c.guard_revision)
              AND CASE WHEN c.expected = 'no_stream' THEN true
                       ELSE EXISTS (SELECT 1 FROM events x WHERE x.stream_id = c.stream AND x.revision = c.expected::bigint)
                  END
          ), rows AS (
            INSERT INTO events AS e (id, stream_id, revision, type, data, metadata)
            SELECT c.id, c.stream, CASE WHEN c.expected = 'no_stream' THEN 0 ELSE c.expected::bigint + 1 END,
                   c.type, c.data::jsonb, c.metadata::jsonb
            FROM candidates c ORDER BY c.write_no
            ON CONFLICT DO NOTHING
            RETURNING e.id, e.stream_id, e.revision, e.global_position
          )
          SELECT c.write_no, r.revision, r.global_position
          FROM rows r JOIN candidates c ON c.id = r.id AND c.stream = r.stream_id
        LOOP
          done_revision[inserted.write_no] := inserted.revision;
          done_position[inserted.write_no] := inserted.global_position;
        END LOOP;
      EXCEPTION WHEN OTHERS THEN
        done_revision := '{}';
        done_position := '{}';
      END;

      FOR w IN 1 .. n LOOP
        first := firsts[w];
        last := first + p_counts[w] - 1;
        write_no := w;
        error_code := NULL;
        error_message := NULL;
        next_revision := NULL;
        transaction_id := NULL;
        global_position := NULL;
        IF busy[w] THEN
          result := 'busy';
        ELSIF done_position[w] IS NOT NULL THEN
          result := 'ok';
          next_revision := done_revision[w];
          transaction_id := pg_current_xact_id();
          global_position := done_position[w];
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
