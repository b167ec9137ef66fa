/** Queries over the movie_credits read model: one person and their filmography (listed movies only). */
import { type Kysely, sql } from 'kysely'
import type { Database } from '../../db/schema.ts'
import { imageUrls } from '../movies/images.ts'

/** Credits a person page lists at most: enough for any filmography in the catalogue, bounded. */
export const MAX_FILMOGRAPHY = 200

/** Credits merged per movie (a director who also wrote is one entry with two roles). */
export async function findPerson(db: Kysely<Database>, personId: string) {
  const person = await db
    .selectFrom('people')
    .select(['person_id', 'tmdb_id', 'name', 'profile_path', 'image_config'])
    .where('person_id', '=', personId)
    .executeTakeFirst()
  if (!person) return null
  // The person's range of movie_people_pk, each joined to its movie by primary key.
  const rows = await db
    .selectFrom('movie_people as p')
    .innerJoin('movies as m', 'm.id', 'p.movie_id')
    .leftJoin('movie_media as mm', 'mm.movie_id', 'p.movie_id')
    .select([
      'p.movie_id',
      'p.role',
      'p.character',
      'p.job',
      'p.credit_order',
      'm.title',
      'm.year',
      'mm.poster_path',
      'mm.image_config',
    ])
    .where('p.person_id', '=', personId)
    .where('m.removed_at', 'is', null)
    // Raw SQL: unknown years last (PostgreSQL sorts NULL first in descending order).
    .orderBy(sql`m.year desc nulls last`)
    .orderBy('m.title')
    .orderBy('p.movie_id')
    .orderBy('p.role')
    .limit(MAX_FILMOGRAPHY * 3 + 1)
    .execute()
  type Credit = {
    movie: {
      id: string
      title: string
      year: number | null
      poster: ReturnType<typeof imageUrls>
    }
    roles: ('cast' | 'director' | 'writer')[]
    character: string | null
    jobs: string[]
  }
  const credits = new Map<string, Credit>()
  for (const row of rows) {
    let credit = credits.get(row.movie_id)
    if (!credit) {
      if (credits.size >= MAX_FILMOGRAPHY) break
      credit = {
        movie: {
          id: row.movie_id,
          title: row.title,
          year: row.year,
          poster: imageUrls('poster', row.poster_path, row.image_config),
        },
        roles: [],
        character: null,
        jobs: [],
      }
      credits.set(row.movie_id, credit)
    }
    credit.roles.push(row.role)
    if (row.role === 'cast') credit.character = row.character
    else if (row.job !== null) credit.jobs.push(row.job)
  }
  return {
    id: person.person_id,
    tmdbId: person.tmdb_id,
    name: person.name,
    image: imageUrls('profile', person.profile_path, person.image_config),
    credits: [...credits.values()],
    truncated: rows.length > MAX_FILMOGRAPHY * 3 || credits.size >= MAX_FILMOGRAPHY,
  }
}
