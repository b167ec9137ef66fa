/**
 * search_terms' typo corrections (terms.ts) computed in memory for the suggestions copy
 * (suggestion-index.ts): the same candidates, similarity and order as pg_trgm and fuzzystrmatch
 * give the statement, for words of ASCII letters and digits.
 */
import { TRIGRAM_THRESHOLD } from '../../db/session-settings.ts'
import { drain, inSlices, SLICE, type Sliced } from './slices.ts'

/** A word the copy folds itself: ASCII letters and digits, which search_fold leaves as they are. */
export const PLAIN = /^[a-z0-9]+$/

/** Code unit order, as Array#sort's default (the same as PostgreSQL's "C" order for plain words). */
const compare = (a: string, b: string) => (a < b ? -1 : a > b ? 1 : 0)

/** Corrections search_terms keeps per word, closest first (terms.ts). */
const CORRECTIONS = 3
/** Plain corrections kept per copy (each a word typed with a typo). */
const MAX_KEPT_CORRECTIONS = 20_000

/**
 * search_terms' typo corrections of a plain word, in memory: lexicon words sharing at least
 * TRIGRAM_THRESHOLD of their trigrams with it (pg_trgm's `%`: similarity over the distinct trigrams
 * of each word padded with two spaces before and one after, computed in single precision as
 * pg_trgm does) and at most 1 edit away (words of 4-5 letters) or 2 (6 and more), closest first,
 * then by word, 3 at most. Only plain lexicon words (a-z, 0-9) are candidates here, whose trigrams
 * and order are the same whatever the locale; when a lexicon word that is not plain is within the
 * edits allowed (whatever its trigrams), the statement corrects the word instead (null), so a
 * correction the copy would miss is never silently left out. Words with spaces or ASCII
 * punctuation are never corrections (the statement leaves them out).
 */
export class Corrector {
  /** Plain lexicon words, each with its distinct trigrams counted, and the trigrams' postings. */
  readonly #plain: string[]
  readonly #trigramCounts: Uint16Array
  readonly #postings: Map<string, number[]>
  /** Other candidate words, by length in code points. */
  readonly #others: Map<number, string[]>
  readonly #kept = new Map<string, string[] | null>()
  /** Shared trigram counts per plain word, reused by each lookup. */
  readonly #shared: Uint16Array

  /** Built at once (tests); a copy's is built in slices (build). */
  constructor(lexicon: readonly string[], parts?: CorrectorParts) {
    const built = parts ?? drain(correctorParts(lexicon))
    this.#plain = built.plain
    this.#trigramCounts = built.trigramCounts
    this.#postings = built.postings
    this.#others = built.others
    this.#shared = new Uint16Array(this.#plain.length)
  }

  static async build(lexicon: readonly string[]): Promise<Corrector> {
    return new Corrector(lexicon, await inSlices(correctorParts(lexicon)))
  }

  /** The corrections of a plain word of 4 letters or more the lexicon does not hold, or null (the statement's to find). */
  of(word: string): string[] | null {
    const kept = this.#kept.get(word)
    if (kept !== undefined) return kept
    const found = this.#find(word)
    if (this.#kept.size >= MAX_KEPT_CORRECTIONS) this.#kept.clear()
    this.#kept.set(word, found)
    return found
  }

  #find(word: string): string[] | null {
    const edits = word.length >= 6 ? 2 : 1
    for (let length = word.length - edits; length <= word.length + edits; length++) {
      for (const other of this.#others.get(length) ?? []) if (levenshtein(other, word) <= edits) return null
    }
    const trigrams = trigramsOf(word)
    const shared = this.#shared
    const touched: number[] = []
    for (const trigram of trigrams) {
      for (const id of this.#postings.get(trigram) ?? []) {
        if (shared[id] === 0) touched.push(id)
        shared[id] = (shared[id] ?? 0) + 1
      }
    }
    const found: { word: string; distance: number }[] = []
    for (const id of touched) {
      const count = shared[id] ?? 0
      shared[id] = 0
      const similarity = Math.fround(count / (trigrams.size + (this.#trigramCounts[id] ?? 0) - count))
      if (similarity < TRIGRAM_THRESHOLD) continue
      const candidate = this.#plain[id] as string
      const distance = levenshtein(candidate, word)
      if (distance <= edits) found.push({ word: candidate, distance })
    }
    found.sort((a, b) => a.distance - b.distance || compare(a.word, b.word))
    return found.slice(0, CORRECTIONS).map((entry) => entry.word)
  }
}

type CorrectorParts = {
  plain: string[]
  trigramCounts: Uint16Array
  postings: Map<string, number[]>
  others: Map<number, string[]>
}

function* correctorParts(lexicon: readonly string[]): Sliced<CorrectorParts> {
  const plain = lexicon.filter((word) => PLAIN.test(word))
  const trigramCounts = new Uint16Array(plain.length)
  const postings = new Map<string, number[]>()
  for (let id = 0; id < plain.length; id++) {
    const trigrams = trigramsOf(plain[id] as string)
    trigramCounts[id] = trigrams.size
    for (const trigram of trigrams) {
      const ids = postings.get(trigram)
      if (ids === undefined) postings.set(trigram, [id])
      else ids.push(id)
    }
    if (id % SLICE === SLICE - 1) yield
  }
  const others = new Map<number, string[]>()
  for (const word of lexicon) {
    if (PLAIN.test(word) || /[\s!-/:-@[-`{-~]/.test(word)) continue
    const length = [...word].length
    const same = others.get(length)
    if (same === undefined) others.set(length, [word])
    else same.push(word)
  }
  return { plain, trigramCounts, postings, others }
}

/** pg_trgm's trigrams of one word: padded with two spaces before and one after, distinct. */
export function trigramsOf(word: string): Set<string> {
  const padded = [' ', ' ', ...word, ' ']
  const trigrams = new Set<string>()
  for (let i = 0; i + 3 <= padded.length; i++) trigrams.add(`${padded[i]}${padded[i + 1]}${padded[i + 2]}`)
  return trigrams
}

/** Edits (insertion, deletion, substitution, each 1) between two words, by code point (fuzzystrmatch's levenshtein). */
export function levenshtein(a: string, b: string): number {
  const x = [...a]
  const y = [...b]
  let previous = Array.from({ length: y.length + 1 }, (_, j) => j)
  for (let i = 1; i <= x.length; i++) {
    const current = [i]
    for (let j = 1; j <= y.length; j++) {
      current[j] = Math.min(
        (previous[j] ?? 0) + 1,
        (current[j - 1] ?? 0) + 1,
        (previous[j - 1] ?? 0) + (x[i - 1] === y[j - 1] ? 0 : 1),
      )
    }
    previous = current
  }
  return previous[y.length] ?? 0
}
