/**
 * A dense symmetric positive definite matrix in float32 and its inverse in place, for EASE's
 * P = (G + lambda I)^-1 over thousands of movies (10,000 x 10,000 is 400 MB and 10^12 multiply-
 * adds, so both the bytes and the loop matter).
 *
 * The inverse is the block sweep operator (Goodnight 1979): sweeping a block K of pivots with
 * D = A_KK^-1 maps A_JJ -= A_JK D A_KJ, A_JK = A_JK D, A_KK = -D; sweeping every pivot leaves
 * -A^-1. Only the upper triangle is kept up to date (the matrix stays symmetric), which halves the
 * work to about n^3 / 2 multiply-adds, nearly all in one rank-64 update per block done by the
 * SIMD kernel (simd-gemm.ts). D is inverted in float64; the pivots of an SPD matrix stay positive,
 * so no pivoting is needed.
 */
import { createGemmSub, type GemmSub } from './simd-gemm.ts'

/** Pivots per block: the rank of each update (and the padding of the stride). */
const BLOCK = 64

export type SymmetricMatrix = {
  /** Rows and columns in use. */
  n: number
  /** Floats per row: n rounded up to a whole block; the padding is an identity. */
  stride: number
  /** Row-major stride x stride; the caller fills (at least) the upper triangle of the n x n part. */
  data: Float32Array
  /** Everything allocated for the matrix and the inversion's workspace. */
  bytes: number
  gemmSub: GemmSub
  simd: boolean
  /** Offsets (floats) of the workspace after the matrix. */
  workspace: { r: number; rt: number; v: number; nd: number }
}

export function createSymmetricMatrix(n: number): SymmetricMatrix {
  const stride = Math.max(BLOCK, Math.ceil(n / BLOCK) * BLOCK)
  const r = stride * stride
  const rt = r + BLOCK * stride
  const v = rt + stride * BLOCK
  const nd = v + stride * BLOCK
  const floats = nd + BLOCK * BLOCK
  if (floats >= 2 ** 29) throw new RangeError(`a ${n} x ${n} matrix is beyond the 2 GB the kernel addresses`)
  const bytes = floats * 4
  const memory = new WebAssembly.Memory({ initial: Math.ceil(bytes / 65_536) })
  const data = new Float32Array(memory.buffer, 0, stride * stride)
  const { gemmSub, simd } = createGemmSub(memory)
  return { n, stride, data, bytes: memory.buffer.byteLength, gemmSub, simd, workspace: { r, rt, v, nd } }
}

/** Inverts a small SPD block (row-major b x b, float64) in place by Gauss-Jordan. */
function invertSmall(a: Float64Array, b: number): void {
  for (let k = 0; k < b; k++) {
    const pivot = a[k * b + k] as number
    if (!(pivot > 0)) throw new Error(`matrix is not positive definite (pivot ${pivot})`)
    const inverse = 1 / pivot
    a[k * b + k] = 1
    for (let j = 0; j < b; j++) a[k * b + j] = (a[k * b + j] as number) * inverse
    for (let i = 0; i < b; i++) {
      if (i === k) continue
      const factor = a[i * b + k] as number
      if (factor === 0) continue
      a[i * b + k] = 0
      for (let j = 0; j < b; j++) a[i * b + j] = (a[i * b + j] as number) - factor * (a[k * b + j] as number)
    }
  }
}

export type InverseHooks = {
  signal?: AbortSignal
  /** Pivots swept so far, of n. */
  onProgress?: (done: number, total: number) => void
}

/**
 * Replaces the matrix (its upper triangle is read) by its inverse, both triangles written. Throws
 * when the matrix is not positive definite.
 */
export function invertSpdInPlace(matrix: SymmetricMatrix, hooks: InverseHooks = {}): void {
  const { n, stride: s, gemmSub } = matrix
  const memory = new Float32Array(matrix.data.buffer)
  const a = matrix.data
  const { r, rt, v, nd } = matrix.workspace
  for (let i = n; i < s; i++) {
    a.fill(0, i * s, i * s + s)
    for (let j = 0; j < n; j++) a[j * s + i] = 0
    a[i * s + i] = 1
  }
  const d = new Float64Array(BLOCK * BLOCK)
  for (let k0 = 0; k0 < s; k0 += BLOCK) {
    hooks.signal?.throwIfAborted()
    hooks.onProgress?.(Math.min(k0, n), n)
    // R = A[K, :], read from the upper triangle: A[k, j] for j >= k, else A[j, k].
    for (let p = 0; p < BLOCK; p++) {
      const k = k0 + p
      const row = r + p * s
      memory.set(a.subarray(k * s + k, k * s + s), row + k)
      for (let j = 0; j < k; j++) memory[row + j] = a[j * s + k] as number
    }
    // D = A_KK^-1 (float64), -D for the kernel.
    for (let p = 0; p < BLOCK; p++)
      for (let q = 0; q < BLOCK; q++) d[p * BLOCK + q] = memory[r + p * s + k0 + q] as number
    invertSmall(d, BLOCK)
    for (let i = 0; i < BLOCK * BLOCK; i++) memory[nd + i] = -(d[i] as number)
    // V = R^T D (stride x BLOCK): the new A_JK.
    for (let p = 0; p < BLOCK; p++)
      for (let j = 0; j < s; j++) memory[rt + j * BLOCK + p] = memory[r + p * s + j] as number
    memory.fill(0, v, v + s * BLOCK)
    gemmSub(v, rt, nd, s, BLOCK, BLOCK, BLOCK, BLOCK, BLOCK)
    // A_JJ -= V R, upper triangle by row blocks (the K rows and columns are overwritten below).
    for (let i0 = 0; i0 < s; i0 += BLOCK)
      gemmSub(i0 * s + i0, v + i0 * BLOCK, r + i0, BLOCK, s - i0, BLOCK, s, BLOCK, s)
    for (let i = 0; i < s; i++) {
      if (i >= k0 && i < k0 + BLOCK) continue
      for (let p = 0; p < BLOCK; p++) {
        const value = memory[v + i * BLOCK + p] as number
        if (i < k0) a[i * s + k0 + p] = value
        else a[(k0 + p) * s + i] = value
      }
    }
    for (let p = 0; p < BLOCK; p++)
      for (let q = 0; q < BLOCK; q++) a[(k0 + p) * s + k0 + q] = -(d[p * BLOCK + q] as number)
  }
  // The sweep leaves -A^-1 in the upper triangle: negate and mirror.
  for (let i = 0; i < n; i++) {
    a[i * s + i] = -(a[i * s + i] as number)
    for (let j = i + 1; j < n; j++) {
      const value = -(a[i * s + j] as number)
      a[i * s + j] = value
      a[j * s + i] = value
    }
  }
  hooks.onProgress?.(n, n)
}
