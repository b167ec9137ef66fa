/**
 * The operator's redaction of an erased user's free text stored before it was sealed (CommentAdded
 * and CommentEdited at version 1, RatingGiven at version 1 with a review): each clear text of theirs
 * in the PostgreSQL `events` table is replaced with a sealed placeholder that no key opens, so every
 * reader (events API, exports, replays, rebuilds) reads it as null, as for any erased user's sealed
 * text. Only those fields change, never ids, revisions, positions or types; sealed texts are left
 * alone. `npm run users -- redact-free-text --user <id>`; docs/identity.md, "Free text".
 */
import { type Kysely, sql } from 'kysely'
import type { Database } from '../db/schema.ts'

/** A sealed value with no ciphertext: no key opens it; readers without the key read null. */
export const REDACTED = 'sealed:v1:redacted'

export type Redacted = { comments: number; edits: number; reviews: number }

export async function redactLegacyFreeText(db: Kysely<Database>, userId: string): Promise<Redacted> {
  const placeholder = JSON.stringify(REDACTED)
  return db.transaction().execute(async (trx) => {
    const comments = await sql`
      UPDATE events SET data = jsonb_set(data, '{text}', ${placeholder}::jsonb)
      WHERE type = 'CommentAdded' AND data->>'authorId' = ${userId}
        AND data->>'text' NOT LIKE 'sealed:%'`.execute(trx)
    // Version 1 edits name no author: found through the comment they edit.
    const edits = await sql`
      UPDATE events SET data = data || jsonb_build_object('text', ${REDACTED}::text)
        || CASE WHEN data ? 'previousText' THEN jsonb_build_object('previousText', ${REDACTED}::text)
                ELSE '{}'::jsonb END
      WHERE type = 'CommentEdited' AND data->>'text' NOT LIKE 'sealed:%'
        AND stream_id IN (
          SELECT stream_id FROM events WHERE type = 'CommentAdded' AND data->>'authorId' = ${userId})`.execute(
      trx,
    )
    const reviews = await sql`
      UPDATE events SET data = jsonb_set(data, '{review}', ${placeholder}::jsonb)
      WHERE type = 'RatingGiven' AND data->>'userId' = ${userId}
        AND jsonb_typeof(data->'review') = 'string' AND data->>'review' NOT LIKE 'sealed:%'`.execute(trx)
    return {
      comments: Number(comments.numAffectedRows ?? 0n),
      edits: Number(edits.numAffectedRows ?? 0n),
      reviews: Number(reviews.numAffectedRows ?? 0n),
    }
  })
}
