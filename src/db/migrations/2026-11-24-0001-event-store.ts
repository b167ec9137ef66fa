/**
 * The PostgreSQL event store: streams (one row per stream, its last revision) and events (the global
 * log). Frozen once landed: change the schema in a new migration.
 *
 * Global order is (transaction_id, global_position): global_position is taken at insert but becomes
 * visible at commit, so readers only read rows whose transaction is older than every transaction
 * still running (pg_snapshot_xmin) and never skip an event that commits late.
 */
import { type Kysely, sql } from 'kysely'

// biome-ignore lint/suspicious/noExplicitAny: migrations are frozen in time and must not depend on the app's types
export async function up(db: Kysely<any>): Promise<void> {
  await sql`
    CREATE TABLE streams (
      stream_id text PRIMARY KEY,
      revision bigint NOT NULL
    )`.execute(db)

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
      CONSTRAINT events_stream_revision_unique UNIQUE (stream_id, revision)
    )`.execute(db)

  // One round trip per append: idempotency check, optimistic concurrency on the streams row, insert.
  // Results: 'ok' | 'duplicate' (ids already stored there: the original result) | 'wrong_revision'
  // (next_revision = actual, null when no stream) | 'id_conflict' (an id is used elsewhere).
  // No EXCEPTION block: it would cost a subtransaction per call. A unique violation from a racing
  // retry reaches the adapter, which calls again and then gets 'duplicate'.
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

  // One round trip per append: idempotency check, optimistic concurrency on the streams row, insert.
  // Results: 'ok' | 'duplicate' (ids already stored there: the original result) | 'wrong_revision'
  // (next_revision = actual, null when no stream) | 'id_conflict' (an id is used elsewhere).
  // No EXCEPTION block: it would cost a subtransaction per call. A unique violation from a racing
  // retry reaches the adapter, which calls again and then gets 'duplicate'.
  await sql`
    CREATE FUNCTION append_to_stream(
      p_stream text, p_expected text, p_ids uuid[], p_types text[], p_data jsonb[], p_metadata jsonb[]
    ) RETURNS TABLE (result text, next_revision bigint, transaction_id xid8, global_position bigint)
    LANGUAGE plpgsql AS $$
    DECLARE
      n int := cardinality(p_ids);
      last_revision bigint;
    BEGIN
      RETURN QUERY SELECT * FROM stored_append_result(p_stream, p_ids);
      IF FOUND THEN
        RETURN;
      END IF;

      IF p_expected = 'no_stream' THEN
        INSERT INTO streams AS s (stream_id, revision) VALUES (p_stream, n - 1)
          ON CONFLICT (stream_id) DO NOTHING RETURNING s.revision INTO last_revision;
      ELSIF p_expected = 'any' THEN
        INSERT INTO streams AS s (stream_id, revision) VALUES (p_stream, n - 1)
          ON CONFLICT (stream_id) DO UPDATE SET revision = s.revision + n RETURNING s.revision INTO last_revision;
      ELSIF p_expected = 'stream_exists' THEN
        UPDATE streams s SET revision = s.revision + n WHERE s.stream_id = p_stream
          RETURNING s.revision INTO last_revision;
      ELSE
        UPDATE streams s SET revision = s.revision + n
          WHERE s.stream_id = p_stream AND s.revision = p_expected::bigint
          RETURNING s.revision INTO last_revision;
      END IF;

      IF last_revision IS NULL THEN
        -- We may have waited on a concurrent retry of this very append: each statement here takes a
        -- fresh snapshot (READ COMMITTED), so look again before calling it a conflict.
        RETURN QUERY SELECT * FROM stored_append_result(p_stream, p_ids);
        IF FOUND THEN
          RETURN;
        END IF;
        RETURN QUERY SELECT 'wrong_revision'::text, s.revision, NULL::xid8, NULL::bigint
          FROM (SELECT NULL) AS one LEFT JOIN streams s ON s.stream_id = p_stream;
        RETURN;
      END IF;

      RETURN QUERY
        WITH inserted AS (
          INSERT INTO events AS e (id, stream_id, revision, type, data, metadata)
          SELECT u.id, p_stream, last_revision - n + u.ord, u.type, u.data, u.metadata
            FROM unnest(p_ids, p_types, p_data, p_metadata) WITH ORDINALITY AS u(id, type, data, metadata, ord)
            ORDER BY u.ord
          RETURNING e.global_position
        )
        SELECT 'ok'::text, last_revision, pg_current_xact_id(), max(i.global_position) FROM inserted i;
      PERFORM pg_notify('nexus_events', '');
    END
    $$`.execute(db)
}

// biome-ignore lint/suspicious/noExplicitAny: see up()
export async function down(db: Kysely<any>): Promise<void> {
  await sql`DROP FUNCTION append_to_stream(text, text, uuid[], text[], jsonb[], jsonb[])`.execute(db)
  await sql`DROP FUNCTION stored_append_result(text, uuid[])`.execute(db)
  await sql`DROP TABLE events`.execute(db)
  await sql`DROP TABLE streams`.execute(db)
}
