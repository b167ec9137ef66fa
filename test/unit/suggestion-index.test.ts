/**
 * The suggestions copy's matching (RankedLexemes, src/read/search/suggestion-index.ts) finds what a
 * walk through every entry in rank order finds, whichever way it takes (one dense piece walked, a
 * driver's postings in order, gathered and sorted, or marked): random catalogues, random pieces.
 */
import t from 'tap'
import { seededRandom } from '../../src/generate/synthetic-log.ts'
import { type Piece, RankedLexemes } from '../../src/read/search/suggestion-index.ts'

const matches = (words: readonly string[], piece: Piece) =>
  words.some((word) => (piece.prefix !== null && word.startsWith(piece.prefix)) || piece.exact.includes(word))

t.test('every query finds the first matches in rank order, as a walk through all entries does', async (t) => {
  const random = seededRandom(7)
  const pick = <T>(values: readonly T[]) => values[Math.floor(random() * values.length)] as T
  const vocabulary = Array.from({ length: 60 }, (_, i) => `${pick(['s', 'st', 'sta', 'b', 'br', 'x'])}${i}`)
  let queries = 0
  const differ: string[] = []
  for (const size of [1, 40, 500, 3_000]) {
    // Skewed: the first words of the vocabulary are in many entries, the last in few.
    const entries = Array.from({ length: size }, () => [
      ...new Set(
        Array.from(
          { length: 1 + Math.floor(random() * 4) },
          () => vocabulary[Math.floor(random() ** 3 * 60)] as string,
        ),
      ),
    ])
    const ranked = new RankedLexemes(entries)
    for (let q = 0; q < 400; q++) {
      const count = 1 + Math.floor(random() * 3)
      const pieces: Piece[] = Array.from({ length: count }, (_, i) =>
        i === count - 1 && random() < 0.7
          ? {
              exact: random() < 0.3 ? [pick(vocabulary)] : [],
              prefix: pick(vocabulary).slice(0, 1 + Math.floor(random() * 3)),
            }
          : {
              exact: Array.from({ length: 1 + Math.floor(random() * 3) }, () => pick(vocabulary)),
              prefix: null,
            },
      )
      const limit = pick([1, 3, 8, 20])
      const expected: number[] = []
      for (let rank = 0; rank < size && expected.length < limit; rank++) {
        if (pieces.every((piece) => matches(entries[rank] ?? [], piece))) expected.push(rank)
      }
      const found = ranked.match(pieces, limit)
      queries += 1
      if (JSON.stringify(found) !== JSON.stringify(expected))
        differ.push(`${size} ${JSON.stringify(pieces)} ${limit}: ${found} != ${expected}`)
    }
  }
  t.same(differ.slice(0, 5), [], `${queries} queries`)
  t.same(
    new RankedLexemes([]).match([{ exact: [], prefix: 'a' }], 3),
    [],
    'an empty catalogue matches nothing',
  )
})

t.test('entries put in a new order match as entries built in that order', async (t) => {
  const random = seededRandom(11)
  const vocabulary = Array.from({ length: 40 }, (_, i) => `w${i % 7}${i}`)
  const entries = Array.from({ length: 2_500 }, () => [
    ...new Set(
      Array.from(
        { length: 1 + Math.floor(random() * 3) },
        () => vocabulary[Math.floor(random() ** 2 * 40)] as string,
      ),
    ),
  ])
  // A shuffle: rankOf[old] = new.
  const order = entries.map((_, rank) => rank).sort(() => random() - 0.5)
  const rankOf = new Int32Array(entries.length)
  order.forEach((old, rank) => {
    rankOf[old] = rank
  })
  const reordered = order.map((old) => entries[old] as string[])
  const reranked = await new RankedLexemes(entries).reranked(reordered, rankOf)
  const fresh = new RankedLexemes(reordered)
  const differ: string[] = []
  for (const prefix of ['w', 'w1', 'w3', 'w12', 'w6']) {
    for (const exact of [[], ['w00'], ['w214', 'w535']]) {
      const pieces = [
        { exact, prefix },
        { exact: [vocabulary[3] as string, vocabulary[10] as string], prefix: null },
      ]
      for (const query of [pieces.slice(0, 1), pieces]) {
        for (const limit of [1, 8, 50]) {
          const [a, b] = [reranked.match(query, limit), fresh.match(query, limit)]
          if (JSON.stringify(a) !== JSON.stringify(b)) differ.push(`${JSON.stringify(query)} ${limit}`)
        }
      }
    }
  }
  t.same(differ, [])
  t.same(reranked.lexemes, fresh.lexemes)
  t.same(
    reranked.postings.map((ranks) => [...ranks]),
    fresh.postings.map((ranks) => [...ranks]),
    'the same postings',
  )
})
