/**
 * A movie's detail answer (GET /movies/:id) as JSON text, put together from pieces kept ready: the
 * movies projection writes the parts that change only when the movie itself does (its details, its
 * images and people) as JSON text once, in `movie_details` (issue 19); a request reads them with the
 * counters, genres and top tags that move all the time (those as JSON text from PostgreSQL too) and
 * joins the pieces in the response schema's order. Nothing is parsed and serialised again: the text
 * is what `reply.serialize` would write for the same answer (test/integration/movie-detail-document.test.ts
 * holds every answer to that).
 *
 * The pieces are JSON object members without the braces (`"title":"Heat","year":1995`), each ending
 * where the next begins. A change to what they hold (a field, image sizes, a person's shape) is a
 * change to the movies projection: its version moves, so a rebuild writes every piece again.
 */
import type { ImageConfig } from '../../domain/movie/media.ts'
import { imageUrls } from './images.ts'

/** The external ids the answer knows (MovieDetail's externalIds), in its order: others are left out. */
const EXTERNAL_IDS = ['movielens', 'imdb', 'tmdb', 'movielens100k', 'demo'] as const

/** What the pieces of the details are written from: the movies row as pg reads it. */
export type DetailsRow = {
  title: string
  year: number | null
  /** 'YYYY-MM-DD' (selected with to_char: pg would read a date as a local-midnight Date). */
  release_date: string | null
  overview: string | null
  added_at: Date
  updated_at: Date
  external_ids: Partial<Record<(typeof EXTERNAL_IDS)[number], string | number>>
}

/** The members before the genres: `"title":…,"year":…,"releaseDate":…`. */
export function detailsHead(row: DetailsRow): string {
  return members({ title: row.title, year: row.year, releaseDate: row.release_date })
}

/** The members between popularity and the histogram: `"externalIds":…,"overview":…,"addedAt":…,"updatedAt":…`. */
export function detailsAbout(row: DetailsRow): string {
  const externalIds: Record<string, string | number> = {}
  for (const key of EXTERNAL_IDS) {
    const value = row.external_ids[key]
    if (value !== undefined) externalIds[key] = value
  }
  return members({
    externalIds,
    overview: row.overview,
    addedAt: row.added_at.toISOString(),
    updatedAt: row.updated_at.toISOString(),
  })
}

type Credit = { personId: string; name: string; profilePath: string | null }

/** What an import tells beyond the details (MovieImported v2; none for a movie added by an admin). */
export type DetailsMedia = {
  posterPath: string | null
  backdropPath: string | null
  imageConfig: ImageConfig | null
  runtime: number | null
  originalLanguage: string | null
  tagline: string | null
  cast: (Credit & { character: string | null; order: number })[]
  crew: (Credit & { role: 'director' | 'writer'; job: string })[]
}

export const NO_MEDIA: DetailsMedia = {
  posterPath: null,
  backdropPath: null,
  imageConfig: null,
  runtime: null,
  originalLanguage: null,
  tagline: null,
  cast: [],
  crew: [],
}

/** A person as a movie names them: id (personKey), name and profile image. */
export const personRef = (person: Credit, config: ImageConfig | null) => ({
  id: person.personId,
  name: person.name,
  image: imageUrls('profile', person.profilePath, config),
})

/** The members after the tags, up to `me`: runtime, language, tagline, images, cast and crew. */
export function detailsMedia(media: DetailsMedia): string {
  const config = media.imageConfig
  return members({
    runtime: media.runtime,
    originalLanguage: media.originalLanguage,
    tagline: media.tagline,
    images: {
      poster: imageUrls('poster', media.posterPath, config),
      backdrop: imageUrls('backdrop', media.backdropPath, config),
    },
    cast: media.cast.map((member) => ({
      person: personRef(member, config),
      character: member.character,
      order: member.order,
    })),
    crew: media.crew.map((member) => ({
      person: personRef(member, config),
      role: member.role,
      job: member.job,
    })),
  })
}

const members = (object: object) => JSON.stringify(object).slice(1, -1)

/** A detail row as the detail statement reads it: the kept pieces and the moving parts, as text. */
export type DocumentRow = {
  id: string
  head: string
  about: string
  media: string
  /** The genre names as a JSON array. */
  genres: string
  /** numeric, as pg reads it: a string. */
  rating_avg: string
  rating_count: number
  favorites_count: number
  likes_count: number
  popularity: number
  stars_1: number
  stars_2: number
  stars_3: number
  stars_4: number
  stars_5: number
  comments_count: number
  watches_count: number
  /** The top tags as a JSON array of `{"tag","curated","count"}`. */
  top_tags: string
}

/** The viewer's own state of a signed-in detail (MovieDetail's `me`). */
export type ViewerState = {
  rating: { stars: number; review: string | null; ratedAt: string } | null
  favorite: boolean
  liked: boolean
  tags: string[]
  watchlisted: boolean
}

/** The whole answer: the pieces and the moving parts in MovieDetail's order, `me` null when anonymous. */
export function detailDocument(row: DocumentRow, me: ViewerState | null): string {
  return (
    `{"id":"${row.id}",${row.head},"genres":${row.genres},"averageRating":${Number(row.rating_avg)}` +
    `,"ratingCount":${row.rating_count},"favorites":${row.favorites_count},"likes":${row.likes_count}` +
    `,"popularity":${row.popularity},${row.about},"ratingHistogram":{"1":${row.stars_1},"2":${row.stars_2}` +
    `,"3":${row.stars_3},"4":${row.stars_4},"5":${row.stars_5}},"comments":${row.comments_count}` +
    `,"watches":${row.watches_count},"tags":${row.top_tags},${row.media},"me":${me === null ? 'null' : JSON.stringify(me)}}`
  )
}
