/**
 * Generations of a projection: each build (first build, rebuild, reset) fills its own PostgreSQL
 * schema or Redis key prefix; the registry (projections, projection_generations) says which one
 * queries read. Switching is one transaction that re-points the public views.
 * Raw SQL for schema DDL and advisory locks: kysely's builder cannot express them.
 */
import { type Kysely, sql } from 'kysely'
import type { Database, GenerationState } from '../db/schema.ts'
import { START } from '../event-store/contract.ts'
import type { KeyValueStore } from '../key-value/contract.ts'
import { assertProjectionName, generationKeyPrefix, generationSchema, type Projection } from './projection.ts'

export type RedisTarget = {
  /**
   * A store without a key prefix of its own (the engine builds full keys itself): Redis, or in
   * embedded mode the in-process store, which runs the same commands with the same semantics.
   */
  redis: KeyValueStore
  keyPrefix: string
}

export async function readKey(target: RedisTarget, key: string): Promise<string | null> {
  return target.redis.get(key)
}

/** SET with no expiry. */
export async function writeKey(target: RedisTarget, key: string, value: string): Promise<void> {
  await target.redis.set(key, value)
}

/** Where the active generation of a Redis projection is published for readers. */
export const activeGenerationKey = (keyPrefix: string, name: string) => `${keyPrefix}proj:${name}:active`
export const checkpointKey = (keyPrefix: string, name: string, generation: number) =>
  `${keyPrefix}${generationKeyPrefix(name, generation)}checkpoint`

/** Runs `fn` in the caller's transaction when there is one, else in a new one. */
function inTransaction<T>(db: Kysely<Database>, fn: (trx: Kysely<Database>) => Promise<T>): Promise<T> {
  return db.isTransaction ? fn(db) : db.transaction().execute(fn)
}

/** Serialises registry changes of one projection across processes (released at commit). */
async function lockProjection(trx: Kysely<Database>, name: string): Promise<void> {
  await sql`SELECT pg_advisory_xact_lock(hashtext(${`nexus-projection-registry:${name}`}))`.execute(trx)
}

export async function activeGeneration(db: Kysely<Database>, name: string): Promise<number | null> {
  const row = await db
    .selectFrom('projections')
    .select('active_generation')
    .where('name', '=', name)
    .executeTakeFirst()
  return row?.active_generation ?? null
}

export async function readGeneration(db: Kysely<Database>, name: string, generation: number) {
  return db
    .selectFrom('projection_generations')
    .selectAll()
    .where('name', '=', name)
    .where('generation', '=', generation)
    .executeTakeFirst()
}

/** The secondary indexes of a PostgreSQL generation (see PostgresProjection.indexes); idempotent. */
export async function createIndexes(db: Kysely<Database>, projection: Projection, generation: number) {
  if (projection.kind !== 'postgres' || !projection.indexes) return
  const indexes = projection.indexes.bind(projection)
  await inTransaction(db, async (trx) => {
    await sql`SET LOCAL search_path TO ${sql.id(generationSchema(projection.name, generation))}`.execute(trx)
    await indexes(trx)
    await sql`SET LOCAL search_path TO public`.execute(trx)
  })
}

/** Whether the generation still has its staging tables (built by a rebuild, not folded yet). */
export async function isStaged(
  db: Kysely<Database>,
  projection: Projection,
  generation: number,
): Promise<boolean> {
  if (projection.kind !== 'postgres' || !projection.staging) return false
  const first = projection.staging.tables[0] as string
  const { rows } = await sql<{ staged: boolean }>`
    SELECT EXISTS (
      SELECT 1 FROM pg_catalog.pg_class AS c JOIN pg_catalog.pg_namespace AS n ON n.oid = c.relnamespace
      WHERE n.nspname = ${generationSchema(projection.name, generation)} AND c.relname = ${first}) AS staged`.execute(
    db,
  )
  return rows[0]?.staged === true
}

/**
 * Merges a rebuilt generation's staged rows into its tables and drops the staging tables (see
 * PostgresProjection.staging), in one transaction; does nothing once done. Runs before the
 * generation's indexes are built and before it serves.
 */
export async function foldStaging(db: Kysely<Database>, projection: Projection, generation: number) {
  if (projection.kind !== 'postgres' || !projection.staging) return
  const staging = projection.staging
  await inTransaction(db, async (trx) => {
    if (!(await isStaged(trx, projection, generation))) return
    const schema = generationSchema(projection.name, generation)
    await sql`SET LOCAL search_path TO ${sql.id(schema)}, public`.execute(trx)
    await staging.fold(trx)
    for (const table of staging.tables) await sql`DROP TABLE ${sql.id(schema, table)}`.execute(trx)
    await sql`SET LOCAL search_path TO public`.execute(trx)
  })
}

/**
 * Creates an empty generation: its schema and tables (PostgreSQL) and its registry row at START. A
 * generation built before it serves (`building`) gets its secondary indexes later (createIndexes).
 */
export async function createGeneration(
  db: Kysely<Database>,
  projection: Projection,
  generation: number,
  state: GenerationState,
): Promise<void> {
  assertProjectionName(projection.name)
  await inTransaction(db, async (trx) => {
    if (projection.kind === 'postgres') {
      const schema = generationSchema(projection.name, generation)
      await sql`CREATE SCHEMA ${sql.id(schema)}`.execute(trx)
      await sql`SET LOCAL search_path TO ${sql.id(schema)}`.execute(trx)
      await projection.setup(trx)
      if (state !== 'building') await projection.indexes?.(trx)
      else await projection.staging?.setup(trx)
      await sql`SET LOCAL search_path TO public`.execute(trx)
    }
    await trx
      .insertInto('projection_generations')
      .values({
        name: projection.name,
        generation,
        version: projection.version,
        kind: projection.kind,
        position: START,
        state,
      })
      .execute()
  })
}

/** Makes `generation` the one queries read, atomically; answers the generation it replaced. */
export async function activateGeneration(
  db: Kysely<Database>,
  projection: Projection,
  generation: number,
  redis?: RedisTarget,
): Promise<number | null> {
  const previous = await inTransaction(db, async (trx) => {
    await lockProjection(trx, projection.name)
    // A rebuild folds first (before building indexes); a generation never serves its staging.
    await foldStaging(trx, projection, generation)
    const before = await activeGeneration(trx, projection.name)
    if (projection.kind === 'postgres') {
      const schema = generationSchema(projection.name, generation)
      for (const table of projection.tables) {
        // Drop and create (not CREATE OR REPLACE): a new version may change the columns. Readers
        // wait on the view's lock for the length of this transaction and then see the new generation.
        await sql`DROP VIEW IF EXISTS public.${sql.id(table)}`.execute(trx)
        await sql`CREATE VIEW public.${sql.id(table)} AS SELECT * FROM ${sql.id(schema, table)}`.execute(trx)
      }
    }
    await trx
      .insertInto('projections')
      .values({ name: projection.name, active_generation: generation })
      .onConflict((oc) =>
        oc.column('name').doUpdateSet({ active_generation: generation, updated_at: new Date() }),
      )
      .execute()
    if (before !== null && before !== generation) {
      await trx
        .updateTable('projection_generations')
        .set({ state: 'retired', updated_at: new Date() })
        .where('name', '=', projection.name)
        .where('generation', '=', before)
        .execute()
    }
    return before
  })
  if (projection.kind === 'redis' && redis) {
    await writeKey(redis, activeGenerationKey(redis.keyPrefix, projection.name), String(generation))
  }
  return previous
}

/** Removes a generation's schema or keys and its registry row. */
export async function dropGeneration(
  db: Kysely<Database>,
  projection: Projection,
  generation: number,
  redis?: RedisTarget,
): Promise<void> {
  if (projection.kind === 'postgres') {
    await sql`DROP SCHEMA IF EXISTS ${sql.id(generationSchema(projection.name, generation))} CASCADE`.execute(
      db,
    )
  } else if (projection.kind === 'redis' && redis) {
    await deleteKeys(redis, `${redis.keyPrefix}${generationKeyPrefix(projection.name, generation)}`)
  }
  await db
    .deleteFrom('projection_generations')
    .where('name', '=', projection.name)
    .where('generation', '=', generation)
    .execute()
}

async function deleteKeys(target: RedisTarget, prefix: string): Promise<void> {
  await target.redis.deletePrefix(prefix)
}

export type RedisHealing = 'intact' | 'active-key-restored' | 'refilling'

/**
 * Heals the active generation of a Redis projection after Redis lost its data (restarted empty,
 * flushed, or the keys deleted), with no operator; the projector runs it, under the projection's
 * lease, before running the generation and whenever the active key goes missing:
 * - the key naming the active generation for readers is written again from the registry (the truth);
 * - a generation whose checkpoint key is gone while its registry row says it has applied events lost
 *   its data: its remaining keys are deleted and its row goes back to the start (fenced by the lease),
 *   so the run that follows refills it from the log, as a clean rebuild would.
 * Redis must not evict keys (maxmemory-policy noeviction): a lost key beside a kept checkpoint
 * cannot be told from a key never written.
 */
export async function healRedisGeneration(
  db: Kysely<Database>,
  projection: Projection,
  generation: number,
  target: RedisTarget,
  fence: (trx: Kysely<Database>) => Promise<void>,
): Promise<RedisHealing> {
  if (projection.kind !== 'redis') return 'intact'
  let healing: RedisHealing = 'intact'
  const activeKey = activeGenerationKey(target.keyPrefix, projection.name)
  if ((await readKey(target, activeKey)) !== String(generation)) {
    // Only while the registry still names it (a rebuild may have switched meanwhile).
    if ((await activeGeneration(db, projection.name)) !== generation) return 'intact'
    await writeKey(target, activeKey, String(generation))
    healing = 'active-key-restored'
  }
  const row = await readGeneration(db, projection.name, generation)
  const checkpoint = await readKey(target, checkpointKey(target.keyPrefix, projection.name, generation))
  if (!row || row.position === START || checkpoint !== null) return healing
  await db.transaction().execute(async (trx) => {
    await fence(trx)
    await deleteKeys(target, `${target.keyPrefix}${generationKeyPrefix(projection.name, generation)}`)
    await trx
      .updateTable('projection_generations')
      .set({
        position: START,
        catalogue_position: START,
        events_applied: 0,
        last_event_at: null,
        state: 'catching_up',
        updated_at: new Date(),
      })
      .where('name', '=', projection.name)
      .where('generation', '=', generation)
      .execute()
  })
  return 'refilling'
}

/** Whether the key naming a Redis projection's active generation is gone (Redis lost its data). */
export async function activeKeyMissing(target: RedisTarget, projection: Projection): Promise<boolean> {
  if (projection.kind !== 'redis') return false
  return (await readKey(target, activeGenerationKey(target.keyPrefix, projection.name))) === null
}

/** The highest generation number ever registered for the projection (0 when none). */
export async function lastGeneration(db: Kysely<Database>, name: string): Promise<number> {
  const row = await db
    .selectFrom('projection_generations')
    .select((eb) => eb.fn.max('generation').as('max'))
    .where('name', '=', name)
    .executeTakeFirst()
  return Number(row?.max ?? 0)
}

/**
 * Gives every projection an active generation, creating and activating generation 1 where none
 * exists. Idempotent and safe to run from several processes at once (API, projector, tests).
 */
export async function ensureProjections(
  db: Kysely<Database>,
  projections: readonly Projection[],
  redis?: RedisTarget,
): Promise<void> {
  for (const projection of projections) {
    await db.transaction().execute(async (trx) => {
      await lockProjection(trx, projection.name)
      await trx
        .insertInto('projections')
        .values({ name: projection.name, active_generation: null })
        .onConflict((oc) => oc.column('name').doNothing())
        .execute()
    })
    if ((await activeGeneration(db, projection.name)) !== null) continue
    await db.transaction().execute(async (trx) => {
      await lockProjection(trx, projection.name)
      // Checked again under the lock: another process may have created it meanwhile.
      if ((await activeGeneration(trx, projection.name)) !== null) return
      const generation = (await lastGeneration(trx, projection.name)) + 1
      await createGeneration(trx, projection, generation, 'catching_up')
      await activateGeneration(trx, projection, generation, redis)
    })
  }
}
