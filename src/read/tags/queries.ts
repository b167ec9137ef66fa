/**
 * Queries over the tags of the movies read model (projections/movies.ts): tags in use (most used
 * first, or by prefix); a movie's top tags and a user's own are read with its detail (findMovie).
 */
import { type Expression, type Kysely, sql } from 'kysely'
import type { Database } from '../../db/schema.ts'

/**
 * The tag a filter or prefix names: the domain's normalisation (src/domain/tag/tag.ts: NFKC, trimmed,
 * single-spaced, lower case), repeated here because the read side never runs domain code; a unit
 * test keeps the two the same. A query only looks up, so nothing is refused: a value no tag can
 * have simply matches nothing.
 */
export const tagLookupKey = (raw: string): string =>
  raw.normalize('NFKC').trim().replace(/\s+/g, ' ').toLowerCase()

/** LIKE's wildcards escaped, so a prefix matches literally. */
export const likePrefix = (prefix: string) => `${prefix.replace(/[\\%_]/g, (c) => `\\${c}`)}%`

/** Tags on listed movies, most used first (ties by name); with a prefix, those starting with it. */
export async function listTags(db: Kysely<Database>, prefix: string | null, limit: number) {
  const rows = await tagListQuery(db, prefix, limit).execute()
  return { items: rows.map((row) => ({ tag: row.tag, movieCount: row.movie_count, uses: row.uses })) }
}

/** The query of listTags (exported so a test can EXPLAIN exactly what the API runs). */
export function tagListQuery(db: Kysely<Database>, prefix: string | null | TagPrefixColumns, limit: number) {
  let query = db.selectFrom('tags').select(['tag', 'movie_count', 'uses']).where('movie_count', '>', 0)
  if (prefix !== null && prefix !== '') {
    const [start, pattern] =
      typeof prefix === 'string' ? [prefix, likePrefix(prefix)] : [prefix.prefix, prefix.pattern]
    // Raw SQL: the prefix's range in text_pattern_ops order (tags_by_prefix), which a prepared
    // statement's generic plan reads by the index too (a LIKE pattern in a parameter it cannot), and
    // LIKE with an explicit escape character for exactness.
    query = query
      .where(sql<boolean>`tag ~>=~ ${start}`)
      .where(sql<boolean>`tag ~<~ (${start} || U&'\\+10FFFF')`)
      .where(sql<boolean>`tag LIKE ${pattern} ESCAPE '\\'`)
  }
  return query.orderBy('uses', 'desc').orderBy('tag').limit(limit)
}

/**
 * A prefix that tagListQuery reads from columns of the statement (the suggestions of several texts in
 * one statement, src/read/search/queries.ts): the prefix (non-empty) and its LIKE pattern (likePrefix).
 */
export type TagPrefixColumns = { prefix: Expression<string>; pattern: Expression<string> }

/**
 * How many of a movie's tags its detail shows: curated ones first, then by how many users put them
 * there (read in the detail's own statement, src/read/movies/queries.ts findMovie, as is the
 * viewer's own tags).
 */
export const TOP_TAGS = 10

/**
 * Tags suggested at most, after titles and genres: those beginning with what was typed (normalised
 * like a tag; accents kept, as tags keep them), most used first, read by GET /search/suggest's
 * statement (src/read/search/queries.ts). Text without a letter or digit suggests none.
 */
export const MAX_TAG_SUGGESTIONS = 3
