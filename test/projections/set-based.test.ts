/**
 * The set-based writes projections use for their batches (src/projector/set-based.ts): rows sent as
 * one array literal per column come back exactly as they were, awkward text included, and deletes
 * match on the whole key.
 */
import { randomUUID } from 'node:crypto'
import { sql } from 'kysely'
import t from 'tap'
import { deleteRows, insertRows } from '../../src/projector/set-based.ts'
import { createTestDatabase } from '../support/database.ts'

const { db } = await createTestDatabase(t)

type Row = { id: string; n: number | null; amount: number; note: string | null; at: string; ok: boolean }
type Read = Omit<Row, 'at'> & { at: number }
const types = { id: 'uuid', n: 'int', amount: 'numeric', note: 'text', at: 'timestamptz', ok: 'boolean' }

t.before(async () => {
  await sql`CREATE TABLE things (id uuid PRIMARY KEY, n int, amount numeric, note text, at timestamptz, ok boolean)`.execute(
    db,
  )
})

const read = async () =>
  (
    await sql<Read>`SELECT id, n, amount::float8 AS amount, note, extract(epoch FROM at)::float8 AS at, ok FROM things ORDER BY n NULLS FIRST`.execute(
      db,
    )
  ).rows

t.test(
  'rows with quotes, backslashes, braces, commas, NULL as text and nulls come back as sent',
  async (t) => {
    const notes = [
      'plain',
      'a "quoted" word',
      'back\\slash',
      '{braces}, and commas',
      'NULL',
      '',
      ' spaced ',
      'é✓',
    ]
    const rows: Row[] = notes.map((note, i) => ({
      id: randomUUID(),
      n: i,
      amount: i - 3.5,
      note,
      at: `2026-01-0${(i % 9) + 1}T10:00:00.5+00:00`,
      ok: i % 2 === 0,
    }))
    rows.push({
      id: randomUUID(),
      n: null,
      amount: 0,
      note: null,
      at: '2026-02-01T00:00:00+00:00',
      ok: false,
    })
    t.equal(await insertRows(db, 'things', rows, types), BigInt(rows.length))
    t.same(
      await read(),
      [rows.at(-1) as Row, ...rows.slice(0, -1)].map((row) => ({ ...row, at: Date.parse(row.at) / 1000 })),
    )
  },
)

t.test('a conflict clause applies to every row; deletes match the whole key', async (t) => {
  const [first, second] = (await read()).filter((row) => row.n !== null)
  if (!first || !second) throw new Error('rows expected from the test before')
  const written = await insertRows(
    db,
    'things',
    [
      { id: first.id, note: 'changed' },
      { id: randomUUID(), note: 'new' },
    ],
    { id: 'uuid', note: 'text' },
    sql`ON CONFLICT (id) DO UPDATE SET note = excluded.note`,
  )
  t.equal(written, 2n)
  t.equal((await read()).find((row) => row.id === first.id)?.note, 'changed')
  const deleted = await deleteRows(
    db,
    'things',
    [
      { id: first.id, n: first.n },
      { id: second.id, n: 999 },
    ],
    { id: 'uuid', n: 'int' },
  )
  t.equal(deleted, 1n, 'only the row whose every key column matches')
  t.notOk((await read()).some((row) => row.id === first.id))
  t.ok((await read()).some((row) => row.id === second.id))
  t.equal(await deleteRows(db, 'things', [], { id: 'uuid' }), 0n, 'nothing to delete sends nothing')
})

t.test('a column the same for every row is set from one parameter', async (t) => {
  const ids: string[] = [randomUUID(), randomUUID()]
  await insertRows(
    db,
    'things',
    ids.map((id, i) => ({ id, n: 100 + i })),
    { id: 'uuid', n: 'int' },
    undefined,
    { note: { value: 'for "all"', type: 'text' }, ok: { value: true, type: 'boolean' } },
  )
  const rows = (await read()).filter((row) => ids.includes(row.id))
  t.same(
    rows.map((row) => [row.n, row.note, row.ok]),
    [
      [100, 'for "all"', true],
      [101, 'for "all"', true],
    ],
  )
})
