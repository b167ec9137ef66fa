/**
 * The parts of TMDb v3's JSON answers Nexus reads, as TypeBox schemas: an answer that does not
 * match is a TMDB_BAD_RESPONSE rather than a crash further on. Extra fields are allowed (TMDb adds
 * fields over time); fields TMDb documents as nullable or sometimes empty ("" release dates) are.
 * @see https://developer.themoviedb.org/reference/trending-movies
 */
import { type Static, Type } from 'typebox'

const Nullable = <T extends Parameters<typeof Type.Union>[0][number]>(schema: T) =>
  Type.Union([schema, Type.Null()])

export const TmdbMovieSummary = Type.Object({
  id: Type.Integer({ minimum: 1 }),
  title: Type.String(),
  /** YYYY-MM-DD, or "" when TMDb does not know it. */
  release_date: Type.Optional(Type.String()),
  genre_ids: Type.Optional(Type.Array(Type.Integer())),
  overview: Type.Optional(Nullable(Type.String())),
  popularity: Type.Optional(Type.Number()),
  vote_average: Type.Optional(Type.Number()),
  vote_count: Type.Optional(Type.Integer()),
  original_language: Type.Optional(Type.String()),
  poster_path: Type.Optional(Nullable(Type.String())),
  backdrop_path: Type.Optional(Nullable(Type.String())),
})
export type TmdbMovieSummary = Static<typeof TmdbMovieSummary>

export const TmdbPage = Type.Object({
  page: Type.Integer({ minimum: 1 }),
  results: Type.Array(TmdbMovieSummary),
  total_pages: Type.Integer({ minimum: 0 }),
  total_results: Type.Integer({ minimum: 0 }),
})
export type TmdbPage = Static<typeof TmdbPage>

export const TmdbGenre = Type.Object({ id: Type.Integer(), name: Type.String() })
export type TmdbGenre = Static<typeof TmdbGenre>

export const TmdbGenreList = Type.Object({ genres: Type.Array(TmdbGenre) })
export type TmdbGenreList = Static<typeof TmdbGenreList>

export const TmdbMovieDetails = Type.Object({
  id: Type.Integer({ minimum: 1 }),
  title: Type.String(),
  release_date: Type.Optional(Type.String()),
  genres: Type.Optional(Type.Array(TmdbGenre)),
  overview: Type.Optional(Nullable(Type.String())),
  popularity: Type.Optional(Type.Number()),
  vote_average: Type.Optional(Type.Number()),
  vote_count: Type.Optional(Type.Integer()),
  imdb_id: Type.Optional(Nullable(Type.String())),
  runtime: Type.Optional(Nullable(Type.Integer())),
  original_language: Type.Optional(Type.String()),
  tagline: Type.Optional(Nullable(Type.String())),
  poster_path: Type.Optional(Nullable(Type.String())),
  backdrop_path: Type.Optional(Nullable(Type.String())),
  /** With `append_to_response=credits`. */
  credits: Type.Optional(
    Type.Object({
      cast: Type.Array(
        Type.Object({
          id: Type.Integer({ minimum: 1 }),
          name: Type.String(),
          character: Type.Optional(Nullable(Type.String())),
          order: Type.Optional(Type.Integer()),
          profile_path: Type.Optional(Nullable(Type.String())),
        }),
      ),
      crew: Type.Array(
        Type.Object({
          id: Type.Integer({ minimum: 1 }),
          name: Type.String(),
          job: Type.Optional(Type.String()),
          department: Type.Optional(Type.String()),
          profile_path: Type.Optional(Nullable(Type.String())),
        }),
      ),
    }),
  ),
})
export type TmdbMovieDetails = Static<typeof TmdbMovieDetails>

/** configuration: where images live and in which sizes. */
export const TmdbConfiguration = Type.Object({
  images: Type.Object({
    base_url: Type.Optional(Type.String()),
    secure_base_url: Type.String(),
    poster_sizes: Type.Array(Type.String()),
    backdrop_sizes: Type.Array(Type.String()),
    profile_sizes: Type.Optional(Type.Array(Type.String())),
  }),
})
export type TmdbConfiguration = Static<typeof TmdbConfiguration>
