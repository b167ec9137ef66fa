/**
 * The PostgreSQL event store: the events table (every stream and the global log) and the append
 * function. Frozen once landed: change the schema in a new migration.
 *
 * Global order is (transaction_id, global_position): global_position is taken at insert but becomes
 * visible at commit, so readers only read rows whose transaction is older than every transaction
 * still running (pg_snapshot_xmin) and never skip an event that commits late.
 */
import { type Kysely, sql } from 'kysely'

// biome-ignore lint/suspicious/noExplicitAny: migrations are frozen in time and must not depend on the app's types
export async function up(db: Kysely<any>): Promise<void> {
  await sql`
    CREATE TABLE events (
      transaction_id xid8 NOT NULL DEFAULT pg_current_xact_id(),
      global_position bigint GENERATED ALWAYS AS IDENTITY,
      id uuid NOT NULL,
      stream_id text NOT NULL,
      revision bigint NOT NULL,
      type text NOT NULL,
      data jsonb NOT NULL,
      metadata jsonb NOT NULL DEFAULT '{}',
      created_at timestamptz NOT NULL DEFAULT now(),
      PRIMARY KEY (transaction_id, global_position),
      CONSTRAINT events_id_unique UNIQUE (id),
      -- Also the optimistic concurrency check: two appends cannot both take a stream's next revision.
      CONSTRAINT events_stream_revision_unique UNIQUE (stream_id, revision)
    )`.execute(db)

  // The original result of an append whose ids are already stored: 'duplicate' with the revision and
  // position of its last event, 'id_conflict' when the ids are used elsewhere, no row when unused.
  await sql`
    CREATE FUNCTION stored_append_result(p_stream text, p_ids uuid[])
    RETURNS TABLE (result text, next_revision bigint, transaction_id xid8, global_position bigint)
    LANGUAGE plpgsql AS $$
    DECLARE
      n int := cardinality(p_ids);
      found_stream text;
      stored int;
    BEGIN
      SELECT e.stream_id INTO found_stream FROM events e WHERE e.id = p_ids[1];
      IF found_stream IS NULL THEN
        RETURN;
      END IF;
      SELECT count(*) INTO stored FROM events e WHERE e.id = ANY (p_ids) AND e.stream_id = p_stream;
      IF found_stream = p_stream AND stored = n THEN
        RETURN QUERY SELECT 'duplicate'::text, e.revision, e.transaction_id, e.global_position
          FROM events e WHERE e.id = p_ids[n];
      ELSE
        RETURN QUERY SELECT 'id_conflict'::text, NULL::bigint, NULL::xid8, NULL::bigint;
      END IF;
    END
    $$`.execute(db)

  // One round trip, and on the happy path one INSERT: the unique (stream_id, revision) index is the
  // concurrency check and the unique id index the idempotency check (ON CONFLICT DO NOTHING waits
  // for a competing insert's outcome, then skips). Results: 'ok' | 'duplicate' (these ids are
  // already stored there: the original result) | 'wrong_revision' (next_revision = the actual
  // revision, null for no stream) | 'id_conflict'. A partial insert (some rows conflicted) raises
  // NX409, undoing the whole call; the adapter then reports the conflict.
  // No NOTIFY here: a notifying commit takes a server-wide lock through its WAL flush, which
  // serialises all commits (measured: 4x slower appends); the adapter notifies after commit.
  // No EXCEPTION block: it would cost a subtransaction per call.
  await sql`
    CREATE FUNCTION append_to_stream(
      p_stream text, p_expected text, p_ids uuid[], p_types text[], p_data jsonb[], p_metadata jsonb[]
    ) RETURNS TABLE (result text, next_revision bigint, transaction_id xid8, global_position bigint)
    LANGUAGE plpgsql AS $$
    DECLARE
      n int := cardinality(p_ids);
      first_revision bigint;
      current_revision bigint;
      inserted int;
      last_position bigint;
    BEGIN
      IF p_expected = 'no_stream' THEN
        first_revision := 0;
      ELSIF p_expected = 'any' OR p_expected = 'stream_exists' THEN
        SELECT max(e.revision) INTO current_revision FROM events e WHERE e.stream_id = p_stream;
        IF current_revision IS NULL AND p_expected = 'stream_exists' THEN
          first_revision := NULL;
        ELSE
          first_revision := coalesce(current_revision + 1, 0);
        END IF;
      ELSE
        -- The expected revision must be the stream's last: it must exist, and the insert below
        -- fails on the next one if it exists too.
        PERFORM 1 FROM events e WHERE e.stream_id = p_stream AND e.revision = p_expected::bigint;
        first_revision := CASE WHEN FOUND THEN p_expected::bigint + 1 END;
      END IF;

      IF first_revision IS NOT NULL THEN
        WITH inserted_rows AS (
          INSERT INTO events AS e (id, stream_id, revision, type, data, metadata)
          SELECT u.id, p_stream, first_revision + u.ord - 1, u.type, u.data, u.metadata
            FROM unnest(p_ids, p_types, p_data, p_metadata) WITH ORDINALITY AS u(id, type, data, metadata, ord)
            ORDER BY u.ord
          ON CONFLICT DO NOTHING
          RETURNING e.global_position
        )
        SELECT count(*), max(i.global_position) INTO inserted, last_position FROM inserted_rows i;
        IF inserted = n THEN
          RETURN QUERY SELECT 'ok'::text, first_revision + n - 1, pg_current_xact_id(), last_position;
          RETURN;
        END IF;
        IF inserted > 0 THEN
          RAISE EXCEPTION 'append to % conflicted part-way', p_stream USING ERRCODE = 'NX409';
        END IF;
      END IF;

      RETURN QUERY SELECT * FROM stored_append_result(p_stream, p_ids);
      IF FOUND THEN
        RETURN;
      END IF;
      RETURN QUERY SELECT 'wrong_revision'::text, max(e.revision), NULL::xid8, NULL::bigint
        FROM events e WHERE e.stream_id = p_stream;
    END
    $$`.execute(db)
}

// biome-ignore lint/suspicious/noExplicitAny: see up()
export async function down(db: Kysely<any>): Promise<void> {
  await sql`DROP FUNCTION append_to_stream(text, text, uuid[], text[], jsonb[], jsonb[])`.execute(db)
  await sql`DROP FUNCTION stored_append_result(text, uuid[])`.execute(db)
  await sql`DROP TABLE events`.execute(db)
}
