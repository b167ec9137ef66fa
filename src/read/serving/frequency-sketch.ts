/**
 * How often each key was asked lately, approximately: TinyLFU's frequency sketch (Einziger, Friedman
 * and Manes, "TinyLFU: A Highly Efficient Cache Admission Policy", ACM TOS 2017; Caffeine's
 * FrequencySketch keeps the same). A count-min sketch: four rows of small counters, each key counted
 * in one counter per row (its hash picks which), its frequency the least of its four counters, so
 * keys that share a counter in one row seldom share one in all four. Counters stop at 15: the
 * sketch tells a key asked often from one asked seldom, not 200 from 300.
 *
 * Aging: once as many keys were counted as ten times the capacity, every counter is halved, so what
 * was popular a while ago gives way to what is popular now.
 *
 * Fixed memory (four bytes per column, two columns per key of capacity: 16 KB for 2,000) and no
 * allocation per count: a count is a string hash and four byte increments.
 */

/** The most a counter holds. */
const MAX_COUNT = 15
const ROWS = 4

export class FrequencySketch {
  readonly #counters: Uint8Array
  readonly #mask: number
  readonly #sampleSize: number
  #counted = 0

  /** `capacity`: about how many keys the cache beside it holds. */
  constructor(capacity: number) {
    // At least 256 columns: a small memo's keys seldom share a counter in every row.
    let width = 256
    while (width < capacity * 2) width *= 2
    this.#counters = new Uint8Array(width * ROWS)
    this.#mask = width - 1
    this.#sampleSize = Math.max(10, capacity * 10)
  }

  /** Counts one ask of `key`; past the sample size, every counter is halved. */
  increment(key: string): void {
    const hash = hashOf(key)
    const step = stepOf(hash)
    const counters = this.#counters
    const width = this.#mask + 1
    for (let row = 0; row < ROWS; row++) {
      const at = row * width + ((hash + row * step) & this.#mask)
      if ((counters[at] as number) < MAX_COUNT) counters[at] = (counters[at] as number) + 1
    }
    this.#counted += 1
    if (this.#counted >= this.#sampleSize) this.#age()
  }

  /** About how often `key` was asked lately (0-15): the least of its counters. */
  frequency(key: string): number {
    const hash = hashOf(key)
    const step = stepOf(hash)
    const counters = this.#counters
    const width = this.#mask + 1
    let least = MAX_COUNT
    for (let row = 0; row < ROWS; row++) {
      const count = counters[row * width + ((hash + row * step) & this.#mask)] as number
      if (count < least) least = count
    }
    return least
  }

  /** Halves every counter (and the count since the last halving: the counters hold half as much). */
  #age(): void {
    const counters = this.#counters
    for (let i = 0; i < counters.length; i++) counters[i] = (counters[i] as number) >>> 1
    this.#counted = this.#counted >>> 1
  }
}

/** FNV-1a over the UTF-16 code units, then murmur3's finaliser to spread the bits. */
function hashOf(key: string): number {
  let hash = 0x811c9dc5
  for (let i = 0; i < key.length; i++) hash = Math.imul(hash ^ key.charCodeAt(i), 0x01000193)
  return mix(hash)
}

/** The second hash of double hashing: odd, so the four rows' positions differ. */
function stepOf(hash: number): number {
  return mix(hash ^ 0x9e3779b9) | 1
}

function mix(value: number): number {
  let hash = value ^ (value >>> 16)
  hash = Math.imul(hash, 0x85ebca6b)
  hash ^= hash >>> 13
  hash = Math.imul(hash, 0xc2b2ae35)
  return (hash ^ (hash >>> 16)) >>> 0
}
