/**
 * Item-based collaborative filtering: cosine similarity between movies' weighted user vectors,
 * shrunk towards zero for pairs few users share, keeping each movie's k most similar. Costs the sum
 * over users of their interactions squared, with one dense accumulator per source movie.
 */
import { type FeedbackMatrix, transpose } from './feedback-matrix.ts'
import { type ItemNeighbours, packNeighbours, topK } from './item-neighbours.ts'

export type ItemKnnOptions = {
  neighbours: number
  /** Added to the denominator: a pair seen by few users counts less. */
  shrink: number
  signal?: AbortSignal
  onProgress?: (done: number, total: number) => void
}

export function trainItemKnn(matrix: FeedbackMatrix, options: ItemKnnOptions): ItemNeighbours {
  const n = matrix.itemIds.length
  const { itemOffsets, itemUsers, itemWeights } = transpose(matrix)
  const norms = new Float64Array(n)
  for (let i = 0; i < n; i++) {
    let sum = 0
    for (let k = itemOffsets[i] as number; k < (itemOffsets[i + 1] as number); k++) {
      sum += (itemWeights[k] as number) ** 2
    }
    norms[i] = Math.sqrt(sum)
  }
  const dots = new Float64Array(n)
  const touched = new Int32Array(n)
  const rows: { index: number; value: number }[][] = []
  for (let i = 0; i < n; i++) {
    if (i % 256 === 0) {
      options.signal?.throwIfAborted()
      options.onProgress?.(i, n)
    }
    let count = 0
    for (let k = itemOffsets[i] as number; k < (itemOffsets[i + 1] as number); k++) {
      const u = itemUsers[k] as number
      const wi = itemWeights[k] as number
      for (let l = matrix.userOffsets[u] as number; l < (matrix.userOffsets[u + 1] as number); l++) {
        const j = matrix.userItems[l] as number
        if (j === i) continue
        if (dots[j] === 0) touched[count++] = j
        dots[j] = (dots[j] as number) + wi * (matrix.userWeights[l] as number)
      }
    }
    for (let c = 0; c < count; c++) {
      const j = touched[c] as number
      dots[j] = (dots[j] as number) / ((norms[i] as number) * (norms[j] as number) + options.shrink)
    }
    rows.push(topK(touched, count, dots, options.neighbours))
    for (let c = 0; c < count; c++) dots[touched[c] as number] = 0
  }
  options.onProgress?.(n, n)
  return packNeighbours(matrix.itemIds, rows)
}
