/**
 * Settings every PostgreSQL session of the app starts with, sent in the startup packet (the
 * `options` connection parameter) so they cost no round trip, not even at connect. The one there
 * is: pg_trgm.similarity_threshold, which the typo corrections of search (src/read/search/terms.ts)
 * use through pg_trgm's `%`, the operator its trigram index serves. Set per query instead, it took
 * a transaction of four round trips (BEGIN, set_config, the query, COMMIT) per typo.
 */

/** pg_trgm.similarity_threshold: a fifth of trigrams shared ('matirx' for 'matrix' shares 0.27). */
export const TRIGRAM_THRESHOLD = 0.2

/** The settings by name (a placeholder until pg_trgm loads, which then takes its value). */
export const SESSION_SETTINGS: Readonly<Record<string, string>> = {
  'pg_trgm.similarity_threshold': String(TRIGRAM_THRESHOLD),
}

/** The settings as the startup `options` parameter: `-c name=value` each. */
export function sessionOptions(): string {
  return Object.entries(SESSION_SETTINGS)
    .map(([name, value]) => `-c ${name}=${value}`)
    .join(' ')
}
