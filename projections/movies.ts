/**
 * movies: the catalogue read model (GET /movies, /movies/:id, /genres). One row per movie (added by
 * an admin, or imported with its external ids) with its details, counters (ratings with histogram,
 * favourites, likes, watches, comments not deleted with replies included), a weighted all-time
 * popularity and a full-text search vector over accent-folded text; `genres` counts the listed movies
 * per genre; `movie_words` is the lexicon of title words that typo-tolerant search corrects towards
 * (src/read/search/terms.ts). Every list filter and sort has a partial index over the movies still
 * listed (removed_at IS NULL).
 */
import { type Insertable, type Kysely, sql, type Transaction } from 'kysely'
import type { Database, MoviesTable } from '../src/db/schema.ts'
import { defineProjection } from '../src/projector/projection.ts'

/** The stable key of a genre name: lower case, runs of anything but letters and digits as one '-'. */
export function genreSlug(name: string): string {
  return name
    .normalize('NFKD')
    .replace(/\p{M}/gu, '')
    .toLowerCase()
    .replace(/[^\p{L}\p{N}]+/gu, '-')
    .replace(/^-|-$/g, '')
}

/** Weights of the all-time popularity score (the trending projection uses the same ones). */
export const POPULARITY_WEIGHTS = { favorite: 3, like: 2, watch: 1, rating: 1 } as const

type Counters = {
  ratings: number
  stars: number
  /**
   * Changes of the 1..5 star buckets, index 0..4. A half star (imports) counts in the bucket above:
   * 3.5 with the 4s, 0.5 with the 1s. The sum and average keep the halves exactly (numeric).
   */
  histogram: number[]
  favorites: number
  likes: number
  watches: number
  comments: number
}

const starBucket = (stars: number) => Math.min(5, Math.max(1, Math.ceil(stars))) - 1
const moveBucket = (histogram: number[], stars: number, delta: number) => {
  const index = starBucket(stars)
  histogram[index] = (histogram[index] ?? 0) + delta
}

const BATCH_ROWS = 2_000

export const movies = defineProjection({
  kind: 'postgres',
  name: 'movies',
  // 2: external_ids (MovieImported). 3: accent-folded search and title_folded, movie_words.
  // 4: year null when unknown (MovieImported v2).
  version: 4,
  handles: [
    'MovieAdded',
    'MovieImported',
    'MovieDetailsUpdated',
    'MovieRemoved',
    'RatingGiven',
    'RatingRemoved',
    'MovieFavorited',
    'MovieUnfavorited',
    'MovieLiked',
    'MovieUnliked',
    'MovieWatched',
    // Added without a version bump: no comment event existed before these types were handled.
    'CommentAdded',
    'CommentDeleted',
  ],
  tables: ['movies', 'genres', 'movie_words'],
  async setup(db) {
    const w = POPULARITY_WEIGHTS
    await db.schema
      .createTable('movies')
      .addColumn('id', 'uuid', (c) => c.primaryKey())
      .addColumn('title', 'text', (c) => c.notNull())
      .addColumn('year', 'integer')
      .addColumn('release_date', 'date')
      .addColumn('overview', 'text')
      // Slugs (filtering) and display names (answers), in the same order.
      .addColumn('genres', sql`text[]`, (c) => c.notNull())
      .addColumn('genre_names', sql`text[]`, (c) => c.notNull())
      .addColumn('added_at', 'timestamptz', (c) => c.notNull())
      .addColumn('updated_at', 'timestamptz', (c) => c.notNull())
      .addColumn('removed_at', 'timestamptz')
      .addColumn('rating_count', 'integer', (c) => c.notNull().defaultTo(0))
      .addColumn('rating_sum', 'numeric', (c) => c.notNull().defaultTo(0))
      .addColumn('stars_1', 'integer', (c) => c.notNull().defaultTo(0))
      .addColumn('stars_2', 'integer', (c) => c.notNull().defaultTo(0))
      .addColumn('stars_3', 'integer', (c) => c.notNull().defaultTo(0))
      .addColumn('stars_4', 'integer', (c) => c.notNull().defaultTo(0))
      .addColumn('stars_5', 'integer', (c) => c.notNull().defaultTo(0))
      .addColumn('favorites_count', 'integer', (c) => c.notNull().defaultTo(0))
      .addColumn('likes_count', 'integer', (c) => c.notNull().defaultTo(0))
      .addColumn('watches_count', 'integer', (c) => c.notNull().defaultTo(0))
      .addColumn('comments_count', 'integer', (c) => c.notNull().defaultTo(0))
      .addColumn('external_ids', 'jsonb', (c) => c.notNull().defaultTo(sql`'{}'::jsonb`))
      // Derived columns are stored so each sort has a plain b-tree index.
      .addColumn('rating_avg', 'numeric', (c) =>
        c
          .notNull()
          .generatedAlwaysAs(
            sql`CASE WHEN rating_count > 0 THEN round(rating_sum / rating_count, 3) ELSE 0 END`,
          )
          .stored(),
      )
      .addColumn('popularity', 'integer', (c) =>
        c
          .notNull()
          .generatedAlwaysAs(
            sql`${sql.lit(w.favorite)} * favorites_count + ${sql.lit(w.like)} * likes_count + ${sql.lit(w.watch)} * watches_count + ${sql.lit(w.rating)} * rating_count`,
          )
          .stored(),
      )
      // Release order: with neither date nor year (unknown), 0001-01-01, last of the newest-first sort.
      .addColumn('released_on', 'date', (c) =>
        c
          .notNull()
          .generatedAlwaysAs(
            sql`coalesce(release_date, make_date(year, 1, 1), ${sql.lit('0001-01-01')}::date)`,
          )
          .stored(),
      )
      // 'simple': no stemming, so prefix matching (as-you-type) finds what was typed. Folded
      // (public.search_fold: lower case, no accents, migration 0021) so 'amelie' finds 'Amélie'.
      .addColumn('search', sql`tsvector`, (c) =>
        c
          .notNull()
          .generatedAlwaysAs(
            sql`setweight(to_tsvector('simple'::regconfig, public.search_fold(title)), 'A') || setweight(to_tsvector('simple'::regconfig, public.search_fold(coalesce(overview, ''))), 'B')`,
          )
          .stored(),
      )
      // The folded title, for the trigram similarity that ranks typo matches and suggestions.
      .addColumn('title_folded', 'text', (c) =>
        c.notNull().generatedAlwaysAs(sql`public.search_fold(title)`).stored(),
      )
      .execute()
    // Every word of every title ever listed (folded, as in `search`): grows only, so a word of a
    // removed or renamed movie stays until a rebuild, where a correction towards it finds nothing.
    // COLLATE "C": the primary key also serves prefix ranges.
    await db.schema
      .createTable('movie_words')
      .addColumn('word', sql`text COLLATE "C"`, (c) => c.primaryKey())
      .execute()
    await db.schema
      .createTable('genres')
      .addColumn('slug', 'text', (c) => c.primaryKey())
      .addColumn('name', 'text', (c) => c.notNull())
      .addColumn('movie_count', 'integer', (c) => c.notNull().defaultTo(0))
      .execute()
  },
  // Kept apart from setup: while no index covers the counters, a rebuild's row updates stay HOT
  // (no index entry per update). Every filter and sort of the catalogue has its index here.
  async indexes(db) {
    const listed = sql<boolean>`removed_at IS NULL`
    const sorts: [string, string[]][] = [
      ['movies_by_popularity', ['popularity desc', 'id desc']],
      ['movies_by_rating', ['rating_avg desc', 'id desc']],
      ['movies_by_release', ['released_on desc', 'id desc']],
      ['movies_by_title', ['title', 'id']],
      ['movies_by_newest', ['added_at desc', 'id desc']],
      ['movies_by_year', ['year', 'id']],
    ]
    for (const [name, columns] of sorts) {
      await db.schema.createIndex(name).ifNotExists().on('movies').columns(columns).where(listed).execute()
    }
    await db.schema
      .createIndex('movies_by_genre')
      .ifNotExists()
      .on('movies')
      .using('gin')
      .column('genres')
      .where(listed)
      .execute()
    await db.schema
      .createIndex('movies_search')
      .ifNotExists()
      .on('movies')
      .using('gin')
      .column('search')
      .where(listed)
      .execute()
    // Words sharing enough trigrams with a typed one (word % $1), the typo candidates.
    await sql`CREATE INDEX IF NOT EXISTS movie_words_trigrams ON movie_words USING gin (word public.gin_trgm_ops)`.execute(
      db,
    )
  },
  async apply(events, trx) {
    const counters = new Map<string, Counters>()
    const genreChanges = new Map<string, { name: string; delta: number }>()
    const count = (movieId: string) => {
      let entry = counters.get(movieId)
      if (!entry) {
        entry = {
          ratings: 0,
          stars: 0,
          histogram: [0, 0, 0, 0, 0],
          favorites: 0,
          likes: 0,
          watches: 0,
          comments: 0,
        }
        counters.set(movieId, entry)
      }
      return entry
    }
    const moveGenres = (names: readonly string[], delta: number) => {
      for (const name of names) {
        const slug = genreSlug(name)
        const entry = genreChanges.get(slug) ?? { name, delta: 0 }
        entry.delta += delta
        genreChanges.set(slug, entry)
      }
    }
    // Consecutive MovieAdded/MovieImported events become one multi-row insert, flushed before any
    // statement that may touch those rows (details, removal) and before the counters.
    let pendingAdds: Insertable<MoviesTable>[] = []
    const flushAdds = async () => {
      if (pendingAdds.length === 0) return
      await trx
        .insertInto('movies')
        .values(pendingAdds)
        .onConflict((oc) => oc.column('id').doNothing())
        .execute()
      await addTitleWords(
        trx,
        pendingAdds.map((row) => row.title),
      )
      pendingAdds = []
    }
    for (const event of events) {
      const at = event.metadata.occurredAt ?? event.createdAt.toISOString()
      if (event.type === 'MovieDetailsUpdated' || event.type === 'MovieRemoved') await flushAdds()
      switch (event.type) {
        case 'MovieAdded':
        case 'MovieImported': {
          const data = event.data
          const addedAt = ('importedAt' in data ? data.importedAt : data.addedAt) ?? at
          const row = {
            id: data.movieId,
            title: data.title,
            year: data.year,
            release_date: data.releaseDate ?? null,
            overview: data.overview ?? null,
            genres: data.genres.map(genreSlug),
            genre_names: data.genres,
            added_at: addedAt,
            updated_at: addedAt,
            external_ids: JSON.stringify('externalIds' in data ? data.externalIds : {}),
          }
          pendingAdds.push(row)
          moveGenres(data.genres, 1)
          break
        }
        case 'MovieDetailsUpdated': {
          const { changes, previous, movieId, updatedAt } = event.data
          await trx
            .updateTable('movies')
            .set({
              ...(changes.title === undefined ? {} : { title: changes.title }),
              ...(changes.year === undefined ? {} : { year: changes.year }),
              ...(changes.overview === undefined ? {} : { overview: changes.overview }),
              ...(changes.releaseDate === undefined ? {} : { release_date: changes.releaseDate }),
              ...(changes.genres === undefined
                ? {}
                : { genres: changes.genres.map(genreSlug), genre_names: changes.genres }),
              updated_at: updatedAt ?? at,
            })
            .where('id', '=', movieId)
            .execute()
          if (changes.title !== undefined) await addTitleWords(trx, [changes.title])
          if (changes.genres !== undefined) {
            moveGenres(previous.genres ?? [], -1)
            moveGenres(changes.genres, 1)
          }
          break
        }
        case 'MovieRemoved': {
          const data = event.data
          await trx
            .updateTable('movies')
            .set({ removed_at: data.removedAt ?? at })
            .where('id', '=', data.movieId)
            .execute()
          moveGenres(data.genres ?? [], -1)
          break
        }
        case 'RatingGiven': {
          const data = event.data
          const entry = count(data.movieId)
          const previous = data.previousStars ?? null
          if (previous === null) entry.ratings += 1
          else moveBucket(entry.histogram, previous, -1)
          moveBucket(entry.histogram, data.stars, 1)
          entry.stars += data.stars - (previous ?? 0)
          break
        }
        case 'RatingRemoved': {
          const data = event.data
          const entry = count(data.movieId)
          entry.ratings -= 1
          entry.stars -= data.stars
          moveBucket(entry.histogram, data.stars, -1)
          break
        }
        case 'MovieFavorited':
        case 'MovieUnfavorited':
          count(event.data.movieId).favorites += event.type === 'MovieFavorited' ? 1 : -1
          break
        case 'MovieLiked':
        case 'MovieUnliked':
          count(event.data.movieId).likes += event.type === 'MovieLiked' ? 1 : -1
          break
        case 'MovieWatched':
          count(event.data.movieId).watches += 1
          break
        case 'CommentAdded':
        case 'CommentDeleted':
          // Deleting twice appends nothing (decide), so every CommentDeleted takes one off.
          count(event.data.movieId).comments += event.type === 'CommentAdded' ? 1 : -1
          break
      }
    }
    await flushAdds()
    await applyCounters(trx, counters)
    await applyGenres(trx, genreChanges)
  },
})

// Raw SQL: a set-based UPDATE ... FROM (VALUES ...) moves every counter of the batch in one
// statement per 2,000 movies; kysely's builder has no VALUES list.
async function applyCounters(trx: Transaction<Database>, counters: Map<string, Counters>): Promise<void> {
  const rows = [...counters.entries()]
  for (let i = 0; i < rows.length; i += BATCH_ROWS) {
    const values = rows.slice(i, i + BATCH_ROWS).map(([id, c]) => {
      const [h1, h2, h3, h4, h5] = c.histogram
      return sql`(${id}::uuid, ${c.ratings}::int, ${c.stars}::numeric, ${h1}::int, ${h2}::int, ${h3}::int, ${h4}::int, ${h5}::int, ${c.favorites}::int, ${c.likes}::int, ${c.watches}::int, ${c.comments}::int)`
    })
    await sql`
      UPDATE movies AS m SET
        rating_count = m.rating_count + d.ratings,
        rating_sum = m.rating_sum + d.stars,
        stars_1 = m.stars_1 + d.h1, stars_2 = m.stars_2 + d.h2, stars_3 = m.stars_3 + d.h3,
        stars_4 = m.stars_4 + d.h4, stars_5 = m.stars_5 + d.h5,
        favorites_count = m.favorites_count + d.favorites,
        likes_count = m.likes_count + d.likes,
        watches_count = m.watches_count + d.watches,
        comments_count = m.comments_count + d.comments
      FROM (VALUES ${sql.join(values)}) AS d(id, ratings, stars, h1, h2, h3, h4, h5, favorites, likes, watches, comments)
      WHERE m.id = d.id`.execute(trx)
  }
}

/** Adds the words of these titles to the lexicon, folded and split exactly as `search` is. */
async function addTitleWords(trx: Transaction<Database>, titles: string[]): Promise<void> {
  // Raw SQL: the words are the title's lexemes in `search` (to_tsvector over search_fold), so a
  // corrected word is one the full-text index holds.
  await sql`
    INSERT INTO movie_words (word)
    SELECT DISTINCT word
    FROM unnest(${titles}::text[]) AS t(title),
         unnest(tsvector_to_array(to_tsvector('simple'::regconfig, public.search_fold(t.title)))) AS word
    WHERE length(word) BETWEEN 2 AND 60
    ON CONFLICT (word) DO NOTHING`.execute(trx)
}

async function applyGenres(
  trx: Kysely<Database>,
  changes: Map<string, { name: string; delta: number }>,
): Promise<void> {
  const rows = [...changes.entries()]
    .filter(([slug]) => slug !== '')
    .map(([slug, { name, delta }]) => ({ slug, name, movie_count: delta }))
  if (rows.length === 0) return
  await trx
    .insertInto('genres')
    .values(rows)
    .onConflict((oc) =>
      oc.column('slug').doUpdateSet((eb) => ({
        movie_count: sql<number>`${eb.ref('genres.movie_count')} + ${eb.ref('excluded.movie_count')}`,
      })),
    )
    .execute()
}
