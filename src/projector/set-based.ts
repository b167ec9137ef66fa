/**
 * Set-based writes for projection batches: a batch's rows travel as one array parameter per column
 * and PostgreSQL unnests them into a relation, so a batch of thousands of rows is one short statement
 * with a handful of parameters, whatever its size. A multi-row VALUES list or an OR of (a AND b)
 * terms makes PostgreSQL parse and plan thousands of expressions instead, which cost a rebuild most
 * of its time (issue 19: user_watchlist alone ran at a third of the log's read rate).
 * Raw SQL: kysely's builder has no unnest over parallel arrays.
 */
import { type Kysely, type RawBuilder, sql } from 'kysely'

/** The PostgreSQL type of each column, scalar types only (unnest would flatten an array column). */
export type ColumnTypes<Row> = { readonly [Column in keyof Row & string]: string }

/** Types whose text form never needs quoting in an array literal (no comma, quote, brace or space). */
const BARE = new Set([
  'uuid',
  'int',
  'integer',
  'bigint',
  'smallint',
  'numeric',
  'real',
  'double precision',
  'boolean',
])

/**
 * The PostgreSQL array literal of one column of `rows` (`{a,"b c",NULL}`), built here rather than
 * by pg: one string per column instead of an escaping pass per element, which cost a rebuild more
 * CPU than the statements it sends. Dates go as ISO strings; text is quoted and escaped. Appended
 * value by value, with no array of the column's values or of their parts on the way: a rebuild
 * builds a few million of them, and the garbage collector was the first cost of its process.
 */
export function arrayLiteral<Row extends Record<string, unknown>>(
  rows: readonly Row[],
  column: keyof Row & string,
  type: string,
): string {
  const bare = BARE.has(type)
  let literal = '{'
  for (let i = 0; i < rows.length; i++) {
    if (i > 0) literal += ','
    const value = (rows[i] as Row)[column]
    if (value === null || value === undefined) literal += 'NULL'
    else if (bare) literal += String(value)
    else {
      const text = value instanceof Date ? value.toISOString() : String(value)
      literal += `"${ESCAPED.test(text) ? text.replace(/[\\"]/g, '\\$&') : text}"`
    }
  }
  return `${literal}}`
}

/** A backslash or a double quote: the characters an array element's text escapes. */
const ESCAPED = /[\\"]/

/**
 * `unnest($1::type1[], $2::type2[], ...) AS rows(col1, col2, ...)`: the rows as a relation named
 * `rows`, to select from, join or use in `USING`.
 */
export function rowsOf<Row extends Record<string, unknown>>(
  rows: readonly Row[],
  types: ColumnTypes<Row>,
): RawBuilder<unknown> {
  const columns = Object.keys(types) as (keyof Row & string)[]
  const arrays = columns.map((column) => {
    const literal = arrayLiteral(rows, column, types[column])
    return sql`${literal}::${sql.raw(`${types[column]}[]`)}`
  })
  return sql`unnest(${sql.join(arrays)}) AS rows(${sql.join(columns.map((column) => sql.id(column)))})`
}

/** Columns with one value for every row of a statement: one parameter each, not an array per row. */
export type SameForAll = Readonly<Record<string, { value: unknown; type: string }>>

/**
 * INSERT INTO table (columns) SELECT them FROM the rows, with an optional conflict clause written
 * in SQL (`ON CONFLICT (a, b) DO UPDATE SET c = excluded.c`), and `same` columns set to one value
 * for every row. Answers how many rows it wrote.
 */
export async function insertRows<Row extends Record<string, unknown>>(
  // biome-ignore lint/suspicious/noExplicitAny: the table is named at run time, below the typed schema
  db: Kysely<any>,
  table: string,
  rows: readonly Row[],
  types: ColumnTypes<Row>,
  onConflict?: RawBuilder<unknown>,
  same: SameForAll = {},
): Promise<bigint> {
  if (rows.length === 0) return 0n
  const names = Object.keys(types).map((column) => sql.id(column))
  const constants = Object.entries(same)
  const columns = sql.join([...names, ...constants.map(([column]) => sql.id(column))])
  const values = sql.join([
    ...names,
    ...constants.map(([, { value, type }]) => sql`${value}::${sql.raw(type)}`),
  ])
  const result = await sql`
    INSERT INTO ${sql.id(table)} (${columns})
    SELECT ${values} FROM ${rowsOf(rows, types)}
    ${onConflict ?? sql``}`.execute(db)
  return result.numAffectedRows ?? 0n
}

/**
 * DELETE FROM table WHERE its `keys` columns equal those of one of the rows (a join on the key, not
 * an OR per row). Answers how many rows it deleted.
 */
export async function deleteRows<Row extends Record<string, unknown>>(
  // biome-ignore lint/suspicious/noExplicitAny: see insertRows
  db: Kysely<any>,
  table: string,
  rows: readonly Row[],
  types: ColumnTypes<Row>,
): Promise<bigint> {
  if (rows.length === 0) return 0n
  const matches = Object.keys(types).map(
    (column) => sql`${sql.id(table, column)} = ${sql.id('rows', column)}`,
  )
  const result = await sql`
    DELETE FROM ${sql.id(table)} USING ${rowsOf(rows, types)}
    WHERE ${sql.join(matches, sql` AND `)}`.execute(db)
  return result.numAffectedRows ?? 0n
}
