/** Every projection the projector runs. */
import type { PostgresProjection } from '../src/projection/projection.ts'
import { userRatings } from './user-ratings.ts'

export const projections: readonly PostgresProjection[] = [userRatings]
