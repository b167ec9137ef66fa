/**
 * Every npm script's entry (and the profile tool) speaks the same command line: `--help` prints the
 * usage, a description and examples on stdout (exit 0); an unknown flag, and a bad value, print one
 * line naming it and the usage line on stderr (exit 2), never a stack trace. `--help` runs as a real
 * process for every script that no other test runs as one; the mistakes, and the `--help` of the
 * scripts other tests run as processes (RUN_ELSEWHERE, checked here), run in one process for all of
 * them (test/support/script-argv.ts: a process per command line cost about a CPU second each). Ctrl-C (SIGINT) stops
 * an embedded-mode `projections rebuild` and `events replay` in the middle of the log (exit 130),
 * and the same command then continues from where it stopped, to the same result as a run never
 * interrupted.
 */
import { type ChildProcess, spawn } from 'node:child_process'
import { readFileSync } from 'node:fs'
import { mkdtemp, rm, writeFile } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { sql } from 'kysely'
import t, { type Test } from 'tap'
import { loadReplayProjection, prepareReplay, runReplay } from '../../src/analytics/replay.ts'
import { createDatabase } from '../../src/db/connection.ts'
import { openEmbedded } from '../../src/embedded/runtime.ts'
import { PostgresEventStore } from '../../src/event-store/postgres/postgres-event-store.ts'
import { type Finished, finished } from '../support/child-process.ts'
import { runArgvCases } from '../support/script-argv.ts'

const ROOT = new URL('../..', import.meta.url)
const packageJson = JSON.parse(readFileSync(new URL('package.json', ROOT), 'utf8')) as {
  scripts: Record<string, string>
}

/** The entry file of every npm script that runs one of ours (not the server, not the tooling). */
const entries: { name: string; file: string }[] = Object.entries(packageJson.scripts)
  .map(([name, command]) => ({ name, file: /^node ((?:scripts|tools)\/\S+\.ts)$/.exec(command)?.[1] }))
  .filter((entry): entry is { name: string; file: string } => entry.file !== undefined)
entries.push({ name: 'profile-top', file: 'tools/profile/profile-top.ts' })

/**
 * Scripts another test (or the Ctrl-C test below) runs as real processes doing their work, with the
 * file that does: their `--help` runs in the one argv process, the rest each in a process of their
 * own, so that every script starts as a real process somewhere in the suite (checked below).
 */
const RUN_ELSEWHERE: Record<string, string> = {
  'scripts/projector.ts': 'test/projections/crash-consistency.test.ts',
  'scripts/projections.ts': 'test/projections/operator-scripts.test.ts',
  'scripts/users.ts': 'test/integration/auth.test.ts',
  'scripts/generate-events.ts': 'test/e2e/listen-at-once.test.ts',
  'scripts/import.ts': 'test/integration/movielens-import.test.ts',
  'scripts/events.ts': 'test/integration/cli.test.ts',
  'scripts/recommender.ts': 'test/integration/recommendations.test.ts',
  'tools/bench/bench-import.ts': 'test/integration/embedded-scripts.test.ts',
}

/** No service variables: parsing arguments comes before any configuration or connection. */
function cleanEnv(extra: Record<string, string> = {}): NodeJS.ProcessEnv {
  const env: NodeJS.ProcessEnv = { ...process.env }
  for (const name of ['DATABASE_URL', 'REDIS_URL', 'EVENTSTORE_URL', 'REDIS_KEY_PREFIX', 'NEXUS_DATA_DIR'])
    delete env[name]
  return { ...env, LOG_LEVEL: 'warn', ...extra }
}

function node(file: string, args: readonly string[], env: NodeJS.ProcessEnv = cleanEnv()): ChildProcess {
  return spawn(process.execPath, [file, ...args], { cwd: ROOT, env, stdio: ['ignore', 'pipe', 'pipe'] })
}
const run = (file: string, args: readonly string[], env?: NodeJS.ProcessEnv) =>
  finished(node(file, args, env))

/** Runs the jobs two at a time: a node process per script costs about a second on this machine. */
async function limited<T, R>(items: readonly T[], job: (item: T) => Promise<R>, width = 2): Promise<R[]> {
  const results: R[] = new Array(items.length)
  let next = 0
  await Promise.all(
    Array.from({ length: width }, async () => {
      while (next < items.length) {
        const index = next++
        results[index] = await job(items[index] as T)
      }
    }),
  )
  return results
}

const STACK_TRACE = /^\s+at /m

/** One line naming the mistake, then the usage line; nothing on stdout. */
function assertUsageError(t: Test, result: Finished, what: string, message: RegExp): void {
  t.equal(result.code, 2, `${what}: exit 2`)
  const lines = result.stderr.trimEnd().split('\n')
  t.equal(lines.length, 2, `${what}: two lines on stderr (${JSON.stringify(result.stderr)})`)
  t.match(lines[0], message, `${what}: names the mistake`)
  t.match(lines[1], /^usage: (npm run \S+ --|node tools\/)/, `${what}: then the usage`)
  t.notMatch(result.stderr, STACK_TRACE, `${what}: no stack trace`)
  t.equal(result.stdout, '', `${what}: nothing on stdout`)
}

t.test('every script: --help prints usage, description and examples; an unknown flag exits 2', async (t) => {
  t.ok(entries.length >= 17, `${entries.length} entries, from package.json`)
  for (const [script, file] of Object.entries(RUN_ELSEWHERE)) {
    const escaped = script.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')
    t.match(
      readFileSync(new URL(file, ROOT), 'utf8'),
      new RegExp(`(spawn\\(process\\.execPath, \\[|\\brun\\()'${escaped}'`),
      `${file} runs ${script} as a process`,
    )
  }
  const own = entries.filter((entry) => RUN_ELSEWHERE[entry.file] === undefined)
  const [processHelps, argvResults] = await Promise.all([
    limited(own, (entry) => run(entry.file, ['--help'])),
    runArgvCases(
      entries.flatMap((entry) => [
        { file: entry.file, args: ['--no-such-flag'], env: cleanEnv() },
        ...(RUN_ELSEWHERE[entry.file] === undefined
          ? []
          : [{ file: entry.file, args: ['--help'], env: cleanEnv() }]),
      ]),
    ),
  ])
  const helps = new Map(own.map((entry, i) => [entry.file, processHelps[i] as Finished]))
  const unknowns = new Map<string, Finished>()
  let next = 0
  for (const entry of entries) {
    unknowns.set(entry.file, argvResults[next++] as Finished)
    if (RUN_ELSEWHERE[entry.file] !== undefined) helps.set(entry.file, argvResults[next++] as Finished)
  }
  t.ok(own.length < entries.length, `${own.length} of ${entries.length} --help as processes of their own`)
  for (const entry of entries) {
    const help = helps.get(entry.file) as Finished
    const unknown = unknowns.get(entry.file) as Finished
    t.equal(help.code, 0, `${entry.name} --help: exit 0 (${help.stderr.slice(0, 300)})`)
    t.match(help.stdout, /^usage: (npm run \S+ --|node tools\/)/, `${entry.name} --help: the usage first`)
    t.match(help.stdout, /\nExamples:\n {2}(npm run|node|[A-Z_]+=)/, `${entry.name} --help: examples`)
    t.match(help.stdout, /-h, --help/, `${entry.name} --help: the options`)
    const script = entry.name === 'profile-top' ? 'profile-top' : entry.name
    assertUsageError(
      t,
      unknown,
      `${entry.name} --no-such-flag`,
      new RegExp(`^${script}: unknown option '--no-such-flag'`),
    )
  }
})

t.test('bad values and unknown commands: one line naming them, the usage, exit 2', async (t) => {
  const scratch = await mkdtemp(join(tmpdir(), 'nexus-cli-values-'))
  t.teardown(() => rm(scratch, { recursive: true, force: true }))
  const finishedExport = join(scratch, 'done.csv')
  await writeFile(finishedExport, 'username,movieId,externalIds,rank,score\r\n')
  const cases: [file: string, args: string[], message: RegExp][] = [
    ['scripts/events.ts', ['exprot'], /^events: unknown command 'exprot'/],
    ['scripts/events.ts', ['export', '--limit', '0'], /^events: --limit must be an integer/],
    ['scripts/events.ts', ['replay', 'x.ts'], /^events: replay needs --schema <name>/],
    ['scripts/projections.ts', ['rebuild', 'no_such_projection'], /^projections: unknown projection/],
    [
      'scripts/projections.ts',
      ['rebuild', 'users', '--batch-size', 'many'],
      /--batch-size must be an integer/,
    ],
    [
      'scripts/projector.ts',
      ['--only', 'no_such_projection'],
      /^projector: unknown projection no_such_projection/,
    ],
    ['scripts/generate-events.ts', ['--events', '-5'], /^generate: --events must be an integer/],
    ['scripts/generate-movielens.ts', ['--users', '3'], /^generate:movielens: --out <dir> is required/],
    [
      'scripts/import.ts',
      ['movielens', 'dir', '--on-bad-line', 'maybe'],
      /--on-bad-line must be skip or abort/,
    ],
    ['scripts/import.ts', ['tmdb', 'extra'], /^import: too many arguments/],
    ['scripts/recommender.ts', ['export', '--format', 'xml'], /^recommender: --format must be csv/],
    ['scripts/recommender.ts', ['train', '--model', 'magic'], /^recommender: --model must be one of/],
    [
      'scripts/recommender.ts',
      ['export', '--out', finishedExport],
      /^recommender: \S+done\.csv holds a finished export .*pass --force to overwrite it/,
    ],
    ['scripts/users.ts', ['promote'], /^users: unknown command 'promote'/],
    ['scripts/dev-token.ts', ['--role', 'root'], /^dev-token: --role must be one of/],
    ['scripts/migrate.ts', ['now'], /^migrate: too many arguments/],
    [
      'tools/bench/bench-append.ts',
      ['--seconds', '0'],
      /^bench:append: --seconds must be a number of seconds > 0/,
    ],
    ['tools/bench/bench-api.ts', ['--connections', 'lots'], /^bench:api: --connections must be an integer/],
    [
      'tools/bench/bench-import.ts',
      ['--ratings', '100', '--users', '2', '--movies', '3'],
      /--ratings must be at most/,
    ],
    ['tools/bench/bench-rebuild.ts', ['--events', '1e6'], /^bench:rebuild: --events must be an integer/],
    [
      'tools/bench/bench-rebuild.ts',
      ['--against', '/nonexistent-checkout'],
      /^bench:rebuild: --against \/nonexistent-checkout: /,
    ],
    ['tools/bench/bench-recommender.ts', ['--users', '0'], /^bench:recommender: --users must be an integer/],
    [
      'tools/profile/profile-top.ts',
      ['p.cpuprofile', '--match', '('],
      /^profile-top: --match is not a regular/,
    ],
  ]
  // With servers configured: in embedded mode the projector is refused before its arguments are checked.
  const servers = cleanEnv({ DATABASE_URL: 'postgres://127.0.0.1:1/none', REDIS_URL: 'redis://127.0.0.1:1' })
  const results = await runArgvCases(
    cases.map(([file, args]) => ({
      file,
      args,
      env: file === 'scripts/projector.ts' ? servers : cleanEnv(),
    })),
  )
  cases.forEach(([file, args, message], i) => {
    assertUsageError(t, results[i] as Finished, `${file} ${args.join(' ')}`, message)
  })
})

t.test('Ctrl-C in embedded mode: rebuild and replay stop mid-log with 130 and continue', async (t) => {
  const root = await mkdtemp(join(tmpdir(), 'nexus-cli-'))
  t.teardown(() => rm(root, { recursive: true, force: true }))
  const env = cleanEnv({ NEXUS_DATA_DIR: join(root, 'data') })
  // Small batches make each run long enough to interrupt (PGlite applies about a thousand events a
  // second in batches of 50: seconds for this log, and the signal goes at the first progress line),
  // without generating a large log: every run over it is PGlite's work in a process of its own.
  const EVENTS = 4_000
  const generated = await run('scripts/generate-events.ts', ['--events', String(EVENTS)], env)
  t.equal(generated.code, 0, generated.stderr.slice(-500))

  /** Starts the script and sends SIGINT once stderr shows `ready` (the work is under way). */
  async function interrupted(
    args: string[],
    ready: RegExp,
  ): Promise<Finished & { interruptedEarly: boolean }> {
    const child = node(args[0] as string, args.slice(1), env)
    const done = finished(child)
    let seen = ''
    let sent = false
    child.stderr?.on('data', (chunk: string) => {
      seen += chunk
      if (!sent && ready.test(seen)) {
        sent = true
        child.kill('SIGINT')
      }
    })
    const result = await done
    return { ...result, interruptedEarly: sent }
  }

  t.test('projections rebuild', async (t) => {
    const stopped = await interrupted(
      ['scripts/projections.ts', 'rebuild', 'user_ratings', '--batch-size', '50'],
      /rebuild user_ratings \[/,
    )
    t.ok(stopped.interruptedEarly, 'SIGINT sent while it ran')
    t.equal(stopped.code, 130, `exit 130 (${stopped.stderr.slice(-400)})`)
    t.match(stopped.stderr, /interrupted at [0-9a-f]{32} of generation \d+/, 'says where it stopped')
    t.match(stopped.stderr, /run "npm run projections -- rebuild user_ratings" again to resume/)
    t.notMatch(stopped.stderr, STACK_TRACE)

    const resumed = await run('scripts/projections.ts', ['rebuild', 'user_ratings'], env)
    t.equal(resumed.code, 0, resumed.stderr.slice(-400))
    const toGo = Number(
      /resuming generation \d+ of user_ratings from its checkpoint [0-9a-f]{32} \((\d+) events to go\)/.exec(
        resumed.stderr,
      )?.[1],
    )
    t.ok(toGo > 0 && toGo < EVENTS, `it had stopped in the middle: ${toGo} of ${EVENTS} events to go`)
    t.match(resumed.stderr, /rebuilt user_ratings: generation \d+ is active/)
  })

  t.test('events replay', async (t) => {
    const module = 'projections/examples/ratings-per-day.ts'
    const stopped = await interrupted(
      ['scripts/events.ts', 'replay', module, '--schema', 'analyst_resumed', '--batch-size', '50'],
      /replay ratings_per_day \[/,
    )
    t.ok(stopped.interruptedEarly, 'SIGINT sent while it ran')
    t.equal(stopped.code, 130, `exit 130 (${stopped.stderr.slice(-400)})`)
    t.match(stopped.stderr, /replay: interrupted at [0-9a-f]{32} after \d+ events this run/)
    t.match(stopped.stderr, /run the same command again to continue: npm run -s events -- replay /)
    t.notMatch(stopped.stderr, STACK_TRACE)

    const resumed = await run('scripts/events.ts', ['replay', module, '--schema', 'analyst_resumed'], env)
    t.equal(resumed.code, 0, resumed.stderr.slice(-400))
    const before = Number(
      /from its checkpoint [0-9a-f]{32} \((\d+) events applied before\)/.exec(resumed.stderr)?.[1],
    )
    t.ok(before > 0, `resumed after ${before} events applied`)
    const applied = Number(/replay: caught up: (\d+) events applied in all/.exec(resumed.stderr)?.[1])
    t.ok(applied > before, `caught up: ${applied} events applied in all`)

    // The reference, a replay never interrupted, runs here through the library the script calls: the
    // process that checks the tables opens the data directory anyway (a process of its own cost a
    // Node start and a PGlite open, ~2.5 CPU s, and proved nothing the two runs above do not).
    const runtime = await openEmbedded(join(root, 'data'))
    const store = new PostgresEventStore(runtime.pool, { listen: runtime.listen })
    try {
      const db = createDatabase(runtime.pool)
      const projection = await loadReplayProjection(module)
      const start = await prepareReplay(db, projection, 'analyst_whole', module)
      t.notOk(start.resumed, 'the reference starts from the beginning of the log')
      const whole = await runReplay(projection, 'analyst_whole', {
        store,
        db,
        signal: new AbortController().signal,
      })
      t.match(whole, { outcome: 'caught_up', applied }, 'the same events applied as the two runs together')
      const table = async (schema: string) =>
        (
          await sql<{ day: string; ratings_given: number; stars_sum: string }>`
            SELECT day::text, ratings_given, stars_sum::text FROM ${sql.id(schema, 'ratings_per_day')} ORDER BY day`.execute(
            db,
          )
        ).rows
      const resumedRows = await table('analyst_resumed')
      t.ok(resumedRows.length > 0, 'the replay wrote rows')
      t.strictSame(resumedRows, await table('analyst_whole'), 'the same as a replay never interrupted')
    } finally {
      await store.close()
      await runtime.release()
    }
  })
})
