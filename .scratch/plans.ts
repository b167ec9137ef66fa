import { Kysely, PostgresDialect, sql } from 'kysely'
import pg from 'pg'
import { movieListQuery } from '../src/read/movies/queries.ts'
import { suggestQuery } from '../src/read/search/queries.ts'
import { searchWords, searchTerms } from '../src/read/search/terms.ts'
const pool = new pg.Pool({ connectionString: process.env.DATABASE_URL, max: 2 })
pool.on('connect', (c) => { c.query('SET pg_trgm.similarity_threshold = 0.2') })
const db = new Kysely<any>({ dialect: new PostgresDialect({ pool }) })
const none = { genres: [], yearFrom: null, yearTo: null, minRating: null, search: null, person: null }
const typo = searchWords('emprie')
const cases: [string, any, any][] = [
  ['sort popularity', none, 'popularity'], ['sort rating', none, 'rating'], ['sort release', none, 'release'],
  ['sort title', none, 'title'], ['sort newest', none, 'newest'], ['genre', { ...none, genres: ['drama'] }, 'rating'],
  ['year', { ...none, yearFrom: 1990, yearTo: 1991 }, 'title'], ['min rating', { ...none, minRating: 4.5 }, 'rating'],
  ['text search', { ...none, search: searchWords('red emp') }, 'relevance'], ['typo search', { ...none, search: typo }, 'relevance'],
  ['typo by title', { ...none, search: typo }, 'title'],
]
for (const [name, filters, sort] of cases) {
  const plan = (await movieListQuery(db as never, filters, sort, 20, null).explain()).map((r) => String(Object.values(r)[0])).join('\n')
  const seq = plan.match(/Seq Scan on \w+/g)
  console.log(name.padEnd(16), seq ? seq.join(', ') : 'no seq scan')
}
for (const q of ['red', 'red em', 'emprie', 'ci']) {
  const plan = (await suggestQuery(db as never, { typed: searchWords(q), tagPrefix: q, limit: 10 }).explain()).map((r) => String(Object.values(r)[0])).join('\n')
  const seq = plan.match(/Seq Scan on \w+/g)
  console.log(('suggest ' + q).padEnd(16), seq ? seq.join(', ') : 'no seq scan')
}
await db.destroy()
