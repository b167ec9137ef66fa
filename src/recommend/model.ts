/**
 * The candidate models and how each trains its neighbour table. Training (`npm run recommender --
 * train`, automatic selection: selection.ts) and the offline evaluation (`... evaluate`) both call
 * trainCandidate, so the figures the evaluation prints are the model that serves.
 */
import { type SessionWeighting, trainEase } from './ease.ts'
import type { FeedbackMatrix } from './feedback-matrix.ts'
import { trainItemKnn } from './item-knn.ts'
import { type ItemNeighbours, packNeighbours } from './item-neighbours.ts'

export type ModelSpec =
  /** No personal model: the popularity prior alone serves (cold start). */
  | { algorithm: 'popularity' }
  | { algorithm: 'item-knn'; neighbours: number; shrink: number }
  | {
      algorithm: 'ease'
      lambda: number
      minSupport: number
      neighbours: number
      session: SessionWeighting | null
    }

/** The candidates selection tries, by name; also what `--model` forces. */
export const CANDIDATE_NAMES = ['popularity', 'item-knn', 'ease', 'ease-session'] as const
export type CandidateName = (typeof CANDIDATE_NAMES)[number]
export const MODEL_NAMES = ['auto', ...CANDIDATE_NAMES] as const
export type ModelName = (typeof MODEL_NAMES)[number]

/** Movies with fewer users than this stay out of EASE's Gram matrix (docs/recommendations.md). */
export const EASE_MIN_SUPPORT = 5

/** Each candidate's settings before tuning (what `--model <name>` trains without selection). */
export const MODELS: Record<CandidateName, ModelSpec> = {
  popularity: { algorithm: 'popularity' },
  'item-knn': { algorithm: 'item-knn', neighbours: 200, shrink: 10 },
  ease: { algorithm: 'ease', lambda: 100, minSupport: EASE_MIN_SUPPORT, neighbours: 200, session: null },
  'ease-session': {
    algorithm: 'ease',
    lambda: 75,
    minSupport: EASE_MIN_SUPPORT,
    neighbours: 200,
    session: { tauSeconds: 300, mix: 0.25 },
  },
}

/** The candidate a spec belongs to. */
export const candidateOf = (spec: ModelSpec): CandidateName =>
  spec.algorithm === 'ease' ? (spec.session === null ? 'ease' : 'ease-session') : spec.algorithm

export type TrainHooks = {
  signal?: AbortSignal
  onProgress?: (done: number, total: number) => void
}

export type TrainedCandidate = {
  neighbours: ItemNeighbours
  /** EASE: movies in the Gram matrix and its bytes. */
  gramItems: number | null
  gramBytes: number | null
}

export function trainCandidate(
  matrix: FeedbackMatrix,
  spec: ModelSpec,
  hooks: TrainHooks = {},
): TrainedCandidate {
  switch (spec.algorithm) {
    case 'popularity':
      return { neighbours: packNeighbours(matrix.itemIds, []), gramItems: null, gramBytes: null }
    case 'item-knn':
      return { neighbours: trainItemKnn(matrix, { ...spec, ...hooks }), gramItems: null, gramBytes: null }
    case 'ease': {
      const { model, stats } = trainEase(matrix, { ...spec, ...hooks })
      return { neighbours: model, gramItems: stats.gramItems, gramBytes: stats.gramBytes }
    }
    default: {
      const unknown: never = spec
      return unknown
    }
  }
}

export function trainModel(matrix: FeedbackMatrix, spec: ModelSpec, hooks: TrainHooks = {}): ItemNeighbours {
  return trainCandidate(matrix, spec, hooks).neighbours
}

/** A short description of a spec, stored with the model and printed by the evaluation. */
export function describeModel(spec: ModelSpec): string {
  switch (spec.algorithm) {
    case 'popularity':
      return 'popularity'
    case 'item-knn':
      return `item-knn(neighbours=${spec.neighbours}, shrink=${spec.shrink})`
    case 'ease':
      return spec.session === null
        ? `ease(lambda=${spec.lambda}, minSupport=${spec.minSupport}, neighbours=${spec.neighbours})`
        : `ease-session(lambda=${spec.lambda}, tau=${spec.session.tauSeconds}s, mix=${spec.session.mix}, minSupport=${spec.minSupport}, neighbours=${spec.neighbours})`
    default: {
      const unknown: never = spec
      return unknown
    }
  }
}
