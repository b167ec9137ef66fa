/**
 * EASE (Steck, "Embarrassingly Shallow Autoencoders for Sparse Data", WWW 2019): a closed-form item
 * model, B = I - P diag(1 / diag(P)) with P = (G + lambda I)^-1 and a zero diagonal, so a user's
 * scores are x_u B.
 *
 * - The Gram matrix G covers every movie with at least `minSupport` users (no cap on their number:
 *   a movie fewer people have seen can neither be learned nor recommended usefully). It is dense
 *   float32, inverted in place (spd-inverse.ts): 10,000 movies take 400 MB and about 5 x 10^11
 *   multiply-adds.
 * - Session co-occurrence (`session`): two movies a user rated t seconds apart add
 *   w_a w_b (mix + (1 - mix) exp(-t / tau)) to G instead of w_a w_b, so movies rated in the same
 *   sitting count for more than movies rated years apart. mix = 1 is plain EASE. On MovieLens this
 *   is what separates the films of one taste from those a user merely also rated (docs/recommendations.md).
 * - Each source movie keeps its `neighbours` weights largest in magnitude, negative ones included
 *   (dropping EASE's negative weights costs about a tenth of its NDCG).
 */
import type { FeedbackMatrix } from './feedback-matrix.ts'
import { type ItemNeighbours, packNeighbours, topKByMagnitude } from './item-neighbours.ts'
import { createSymmetricMatrix, invertSpdInPlace } from './spd-inverse.ts'

export type SessionWeighting = { tauSeconds: number; mix: number }

export type EaseOptions = {
  lambda: number
  /** Movies with fewer users stay out of the Gram matrix. */
  minSupport: number
  neighbours: number
  /** null: plain EASE (every pair of a user's movies counts the same). */
  session: SessionWeighting | null
  signal?: AbortSignal
  /** Pivots of the inverse done, of the movies in the Gram matrix. */
  onProgress?: (done: number, total: number) => void
}

export type EaseStats = {
  /** Movies in the Gram matrix (at least minSupport users). */
  gramItems: number
  /** Bytes of the dense matrix and the inversion's workspace. */
  gramBytes: number
  simd: boolean
  gramMs: number
  inverseMs: number
}

/** Movies with at least `minSupport` users, as a column -> Gram index map (-1: left out). */
export function gramColumns(
  matrix: FeedbackMatrix,
  minSupport: number,
): { local: Int32Array; chosen: number[] } {
  const support = new Int32Array(matrix.itemIds.length)
  for (const item of matrix.userItems) support[item] = (support[item] as number) + 1
  const local = new Int32Array(matrix.itemIds.length).fill(-1)
  const chosen: number[] = []
  for (let item = 0; item < support.length; item++) {
    if ((support[item] as number) < minSupport) continue
    local[item] = chosen.length
    chosen.push(item)
  }
  return { local, chosen }
}

/** Adds each user's (time-weighted) co-occurrences to the upper triangle of `g` (stride s). */
function fillGram(
  matrix: FeedbackMatrix,
  local: Int32Array,
  g: Float32Array,
  s: number,
  session: SessionWeighting | null,
): void {
  const times = session === null ? undefined : matrix.userTimes
  const mix = session === null || times === undefined ? 1 : session.mix
  const tau = session?.tauSeconds ?? 1
  // Beyond this gap exp(-t / tau) is below 2e-9: only the mix counts.
  const horizon = 20 * tau
  const rows: number[] = []
  const order: number[] = []
  for (let u = 0; u < matrix.userCount; u++) {
    rows.length = 0
    for (let k = matrix.userOffsets[u] as number; k < (matrix.userOffsets[u + 1] as number); k++)
      if ((local[matrix.userItems[k] as number] as number) >= 0) rows.push(k)
    order.length = 0
    for (const k of rows) order.push(k)
    if (times !== undefined && mix < 1) order.sort((x, y) => (times[x] as number) - (times[y] as number))
    for (let a = 0; a < order.length; a++) {
      const ka = order[a] as number
      const ia = local[matrix.userItems[ka] as number] as number
      const wa = matrix.userWeights[ka] as number
      const ta = times === undefined ? 0 : (times[ka] as number)
      for (let b = a; b < order.length; b++) {
        const kb = order[b] as number
        const ib = local[matrix.userItems[kb] as number] as number
        let kernel = 1
        if (mix < 1 && times !== undefined) {
          const gap = (times[kb] as number) - ta
          kernel = mix + (gap < horizon ? (1 - mix) * Math.exp(-gap / tau) : 0)
        }
        const value = wa * (matrix.userWeights[kb] as number) * kernel
        const at = ia <= ib ? ia * s + ib : ib * s + ia
        g[at] = (g[at] as number) + value
      }
    }
  }
}

export function trainEase(
  matrix: FeedbackMatrix,
  options: EaseOptions,
): { model: ItemNeighbours; stats: EaseStats } {
  const startedGram = performance.now()
  const { local, chosen } = gramColumns(matrix, options.minSupport)
  const n = chosen.length
  const dense = createSymmetricMatrix(Math.max(n, 1))
  const s = dense.stride
  const g = dense.data
  fillGram(matrix, local, g, s, options.session)
  for (let i = 0; i < n; i++) g[i * s + i] = (g[i * s + i] as number) + options.lambda
  const gramMs = performance.now() - startedGram
  const startedInverse = performance.now()
  if (n > 0) invertSpdInPlace(dense, { signal: options.signal, onProgress: options.onProgress })
  const inverseMs = performance.now() - startedInverse

  // B[i][j] = -P[i][j] / P[j][j] (i != j): source i's weight towards target j.
  const diagonal = new Float64Array(n)
  for (let j = 0; j < n; j++) diagonal[j] = g[j * s + j] as number
  const rows: { index: number; value: number }[][] = Array.from({ length: matrix.itemIds.length }, () => [])
  const b = new Float32Array(n)
  for (let i = 0; i < n; i++) {
    if (i % 256 === 0) options.signal?.throwIfAborted()
    const row = i * s
    for (let j = 0; j < n; j++) b[j] = -(g[row + j] as number) / (diagonal[j] as number)
    b[i] = 0
    rows[chosen[i] as number] = topKByMagnitude(b, n, options.neighbours).map(({ index, value }) => ({
      index: chosen[index] as number,
      value,
    }))
  }
  return {
    model: packNeighbours(matrix.itemIds, rows),
    stats: { gramItems: n, gramBytes: dense.bytes, simd: dense.simd, gramMs, inverseMs },
  }
}
