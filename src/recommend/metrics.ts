/** Top-N accuracy metrics of the offline evaluation, for one user's ranked list and relevant set. */

/** Share of the first k recommendations that are relevant. */
export function precisionAt(k: number, ranked: readonly string[], relevant: ReadonlySet<string>): number {
  let hits = 0
  for (const id of ranked.slice(0, k)) if (relevant.has(id)) hits++
  return hits / k
}

/** Share of the relevant movies found in the first k (0 when nothing is relevant). */
export function recallAt(k: number, ranked: readonly string[], relevant: ReadonlySet<string>): number {
  if (relevant.size === 0) return 0
  let hits = 0
  for (const id of ranked.slice(0, k)) if (relevant.has(id)) hits++
  return hits / relevant.size
}

/** Normalised discounted cumulative gain with binary relevance: DCG@k / the best possible DCG@k. */
export function ndcgAt(k: number, ranked: readonly string[], relevant: ReadonlySet<string>): number {
  let dcg = 0
  ranked.slice(0, k).forEach((id, i) => {
    if (relevant.has(id)) dcg += 1 / Math.log2(i + 2)
  })
  let ideal = 0
  for (let i = 0; i < Math.min(k, relevant.size); i++) ideal += 1 / Math.log2(i + 2)
  return ideal === 0 ? 0 : dcg / ideal
}
