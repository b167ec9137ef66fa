/**
 * Search that forgives (docs/api.md, Search): the extensions behind accent folding (unaccent), typo
 * tolerance (pg_trgm's trigram distance finds candidate words, fuzzystrmatch's levenshtein keeps the
 * close ones), and `search_fold`, the one function both sides of a match go through. unaccent()
 * itself is only STABLE (its dictionary could change), so it cannot appear in a generated column or
 * an index; search_fold names the dictionary and every function schema-qualified and is declared
 * IMMUTABLE, which holds as long as nobody edits unaccent.rules (a rebuild of the movies projection
 * would follow such an edit). All three extensions are trusted (PostgreSQL 13+): the database owner
 * creates them without superuser. Frozen once landed.
 */
import { type Kysely, sql } from 'kysely'

// biome-ignore lint/suspicious/noExplicitAny: migrations are frozen in time and must not depend on the app's types
export async function up(db: Kysely<any>): Promise<void> {
  await sql`CREATE EXTENSION IF NOT EXISTS unaccent SCHEMA public`.execute(db)
  await sql`CREATE EXTENSION IF NOT EXISTS pg_trgm SCHEMA public`.execute(db)
  await sql`CREATE EXTENSION IF NOT EXISTS fuzzystrmatch SCHEMA public`.execute(db)
  // Lower case without accents: 'Amélie' and 'AMELIE' both fold to 'amelie', 'Æon' to 'aeon'.
  await sql`
    CREATE FUNCTION public.search_fold(text) RETURNS text
      LANGUAGE sql IMMUTABLE STRICT PARALLEL SAFE
      AS $$ SELECT pg_catalog.lower(public.unaccent('public.unaccent'::regdictionary, $1)) $$
  `.execute(db)
}

// biome-ignore lint/suspicious/noExplicitAny: see up()
export async function down(db: Kysely<any>): Promise<void> {
  await sql`DROP FUNCTION public.search_fold(text)`.execute(db)
}
