/**
 * EASE (Steck, "Embarrassingly Shallow Autoencoders for Sparse Data", WWW 2019): a closed-form item
 * model, B = I - P diag(1 / diag(P)) with P = (X^T X + lambda I)^-1 and a zero diagonal, so a
 * user's scores are x_u B. The Gram matrix is dense, so the model covers the `maxItems` movies with
 * the most users (the inverse costs maxItems^3 multiply-adds: about 3 s for 2,000 on one core);
 * each source movie keeps its `neighbours` largest positive weights for serving.
 */
import { type FeedbackMatrix, itemSupport } from './feedback-matrix.ts'
import { type ItemNeighbours, packNeighbours, topK } from './item-neighbours.ts'

export type EaseOptions = {
  lambda: number
  maxItems: number
  neighbours: number
  signal?: AbortSignal
  /** Rows of the inverse done, of n. */
  onProgress?: (done: number, total: number) => void
}

/**
 * Inverts a symmetric positive definite matrix in place (Gauss-Jordan; no pivoting is needed for
 * SPD, whose pivots stay positive). Row-major n x n.
 */
export function invertSpdInPlace(
  a: Float64Array,
  n: number,
  options: { signal?: AbortSignal; onProgress?: (done: number, total: number) => void } = {},
): void {
  for (let k = 0; k < n; k++) {
    if (k % 64 === 0) {
      options.signal?.throwIfAborted()
      options.onProgress?.(k, n)
    }
    const rowK = k * n
    const pivot = a[rowK + k] as number
    if (!(pivot > 0)) throw new Error(`matrix is not positive definite (pivot ${pivot} at ${k})`)
    a[rowK + k] = 1
    const inverse = 1 / pivot
    for (let j = 0; j < n; j++) a[rowK + j] = (a[rowK + j] as number) * inverse
    for (let i = 0; i < n; i++) {
      if (i === k) continue
      const rowI = i * n
      const factor = a[rowI + k] as number
      if (factor === 0) continue
      a[rowI + k] = 0
      for (let j = 0; j < n; j++) a[rowI + j] = (a[rowI + j] as number) - factor * (a[rowK + j] as number)
    }
  }
  options.onProgress?.(n, n)
}

export function trainEase(matrix: FeedbackMatrix, options: EaseOptions): ItemNeighbours {
  const support = itemSupport(matrix)
  const all = matrix.itemIds.length
  // The most supported movies, ties by column (deterministic).
  const chosen = Array.from({ length: all }, (_, i) => i)
    .sort((x, y) => (support[y] as number) - (support[x] as number) || x - y)
    .slice(0, options.maxItems)
  const n = chosen.length
  const local = new Int32Array(all).fill(-1)
  chosen.forEach((item, i) => {
    local[item] = i
  })

  const g = new Float64Array(n * n)
  const row: number[] = []
  const weights: number[] = []
  for (let u = 0; u < matrix.userCount; u++) {
    row.length = 0
    weights.length = 0
    for (let k = matrix.userOffsets[u] as number; k < (matrix.userOffsets[u + 1] as number); k++) {
      const i = local[matrix.userItems[k] as number] as number
      if (i < 0) continue
      row.push(i)
      weights.push(matrix.userWeights[k] as number)
    }
    for (let a = 0; a < row.length; a++) {
      const base = (row[a] as number) * n
      const wa = weights[a] as number
      for (let b = 0; b < row.length; b++) {
        const at = base + (row[b] as number)
        g[at] = (g[at] as number) + wa * (weights[b] as number)
      }
    }
  }
  for (let i = 0; i < n; i++) g[i * n + i] = (g[i * n + i] as number) + options.lambda
  invertSpdInPlace(g, n, options)

  // B[i][j] = -P[i][j] / P[j][j] (i != j): source i's weight towards target j.
  const diagonal = new Float64Array(n)
  for (let j = 0; j < n; j++) diagonal[j] = g[j * n + j] as number
  const rows: { index: number; value: number }[][] = Array.from({ length: all }, () => [])
  const targets = Int32Array.from({ length: n }, (_, j) => j)
  const b = new Float64Array(n)
  for (let i = 0; i < n; i++) {
    for (let j = 0; j < n; j++) b[j] = i === j ? 0 : -(g[i * n + j] as number) / (diagonal[j] as number)
    rows[chosen[i] as number] = topK(targets, n, b, options.neighbours).map(({ index, value }) => ({
      index: chosen[index] as number,
      value,
    }))
  }
  return packNeighbours(matrix.itemIds, rows)
}
