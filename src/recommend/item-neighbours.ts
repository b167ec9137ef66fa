/**
 * What every model produces and serving reads: per source movie, the movies it points to with a
 * weight, so that a user's score for movie i is the sum over the movies j they liked of
 * weight(j) x score(j -> i). Item-kNN and EASE both take this form; it is what the neighbour table
 * in PostgreSQL holds, one row per (source, target).
 */

export type ItemNeighbours = {
  itemIds: readonly string[]
  /** Source i's targets span offsets[i] .. offsets[i + 1], best first. */
  offsets: Int32Array
  targets: Int32Array
  scores: Float32Array
}

export type Neighbour = { movieId: string; score: number }

/** Keeps the k largest positive values of `values` at `candidates`, best first. */
export function topK(
  candidates: ArrayLike<number>,
  count: number,
  values: ArrayLike<number>,
  k: number,
): { index: number; value: number }[] {
  const kept: { index: number; value: number }[] = []
  let floor = 0
  for (let c = 0; c < count; c++) {
    const index = candidates[c] as number
    const value = values[index] as number
    if (!(value > 0) || (kept.length === k && value <= floor)) continue
    // Insertion into a short sorted list: k is small (tens to a few hundred).
    let at = kept.length
    while (at > 0 && (kept[at - 1] as { value: number }).value < value) at--
    kept.splice(at, 0, { index, value })
    if (kept.length > k) kept.pop()
    if (kept.length === k) floor = (kept[k - 1] as { value: number }).value
  }
  return kept
}

/**
 * Keeps the k values of `values[0..count)` largest in magnitude (a model's negative weights count:
 * they hold back what they point to), ordered by value, positive first. Zeros are dropped.
 */
export function topKByMagnitude(
  values: ArrayLike<number>,
  count: number,
  k: number,
): { index: number; value: number }[] {
  // A bounded min-heap on |value|.
  const heapIndex = new Int32Array(k)
  const heapMagnitude = new Float64Array(k)
  let size = 0
  const siftDown = (from: number) => {
    let at = from
    while (true) {
      const left = 2 * at + 1
      if (left >= size) return
      const right = left + 1
      const child =
        right < size && (heapMagnitude[right] as number) < (heapMagnitude[left] as number) ? right : left
      if ((heapMagnitude[child] as number) >= (heapMagnitude[at] as number)) return
      ;[heapMagnitude[at], heapMagnitude[child]] = [
        heapMagnitude[child] as number,
        heapMagnitude[at] as number,
      ]
      ;[heapIndex[at], heapIndex[child]] = [heapIndex[child] as number, heapIndex[at] as number]
      at = child
    }
  }
  for (let i = 0; i < count; i++) {
    const value = values[i] as number
    const magnitude = Math.abs(value)
    if (!(magnitude > 0)) continue
    if (size < k) {
      let at = size++
      heapIndex[at] = i
      heapMagnitude[at] = magnitude
      while (at > 0) {
        const parent = (at - 1) >> 1
        if ((heapMagnitude[parent] as number) <= (heapMagnitude[at] as number)) break
        ;[heapMagnitude[at], heapMagnitude[parent]] = [
          heapMagnitude[parent] as number,
          heapMagnitude[at] as number,
        ]
        ;[heapIndex[at], heapIndex[parent]] = [heapIndex[parent] as number, heapIndex[at] as number]
        at = parent
      }
    } else if (magnitude > (heapMagnitude[0] as number)) {
      heapIndex[0] = i
      heapMagnitude[0] = magnitude
      siftDown(0)
    }
  }
  const kept: { index: number; value: number }[] = []
  for (let h = 0; h < size; h++) {
    const index = heapIndex[h] as number
    kept.push({ index, value: values[index] as number })
  }
  return kept.sort((a, b) => b.value - a.value || a.index - b.index)
}

/** Assembles per-source rows (in source order) into the compact form. */
export function packNeighbours(
  itemIds: readonly string[],
  rows: readonly { index: number; value: number }[][],
): ItemNeighbours {
  const offsets = new Int32Array(itemIds.length + 1)
  let total = 0
  for (let i = 0; i < itemIds.length; i++) {
    total += rows[i]?.length ?? 0
    offsets[i + 1] = total
  }
  const targets = new Int32Array(total)
  const scores = new Float32Array(total)
  let at = 0
  for (let i = 0; i < itemIds.length; i++) {
    for (const { index, value } of rows[i] ?? []) {
      targets[at] = index
      scores[at] = value
      at++
    }
  }
  return { itemIds, offsets, targets, scores }
}

/** A lookup from a movie id to its neighbours, over the compact form. */
export function neighbourLookup(model: ItemNeighbours): (movieId: string) => Neighbour[] {
  const index = new Map(model.itemIds.map((id, i) => [id, i]))
  return (movieId) => {
    const i = index.get(movieId)
    if (i === undefined) return []
    const found: Neighbour[] = []
    for (let k = model.offsets[i] as number; k < (model.offsets[i + 1] as number); k++) {
      found.push({
        movieId: model.itemIds[model.targets[k] as number] as string,
        score: model.scores[k] as number,
      })
    }
    return found
  }
}
