/**
 * The texts bench:api asks the search routes, made from the seeded titles (most popular first): the
 * Zipf-drawn texts of `suggest` and `search` (the answer memo's hit path, mostly), and the texts of
 * `suggest-unique` and `search-unique`, each asked once of an API process (the memo's miss path).
 *
 * A miss-path text must differ from every text the process was asked before by its memo key, not by
 * its spelling: the routes memoise by the typed words (src/read/search/routes.ts: the words, the tag
 * prefix and the limit; src/read/movies/routes.ts: the parameters with q as its words), so case,
 * spacing and punctuation make no new text. Varying the limit would make new keys, but the suggest
 * statement is prepared per limit and the answer's size follows it: the texts vary instead, each
 * still a text users type (a title's words in another order, from a later word on, with a typo).
 */
import { seededRandom } from '../../src/generate/synthetic-log.ts'
import { searchWords } from '../../src/read/search/terms.ts'

/**
 * The key two texts share when the routes answer them from one memoised answer, or coarser: the typed
 * words (searchWords) with accents taken off as well, which the memo keys keep (so texts the statement
 * would fold together are never both asked: a finer key than the routes' would let a draw hit).
 */
export function textKey(text: string): string {
  // ASCII has no accents to take off (most texts: the check costs less than normalising).
  const plain = /^[\x20-\x7e]*$/.test(text) ? text : text.normalize('NFKD').replace(/\p{M}/gu, '')
  return searchWords(plain).join(' ')
}

/** A title's words as typed: lower case, split at spaces (punctuation kept, as a user types it). */
const typedWords = (title: string): string[] => title.toLowerCase().split(/\s+/).filter(Boolean)

/** Every prefix of `text` from `from` characters on that does not end in a space. */
function* prefixes(text: string, from: number): Generator<string> {
  for (let end = from; end <= text.length; end++) {
    const prefix = text.slice(0, end)
    if (!prefix.endsWith(' ')) yield prefix
  }
}

/** The typos the Zipf texts use: a letter dropped from a 4-5 letter word, two swapped in a longer one. */
function* zipfTypos(word: string): Generator<string> {
  for (let i = 1; i < word.length - 1; i++) {
    yield word.length < 6
      ? word.slice(0, i) + word.slice(i + 1)
      : word.slice(0, i) + (word[i + 1] ?? '') + (word[i] ?? '') + word.slice(i + 2)
  }
}

/**
 * Every typo the search forgives in a word (src/read/search/terms.ts: 1 edit in a word of 4-5
 * letters, 2 in a longer one), from its second letter on: a letter dropped or doubled (not the
 * first or last), and in words of 6 letters and more two letters swapped (the Zipf texts' typos).
 */
function* forgivenTypos(word: string): Generator<string> {
  for (let i = 1; i < word.length - 1; i++) {
    yield word.slice(0, i) + word.slice(i + 1)
    yield word.slice(0, i + 1) + word.slice(i)
    if (word.length >= 6) yield word.slice(0, i) + (word[i + 1] ?? '') + (word[i] ?? '') + word.slice(i + 2)
  }
}

/** Words a typo is made in: letters only, 4 or more. */
const TYPO_WORD = /^\p{L}{4,}$/u

/**
 * The Zipf draws' texts, grouped by title: for suggestions every prefix of a title as it is typed,
 * from 2 letters on ('si', 'sil', ..., 'silent h', 'silent ha', ...); for search a title word with a
 * typo (a letter dropped from a 4-5 letter word, two letters swapped in a longer one, at every place:
 * 'nigt', 'slient'), alone or before the title's next word. Distinct texts only, in title order: a
 * Zipf draw over titles (zipfDraw) then asks popular ones often.
 */
export function searchTexts(titles: readonly string[]): { suggestTexts: string[][]; typoTexts: string[][] } {
  const suggestTexts: string[][] = []
  const typoTexts: string[][] = []
  const seenSuggest = new Set<string>()
  const seenTypo = new Set<string>()
  for (const title of titles) {
    const words = typedWords(title)
    const typed: string[] = []
    for (const text of prefixes(words.join(' '), 2)) {
      if (!seenSuggest.has(text)) {
        seenSuggest.add(text)
        typed.push(text)
      }
    }
    if (typed.length > 0) suggestTexts.push(typed)
    const typos: string[] = []
    for (const [at, word] of words.entries()) {
      if (!TYPO_WORD.test(word)) continue
      const next = words[at + 1]
      for (const typo of zipfTypos(word)) {
        for (const text of next === undefined ? [typo] : [typo, `${typo} ${next}`]) {
          if (!seenTypo.has(text)) {
            seenTypo.add(text)
            typos.push(text)
          }
        }
      }
    }
    if (typos.length > 0) typoTexts.push(typos)
  }
  return { suggestTexts, typoTexts }
}

/** Title words combined in pairs by the miss-path texts: the first few (a long title's pairs are many). */
const PAIRED_WORDS = 6
/** Title words combined in threes: the first 4. */
const TRIPLED_WORDS = 4

/**
 * Miss-path texts kept at most, per route: minutes of texts at this machine's 1,000-2,000 req/s, and
 * a bound on what the process that runs autocannon holds (a larger heap costs it collection time).
 */
export const MAX_MISS_TEXTS = 300_000

/** Distinct texts by textKey, in the order given, at most `max`. */
function distinctByKey(texts: Iterable<string>, max = Number.POSITIVE_INFINITY): string[] {
  const seen = new Set<string>()
  const kept: string[] = []
  for (const text of texts) {
    if (kept.length >= max) break
    const key = textKey(text)
    if (key === '' || seen.has(key)) continue
    seen.add(key)
    kept.push(text)
  }
  return kept
}

/**
 * Ordered picks of `size` distinct indices below n: pairs among the first PAIRED_WORDS, threes among
 * the first TRIPLED_WORDS.
 */
function* orderedPicks(n: number, size: 2 | 3): Generator<number[]> {
  const below = Math.min(n, size === 2 ? PAIRED_WORDS : TRIPLED_WORDS)
  for (let a = 0; a < below; a++) {
    for (let b = 0; b < below; b++) {
      if (b === a) continue
      if (size === 2) yield [a, b]
      else for (let c = 0; c < below; c++) if (c !== a && c !== b) yield [a, b, c]
    }
  }
}

/**
 * Suggestion texts for the miss path, distinct by textKey, at most `max`: every prefix of a title as
 * typed (the Zipf texts), and of the title typed from a later word on ('ha', 'hall' for 'The Silent
 * Hall'), and two of its first words in any other order, the last one begun ('hall s'); then, while
 * the bound allows, three ('silent the h'). Every one is answered as the route answers what users
 * type: the earlier words whole, the last a prefix. Threes come in a second pass over the titles, so
 * the bound cuts them short, not the titles.
 */
export function suggestMissTexts(titles: readonly string[], max = MAX_MISS_TEXTS): string[] {
  return distinctByKey(
    (function* () {
      for (const size of [2, 3] as const) {
        for (const title of titles) {
          const words = typedWords(title)
          if (size === 2)
            for (let start = 0; start < words.length; start++)
              yield* prefixes(words.slice(start).join(' '), 2)
          for (const picked of orderedPicks(words.length, size)) {
            // In title order, next to each other: the typed prefixes have them.
            if (picked.every((at, i) => i === 0 || at === (picked[i - 1] ?? 0) + 1)) continue
            const whole = picked
              .slice(0, -1)
              .map((at) => words[at])
              .join(' ')
            yield* prefixes(`${whole} ${words[picked.at(-1) ?? 0]}`, whole.length + 2)
          }
        }
      }
    })(),
    max,
  )
}

/**
 * Typo search texts for the miss path, distinct by textKey, at most `max`: every typo the search
 * forgives in a title word of 4 letters or more (forgivenTypos), alone and with another of the
 * title's first words after or before it ('slient hall', 'the slient'); then, while the bound
 * allows, with two ('the slient hall', 'hall the slient'), in a second pass over the titles.
 */
export function typoMissTexts(titles: readonly string[], max = MAX_MISS_TEXTS): string[] {
  return distinctByKey(
    (function* () {
      for (const size of [2, 3] as const) {
        for (const title of titles) {
          const words = typedWords(title).slice(0, PAIRED_WORDS)
          const picks = [...orderedPicks(words.length, size)]
          for (const [at, word] of words.entries()) {
            if (!TYPO_WORD.test(word)) continue
            for (const typo of forgivenTypos(word)) {
              if (size === 2) yield typo
              for (const picked of picks) {
                if (picked.includes(at)) yield picked.map((i) => (i === at ? typo : words[i])).join(' ')
              }
            }
          }
        }
      }
    })(),
    max,
  )
}

/** A draw of ranks 0..n-1 with probability proportional to 1/(rank+1) (Zipf, s = 1). */
export function zipfDraw(n: number, random: () => number = Math.random): () => number {
  const cdf = new Float64Array(n)
  let sum = 0
  for (let rank = 0; rank < n; rank++) {
    sum += 1 / (rank + 1)
    cdf[rank] = sum
  }
  return () => {
    const target = random() * sum
    let low = 0
    let high = n - 1
    while (low < high) {
      const middle = (low + high) >> 1
      if ((cdf[middle] ?? 0) < target) low = middle + 1
      else high = middle
    }
    return low
  }
}

/** The list in an order the seed decides (Fisher-Yates). */
export function shuffled<T>(list: readonly T[], seed: number): T[] {
  const random = seededRandom(seed)
  const order = [...list]
  for (let i = order.length - 1; i > 0; i--) {
    const j = Math.floor(random() * (i + 1))
    const swap = order[i] as T
    order[i] = order[j] as T
    order[j] = swap
  }
  return order
}

/** What the draws asked of one API process. */
type Asked = { keys: Set<string>; next: number; repeated: number }

/**
 * The texts a user asks one API process (named by its base URL): `zipf` draws a title Zipf-skewed
 * (s = 1), then one of its texts uniformly; `unique` hands out the miss-path texts (shuffled by the
 * seed) in order, each once, skipping those the Zipf draws already asked of that process, so its memo
 * never holds one. Every process gets the same order from the start: the two sides of an A/B run are
 * asked the same texts. When a process has been asked them all, `unique` goes round again and counts
 * each repeat (`repeated`), calling `onRepeat` at the first: a repeat may be a memo hit.
 */
export class TextDraws {
  readonly #groups: readonly string[][]
  readonly #title: () => number
  readonly #keys = new Map<string, string>()
  readonly #miss: readonly string[]
  readonly #missKeys: readonly string[]
  readonly #asked = new Map<string, Asked>()
  readonly #onRepeat: (api: string, distinct: number) => void

  constructor(
    groups: readonly string[][],
    missTexts: readonly string[],
    options: { seed: number; onRepeat?: (api: string, distinct: number) => void },
  ) {
    this.#groups = groups
    this.#title = zipfDraw(groups.length)
    for (const text of groups.flat()) this.#keys.set(text, textKey(text))
    // Distinct by key as the generators make them; checked again here, where the keys are needed anyway.
    const keyed = new Map<string, string>()
    for (const text of missTexts) {
      const key = textKey(text)
      if (key !== '' && !keyed.has(key)) keyed.set(key, text)
    }
    const order = shuffled([...keyed.keys()], options.seed)
    this.#missKeys = order
    this.#miss = order.map((key) => keyed.get(key) ?? '')
    this.#onRepeat = options.onRepeat ?? (() => {})
  }

  /** Distinct miss-path texts: how many `unique` hands a process before it repeats (fewer if Zipf draws asked some). */
  get distinct(): number {
    return this.#miss.length
  }

  #of(api: string): Asked {
    let asked = this.#asked.get(api)
    if (asked === undefined) {
      asked = { keys: new Set(), next: 0, repeated: 0 }
      this.#asked.set(api, asked)
    }
    return asked
  }

  zipf(api: string): string {
    const texts = this.#groups[this.#title()] ?? []
    const text = texts[Math.floor(Math.random() * texts.length)] ?? ''
    this.#of(api).keys.add(this.#keys.get(text) ?? textKey(text))
    return text
  }

  unique(api: string): string {
    const asked = this.#of(api)
    while (asked.next < this.#miss.length) {
      const at = asked.next++
      if (!asked.keys.has(this.#missKeys[at] ?? '')) return this.#miss[at] ?? ''
    }
    if (asked.repeated === 0) this.#onRepeat(api, this.#miss.length)
    const text = this.#miss[asked.repeated % this.#miss.length] ?? ''
    asked.repeated += 1
    return text
  }

  /** Texts `unique` handed this process a second time (or more). */
  repeated(api: string): number {
    return this.#asked.get(api)?.repeated ?? 0
  }
}
