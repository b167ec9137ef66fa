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
