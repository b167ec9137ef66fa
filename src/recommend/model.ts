/**
 * The production model: which algorithm trains the neighbour table, with which settings. Training
 * (`npm run recommender -- train`) and the offline evaluation (`... evaluate`) both call trainModel,
 * so the figures the evaluation prints are the model that serves.
 */
import { trainEase } from './ease.ts'
import type { FeedbackMatrix } from './feedback-matrix.ts'
import { trainItemKnn } from './item-knn.ts'
import type { ItemNeighbours } from './item-neighbours.ts'

export type ModelSpec =
  | { algorithm: 'item-knn'; neighbours: number; shrink: number }
  | { algorithm: 'ease'; lambda: number; maxItems: number; neighbours: number }

export const MODEL_NAMES = ['ease', 'item-knn'] as const
export type ModelName = (typeof MODEL_NAMES)[number]

export const MODELS: Record<ModelName, ModelSpec> = {
  ease: { algorithm: 'ease', lambda: 300, maxItems: 2_500, neighbours: 100 },
  'item-knn': { algorithm: 'item-knn', neighbours: 200, shrink: 10 },
}

/** The model that serves, chosen by the offline evaluation (docs/recommendations.md, Offline evaluation). */
export const PRODUCTION_MODEL: ModelName = 'item-knn'

export type TrainHooks = {
  signal?: AbortSignal
  onProgress?: (done: number, total: number) => void
}

export function trainModel(matrix: FeedbackMatrix, spec: ModelSpec, hooks: TrainHooks = {}): ItemNeighbours {
  switch (spec.algorithm) {
    case 'item-knn':
      return trainItemKnn(matrix, { ...spec, ...hooks })
    case 'ease':
      return trainEase(matrix, { ...spec, ...hooks })
    default: {
      const unknown: never = spec
      return unknown
    }
  }
}

/** A short description of a spec, stored with the model and printed by the evaluation. */
export function describeModel(spec: ModelSpec): string {
  return spec.algorithm === 'ease'
    ? `ease(lambda=${spec.lambda}, maxItems=${spec.maxItems}, neighbours=${spec.neighbours})`
    : `item-knn(neighbours=${spec.neighbours}, shrink=${spec.shrink})`
}
