/** Every projection the projector runs. */
import type { Projection } from '../src/projector/projection.ts'
import { comments } from './comments.ts'
import { imports } from './imports.ts'
import { moderationQueue } from './moderation-queue.ts'
import { movieCredits } from './movie-credits.ts'
import { moviePopularity } from './movie-popularity.ts'
import { movies } from './movies.ts'
import { recommendationFeedback } from './recommendation-feedback.ts'
import { trending } from './trending.ts'
import { userLibrary } from './user-library.ts'
import { userRatings } from './user-ratings.ts'
import { userWatchlist } from './user-watchlist.ts'
import { users } from './users.ts'

export const projections: readonly Projection[] = [
  userRatings,
  moviePopularity,
  users,
  movies,
  movieCredits,
  userLibrary,
  userWatchlist,
  trending,
  comments,
  moderationQueue,
  imports,
  recommendationFeedback,
]
