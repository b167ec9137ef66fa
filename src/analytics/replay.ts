/**
 * Replay of an analyst's own projection over the whole log into a schema of their own
 * (`npm run events -- replay`). It keeps the engine's promise (the checkpoint moves in the same
 * transaction as the rows, with a compare-and-set) but none of its registry: the checkpoint lives in
 * `<schema>.replay_checkpoint`, so a replay never shows up in, nor writes to, the live projections'
 * tables, views, registry or Redis keys. During setup and apply the search path is the analyst's
 * schema alone: unqualified names can only reach their own tables.
 *
 * Not runGeneration: that one records its checkpoint in the live registry (projection_generations,
 * read by status, /metrics and the admin API) and runs live after catching up; a replay ends there.
 */
import { resolve } from 'node:path'
import { pathToFileURL } from 'node:url'
import { type ColumnType, type Generated, type Kysely, sql } from 'kysely'
import type { Database } from '../db/schema.ts'
import { type EventStore, type Position, START } from '../event-store/contract.ts'
import type { PostgresProjection } from '../projector/projection.ts'
import { pages } from './export-log.ts'

export const CHECKPOINT_TABLE = 'replay_checkpoint'
export const DEFAULT_REPLAY_BATCH = 1_000

type ReplayCheckpointTable = {
  singleton: Generated<boolean>
  projection: string
  version: number
  module: string
  position: string
  /** bigint: pg returns it as a string. */
  events_applied: ColumnType<string, number | undefined, number | string>
  started_at: Generated<Date>
  updated_at: ColumnType<Date, Date | undefined, Date>
  caught_up_at: ColumnType<Date | null, Date | null | undefined, Date | null>
}
type ReplayDatabase = { replay_checkpoint: ReplayCheckpointTable }

/** Refused before anything was written: a bad schema name or module, or a schema that is not ours. */
export class ReplayRefusedError extends Error {
  constructor(message: string) {
    super(message)
    this.name = 'ReplayRefusedError'
  }
}

/** Someone else moved this schema's checkpoint: two replays into one schema. */
export class ReplayCheckpointMovedError extends Error {
  constructor(schema: string) {
    super(`the checkpoint of ${schema} moved under this replay: is another replay writing into it?`)
    this.name = 'ReplayCheckpointMovedError'
  }
}

const IDENTIFIER = /^[a-z_][a-z0-9_]{0,62}$/

/** Why `schema` cannot hold a replay, or null when it can. */
export function schemaProblem(schema: string): string | null {
  if (!IDENTIFIER.test(schema)) {
    return `schema ${JSON.stringify(schema)} must be lower-case letters, digits and underscores, starting with a letter or underscore, at most 63 characters`
  }
  if (schema === 'public' || schema === 'information_schema' || schema.startsWith('pg_')) {
    return `schema ${schema} is PostgreSQL's or the application's own`
  }
  if (schema.startsWith('proj_')) return `schema names starting with proj_ belong to the live projections`
  return null
}

const checkpoints = (db: Kysely<Database>, schema: string) =>
  (db as unknown as Kysely<ReplayDatabase>).withSchema(schema)

/** The PostgreSQL projection a module exports as `projection` or as its default export. */
export async function loadReplayProjection(modulePath: string): Promise<PostgresProjection> {
  let module: { projection?: unknown; default?: unknown }
  try {
    module = await import(pathToFileURL(resolve(modulePath)).href)
  } catch (error) {
    throw new ReplayRefusedError(`cannot load ${modulePath}: ${(error as Error).message}`)
  }
  const candidate = (module.projection ?? module.default) as Partial<PostgresProjection> | undefined
  const problem = !candidate
    ? 'it exports neither `projection` nor a default export'
    : candidate.kind !== 'postgres'
      ? 'replay runs PostgreSQL projections (kind: "postgres") only'
      : typeof candidate.name !== 'string' || candidate.name === ''
        ? 'its projection has no name'
        : !Number.isInteger(candidate.version)
          ? 'its projection has no integer version'
          : !Array.isArray(candidate.handles) ||
              candidate.handles.length === 0 ||
              !candidate.handles.every((type) => typeof type === 'string' && type !== '')
            ? 'its projection must handle at least one event type (handles: [...])'
            : typeof candidate.setup !== 'function' || typeof candidate.apply !== 'function'
              ? 'its projection needs setup(db) and apply(events, trx) functions'
              : null
  if (problem) throw new ReplayRefusedError(`${modulePath}: ${problem}`)
  return candidate as PostgresProjection
}

export type ReplayStart = { resumed: boolean; position: Position; applied: number }

/**
 * Creates the schema, the projection's tables and the checkpoint at START in one transaction, or
 * finds the checkpoint of an earlier run of the same projection and version to resume from.
 */
export async function prepareReplay(
  db: Kysely<Database>,
  projection: PostgresProjection,
  schema: string,
  modulePath: string,
): Promise<ReplayStart> {
  const problem = schemaProblem(schema)
  if (problem) throw new ReplayRefusedError(problem)
  return db.transaction().execute(async (trx) => {
    // Raw SQL: the catalogue is not part of the typed Database.
    const { rows } = await sql<{ tables: string[] }>`
      SELECT coalesce(array_agg(t.table_name::text) FILTER (WHERE t.table_name IS NOT NULL), '{}') AS tables
      FROM pg_namespace n LEFT JOIN information_schema.tables t ON t.table_schema = n.nspname
      WHERE n.nspname = ${schema}
      GROUP BY n.nspname`.execute(trx)
    const existing = rows[0]
    if (!existing) {
      await sql`CREATE SCHEMA ${sql.id(schema)}`.execute(trx)
      await sql`SET LOCAL search_path TO ${sql.id(schema)}`.execute(trx)
      await projection.setup(trx)
      // The analyst's schema is queried while it fills: its indexes come with its tables.
      await projection.indexes?.(trx)
      await trx.schema
        .withSchema(schema)
        .createTable(CHECKPOINT_TABLE)
        .addColumn('singleton', 'boolean', (c) => c.primaryKey().defaultTo(true).check(sql`singleton`))
        .addColumn('projection', 'text', (c) => c.notNull())
        .addColumn('version', 'integer', (c) => c.notNull())
        .addColumn('module', 'text', (c) => c.notNull())
        .addColumn('position', 'text', (c) => c.notNull())
        .addColumn('events_applied', 'bigint', (c) => c.notNull().defaultTo(0))
        .addColumn('started_at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
        .addColumn('updated_at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
        .addColumn('caught_up_at', 'timestamptz')
        .execute()
      await checkpoints(trx, schema)
        .insertInto('replay_checkpoint')
        .values({
          singleton: true,
          projection: projection.name,
          version: projection.version,
          module: modulePath,
          position: START,
        })
        .execute()
      return { resumed: false, position: START, applied: 0 }
    }
    if (!existing.tables.includes(CHECKPOINT_TABLE)) {
      throw new ReplayRefusedError(
        `schema ${schema} exists and was not made by replay (it has no ${CHECKPOINT_TABLE} table); choose another name`,
      )
    }
    const row = await checkpoints(trx, schema).selectFrom('replay_checkpoint').selectAll().executeTakeFirst()
    if (!row || row.projection !== projection.name || row.version !== projection.version) {
      throw new ReplayRefusedError(
        `schema ${schema} holds a replay of ${row ? `${row.projection} version ${row.version}` : 'nothing'}, not ` +
          `${projection.name} version ${projection.version}; choose another name or drop it (DROP SCHEMA ${schema} CASCADE)`,
      )
    }
    return { resumed: true, position: row.position, applied: Number(row.events_applied) }
  })
}

export type ReplayProgress = { position: Position; applied: number }

export type ReplayOptions = {
  store: EventStore
  db: Kysely<Database>
  /** Checked between batches: an aborted replay stops after the batch in flight, resumable. */
  signal: AbortSignal
  batchSize?: number
  onProgress?: (progress: ReplayProgress) => void
}

export type ReplayOutcome = ReplayProgress & { outcome: 'caught_up' | 'stopped' }

/** Applies the log after the schema's checkpoint, batch by batch, until the head or the signal. */
export async function runReplay(
  projection: PostgresProjection,
  schema: string,
  options: ReplayOptions,
): Promise<ReplayOutcome> {
  const { db, signal } = options
  const batchSize = options.batchSize ?? DEFAULT_REPLAY_BATCH
  const start = await checkpoints(db, schema)
    .selectFrom('replay_checkpoint')
    .select(['position', 'events_applied'])
    .executeTakeFirstOrThrow()
  let checkpoint = start.position
  let applied = Number(start.events_applied)
  if (signal.aborted) return { outcome: 'stopped', position: checkpoint, applied }
  // Only the handled types: the checkpoint is the last event applied, and a resumed run re-scans
  // (cheaply: the store filters before it ships payloads) whatever unhandled events followed it.
  const log = options.store.readAll({ after: checkpoint, types: projection.handles, batchSize })
  for await (const batch of pages(log, batchSize)) {
    if (signal.aborted) return { outcome: 'stopped', position: checkpoint, applied }
    const last = batch.at(-1)
    if (!last) continue
    const from = checkpoint
    await db.transaction().execute(async (trx) => {
      await sql`SET LOCAL search_path TO ${sql.id(schema)}`.execute(trx)
      try {
        await projection.apply(batch, trx)
      } catch (error) {
        throw new Error(
          `${projection.name} failed on the ${batch.length} events after ${from} (up to ${last.position}), ` +
            `nothing of them applied: ${(error as Error).message}`,
          { cause: error },
        )
      }
      const moved = await checkpoints(trx, schema)
        .updateTable('replay_checkpoint')
        .set({
          position: last.position,
          events_applied: sql<string>`events_applied + ${batch.length}`,
          updated_at: new Date(),
        })
        .where('position', '=', from)
        .executeTakeFirst()
      if (moved.numUpdatedRows !== 1n) throw new ReplayCheckpointMovedError(schema)
    })
    checkpoint = last.position
    applied += batch.length
    options.onProgress?.({ position: checkpoint, applied })
  }
  await checkpoints(db, schema)
    .updateTable('replay_checkpoint')
    .set({ caught_up_at: new Date(), updated_at: new Date() })
    .execute()
  return { outcome: 'caught_up', position: checkpoint, applied }
}
