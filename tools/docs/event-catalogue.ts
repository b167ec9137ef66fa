/**
 * docs/events.md as the code declares it: every event type of src/domain/events.ts with its
 * stream, current schema version, fields (from its TypeBox schema) and upcasters. Written by
 * `npm run docs:events`; test/unit/event-catalogue-doc.test.ts fails when the file is stale.
 */
import type { TSchema } from 'typebox'
import type { EventDefinition } from '../../src/domain/event-catalogue.ts'
import { EVENT_STREAMS } from '../../src/domain/events.ts'

export const EVENT_CATALOGUE_FILE = new URL('../../docs/events.md', import.meta.url)

/** The JSON Schema keywords TypeBox emits for the types the events use. */
type Json = {
  type?: string
  anyOf?: Json[]
  enum?: unknown[]
  const?: unknown
  items?: Json
  properties?: Record<string, Json>
  required?: string[]
  patternProperties?: Record<string, Json>
  description?: string
}

/** A schema as a TypeScript-like type: `string | null`, `'a' | 'b'`, `{ imported: integer; ... }`. */
export function typeOf(type: object): string {
  const schema: Json = type
  if (schema.anyOf) return schema.anyOf.map(typeOf).join(' | ')
  if (schema.enum) return schema.enum.map((value) => JSON.stringify(value)).join(' | ')
  if (schema.const !== undefined) return JSON.stringify(schema.const)
  if (schema.type === 'array') {
    const item = typeOf(schema.items ?? {})
    return item.includes(' ') ? `(${item})[]` : `${item}[]`
  }
  if (schema.type === 'object' && schema.properties) {
    const required = new Set(schema.required ?? [])
    const fields = Object.entries(schema.properties).map(
      ([name, inner]) => `${name}${required.has(name) ? '' : '?'}: ${typeOf(inner)}`,
    )
    return `{ ${fields.join('; ')} }`
  }
  if (schema.type === 'object' && schema.patternProperties) {
    const [value] = Object.values(schema.patternProperties)
    return `Record<string, ${typeOf(value ?? {})}>`
  }
  return schema.type ?? 'unknown'
}

const cell = (text: string) => text.replaceAll('|', '\\|')

/** A Markdown table with its columns padded, as Biome formats it (so `npm run lint` leaves it be). */
function table(header: string[], rows: string[][]): string[] {
  const widths = header.map((title, column) =>
    Math.max(title.length, ...rows.map((row) => (row[column] ?? '').length)),
  )
  const line = (cells: string[]) =>
    `| ${cells.map((text, column) => text.padEnd(widths[column] ?? 0)).join(' | ')} |`
  return [line(header), line(widths.map((width) => '-'.repeat(width))), ...rows.map(line)]
}

function renderEvent(definition: EventDefinition): string {
  const schema = definition.schema as TSchema & Json
  const required = new Set(schema.required ?? [])
  const rows = Object.entries(schema.properties ?? {}).map(([name, field]) => [
    `\`${name}\``,
    `\`${cell(typeOf(field))}\``,
    required.has(name) ? 'yes' : 'no',
    cell(field.description ?? ''),
  ])
  const upcasters =
    definition.upcasters.length === 0
      ? 'Upcasters: none (every stored version is current).'
      : [
          'Upcasters:',
          '',
          ...definition.upcasters.map((u) => `- v${u.from} → v${u.from + 1}: ${u.change}`),
        ].join('\n')
  return [
    `### ${definition.type}`,
    '',
    `Schema version **${definition.version}**. ${definition.description}`,
    '',
    ...table(['field', 'type', 'required', 'note'], rows),
    '',
    upcasters,
    '',
  ].join('\n')
}

const INTRO = `<!-- Generated from src/domain/events.ts by \`npm run docs:events\`: edit the code, not this file. -->

# Event catalogue

Every event type Nexus writes, as the domain modules declare it: each module (\`src/domain/*/\`) defines
its events with \`defineEvent\` (\`src/domain/event-catalogue.ts\`): the TypeBox schema of the data at the
current **schema version**, and one **upcaster** from each older version to the next. The TypeScript
types (\`RatingGiven\`, \`MovieAdded\`, ...) derive from those schemas. \`src/domain/events.ts\` gathers
them into the one catalogue this page is generated from (\`npm run docs:events\`; a unit test fails when
this page is stale).

## How versions work

- **Appends** are stamped with their type's current version (\`metadata.schemaVersion\`) and checked
  against its schema (a compiled TypeBox check): data that does not match is refused with
  \`InvalidEventError\` and nothing is written. An event appended with an explicit older
  \`schemaVersion\` (an import of old data) is stored as it is.
- **Reads** go through the catalogue in one place, \`src/event-store/upcasting-event-store.ts\`, which
  \`createEventStore\` puts around every adapter: an event stored at an older version (1 when the
  metadata has none) is upcast step by step and reads back at the current version. Command handlers,
  projections and their rebuilds, reactors, \`events replay\`, \`events export\` and
  \`GET /api/v1/events\` all see only current shapes. The stored row is never rewritten.
- **Unknown types pass through untouched**, both ways: an event type no module declares (written by
  a newer version of Nexus, or a test's) is appended without a stamp or a check and read back
  exactly as stored. So is an event whose stored version is newer than the catalogue's. Readers
  ignore types they do not handle (projections declare theirs in \`handles\`).

## Changing an event's shape

1. In its module, raise \`version\` and add an upcaster \`{ from: <old version>, change, up }\` that
   turns the old data into the new (pure, total: stored rows cannot be fixed afterwards).
2. Change the schema; the TypeScript type follows, and the compiler shows every handler to adapt.
3. Run \`npm run docs:events\`. Projections see the new shape on their next batch; rebuild one only
   if its read model should change for old events too.

test/integration/event-upcasting.test.ts shows a version-1 event seen as version 2 on every read
path while its row stays as written.
`

export function renderEventCatalogue(): string {
  const sections = EVENT_STREAMS.map((group) =>
    [`## \`${group.stream}\``, '', ...group.events.map((definition) => renderEvent(definition))].join('\n'),
  )
  return `${[INTRO, ...sections].join('\n').trimEnd()}\n`
}
