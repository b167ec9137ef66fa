/**
 * movie_credits: what imports tell about a movie beyond its details, and the people in it.
 * - `movie_media`: per imported movie its image paths and image configuration, runtime, original
 *   language, tagline, and its cast and crew as the detail shows them (GET /movies/:id);
 * - `movie_people`: one row per (person, movie, role), `cast`, `director` or `writer`, for a person's
 *   filmography (GET /people/:id) and movies filtered by person (GET /movies?person=): its primary
 *   key leads with person_id;
 * - `people`: each person's name and profile image path (the latest import's) and how many movies
 *   they are credited in, with a full-text index over their folded name for suggestions.
 * Only MovieImported carries these (v2; older events upcast to none). A removed movie keeps its rows:
 * the queries join `movies` and leave removed ones out.
 */
import { type Insertable, sql } from 'kysely'
import type { MovieMediaTable, MoviePeopleTable, PeopleTable } from '../src/db/schema.ts'
import { personKey } from '../src/domain/movie/media.ts'
import { defineProjection } from '../src/projector/projection.ts'

type CreditRow = Insertable<MoviePeopleTable>

export const movieCredits = defineProjection({
  kind: 'postgres',
  name: 'movie_credits',
  version: 1,
  handles: ['MovieImported'],
  tables: ['movie_media', 'movie_people', 'people'],
  async setup(db) {
    await db.schema
      .createTable('movie_media')
      .addColumn('movie_id', 'uuid', (c) => c.primaryKey())
      .addColumn('poster_path', 'text')
      .addColumn('backdrop_path', 'text')
      .addColumn('image_config', 'jsonb')
      .addColumn('runtime', 'integer')
      .addColumn('original_language', 'text')
      .addColumn('tagline', 'text')
      .addColumn('cast', 'jsonb', (c) => c.notNull())
      .addColumn('crew', 'jsonb', (c) => c.notNull())
      .execute()
    await db.schema
      .createTable('movie_people')
      .addColumn('person_id', 'text', (c) => c.notNull())
      .addColumn('movie_id', 'uuid', (c) => c.notNull())
      .addColumn('role', 'text', (c) => c.notNull())
      .addColumn('character', 'text')
      .addColumn('job', 'text')
      .addColumn('credit_order', 'integer', (c) => c.notNull())
      // Leads with person_id: GET /movies?person= and a person's filmography read one range of it.
      .addPrimaryKeyConstraint('movie_people_pk', ['person_id', 'movie_id', 'role'])
      .execute()
    await db.schema
      .createTable('people')
      .addColumn('person_id', 'text', (c) => c.primaryKey())
      .addColumn('tmdb_id', 'integer')
      .addColumn('name', 'text', (c) => c.notNull())
      .addColumn('profile_path', 'text')
      .addColumn('image_config', 'jsonb')
      .addColumn('movie_count', 'integer', (c) => c.notNull())
      .execute()
  },
  async indexes(db) {
    // Backs people in GET /search/suggest: every typed word begins a word of the folded name.
    // Raw SQL: an expression index over public.search_fold (migration 0021), as the search's own.
    await sql`CREATE INDEX IF NOT EXISTS people_name_words ON people
      USING gin (to_tsvector('simple', public.search_fold(name)))`.execute(db)
  },
  async apply(events, trx) {
    const media = new Map<string, Insertable<MovieMediaTable>>()
    const credits = new Map<string, CreditRow>()
    const people = new Map<string, Insertable<PeopleTable>>()
    /** Per person, the movies of this batch they are credited in (a movie is imported once). */
    const moviesOf = new Map<string, Set<string>>()
    for (const event of events) {
      const data = event.data
      const config = data.imageConfig === null ? null : JSON.stringify(data.imageConfig)
      media.set(data.movieId, {
        movie_id: data.movieId,
        poster_path: data.posterPath,
        backdrop_path: data.backdropPath,
        image_config: config,
        runtime: data.runtime,
        original_language: data.originalLanguage,
        tagline: data.tagline,
        cast: JSON.stringify(data.cast.map((member) => ({ ...member, personId: personKey(member) }))),
        crew: JSON.stringify(data.crew.map((member) => ({ ...member, personId: personKey(member) }))),
      })
      const person = (member: { tmdbId: number | null; name: string; profilePath: string | null }) => {
        const id = personKey(member)
        const known = people.get(id)
        const movies = moviesOf.get(id) ?? new Set<string>()
        movies.add(data.movieId)
        moviesOf.set(id, movies)
        people.set(id, {
          person_id: id,
          tmdb_id: member.tmdbId,
          name: member.name,
          // A later credit without a picture keeps the one seen before.
          profile_path: member.profilePath ?? known?.profile_path ?? null,
          image_config: member.profilePath !== null ? config : (known?.image_config ?? null),
          movie_count: movies.size,
        })
        return id
      }
      for (const member of data.cast) {
        const id = person(member)
        credits.set(`${id}/${data.movieId}/cast`, {
          person_id: id,
          movie_id: data.movieId,
          role: 'cast',
          character: member.character,
          job: null,
          credit_order: member.order,
        })
      }
      data.crew.forEach((member, index) => {
        const id = person(member)
        const key = `${id}/${data.movieId}/${member.role}`
        if (credits.has(key)) return
        credits.set(key, {
          person_id: id,
          movie_id: data.movieId,
          role: member.role,
          character: null,
          job: member.job,
          credit_order: index,
        })
      })
    }
    // A movie is imported once (its stream holds one MovieImported): rows are inserted, and a
    // replayed batch (never, by the engine's promise) would find them there and change nothing.
    if (media.size > 0) {
      await trx
        .insertInto('movie_media')
        .values([...media.values()])
        .onConflict((oc) => oc.column('movie_id').doNothing())
        .execute()
    }
    const creditRows = [...credits.values()]
    for (let i = 0; i < creditRows.length; i += 2000) {
      await trx
        .insertInto('movie_people')
        .values(creditRows.slice(i, i + 2000))
        .onConflict((oc) => oc.columns(['person_id', 'movie_id', 'role']).doNothing())
        .execute()
    }
    const personRows = [...people.values()]
    for (let i = 0; i < personRows.length; i += 2000) {
      await trx
        .insertInto('people')
        .values(personRows.slice(i, i + 2000))
        .onConflict((oc) =>
          oc.column('person_id').doUpdateSet((eb) => ({
            name: eb.ref('excluded.name'),
            tmdb_id: eb.ref('excluded.tmdb_id'),
            // Raw SQL: keep the picture already known when this credit has none.
            profile_path: sql`coalesce(excluded.profile_path, people.profile_path)`,
            image_config: sql`CASE WHEN excluded.profile_path IS NULL THEN people.image_config ELSE excluded.image_config END`,
            movie_count: sql`people.movie_count + excluded.movie_count`,
          })),
        )
        .execute()
    }
  },
})
