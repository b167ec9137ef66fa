/**
 * The MovieLens reader on small files each test writes itself (MovieLens' licence forbids shipping
 * its data): both layouts, quoted titles with commas, Latin-1, and malformed lines reported with
 * their file and line number, then skipped or aborting.
 */
import { mkdtemp, rm, writeFile } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import t from 'tap'
import {
  type BadLine,
  detectMovieLensLayout,
  MovieLensFormatError,
  type MovieLensMovie,
  type MovieLensRating,
  parseTitle,
  readMovieLensMovies,
  readMovieLensRatings,
} from '../../../src/ingest/movielens/read-movielens.ts'

async function directory(
  t: { teardown(fn: () => unknown): void },
  files: Record<string, string | Buffer>,
): Promise<string> {
  const dir = await mkdtemp(join(tmpdir(), 'nexus-movielens-'))
  t.teardown(() => rm(dir, { recursive: true, force: true }))
  for (const [name, content] of Object.entries(files)) await writeFile(join(dir, name), content)
  return dir
}

async function all<T>(items: AsyncIterable<T>): Promise<T[]> {
  const out: T[] = []
  for await (const item of items) out.push(item)
  return out
}

t.test('titles: the year comes off the end, a trailing article goes to the front', async (t) => {
  t.strictSame(parseTitle('Heat (1995)'), { title: 'Heat', year: 1995 })
  t.strictSame(parseTitle('American President, The (1995)'), { title: 'The American President', year: 1995 })
  t.strictSame(parseTitle("Avventura, L' (1960)"), { title: "L'Avventura", year: 1960 })
  t.strictSame(parseTitle('Misérables, Les (1995)'), { title: 'Les Misérables', year: 1995 })
  t.strictSame(parseTitle('Babylon 5 (1994) '), { title: 'Babylon 5', year: 1994 }, 'trailing space')
  t.strictSame(parseTitle('Fawlty Towers (1975-1979)'), { title: 'Fawlty Towers', year: 1975 }, 'a series')
  t.strictSame(parseTitle('Stranger Things (2016-)'), { title: 'Stranger Things', year: 2016 })
  t.strictSame(parseTitle('2001: A Space Odyssey (1968)'), { title: '2001: A Space Odyssey', year: 1968 })
  t.strictSame(
    parseTitle('City of Lost Children, The (Cité des enfants perdus, La) (1995)'),
    { title: 'City of Lost Children, The (Cité des enfants perdus, La)', year: 1995 },
    'an article before an alternative title stays',
  )
  t.strictSame(parseTitle('Hyena Road'), { title: 'Hyena Road', year: null }, 'no year')
  t.strictSame(parseTitle('(1995)'), { title: '(1995)', year: 1995 }, 'never an empty title')
})

t.test('the ml-latest / ml-25m CSV layout', async (t) => {
  const dir = await directory(t, {
    // A byte order mark and Windows line ends must not matter.
    'movies.csv':
      '\uFEFFmovieId,title,genres\r\n' +
      '1,Toy Story (1995),Adventure|Animation|Children|Comedy|Fantasy\r\n' +
      '6,Heat (1995),Action|Crime|Thriller\r\n' +
      '11,"American President, The (1995)",Comedy|Drama|Romance\r\n' +
      '29,"City of Lost Children, The (Cité des enfants perdus, La) (1995)",Adventure|Drama\r\n' +
      '31,"Say ""Hi"" (2003)",Comedy\r\n' +
      '\r\n' +
      '176601,Black Mirror,(no genres listed)\r\n',
    'links.csv':
      'movieId,imdbId,tmdbId\n1,0114709,862\n6,0113277,949\n11,0112346,9087\n29,0112682,\n176601,5465580,\n',
    // Columns in another order than usual: the header says which is which.
    'ratings.csv':
      'userId,movieId,timestamp,rating\n1,1,964982703,4.0\n1,6,964982224,4.5\n2,11,1445714835,0.5\n',
    'tags.csv': 'userId,movieId,tag,timestamp\n2,60756,funny,1445714994\n',
  })
  t.equal(await detectMovieLensLayout(dir), 'csv')
  const problems: BadLine[] = []
  const movies = await all(readMovieLensMovies(dir, { onBadLine: (p) => problems.push(p) }))
  t.strictSame(movies, [
    {
      movieId: 1,
      title: 'Toy Story',
      year: 1995,
      genres: ['Adventure', 'Animation', 'Children', 'Comedy', 'Fantasy'],
      imdbId: 'tt0114709',
      tmdbId: 862,
    },
    {
      movieId: 6,
      title: 'Heat',
      year: 1995,
      genres: ['Action', 'Crime', 'Thriller'],
      imdbId: 'tt0113277',
      tmdbId: 949,
    },
    {
      movieId: 11,
      title: 'The American President',
      year: 1995,
      genres: ['Comedy', 'Drama', 'Romance'],
      imdbId: 'tt0112346',
      tmdbId: 9087,
    },
    {
      movieId: 29,
      title: 'City of Lost Children, The (Cité des enfants perdus, La)',
      year: 1995,
      genres: ['Adventure', 'Drama'],
      imdbId: 'tt0112682',
    },
    { movieId: 31, title: 'Say "Hi"', year: 2003, genres: ['Comedy'] },
    { movieId: 176601, title: 'Black Mirror', year: null, genres: [], imdbId: 'tt5465580' },
  ] satisfies MovieLensMovie[])
  t.strictSame(await all(readMovieLensRatings(dir, { onBadLine: (p) => problems.push(p) })), [
    { userId: 1, movieId: 1, rating: 4, timestamp: 964982703 },
    { userId: 1, movieId: 6, rating: 4.5, timestamp: 964982224 },
    { userId: 2, movieId: 11, rating: 0.5, timestamp: 1445714835 },
  ] satisfies MovieLensRating[])
  t.strictSame(problems, [], 'nothing malformed')
})

t.test('malformed lines are reported with file and line number and skipped', async (t) => {
  const dir = await directory(t, {
    'movies.csv': [
      'movieId,title,genres',
      '1,Toy Story (1995),Animation',
      '2,"Bad "quote (1990),Drama',
      '3,Too,many,fields',
      'x4,Not an id (2000),Drama',
      '5,"Unclosed, quote (1999),Drama',
      '6,,Drama',
      '7,Still Read (2001),Drama',
    ].join('\n'),
    'links.csv': 'movieId,imdbId,tmdbId\n1,0114709,862\n7,tt12,abc\n',
    'ratings.csv': [
      'userId,movieId,rating,timestamp',
      '1,1,4.0,964982703',
      '1,7,6,964982703',
      '1,7,3.3,964982703',
      '1,7,,964982703',
      '1,7',
      '0,7,3.0,964982703',
      '1,7,3.0,yesterday',
      '2,7,2.5,964982703',
    ].join('\n'),
  })
  const problems: BadLine[] = []
  const onBadLine = (p: BadLine) => problems.push(p)
  const movies = await all(readMovieLensMovies(dir, { onBadLine }))
  t.strictSame(
    movies.map((m) => m.movieId),
    [1, 7],
    'the good lines around the bad ones are read',
  )
  t.notOk('tmdbId' in (movies[1] as MovieLensMovie), 'a malformed links.csv line adds nothing')
  const ratings = await all(readMovieLensRatings(dir, { onBadLine }))
  t.strictSame(ratings, [
    { userId: 1, movieId: 1, rating: 4, timestamp: 964982703 },
    { userId: 2, movieId: 7, rating: 2.5, timestamp: 964982703 },
  ])
  t.strictSame(
    problems.map((p) => `${p.file}:${p.line}`),
    [
      'links.csv:3',
      'movies.csv:3',
      'movies.csv:4',
      'movies.csv:5',
      'movies.csv:6',
      'movies.csv:7',
      'ratings.csv:3',
      'ratings.csv:4',
      'ratings.csv:5',
      'ratings.csv:6',
      'ratings.csv:7',
      'ratings.csv:8',
    ],
  )
  t.match(problems[1]?.reason, /malformed CSV/)
  t.match(problems[2]?.reason, /4 fields, the header has 3/)
  t.match(problems[7]?.reason, /not 0.5 to 5 in half stars/)
  t.match(problems[11]?.reason, /timestamp/)
})

t.test('a throwing onBadLine aborts the read at that line', async (t) => {
  const dir = await directory(t, {
    'movies.csv': 'movieId,title,genres\n1,A (2001),Drama\n2,"Bad "quote (1990),Drama\n3,C (2003),Drama\n',
    'ratings.csv': 'userId,movieId,rating,timestamp\n',
  })
  const seen: number[] = []
  await t.rejects(
    (async () => {
      for await (const movie of readMovieLensMovies(dir, {
        onBadLine: (p) => {
          throw new Error(`abort at ${p.file}:${p.line}`)
        },
      }))
        seen.push(movie.movieId)
    })(),
    { message: 'abort at movies.csv:3' },
  )
  t.strictSame(seen, [1], 'nothing after the bad line')
})

t.test('the ml-100k layout: u.item (pipes, Latin-1, genre flags) and u.data (tabs)', async (t) => {
  const flags = (...on: number[]) =>
    Array.from({ length: 19 }, (_, i) => (on.includes(i) ? '1' : '0')).join('|')
  const dir = await directory(t, {
    'u.item': Buffer.from(
      [
        `1|Toy Story (1995)|01-Jan-1995||http://us.imdb.com/M/title-exact?Toy%20Story%20(1995)|${flags(3, 4, 5)}`,
        `2|Misérables, Les (1995)|01-Jan-1995||http://us.imdb.com/x|${flags(8, 17)}`,
        `3|Truncated line|01-Jan-1995`,
        `4|Unknown genre (1998)|01-Jan-1998||http://us.imdb.com/x|${flags(0)}`,
        `5|No Year In Title|04-Mar-1997||http://us.imdb.com/x|${flags(1)}`,
        '',
      ].join('\n'),
      'latin1',
    ),
    'u.data': '196\t1\t3\t881250949\n186\t2\t5\t891717742\n22\t4\n244\t5\t2\t880606923\n',
  })
  t.equal(await detectMovieLensLayout(dir), 'ml-100k')
  const problems: BadLine[] = []
  t.strictSame(await all(readMovieLensMovies(dir, { onBadLine: (p) => problems.push(p) })), [
    { movieId: 1, title: 'Toy Story', year: 1995, genres: ['Animation', "Children's", 'Comedy'] },
    { movieId: 2, title: 'Les Misérables', year: 1995, genres: ['Drama', 'War'] },
    { movieId: 4, title: 'Unknown genre', year: 1998, genres: [] },
    { movieId: 5, title: 'No Year In Title', year: 1997, genres: ['Action'] },
  ])
  t.strictSame(await all(readMovieLensRatings(dir, { onBadLine: (p) => problems.push(p) })), [
    { userId: 196, movieId: 1, rating: 3, timestamp: 881250949 },
    { userId: 186, movieId: 2, rating: 5, timestamp: 891717742 },
    { userId: 244, movieId: 5, rating: 2, timestamp: 880606923 },
  ])
  t.strictSame(
    problems.map((p) => `${p.file}:${p.line}`),
    ['u.item:3', 'u.data:3'],
  )
})

t.test('a directory that is no MovieLens dataset, or a file without its header, is refused', async (t) => {
  const empty = await directory(t, { 'readme.txt': 'hello' })
  await t.rejects(all(readMovieLensMovies(empty)), MovieLensFormatError)
  const headless = await directory(t, { 'movies.csv': '1,Toy Story (1995),Animation\n', 'ratings.csv': '' })
  await t.rejects(all(readMovieLensMovies(headless)), {
    name: 'MovieLensFormatError',
    message: /header lacks/,
  })
  const noRatings = await directory(t, { 'movies.csv': 'movieId,title,genres\n' })
  await t.rejects(all(readMovieLensRatings(noRatings)), { message: /no ratings.csv/ })
})
