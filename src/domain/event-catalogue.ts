/**
 * How a domain module declares its events: per type a TypeBox schema of the data at its current
 * schema version, and the upcasters that turn every older version into the next one. The TypeScript
 * type of an event derives from its schema (`EventOf`), so the two cannot drift. Pure: no I/O.
 *
 * A stored event keeps the shape it was written with (its `schemaVersion` metadata says which); the
 * event store reads it through the catalogue (src/event-store/upcasting-event-store.ts), so every
 * reader sees the current version and the stored row is never rewritten. An event type the
 * catalogue does not know passes through untouched (a newer writer's event, or a test's).
 * @see ../../docs/events.md (generated from the catalogue: `npm run docs:events`)
 */
import { type Static, type TEnum, type TSchema, Type } from 'typebox'
import { Compile } from 'typebox/compile'

/** A data object as JSON gives it: what an upcaster receives and returns. */
export type EventData = Record<string, unknown>

/** Turns the data of version `from` into version `from + 1`. Pure and total: old rows cannot be fixed. */
export type Upcaster = {
  from: number
  /** One line for the catalogue (docs/events.md): what changed in `from + 1`. */
  change: string
  up: (data: EventData) => EventData
}

export type EventDefinition<Type extends string = string, Schema extends TSchema = TSchema> = {
  readonly type: Type
  /** The current schema version: what appends stamp, what readers receive. Starts at 1. */
  readonly version: number
  /** The data at the current version. */
  readonly schema: Schema
  /** One per older version, `from` 1 .. version - 1. */
  readonly upcasters: readonly Upcaster[]
  /** One or two sentences for the catalogue. */
  readonly description: string
}

/** The event (type and data) a definition describes, as deciders and projections handle it. */
export type EventOf<Definition> =
  Definition extends EventDefinition<infer Type, infer Schema> ? { type: Type; data: Static<Schema> } : never

export function defineEvent<const Type extends string, Schema extends TSchema>(
  type: Type,
  options: { description: string; data: Schema; version?: number; upcasters?: readonly Upcaster[] },
): EventDefinition<Type, Schema> {
  const version = options.version ?? 1
  const upcasters = [...(options.upcasters ?? [])].sort((a, b) => a.from - b.from)
  const expected = Array.from({ length: version - 1 }, (_, index) => index + 1)
  if (!Number.isInteger(version) || version < 1) throw new RangeError(`${type}: version must be >= 1`)
  if (upcasters.map((u) => u.from).join() !== expected.join()) {
    throw new RangeError(
      `${type} v${version} needs one upcaster from each older version (${expected.join(', ') || 'none'}), ` +
        `has ${upcasters.map((u) => u.from).join(', ') || 'none'}`,
    )
  }
  return { type, version, schema: options.data, upcasters, description: options.description }
}

/** The result of reading a stored event through the catalogue. */
export type Upcast = { data: unknown; version: number }

export type EventCatalogue = {
  /** Every known definition, by type. */
  readonly definitions: ReadonlyMap<string, EventDefinition>
  /** The current version of a known type; undefined for an unknown one. */
  currentVersion(type: string): number | undefined
  /**
   * The data of a stored event at the current version of its type, or null when it already is
   * (the common case: nothing is copied) or the type is unknown (passes through untouched). A
   * version newer than the catalogue's is left as it is too.
   */
  upcast(type: string, version: number, data: unknown): Upcast | null
  /** Null when the data matches the current schema of its type (or the type is unknown), else why not. */
  check(type: string, data: unknown): string | null
}

const isEventData = (data: unknown): data is EventData =>
  typeof data === 'object' && data !== null && !Array.isArray(data)

export function createEventCatalogue(definitions: readonly EventDefinition[]): EventCatalogue {
  const byType = new Map<string, EventDefinition>()
  for (const definition of definitions) {
    if (byType.has(definition.type)) throw new Error(`event type ${definition.type} declared twice`)
    byType.set(definition.type, definition)
  }
  // Compiled on first use: a process that never appends a type never pays for its checker.
  const checkers = new Map<string, ReturnType<typeof Compile>>()
  const checker = (definition: EventDefinition) => {
    let compiled = checkers.get(definition.type)
    if (!compiled) {
      compiled = Compile(definition.schema)
      checkers.set(definition.type, compiled)
    }
    return compiled
  }
  return {
    definitions: byType,
    currentVersion: (type) => byType.get(type)?.version,
    upcast(type, version, data) {
      const definition = byType.get(type)
      // Data that is not an object (no writer of ours stores one) cannot be upcast: as it is.
      if (!definition || version >= definition.version || !isEventData(data)) return null
      let value = data
      for (const upcaster of definition.upcasters) {
        if (upcaster.from >= version) value = upcaster.up(value)
      }
      return { data: value, version: definition.version }
    },
    check(type, data) {
      const definition = byType.get(type)
      if (!definition) return null
      const compiled = checker(definition)
      if (compiled.Check(data)) return null
      const [first] = compiled.Errors(data)
      return first ? `${first.instancePath || '/'} ${first.message}` : 'does not match its schema'
    },
  }
}

/** A value or null. */
export const Nullable = <Schema extends TSchema>(schema: Schema, options?: { description?: string }) =>
  Type.Union([schema, Type.Null()], options)

/** One of the given strings. */
export const StringEnum = <const Values extends readonly string[]>(
  values: Values,
  options?: { description?: string },
): TEnum<[...Values]> => Type.Enum([...values], options) as TEnum<[...Values]>
