/**
 * movies: the catalogue read model (GET /movies, /movies/:id, /genres). One row per movie (added by
 * an admin, or imported with its external ids) with its details, counters (ratings with histogram,
 * favourites, likes, watches, comments not deleted with replies included), a weighted all-time
 * popularity and a full-text search vector over accent-folded text; `genres` counts the listed movies
 * per genre; `movie_words` is the lexicon of title words that typo-tolerant search corrects towards
 * (src/read/search/terms.ts). Every list filter and sort has a partial index over the movies still
 * listed (removed_at IS NULL).
 *
 * Tags: `movie_tags` holds each tag of a movie (curated by an admin, and how many users put it
 * there), `user_tags` each user's own tags (dropped when the user is erased), `tags` each tag in use
 * with its listed movies and uses, and `movies.tags` the tags in use on a movie (the tag filter's
 * GIN index). The derived rows (`movies.tags`, `tags`) are recomputed set-based at the end of each
 * batch for the movies and tags it touched, so no event can move a counter twice.
 *
 * `movie_details` keeps the parts of each movie's detail answer (GET /movies/:id) that change only
 * when the movie itself does, as JSON text ready to send (src/read/movies/detail-document.ts): its
 * details, written again at the end of a batch that added or updated the movie, and what its import
 * told (images, runtime, language, tagline, cast and crew), written once with it.
 */
import { type Insertable, type Kysely, sql, type Transaction } from 'kysely'
import type { Database, MoviesTable } from '../src/db/schema.ts'
import { genreSlug } from '../src/domain/genre/genre.ts'
import { personKey } from '../src/domain/movie/media.ts'
import { defineProjection } from '../src/projector/projection.ts'
import { rowsOf } from '../src/projector/set-based.ts'
import {
  type DetailsMedia,
  detailsAbout,
  detailsHead,
  detailsMedia,
  NO_MEDIA,
} from '../src/read/movies/detail-document.ts'

export { genreSlug }

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

/**
 * The types that change what a search or a suggestion matches or shows besides the counters
 * (titles and the rest of the search vector, listing, tags and their uses, genres): the engine
 * records the last one applied as the generation's catalogue position, which empties the search
 * memos at once (src/read/serving/projection-tags.ts).
 */
const CATALOGUE_TYPES = [
  'MovieAdded',
  'MovieImported',
  'MovieDetailsUpdated',
  'MovieRemoved',
  'MovieTagged',
  'MovieUntagged',
  'MovieTaggedByUser',
  'MovieUntaggedByUser',
  'UserErased',
  'GenreCreated',
  'GenreRenamed',
  'GenresMerged',
  'GenreRemoved',
] as const

/**
 * The types that only move a movie's counters (and popularity, the ranking): the search memos let
 * those lag by a bound (src/read/search/routes.ts). Every handled type is in one of the two lists.
 */
const COUNTER_TYPES = [
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
] as const

export const movies = defineProjection({
  kind: 'postgres',
  name: 'movies',
  // 2: external_ids (MovieImported). 3: accent-folded search and title_folded, movie_words.
  // 4: year null when unknown (MovieImported v2); tags (movie_tags, user_tags, tags, movies.tags).
  // 5: first-class genres (genres.created, genre_aliases).
  // 6: people_names (MovieImported v3's cast and crew) in the search vector.
  // 7: movie_details, the detail answer's pieces kept as JSON text.
  version: 7,
  handles: [...CATALOGUE_TYPES, ...COUNTER_TYPES],
  catalogue: CATALOGUE_TYPES,
  tables: [
    'movies',
    'genres',
    'genre_aliases',
    'movie_words',
    'movie_tags',
    'user_tags',
    'tags',
    'erased_taggers',
    'movie_details',
  ],
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
      .addColumn('tags', sql`text[]`, (c) => c.notNull().defaultTo(sql`'{}'::text[]`))
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
      .addColumn('people_names', 'text')
      // 'simple': no stemming, so prefix matching (as-you-type) finds what was typed. Folded
      // (public.search_fold: lower case, no accents, migration 0021) so 'amelie' finds 'Amélie'.
      .addColumn('search', sql`tsvector`, (c) =>
        c
          .notNull()
          .generatedAlwaysAs(
            sql`setweight(to_tsvector('simple'::regconfig, public.search_fold(title)), 'A') || setweight(to_tsvector('simple'::regconfig, public.search_fold(coalesce(overview, ''))), 'B') || setweight(to_tsvector('simple'::regconfig, public.search_fold(coalesce(people_names, ''))), 'C')`,
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
      .addColumn('created', 'boolean', (c) => c.notNull().defaultTo(false))
      .execute()
    await db.schema
      .createTable('genre_aliases')
      .addColumn('slug', 'text', (c) => c.primaryKey())
      .addColumn('target_slug', 'text', (c) => c.notNull())
      .addColumn('target_name', 'text', (c) => c.notNull())
      .execute()
    await db.schema
      .createTable('movie_tags')
      .addColumn('movie_id', 'uuid', (c) => c.notNull())
      .addColumn('tag', 'text', (c) => c.notNull())
      .addColumn('curated', 'boolean', (c) => c.notNull().defaultTo(false))
      .addColumn('user_count', 'integer', (c) => c.notNull().defaultTo(0))
      .addPrimaryKeyConstraint('movie_tags_pkey', ['movie_id', 'tag'])
      .execute()
    // Recomputing a tag's counts reads its movies.
    await db.schema.createIndex('movie_tags_by_tag').on('movie_tags').columns(['tag', 'movie_id']).execute()
    await db.schema
      .createTable('user_tags')
      .addColumn('user_id', 'uuid', (c) => c.notNull())
      .addColumn('movie_id', 'uuid', (c) => c.notNull())
      .addColumn('tag', 'text', (c) => c.notNull())
      .addColumn('tagged_at', 'timestamptz', (c) => c.notNull())
      .addPrimaryKeyConstraint('user_tags_pkey', ['user_id', 'movie_id', 'tag'])
      .execute()
    // Users erased: a tag of theirs that reaches the log after UserErased (a command in flight, an
    // import) is not counted.
    await db.schema
      .createTable('erased_taggers')
      .addColumn('user_id', 'uuid', (c) => c.primaryKey())
      .execute()
    await db.schema
      .createTable('tags')
      .addColumn('tag', 'text', (c) => c.primaryKey())
      .addColumn('movie_count', 'integer', (c) => c.notNull())
      .addColumn('uses', 'integer', (c) => c.notNull())
      .execute()
    // JSON object members without braces, joined with the moving parts per request.
    await db.schema
      .createTable('movie_details')
      .addColumn('movie_id', 'uuid', (c) => c.primaryKey())
      .addColumn('head', 'text', (c) => c.notNull())
      .addColumn('about', 'text', (c) => c.notNull())
      .addColumn('media', 'text', (c) => c.notNull())
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
      .createIndex('movies_by_tag')
      .ifNotExists()
      .on('movies')
      .using('gin')
      .column('tags')
      .where(listed)
      .execute()
    // GET /tags: the most used first, and as-you-type prefixes (text_pattern_ops serves LIKE 'abc%').
    await db.schema
      .createIndex('tags_by_uses')
      .ifNotExists()
      .on('tags')
      .columns(['uses desc', 'tag'])
      .execute()
    await sql`CREATE INDEX IF NOT EXISTS tags_by_prefix ON tags (tag text_pattern_ops)`.execute(db)
    await db.schema
      .createIndex('movies_search')
      .ifNotExists()
      .on('movies')
      .using('gin')
      .column('search')
      .where(listed)
      .execute()
    // Every rating moves a movie's counters, which are indexed (the sorts above): the update is not
    // HOT, so each GIN index of the row takes new entries too. With GIN's fast update those wait in
    // a pending list (up to 4 MB) that every search, genre and tag filter reads through until a
    // vacuum merges it: 10,000 waiting entries made one search 5.4 ms instead of 0.09 ms
    // (docs/benchmarks.md). Without it the projector's batch pays the insertions, the reads never do.
    for (const name of ['movies_by_genre', 'movies_by_tag', 'movies_search']) {
      await sql`ALTER INDEX ${sql.id(name)} SET (fastupdate = off)`.execute(db)
    }
    // Words sharing enough trigrams with a typed one (word % $1), the typo candidates.
    await sql`CREATE INDEX IF NOT EXISTS movie_words_trigrams ON movie_words USING gin (word public.gin_trgm_ops)`.execute(
      db,
    )
  },
  // A rebuild appends each batch's counter changes and adds them up once caught up: a popular
  // movie's row was rewritten in almost every batch. No batch reads the counters back.
  staging: {
    tables: ['movie_counters_staged'],
    async setup(db) {
      await sql`CREATE TABLE movie_counters_staged (${sql.join(
        Object.entries(COUNTER_COLUMNS).map(
          ([column, type]) => sql`${sql.id(column)} ${sql.raw(type)} NOT NULL`,
        ),
      )}) WITH (autovacuum_enabled = false)`.execute(db)
    },
    async fold(db) {
      // Raw SQL: UPDATE ... FROM an aggregate (see applyCounters).
      const sums = sql.join(
        Object.entries(COUNTER_COLUMNS)
          .filter(([column]) => column !== 'id')
          .map(
            ([column]) =>
              sql`sum(${sql.id(column)})::${sql.raw(COUNTER_COLUMNS[column as keyof CounterRow])} AS ${sql.id(column)}`,
          ),
      )
      await sql`
        UPDATE movies AS m SET ${COUNTER_SETS}
        FROM (SELECT id, ${sums} FROM movie_counters_staged GROUP BY id) AS d
        WHERE m.id = d.id`.execute(db)
    },
  },
  async apply(events, trx, options) {
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
    // Names a genre was renamed or merged away from, and the genre each means now (a small table).
    const aliases = new Map(
      (await trx.selectFrom('genre_aliases').selectAll().execute()).map((row) => [
        row.slug,
        { slug: row.target_slug, name: row.target_name },
      ]),
    )
    /** A movie's genre names as the catalogue has them now: old names resolved, in order, once each. */
    const resolve = (names: readonly string[]) => {
      const resolved = new Map<string, string>()
      for (const name of names) {
        const slug = genreSlug(name)
        const alias = aliases.get(slug)
        const genre = alias ?? { slug, name }
        if (!resolved.has(genre.slug)) resolved.set(genre.slug, genre.name)
      }
      return { slugs: [...resolved.keys()], names: [...resolved.values()] }
    }
    const moveGenres = (names: readonly string[], delta: number) => {
      const { slugs, names: resolved } = resolve(names)
      for (const [index, slug] of slugs.entries()) {
        const entry = genreChanges.get(slug) ?? { name: resolved[index] as string, delta: 0 }
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
    const tags = new TagChanges()
    // Movies whose kept detail pieces are written at the end of the batch, with what the first
    // MovieAdded or MovieImported of each told (null: details updated, the media written before stay).
    const details = new Map<string, DetailsMedia | null>()
    for (const event of events) {
      const at = event.metadata.occurredAt ?? event.createdAt.toISOString()
      if (event.type === 'MovieDetailsUpdated' || event.type === 'MovieRemoved') await flushAdds()
      if (event.type.startsWith('Genre')) {
        // A genre event rewrites rows and counts: everything before it is written first.
        await flushAdds()
        await applyGenres(trx, genreChanges)
        genreChanges.clear()
      }
      switch (event.type) {
        case 'MovieAdded':
        case 'MovieImported': {
          const data = event.data
          const addedAt = ('importedAt' in data ? data.importedAt : data.addedAt) ?? at
          const genres = resolve(data.genres)
          const row = {
            id: data.movieId,
            title: data.title,
            year: data.year,
            release_date: data.releaseDate ?? null,
            overview: data.overview ?? null,
            genres: genres.slugs,
            genre_names: genres.names,
            added_at: addedAt,
            updated_at: addedAt,
            external_ids: JSON.stringify('externalIds' in data ? data.externalIds : {}),
            // Cast and crew names, so `q=nolan` finds his movies (weight C: below title and overview).
            people_names:
              'cast' in data
                ? [...new Set([...data.cast, ...data.crew].map((person) => person.name))].join(' ') || null
                : null,
          }
          pendingAdds.push(row)
          moveGenres(data.genres, 1)
          if ((details.get(data.movieId) ?? null) === null)
            details.set(data.movieId, 'cast' in data ? importedMedia(data) : NO_MEDIA)
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
                : { genres: resolve(changes.genres).slugs, genre_names: resolve(changes.genres).names }),
              updated_at: updatedAt ?? at,
            })
            .where('id', '=', movieId)
            .execute()
          if (changes.title !== undefined) await addTitleWords(trx, [changes.title])
          if (!details.has(movieId)) details.set(movieId, null)
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
          // Its tags' movie counts drop it.
          tags.movies.add(data.movieId)
          for (const row of await trx
            .selectFrom('movie_tags')
            .select('tag')
            .where('movie_id', '=', data.movieId)
            .execute())
            tags.tags.add(row.tag)
          break
        }
        case 'MovieTagged':
        case 'MovieUntagged': {
          const { movieId, tag } = event.data
          const curated = event.type === 'MovieTagged'
          await trx
            .insertInto('movie_tags')
            .values({ movie_id: movieId, tag, curated })
            .onConflict((oc) => oc.columns(['movie_id', 'tag']).doUpdateSet({ curated }))
            .execute()
          tags.touch(movieId, tag)
          break
        }
        case 'MovieTaggedByUser': {
          const { userId, movieId, tag, taggedAt } = event.data
          const erased = await trx
            .selectFrom('erased_taggers')
            .select('user_id')
            .where('user_id', '=', userId)
            .executeTakeFirst()
          if (erased) break
          const inserted = await trx
            .insertInto('user_tags')
            .values({ user_id: userId, movie_id: movieId, tag, tagged_at: taggedAt })
            .onConflict((oc) => oc.columns(['user_id', 'movie_id', 'tag']).doNothing())
            .executeTakeFirst()
          if (inserted.numInsertedOrUpdatedRows === 1n) await moveUserCount(trx, movieId, tag, 1)
          tags.touch(movieId, tag)
          break
        }
        case 'MovieUntaggedByUser': {
          const { userId, movieId, tag } = event.data
          const deleted = await trx
            .deleteFrom('user_tags')
            .where('user_id', '=', userId)
            .where('movie_id', '=', movieId)
            .where('tag', '=', tag)
            .executeTakeFirst()
          if (deleted.numDeletedRows === 1n) await moveUserCount(trx, movieId, tag, -1)
          tags.touch(movieId, tag)
          break
        }
        case 'GenreCreated': {
          const { slug, name } = event.data
          aliases.delete(slug)
          await trx.deleteFrom('genre_aliases').where('slug', '=', slug).execute()
          await trx
            .insertInto('genres')
            .values({ slug, name, movie_count: 0, created: true })
            .onConflict((oc) => oc.column('slug').doUpdateSet({ name, created: true }))
            .execute()
          break
        }
        case 'GenreRenamed':
        case 'GenresMerged': {
          const [from, target] =
            event.type === 'GenreRenamed'
              ? [[event.data.slug], { slug: event.data.newSlug, name: event.data.name }]
              : [event.data.sources.map((source) => source.slug), event.data.target]
          await mapGenres(trx, from, target)
          // Old names (and names that already meant a source) now mean the target.
          for (const [slug, alias] of aliases) if (from.includes(alias.slug)) aliases.set(slug, target)
          for (const slug of from) if (slug !== target.slug) aliases.set(slug, target)
          aliases.delete(target.slug)
          await trx
            .updateTable('genre_aliases')
            .set({ target_slug: target.slug, target_name: target.name })
            .where('target_slug', 'in', from)
            .execute()
          const moved = from.filter((slug) => slug !== target.slug)
          if (moved.length > 0) {
            await trx
              .insertInto('genre_aliases')
              .values(moved.map((slug) => ({ slug, target_slug: target.slug, target_name: target.name })))
              .onConflict((oc) =>
                oc.column('slug').doUpdateSet({ target_slug: target.slug, target_name: target.name }),
              )
              .execute()
          }
          await trx.deleteFrom('genre_aliases').where('slug', '=', target.slug).execute()
          break
        }
        case 'GenreRemoved': {
          await trx
            .updateTable('genres')
            .set({ created: false })
            .where('slug', '=', event.data.slug)
            .execute()
          await trx
            .deleteFrom('genres')
            .where('slug', '=', event.data.slug)
            .where('movie_count', '<=', 0)
            .execute()
          break
        }
        case 'UserErased': {
          // A user's tags are theirs: erased with them (their anonymous ratings stay).
          await trx
            .insertInto('erased_taggers')
            .values({ user_id: event.data.userId })
            .onConflict((oc) => oc.column('user_id').doNothing())
            .execute()
          const gone = await trx
            .deleteFrom('user_tags')
            .where('user_id', '=', event.data.userId)
            .returning(['movie_id', 'tag'])
            .execute()
          for (const row of gone) {
            await moveUserCount(trx, row.movie_id, row.tag, -1)
            tags.touch(row.movie_id, row.tag)
          }
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
    await writeDetails(trx, details)
    await applyCounters(trx, counters, options?.staged === true)
    await applyGenres(trx, genreChanges)
    await applyTags(trx, tags)
  },
})

/**
 * Movies that have any of `from` have `target` in its place (once, where the first of them was);
 * the genre rows follow: `from` gone, `target` created with its recounted listed movies.
 */
// Raw SQL: unnest ... WITH ORDINALITY over the two parallel arrays, rebuilt in order without
// duplicates, has no builder form.
async function mapGenres(
  trx: Transaction<Database>,
  from: string[],
  target: { slug: string; name: string },
): Promise<void> {
  await sql`
    UPDATE movies AS m SET genres = r.slugs, genre_names = r.names
    FROM (
      SELECT id, array_agg(s ORDER BY first) AS slugs, array_agg(n ORDER BY first) AS names
      FROM (
        SELECT m2.id, x.s, (array_agg(x.n ORDER BY x.i))[1] AS n, min(x.i) AS first
        FROM movies AS m2, LATERAL (
          SELECT CASE WHEN u.s = ANY(${sql.val(from)}::text[]) THEN ${target.slug} ELSE u.s END AS s,
                 CASE WHEN u.s = ANY(${sql.val(from)}::text[]) THEN ${target.name} ELSE u.n END AS n,
                 u.i
          FROM unnest(m2.genres, m2.genre_names) WITH ORDINALITY AS u(s, n, i)) AS x
        WHERE m2.genres && ${sql.val(from)}::text[]
        GROUP BY m2.id, x.s
      ) AS g
      GROUP BY id
    ) AS r
    WHERE m.id = r.id`.execute(trx)
  const gone = from.filter((slug) => slug !== target.slug)
  if (gone.length > 0) await trx.deleteFrom('genres').where('slug', 'in', gone).execute()
  await trx
    .insertInto('genres')
    .values({ slug: target.slug, name: target.name, movie_count: 0, created: true })
    .onConflict((oc) => oc.column('slug').doUpdateSet({ name: target.name, created: true }))
    .execute()
  await sql`
    UPDATE genres SET movie_count = (
      SELECT count(*) FROM movies WHERE genres @> ARRAY[${target.slug}]::text[] AND removed_at IS NULL)
    WHERE slug = ${target.slug}`.execute(trx)
}

/** The movies and tags a batch touched: their derived rows are recomputed once at its end. */
class TagChanges {
  readonly movies = new Set<string>()
  readonly tags = new Set<string>()
  touch(movieId: string, tag: string) {
    this.movies.add(movieId)
    this.tags.add(tag)
  }
}

async function moveUserCount(trx: Transaction<Database>, movieId: string, tag: string, delta: number) {
  await trx
    .insertInto('movie_tags')
    .values({ movie_id: movieId, tag, user_count: delta })
    .onConflict((oc) =>
      oc.columns(['movie_id', 'tag']).doUpdateSet((eb) => ({
        user_count: eb('movie_tags.user_count', '+', delta),
      })),
    )
    .execute()
}

// Raw SQL: array_agg in a correlated subquery and a grouped re-insert have no builder form that
// stays readable; both are set-based over the touched rows only.
async function applyTags(trx: Transaction<Database>, changes: TagChanges): Promise<void> {
  if (changes.movies.size === 0 && changes.tags.size === 0) return
  const movieIds = [...changes.movies]
  const tagList = [...changes.tags]
  await trx
    .deleteFrom('movie_tags')
    .where('movie_id', 'in', movieIds.length > 0 ? movieIds : ['00000000-0000-0000-0000-000000000000'])
    .where('curated', '=', false)
    .where('user_count', '<=', 0)
    .execute()
  if (movieIds.length > 0) {
    await sql`
      UPDATE movies AS m SET tags = coalesce(
        (SELECT array_agg(t.tag ORDER BY t.tag) FROM movie_tags t WHERE t.movie_id = m.id), '{}')
      WHERE m.id = ANY(${sql.val(movieIds)}::uuid[])`.execute(trx)
  }
  if (tagList.length > 0) {
    await trx.deleteFrom('tags').where('tag', 'in', tagList).execute()
    await sql`
      INSERT INTO tags (tag, movie_count, uses)
      SELECT t.tag, count(*)::int, sum((CASE WHEN t.curated THEN 1 ELSE 0 END) + t.user_count)::int
      FROM movie_tags t JOIN movies m ON m.id = t.movie_id AND m.removed_at IS NULL
      WHERE t.tag = ANY(${sql.val(tagList)}::text[])
      GROUP BY t.tag`.execute(trx)
  }
}

type CounterRow = {
  id: string
  ratings: number
  stars: number
  h1: number
  h2: number
  h3: number
  h4: number
  h5: number
  favorites: number
  likes: number
  watches: number
  comments: number
}

/** A batch's counter changes per movie, one column each (and in the rebuild's staging table). */
const COUNTER_COLUMNS: { readonly [Column in keyof CounterRow]: string } = {
  id: 'uuid',
  ratings: 'int',
  stars: 'numeric',
  h1: 'int',
  h2: 'int',
  h3: 'int',
  h4: 'int',
  h5: 'int',
  favorites: 'int',
  likes: 'int',
  watches: 'int',
  comments: 'int',
}

/** Each counter of `movies AS m` moved by the changes `d`. */
const COUNTER_SETS = sql`
      rating_count = m.rating_count + d.ratings,
      rating_sum = m.rating_sum + d.stars,
      stars_1 = m.stars_1 + d.h1, stars_2 = m.stars_2 + d.h2, stars_3 = m.stars_3 + d.h3,
      stars_4 = m.stars_4 + d.h4, stars_5 = m.stars_5 + d.h5,
      favorites_count = m.favorites_count + d.favorites,
      likes_count = m.likes_count + d.likes,
      watches_count = m.watches_count + d.watches,
      comments_count = m.comments_count + d.comments`

// Raw SQL: a set-based UPDATE ... FROM the batch's counter changes (one array per column, see
// set-based.ts) moves every counter of the batch in one statement; kysely's builder has no UPDATE FROM
// a function. Staged (a rebuild), the changes of the movies that exist now are appended instead (a
// change to a movie not added yet counts nowhere, as the update would have it), and added up once
// the generation has caught up (`staging.fold`).
async function applyCounters(
  trx: Transaction<Database>,
  counters: Map<string, Counters>,
  staged: boolean,
): Promise<void> {
  if (counters.size === 0) return
  const rows = [...counters].map(([id, c]): CounterRow => {
    const [h1 = 0, h2 = 0, h3 = 0, h4 = 0, h5 = 0] = c.histogram
    return {
      id,
      ratings: c.ratings,
      stars: c.stars,
      h1,
      h2,
      h3,
      h4,
      h5,
      favorites: c.favorites,
      likes: c.likes,
      watches: c.watches,
      comments: c.comments,
    }
  })
  if (staged) {
    await sql`
      INSERT INTO movie_counters_staged
      SELECT * FROM ${rowsOf(rows, COUNTER_COLUMNS)}
      WHERE EXISTS (SELECT 1 FROM movies AS m WHERE m.id = rows.id)`.execute(trx)
    return
  }
  await sql`
    UPDATE movies AS m SET ${COUNTER_SETS}
    FROM (SELECT * FROM ${rowsOf(rows, COUNTER_COLUMNS)}) AS d
    WHERE m.id = d.id`.execute(trx)
}

/** What a MovieImported tells beyond the details, with each person's key. */
function importedMedia(
  data: Omit<DetailsMedia, 'cast' | 'crew'> & {
    cast: (Omit<DetailsMedia['cast'][number], 'personId'> & { tmdbId: number | null })[]
    crew: (Omit<DetailsMedia['crew'][number], 'personId'> & { tmdbId: number | null })[]
  },
): DetailsMedia {
  return {
    posterPath: data.posterPath,
    backdropPath: data.backdropPath,
    imageConfig: data.imageConfig,
    runtime: data.runtime,
    originalLanguage: data.originalLanguage,
    tagline: data.tagline,
    cast: data.cast.map((member) => ({ ...member, personId: personKey(member) })),
    crew: data.crew.map((member) => ({ ...member, personId: personKey(member) })),
  }
}

/**
 * The kept detail pieces of the movies a batch added or updated, from their rows as they stand at
 * its end (read back, so the text is what the detail statement's own reading of them would give).
 * A movie already there keeps the media written with it: a movie is added or imported once.
 */
// Raw SQL: the rows as unnested arrays (set-based.ts); the ids as one array parameter.
async function writeDetails(
  trx: Transaction<Database>,
  details: Map<string, DetailsMedia | null>,
): Promise<void> {
  if (details.size === 0) return
  const movies = await trx
    .selectFrom('movies')
    .select([
      'id',
      'title',
      'year',
      sql<string | null>`to_char(release_date, 'YYYY-MM-DD')`.as('release_date'),
      'overview',
      'added_at',
      'updated_at',
      'external_ids',
    ])
    .where('id', '=', sql<string>`any(${[...details.keys()]}::uuid[])`)
    .execute()
  if (movies.length === 0) return
  const rows = movies.map((movie) => ({
    movie_id: movie.id,
    head: detailsHead(movie),
    about: detailsAbout(movie),
    media: detailsMedia(details.get(movie.id) ?? NO_MEDIA),
  }))
  await sql`
    INSERT INTO movie_details (movie_id, head, about, media)
    SELECT * FROM ${rowsOf(rows, { movie_id: 'uuid', head: 'text', about: 'text', media: 'text' })}
    ON CONFLICT (movie_id) DO UPDATE SET head = excluded.head, about = excluded.about`.execute(trx)
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
