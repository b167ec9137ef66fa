/**
 * The architecture guard: the domain stays pure, the read side never reaches into the command side or
 * an event store adapter, the projection engine imports no adapter, and only src/config.ts reads the
 * environment.
 * @see https://github.com/Sairyss/domain-driven-hexagon (.dependency-cruiser.js)
 */
import { readdirSync, readFileSync } from 'node:fs'
import { dirname, join, relative, resolve } from 'node:path'
import { fileURLToPath } from 'node:url'
import t from 'tap'

const root = fileURLToPath(new URL('../..', import.meta.url))

type Import = { specifier: string; typeOnly: boolean }

/**
 * Comments that start a line removed, so prose mentioning an import or process.env is not code. Only
 * line-start ones: a glob like 'src/**' inside a string must not open a "comment" that hides code.
 */
function code(source: string): string {
  return source.replace(/^\s*\/\*[\s\S]*?\*\//gm, '').replace(/^\s*\/\/.*$/gm, '')
}

/** Every static import/export-from, side-effect import and dynamic import() of a module. */
function importsOf(source: string): Import[] {
  const found: Import[] = []
  const text = code(source)
  for (const m of text.matchAll(
    /\b(import|export)(\s+type\b)?\s*([\w$*{},\s]*?)\s*from\s*['"]([^'"]+)['"]/g,
  )) {
    const clause = m[3] ?? ''
    const names = clause
      .match(/^\{([\s\S]*)\}$/)?.[1]
      ?.split(',')
      .map((name) => name.trim())
      .filter(Boolean)
    const allTypes =
      names !== undefined && names.length > 0 && names.every((name) => name.startsWith('type '))
    found.push({ specifier: m[4] ?? '', typeOnly: m[2] !== undefined || allTypes })
  }
  for (const m of text.matchAll(/\bimport\s*(?:\(\s*)?['"]([^'"]+)['"]/g)) {
    found.push({ specifier: m[1] ?? '', typeOnly: false })
  }
  return found
}

/** Reads of the environment: process.env, process['env'], `{ env } = process`, or env from node:process. */
function readsEnv(source: string): boolean {
  const text = code(source)
  return (
    /\bprocess\s*\??\.\s*env\b/.test(text) ||
    /\bprocess\s*\[\s*['"`]env['"`]\s*\]/.test(text) ||
    /\{[^}]*\benv\b[^}]*\}\s*=\s*(?:globalThis\.)?process\b/.test(text) ||
    /\bimport\s*\{[^}]*\benv\b[^}]*\}\s*from\s*['"](?:node:)?process['"]/.test(text)
  )
}

function filesUnder(dir: string): string[] {
  return readdirSync(join(root, dir), { recursive: true, encoding: 'utf8' })
    .filter((file) => file.endsWith('.ts'))
    .map((file) => join(dir, file).split('\\').join('/'))
    .sort()
}

/** The repository-relative path a relative specifier points at, or null for a package or builtin. */
function target(file: string, specifier: string): string | null {
  if (!specifier.startsWith('.')) return null
  return relative(root, resolve(root, dirname(file), specifier))
    .split('\\')
    .join('/')
}

const packageOf = (specifier: string) =>
  specifier
    .replace(/^node:/, '')
    .split('/')
    .slice(0, specifier.startsWith('@') ? 2 : 1)
    .join('/')

const FORBIDDEN_IN_DOMAIN = new Set([
  'fastify',
  'kysely',
  'ioredis',
  'pg',
  '@eventstore/db-client',
  '@electric-sql/pglite',
  'pg-copy-streams',
  'fs',
  'net',
  'http',
  'https',
  'dns',
  'child_process',
  'worker_threads',
])

function domainViolations(file: string, source: string): string[] {
  return importsOf(source).flatMap(({ specifier }) => {
    const path = target(file, specifier)
    if (path === null)
      return FORBIDDEN_IN_DOMAIN.has(packageOf(specifier)) ? [`${file} imports ${specifier}`] : []
    return path.startsWith('src/domain/') || path === 'src/errors.ts'
      ? []
      : [`${file} imports ${specifier} (${path})`]
  })
}

/**
 * The files of src/identity/ that are not commands: helpers the read side, projections and plugins
 * share. Everything else there (registration, login, sessions, erasure, their routes) is the command
 * side, as src/write/ and src/ingest/ are; a new shared helper is added here on purpose.
 */
const IDENTITY_SHARED = new Set(
  [
    'common-passwords.ts',
    'passwords.ts',
    'refresh-token-values.ts',
    'session-revocations.ts',
    'usernames.ts',
  ].map((name) => `src/identity/${name}`),
)

const isCommandSide = (path: string) =>
  path.startsWith('src/write/') ||
  path.startsWith('src/ingest/') ||
  (path.startsWith('src/identity/') && !IDENTITY_SHARED.has(path))

function readSideViolations(file: string, source: string): string[] {
  return importsOf(source).flatMap(({ specifier, typeOnly }) => {
    const path = target(file, specifier)
    if (path === null) return []
    if (isCommandSide(path))
      return [`${file} imports ${specifier}: the read side never uses the command side`]
    if (path.startsWith('src/event-store/') && path !== 'src/event-store/contract.ts') {
      return [`${file} imports ${specifier}: the read side reaches positions only through the contract`]
    }
    if (path.startsWith('src/domain/') && !typeOnly) {
      return [
        `${file} imports ${specifier}: the read side never runs the domain (type-only imports are fine)`,
      ]
    }
    return []
  })
}

/**
 * The admin console (src/admin) writes and reads only through the API routes (app.inject): it
 * imports no database, no event store, no command handler and no projection engine. It may fold a
 * stream with the domain's evolve (the stream browser) and use the API's plugins' types.
 */
const CONSOLE_FORBIDDEN_PACKAGES = new Set([
  'kysely',
  'pg',
  'ioredis',
  '@eventstore/db-client',
  '@electric-sql/pglite',
])
const CONSOLE_FORBIDDEN_PATHS = ['src/db/', 'src/event-store/', 'src/projector/', 'src/read/', 'projections/']

function consoleViolations(file: string, source: string): string[] {
  return importsOf(source).flatMap(({ specifier }) => {
    const path = target(file, specifier)
    if (path === null)
      return CONSOLE_FORBIDDEN_PACKAGES.has(packageOf(specifier))
        ? [`${file} imports ${specifier}: the console goes through the API`]
        : []
    return isCommandSide(path) || CONSOLE_FORBIDDEN_PATHS.some((prefix) => path.startsWith(prefix))
      ? [`${file} imports ${specifier} (${path}): the console goes through the API`]
      : []
  })
}

/** Adapters the projection engine must not know: it is handed stores and counters through ports. */
const ADAPTER_PACKAGES = new Set(['ioredis', 'pg', '@eventstore/db-client', '@electric-sql/pglite'])
const ADAPTER_PATHS = [
  'src/embedded/',
  'src/ingest/tmdb/',
  'src/event-store/postgres/',
  'src/event-store/eventstoredb/',
  'src/runtime/',
  'src/ingest/',
]
/** The key-value port's adapters; the runtime (opener, registry, the services that build the TMDb client). */
const ADAPTER_FILES = new Set(['src/key-value/redis.ts', 'src/key-value/memory-store.ts'])

function engineViolations(file: string, source: string): string[] {
  return importsOf(source).flatMap(({ specifier }) => {
    const path = target(file, specifier)
    if (path === null)
      return ADAPTER_PACKAGES.has(packageOf(specifier)) ? [`${file} imports ${specifier}`] : []
    return ADAPTER_PATHS.some((prefix) => path.startsWith(prefix)) || ADAPTER_FILES.has(path)
      ? [`${file} imports ${specifier} (${path})`]
      : []
  })
}

t.test('the guard itself recognises each form of import it polices', async (t) => {
  const sample = [
    "import Fastify from 'fastify'",
    "import type { Kysely } from 'kysely'",
    'import {\n  Redis,\n  type RedisOptions,\n} from "ioredis"',
    "import * as pg from 'pg'",
    "export { EventStoreDBClient } from '@eventstore/db-client'",
    "export * from 'node:fs/promises'",
    "import 'node:net'",
    "const http = await import('node:http')",
    "import { type A, type B } from './types.ts'",
    '// import nothing from "a-comment"',
    "export const from = 'not an import'",
  ].join('\n')
  t.strictSame(importsOf(sample), [
    { specifier: 'fastify', typeOnly: false },
    { specifier: 'kysely', typeOnly: true },
    { specifier: 'ioredis', typeOnly: false },
    { specifier: 'pg', typeOnly: false },
    { specifier: '@eventstore/db-client', typeOnly: false },
    { specifier: 'node:fs/promises', typeOnly: false },
    { specifier: './types.ts', typeOnly: true },
    { specifier: 'node:net', typeOnly: false },
    { specifier: 'node:http', typeOnly: false },
  ])
  t.equal(
    domainViolations('src/domain/x/decide.ts', sample).length,
    8,
    'every package and builtin is flagged',
  )
  t.strictSame(
    domainViolations(
      'src/domain/x/decide.ts',
      "import { a } from '../../errors.ts'\nimport { b } from '../y/y.ts'\nimport { c } from '../../write/handle-command.ts'\nimport { d } from '../../../projections/index.ts'\nimport { randomUUID } from 'node:crypto'",
    ),
    [
      'src/domain/x/decide.ts imports ../../write/handle-command.ts (src/write/handle-command.ts)',
      'src/domain/x/decide.ts imports ../../../projections/index.ts (projections/index.ts)',
    ],
  )
  t.strictSame(
    readSideViolations(
      'src/read/x/routes.ts',
      [
        "import { handleCommand } from '../../write/handle-command.ts'",
        "import { PostgresEventStore } from '../../event-store/postgres/postgres-event-store.ts'",
        "import { isPosition, type Position } from '../../event-store/contract.ts'",
        "import type { RatingGiven } from '../../domain/interaction/interaction.ts'",
        "import { evolve } from '../../domain/interaction/interaction.ts'",
      ].join('\n'),
    ).length,
    3,
  )
  t.strictSame(
    readSideViolations(
      'src/read/x/routes.ts',
      [
        "import { importMovies } from '../../ingest/import-movies.ts'",
        "import { register } from '../../identity/register.ts'",
        "import { usernameKey } from '../../identity/usernames.ts'",
      ].join('\n'),
    ).length,
    2,
    'ingest and identity commands are the command side; identity helpers are shared',
  )
  t.strictSame(
    engineViolations(
      'src/projector/x.ts',
      [
        "import type { Redis } from 'ioredis'",
        "import { MemoryStore } from '../embedded/memory-store.ts'",
        "import { TmdbClient } from '../ingest/tmdb/client.ts'",
        "import { PostgresEventStore } from '../event-store/postgres/postgres-event-store.ts'",
        "import type { EventStore } from '../event-store/contract.ts'",
        "import type { Kysely } from 'kysely'",
      ].join('\n'),
    ).length,
    4,
    'the engine may use the contract and kysely, not an adapter',
  )
  t.ok(readsEnv('const port = process.env.PORT'))
  t.ok(readsEnv("const port = process['env'].PORT"))
  t.ok(readsEnv('const { env } = process'))
  t.ok(readsEnv("import { env } from 'node:process'"))
  t.notOk(readsEnv('// nothing else touches process.env\nconst config = loadConfig()'))
  t.notOk(readsEnv('/** reads process.env once */\nexport const x = 1'))
})

t.test('src/domain imports no infrastructure and nothing outside the domain but src/errors.ts', async (t) => {
  const files = filesUnder('src/domain')
  t.ok(files.length > 0, 'there are domain files to check')
  const violations = files.flatMap((file) => domainViolations(file, readFileSync(join(root, file), 'utf8')))
  t.strictSame(violations, [], violations.join('\n'))
})

t.test(
  'src/read imports neither the command side, nor an event store adapter, nor domain code',
  async (t) => {
    const files = filesUnder('src/read')
    t.ok(files.length > 0, 'there are read-side files to check')
    const violations = files.flatMap((file) =>
      readSideViolations(file, readFileSync(join(root, file), 'utf8')),
    )
    t.strictSame(violations, [], violations.join('\n'))
  },
)

t.test('src/admin (the console) reaches data only through the API routes', async (t) => {
  const files = filesUnder('src/admin')
  t.ok(files.length > 0, 'there are console files to check')
  t.equal(
    consoleViolations(
      'src/admin/x.ts',
      [
        "import { sql } from 'kysely'",
        "import { handleCommand } from '../write/handle-command.ts'",
        "import { eraseUser } from '../identity/erase.ts'",
        "import type { EventStore } from '../event-store/contract.ts'",
        "import { evolve } from '../domain/movie/movie.ts'",
        "import type { Role } from '../plugins/auth.ts'",
      ].join('\n'),
    ).length,
    4,
    'the guard flags the database, commands and the store, not the domain or plugin types',
  )
  const violations = files.flatMap((file) => consoleViolations(file, readFileSync(join(root, file), 'utf8')))
  t.strictSame(violations, [], violations.join('\n'))
})

t.test('src/projector (the engine) imports no adapter, no TMDb, no embedded code', async (t) => {
  const files = filesUnder('src/projector')
  t.ok(files.length > 0, 'there are engine files to check')
  const found = files.flatMap((file) => engineViolations(file, readFileSync(join(root, file), 'utf8')))
  t.strictSame(found, [], `adapter imports in the engine:\n${found.join('\n')}`)
})

t.test('no code outside src/key-value asks which key-value adapter it holds', async (t) => {
  const files = ['src', 'scripts', 'tools', 'projections']
    .flatMap(filesUnder)
    .filter((file) => !file.startsWith('src/key-value/'))
  t.ok(files.length > 0, 'there are files to check')
  const asking = files.filter((file) =>
    /instanceof\s+(MemoryStore|RedisKeyValue|Redis)\b/.test(readFileSync(join(root, file), 'utf8')),
  )
  t.strictSame(asking, [], asking.map((file) => `${file} branches on the adapter`).join('\n'))
})

t.test('only src/config.ts reads process.env in src/, scripts/, tools/ and projections/', async (t) => {
  const files = ['src', 'scripts', 'tools', 'projections'].flatMap(filesUnder)
  t.ok(
    files.includes('src/config.ts') && readsEnv(readFileSync(join(root, 'src/config.ts'), 'utf8')),
    'the check sees config.ts read it',
  )
  const readers = files.filter(
    (file) => file !== 'src/config.ts' && readsEnv(readFileSync(join(root, file), 'utf8')),
  )
  t.strictSame(readers, [], readers.map((file) => `${file} reads process.env`).join('\n'))
})
