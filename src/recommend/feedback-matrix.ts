/**
 * The user x movie feedback matrix the models train on, in compressed sparse rows (one row per
 * user) over typed arrays, so millions of interactions cost tens of megabytes, not objects.
 */

export type FeedbackMatrix = {
  userCount: number
  /** Column index -> movie id. */
  itemIds: string[]
  /** Row u spans userOffsets[u] .. userOffsets[u + 1] of userItems / userWeights. */
  userOffsets: Int32Array
  userItems: Int32Array
  userWeights: Float32Array
  /**
   * When each interaction happened (seconds since the epoch), parallel to userItems; absent when
   * the source had no times. Session co-occurrence (ease.ts) and the temporal split read it.
   */
  userTimes?: Float64Array
}

export type MatrixBuilder = {
  /**
   * One user's movies with their weights (zero weights are dropped; repeated movies add up, at the
   * earliest of their times).
   */
  addUser(items: Iterable<{ movieId: string; weight: number; at?: number }>): void
  readonly interactions: number
  build(): FeedbackMatrix
}

function grow<T extends Int32Array | Float32Array | Float64Array>(array: T, needed: number): T {
  if (needed <= array.length) return array
  const next = new (array.constructor as new (length: number) => T)(Math.max(needed, array.length * 2))
  next.set(array)
  return next
}

export function createMatrixBuilder(): MatrixBuilder {
  const index = new Map<string, number>()
  const itemIds: string[] = []
  let offsets = new Int32Array(1024)
  let items = new Int32Array(4096)
  let weights = new Float32Array(4096)
  let times = new Float64Array(4096)
  let timed = false
  let users = 0
  let size = 0
  return {
    addUser(entries) {
      const row = new Map<number, number>()
      const at = new Map<number, number>()
      for (const { movieId, weight, at: time } of entries) {
        if (!(weight > 0)) continue
        let column = index.get(movieId)
        if (column === undefined) {
          column = itemIds.length
          index.set(movieId, column)
          itemIds.push(movieId)
        }
        row.set(column, (row.get(column) ?? 0) + weight)
        if (time !== undefined) {
          timed = true
          at.set(column, Math.min(at.get(column) ?? time, time))
        }
      }
      if (row.size === 0) return
      items = grow(items, size + row.size)
      weights = grow(weights, size + row.size)
      times = grow(times, size + row.size)
      for (const [column, weight] of row) {
        items[size] = column
        weights[size] = weight
        times[size] = at.get(column) ?? 0
        size++
      }
      users++
      offsets = grow(offsets, users + 1)
      offsets[users] = size
    },
    get interactions() {
      return size
    },
    build() {
      return {
        userCount: users,
        itemIds,
        userOffsets: offsets.slice(0, users + 1),
        userItems: items.slice(0, size),
        userWeights: weights.slice(0, size),
        ...(timed ? { userTimes: times.slice(0, size) } : {}),
      }
    },
  }
}

/** The matrix's size: users, movies and (user, movie) entries, as trainings report it. */
export function matrixSize(matrix: FeedbackMatrix): { users: number; items: number; interactions: number } {
  return { users: matrix.userCount, items: matrix.itemIds.length, interactions: matrix.userItems.length }
}

/** The same matrix by columns: for each movie, the users who interacted and their weights. */
export function transpose(matrix: FeedbackMatrix): {
  itemOffsets: Int32Array
  itemUsers: Int32Array
  itemWeights: Float32Array
} {
  const n = matrix.itemIds.length
  const itemOffsets = new Int32Array(n + 1)
  for (const item of matrix.userItems) itemOffsets[item + 1] = (itemOffsets[item + 1] as number) + 1
  for (let i = 0; i < n; i++) itemOffsets[i + 1] = (itemOffsets[i + 1] as number) + (itemOffsets[i] as number)
  const fill = itemOffsets.slice(0, n)
  const itemUsers = new Int32Array(matrix.userItems.length)
  const itemWeights = new Float32Array(matrix.userItems.length)
  for (let u = 0; u < matrix.userCount; u++) {
    for (let k = matrix.userOffsets[u] as number; k < (matrix.userOffsets[u + 1] as number); k++) {
      const item = matrix.userItems[k] as number
      const at = fill[item] as number
      itemUsers[at] = u
      itemWeights[at] = matrix.userWeights[k] as number
      fill[item] = at + 1
    }
  }
  return { itemOffsets, itemUsers, itemWeights }
}

/** Users with a positive weight per movie. */
export function itemSupport(matrix: FeedbackMatrix): Int32Array {
  const support = new Int32Array(matrix.itemIds.length)
  for (const item of matrix.userItems) support[item] = (support[item] as number) + 1
  return support
}
