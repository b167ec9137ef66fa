/**
 * bench:api's search texts (tools/bench/search-texts.ts): the miss-path texts are distinct by the key
 * the answer memos go by, many times the Zipf texts, and each API process is asked each once, in the
 * same order as every other, until they run out, which is counted and said.
 */
import t from 'tap'
import { seededRandom } from '../../src/generate/synthetic-log.ts'
import { TITLE_WORDS } from '../../src/generate/title-words.ts'
import { searchWords } from '../../src/read/search/terms.ts'
import {
  searchTexts,
  suggestMissTexts,
  TextDraws,
  textKey,
  typoMissTexts,
} from '../../tools/bench/search-texts.ts'

/** Titles as the synthetic log makes them (two of 20 words and a number), and a few real-looking ones. */
function titles(count: number): string[] {
  const words = TITLE_WORDS.slice(0, 20)
  const random = seededRandom(7)
  const pick = () => words[Math.floor(random() * words.length)] ?? ''
  return [
    'The Silent Hall',
    'Alien: Resurrection',
    'Amélie',
    'AMELIE',
    ...Array.from({ length: count }, (_, i) => `${pick()} ${pick()} ${i}`),
  ]
}

const distinctKeys = (texts: readonly string[]) => new Set(texts.map(textKey)).size

t.test('the key: what the routes memoise by (words), coarser only (accents off)', async (t) => {
  t.equal(textKey('Silent  HA'), textKey('silent ha'))
  t.equal(textKey('alien: res'), textKey('alien res'))
  t.equal(textKey('Amélie'), textKey('amelie'))
  t.not(textKey('silent ha'), textKey('ha silent'))
  // Never finer than the routes' key: texts with the same words have the same key.
  for (const [a, b] of [
    ['Night River', 'night   river!'],
    ['ÉCHO', 'écho'],
  ] as const)
    if (searchWords(a).join(' ') === searchWords(b).join(' ')) t.equal(textKey(a), textKey(b))
})

t.test('the miss-path texts: distinct keys, the Zipf texts among them, several times as many', async (t) => {
  const catalogue = titles(2_000)
  const { suggestTexts, typoTexts } = searchTexts(catalogue)
  const suggest = suggestMissTexts(catalogue)
  const typos = typoMissTexts(catalogue)
  t.equal(distinctKeys(suggest), suggest.length, 'suggestions: one text per key')
  t.equal(distinctKeys(typos), typos.length, 'typos: one text per key')
  const suggestKeys = new Set(suggest.map(textKey))
  t.ok(
    suggestTexts.flat().every((text) => suggestKeys.has(textKey(text))),
    'every Zipf suggestion text is a miss-path text too',
  )
  const zipfSuggest = distinctKeys(suggestTexts.flat())
  const zipfTypos = distinctKeys(typoTexts.flat())
  t.ok(suggest.length >= 8 * zipfSuggest, `${suggest.length} suggestion texts against ${zipfSuggest}`)
  t.ok(typos.length >= 6 * zipfTypos, `${typos.length} typo texts against ${zipfTypos}`)
  // What users type: earlier words whole title words, the last beginning one; typos forgiven ones.
  const titleWords = new Set(catalogue.flatMap((title) => searchWords(title)))
  const begun = new Set([...titleWords].flatMap((word) => [...word].map((_, end) => word.slice(0, end + 1))))
  const untyped = suggest.filter((text) => {
    const words = searchWords(text)
    const last = words.pop() ?? ''
    return !words.every((word) => titleWords.has(word)) || !begun.has(last)
  })
  t.same(untyped, [], 'every suggestion text typed from a title')
  t.ok(suggest.includes('hall s'), 'words in another order')
  t.ok(suggest.includes('silent ha'), 'from a later word on')
  t.ok(typos.includes('the slient'), 'a typo after another word')
})

t.test('the draws: each text once per API process, the same order for every process', async (t) => {
  const catalogue = titles(300)
  const { suggestTexts } = searchTexts(catalogue)
  const ranOut: string[] = []
  const draws = new TextDraws(suggestTexts, suggestMissTexts(catalogue), {
    seed: 42,
    onRepeat: (api) => ranOut.push(api),
  })
  const n = draws.distinct
  const first = Array.from({ length: n }, () => draws.unique('a'))
  t.equal(new Set(first.map(textKey)).size, n, `${n} draws, no key twice`)
  t.equal(draws.repeated('a'), 0)
  t.same(ranOut, [])
  const second = Array.from({ length: n }, () => draws.unique('b'))
  t.same(second, first, 'another process is asked the same texts in the same order')
  // Running out: counted, said once.
  draws.unique('a')
  draws.unique('a')
  t.equal(draws.repeated('a'), 2)
  t.same(ranOut, ['a'])
  t.equal(draws.repeated('b'), 0)
  const reseeded = new TextDraws(suggestTexts, suggestMissTexts(catalogue), { seed: 43 })
  t.not(
    Array.from({ length: 20 }, () => reseeded.unique('a')).join('|'),
    first.slice(0, 20).join('|'),
    'another seed, another order',
  )
})

t.test('the draws skip what the Zipf draws asked the same process', async (t) => {
  const catalogue = titles(300)
  const { typoTexts } = searchTexts(catalogue)
  const draws = new TextDraws(typoTexts, typoMissTexts(catalogue), { seed: 42 })
  const asked = new Set(Array.from({ length: 5_000 }, () => textKey(draws.zipf('a'))))
  const unique: string[] = []
  while (draws.repeated('a') === 0) unique.push(draws.unique('a'))
  unique.pop()
  t.equal(unique.length, draws.distinct - asked.size, 'every text but those asked')
  t.ok(
    unique.every((text) => !asked.has(textKey(text))),
    'none the Zipf draws asked',
  )
  t.equal(new Set(unique.map(textKey)).size, unique.length, 'none twice')
  // Another process was asked nothing: it gets them all.
  t.equal(Array.from({ length: draws.distinct }, () => draws.unique('b')).length, draws.distinct)
  t.equal(draws.repeated('b'), 0)
})

t.test('a bound on the texts cuts the threes of words short, not the titles', async (t) => {
  const catalogue = titles(300)
  for (const generate of [suggestMissTexts, typoMissTexts]) {
    const all = generate(catalogue, Number.POSITIVE_INFINITY)
    const bound = Math.floor(all.length * 0.6)
    const bounded = generate(catalogue, bound)
    t.equal(bounded.length, bound)
    t.same(bounded, all.slice(0, bound), 'the first texts of the unbounded list')
    const keys = new Set(bounded.map(textKey))
    // Every title's first two words (as typed, or one with a typo) are there, the last title's too
    // (the last whose first word has a typo: 4 letters or more).
    const last = catalogue.findLast((title) => (searchWords(title)[0]?.length ?? 0) >= 4) ?? ''
    const [first = '', second = ''] = searchWords(last)
    const pair =
      generate === suggestMissTexts ? `${first} ${second}` : `${first.slice(0, 1)}${first.slice(2)} ${second}`
    t.ok(keys.has(textKey(pair)), `${pair} (from the last title) is kept`)
  }
})
