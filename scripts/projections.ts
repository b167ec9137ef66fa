/**
 * `npm run projections -- <command>`: what operators do to projections.
 *   status [--json]                      state, checkpoint, lag, owner and error of each projection
 *   rebuild <name> [--batch-size <n>]    blue-green rebuild with progress; Ctrl-C leaves it resumable
 *   reset <name> [--yes]                 drop the data; the projector refills it from the start
 *   skip <name> <position>               move a projection stopped on a poison event past it
 * Exit codes: 0 done, 1 failed, 2 usage, 130/143 interrupted by SIGINT/SIGTERM (rerun to resume).
 */
import { hostname } from 'node:os'
import { createInterface } from 'node:readline/promises'
import pino from 'pino'
import {
  type Command as CommanderCommand,
  createProgram,
  EXIT,
  integerValue,
  interruptions,
  parseProgram,
  usageError,
} from '../src/cli/command.ts'
import { createProgress, type Progress } from '../src/cli/progress.ts'
import { loadConfigOrExit } from '../src/config.ts'
import { errorSerializers } from '../src/errors.ts'
import { decodePosition, isPosition, type Position, START } from '../src/event-store/contract.ts'
import {
  type OperationContext,
  OperationError,
  rebuildProjection,
  resetProjection,
  skipTo,
} from '../src/projector/operations.ts'
import type { Projection } from '../src/projector/projection.ts'
import { projectionStatus, type StatusReport } from '../src/projector/status.ts'
import { openRuntimeOrExit } from '../src/runtime/open-runtime.ts'
import { createReactorServices } from '../src/runtime/reactor-services.ts'
import { type Registered, registered, runnable } from '../src/runtime/registry.ts'

// Reactors (kind reactor) share the registry: status shows them; rebuild or reset re-delivers the
// log to one (its reactions are idempotent: only events without an outcome cause work).
const projections = registered

const names = projections.map((p) => p.name).join(', ')

const out = (line: string) => process.stdout.write(`${line}\n`)
const say = (line: string) => process.stderr.write(`${line}\n`)

/** One command and what it needs, checked before anything connects. */
type Command =
  | { name: 'status'; json: boolean }
  | { name: 'rebuild'; projection: Registered; batchSize: number | undefined }
  | { name: 'reset'; projection: Registered; yes: boolean }
  | { name: 'skip'; projection: Registered; position: Position }

const program = createProgram(
  'projections',
  'What operators do to projections (read models and reactors). Exit codes: 0 done, 1 failed, ' +
    '2 bad arguments, 130/143 interrupted by SIGINT/SIGTERM (run it again to resume).',
  [
    'npm run projections -- status',
    'npm run projections -- rebuild user_ratings',
    'npm run projections -- skip user_ratings 000000000000002a0000000000000400',
  ],
)
program.addHelpText('after', `\nProjections: ${names}`)

function projectionNamed(command: CommanderCommand, name: string): Registered {
  const projection = projections.find((p) => p.name === name)
  if (!projection) usageError(command, `unknown projection ${JSON.stringify(name)}; known: ${names}`)
  return projection
}

// Set by the chosen command's action (an object: TypeScript does not follow assignments in callbacks).
const picked: { command: Command | null } = { command: null }
program
  .command('status')
  .description('state, checkpoint, lag, owner and error of each projection')
  .option('--json', 'as JSON', false)
  .action((options: { json: boolean }) => {
    picked.command = { name: 'status', json: options.json }
  })
program
  .command('rebuild')
  .description(
    'blue-green rebuild into a new generation while the active one serves, with progress; ' +
      'Ctrl-C leaves it resumable (the same command continues)',
  )
  .argument('<name>', 'the projection')
  .option('--batch-size <n>', 'events per transaction, 1 to 100000')
  .action((name: string, options: { batchSize?: string }, command: CommanderCommand) => {
    picked.command = {
      name: 'rebuild',
      projection: projectionNamed(command, name),
      batchSize:
        options.batchSize === undefined
          ? undefined
          : integerValue(command, 'batch-size', options.batchSize, 1, 100_000),
    }
  })
program
  .command('reset')
  .description("drop a projection's data; the projector refills it from the start (asks unless --yes)")
  .argument('<name>', 'the projection')
  .option('--yes', 'do not ask', false)
  .action((name: string, options: { yes: boolean }, command: CommanderCommand) => {
    picked.command = { name: 'reset', projection: projectionNamed(command, name), yes: options.yes }
  })
program
  .command('skip')
  .description('move a projection stopped on a poison event past it, to <position>')
  .argument('<name>', 'the projection')
  .argument('<position>', 'the position to move to (32 hex digits, as status prints)')
  .action((name: string, position: string, _options: unknown, command: CommanderCommand) => {
    const projection = projectionNamed(command, name)
    if (!isPosition(position)) usageError(command, `${position} is not a position (32 hex digits)`)
    picked.command = { name: 'skip', projection, position }
  })
parseProgram(program)
if (picked.command === null) process.exit(EXIT.usage)
const chosen: Command = picked.command

const config = loadConfigOrExit()
const logger = pino(
  {
    level: config.logLevel,
    base: { process: 'projections', pid: process.pid },
    serializers: errorSerializers,
  },
  pino.destination({ dest: 2, sync: true }),
)
// Embedded mode: works while no `npm start` holds the data directory (it says so otherwise).
const database = await openRuntimeOrExit('projections', config, {
  applicationName: 'nexus-projections',
  onIdleError: (error) => logger.warn({ err: error }, 'idle PostgreSQL connection lost'),
  onSubscriptionError: (error) => logger.warn({ err: error }, 'subscription error, retrying'),
  onRedisError: (error) => logger.warn({ err: error }, 'Redis unavailable, reconnecting'),
})
const { db, store } = database
// Only the commands that write need Redis: status works while Redis is down.
const counters = chosen.name === 'status' ? null : database.counters()
const reactorServices = counters
  ? createReactorServices({
      config,
      redis: counters.redis,
      logger,
      embeddedPool: database.embedded?.pool ?? null,
    })
  : null
const context: OperationContext = {
  store,
  db,
  ...(counters ? { redis: counters } : {}),
  logger,
  owner: `${hostname()}/${process.pid}`,
  acquireLease: database.acquireLease,
}

// Ctrl-C (or SIGTERM) stops a rebuild at its next batch; a second one leaves at once.
const stop = interruptions('projections')

async function status(json: boolean): Promise<number> {
  const report = await projectionStatus(db, store, projections)
  if (json) out(JSON.stringify(report, null, 2))
  else printStatus(report)
  return 0
}

function printStatus(report: StatusReport): void {
  const header = [
    'PROJECTION',
    'VERSION',
    'GEN',
    'STATE',
    'CHECKPOINT',
    'LAG EVENTS',
    'LAG S',
    'OWNER',
    'ERROR',
  ]
  const rows: string[][] = []
  const notes: string[] = []
  for (const projection of report.projections) {
    if (projection.generations.length === 0) {
      rows.push([projection.name, String(projection.codeVersion), '-', 'not created', '-', '-', '-', '-', ''])
      continue
    }
    for (const g of projection.generations) {
      rows.push([
        projection.name,
        String(g.version),
        `${g.generation}${g.active ? ' (active)' : ''}`,
        g.state,
        g.checkpoint,
        g.lag.events === null ? '?' : String(g.lag.events),
        g.lag.seconds.toFixed(1),
        holder(g),
        g.error ? `${g.error.type} at ${g.error.position}: ${truncate(g.error.message, 60)}` : '',
      ])
      if (g.error) {
        const who =
          g.owner !== null && g.ownerAlive
            ? `held by ${g.owner}, which waits for an operator`
            : 'no process holds it'
        notes.push(
          g.active
            ? `${projection.name} stopped on event ${g.error.eventId} (${who}); fix the handler (a new ` +
                `version is rebuilt by the projector), or move past it: npm run projections -- skip ${projection.name} ${g.error.position}`
            : `${projection.name}: the rebuild into generation ${g.generation} stopped on event ${g.error.eventId} ` +
                `(${who}); the active generation serves meanwhile. Fix the cause and run the rebuild again, or ` +
                `move past it: npm run projections -- skip ${projection.name} ${g.error.position}, then ` +
                `npm run projections -- rebuild ${projection.name}`,
        )
      }
      if (g.active && g.version !== projection.codeVersion)
        notes.push(
          `${projection.name}: the code declares version ${projection.codeVersion}, the active generation is ` +
            `version ${g.version}; the projector rebuilds it (or: npm run projections -- rebuild ${projection.name})`,
        )
    }
  }
  const widths = header.map((title, i) => Math.max(title.length, ...rows.map((row) => (row[i] ?? '').length)))
  const line = (cells: string[]) =>
    cells
      .map((cell, i) => cell.padEnd(widths[i] ?? 0))
      .join('  ')
      .trimEnd()
  out(`event store: ${report.eventStore}, head ${report.head}, at ${report.checkedAt}`)
  out(line(header))
  for (const row of rows) out(line(row))
  for (const note of notes) out(`\n${note}`)
}

/** Who runs the generation: its owner, flagged when silent; a stopped one is held or nobody's. */
function holder(g: StatusReport['projections'][number]['generations'][number]): string {
  if (g.owner === null) return '-'
  if (g.ownerAlive) return g.state === 'stopped' ? `held by ${g.owner}` : g.owner
  return g.state === 'stopped' ? `nobody (last ${g.owner})` : `${g.owner} (no heartbeat)`
}

const truncate = (text: string, length: number) =>
  text.length <= length ? text : `${text.slice(0, length - 1)}…`

/** The log's global sequence (PostgreSQL store): progress in events; null for other stores. */
const sequence = (position: Position): number | null =>
  store.kind === 'postgres' ? Number(decodePosition(position).low) : null

async function rebuild(projection: Projection, size: number | undefined): Promise<number> {
  const before = await projectionStatus(db, store, [projection])
  const current = before.projections[0]
  // The generation rebuildProjection continues: one being built (or stopped on a poison event) for
  // the same version, else a new one.
  const resumable = current?.generations
    .filter(
      (g) =>
        !g.active && (g.state === 'building' || g.state === 'stopped') && g.version === projection.version,
    )
    .at(-1)
  const from = resumable?.checkpoint ?? START
  say(
    resumable
      ? `resuming generation ${resumable.generation} of ${projection.name} from its checkpoint ${from}` +
          (resumable.lag.events === null ? '' : ` (${resumable.lag.events} events to go)`)
      : `rebuilding ${projection.name} into a new generation from the start of the log, while the active one serves`,
  )
  const head = sequence(before.head)
  const start = sequence(from)
  // Written by the progress callback (TypeScript does not follow assignments made in callbacks).
  const seen: { bar: Progress | null; reached: { position: Position; generation: number } | null } = {
    bar: null,
    reached: null,
  }
  const started = performance.now()
  let lastLine = 0

  const outcome = await rebuildProjection(projection, context, {
    signal: stop.signal,
    batchSize: size,
    onProgress: (progress) => {
      seen.reached = { position: progress.position, generation: progress.generation }
      const done = sequence(progress.position)
      if (done !== null && head !== null && start !== null) {
        // Nothing left to do (a rebuild resumed at the head): no bar to draw.
        if (seen.bar === null && progress.caughtUp && done <= start) return
        seen.bar ??= createProgress(`rebuild ${projection.name}`, head, start)
        const { bar } = seen
        // The head moves while live appends go on; when it overtakes the estimate, follow it.
        if (done > head || progress.caughtUp) bar.setTotal(done)
        bar.update(done)
      } else if (performance.now() - lastLine > 2_000 || progress.caughtUp) {
        lastLine = performance.now()
        say(`rebuild ${projection.name}: ${progress.applied} events applied`)
      }
    },
  }).catch((error: unknown) => {
    // An abort can surface as an error of whatever was in flight: it is still an interruption.
    if (stop.signal.aborted) return 'interrupted' as const
    seen.bar?.stop()
    throw error
  })
  seen.bar?.stop()
  const seconds = (performance.now() - started) / 1000
  const end = seen.reached
  const passed = end && start !== null ? (sequence(end.position) ?? 0) - start : null
  const rate =
    passed === null
      ? ''
      : `, ${passed} events in ${seconds.toFixed(1)} s (${Math.round(passed / Math.max(seconds, 0.001))} events/s)`
  if (outcome === 'interrupted') {
    say(
      `interrupted${end ? ` at ${end.position} of generation ${end.generation}` : ''}${rate}. ` +
        `Nothing is lost: run "npm run projections -- rebuild ${projection.name}" again to resume from there.`,
    )
    return stop.exitCode
  }
  const after = await projectionStatus(db, store, [projection])
  say(`rebuilt ${projection.name}: generation ${after.projections[0]?.activeGeneration} is active${rate}`)
  return 0
}

async function confirmReset(projection: Projection): Promise<boolean> {
  const prompt = createInterface({ input: process.stdin, output: process.stderr })
  try {
    const answer = await prompt.question(
      `reset ${projection.name}: its data is dropped now and refilled from the start of the log by the ` +
        'projector; until then queries see it empty or partial.\n' +
        `Type the projection name to confirm: `,
      { signal: stop.signal },
    )
    return answer.trim() === projection.name
  } catch {
    return false
  } finally {
    prompt.close()
  }
}

async function reset(projection: Projection, yes: boolean): Promise<number> {
  if (!yes) {
    if (!process.stdin.isTTY) {
      say(
        `projections: reset drops the data of ${projection.name}; without a terminal to confirm on, ` +
          `pass --yes: npm run projections -- reset ${projection.name} --yes`,
      )
      return 2
    }
    if (!(await confirmReset(projection))) {
      say('not confirmed: nothing changed')
      return 1
    }
  }
  const generation = await resetProjection(projection, context)
  say(
    `reset ${projection.name}: generation ${generation} is active and empty; a running projector ` +
      '(npm run projector, or the API with RUN_PROJECTORS) fills it from the start of the log',
  )
  return 0
}

async function skip(projection: Projection, position: Position): Promise<number> {
  const generation = await skipTo(projection, position, context)
  const active = (await projectionStatus(db, store, [projection])).projections[0]?.activeGeneration
  say(
    generation === active
      ? `${projection.name} moved to ${position}: the projector resumes it after that position within seconds`
      : `${projection.name} generation ${generation} (being rebuilt) moved to ${position}: run ` +
          `"npm run projections -- rebuild ${projection.name}" to continue it past that position`,
  )
  return 0
}

/** The registered projection or reactor, built (a reactor with its services). */
function built(declared: Registered): Projection {
  const projection = reactorServices && runnable(reactorServices).find((p) => p.name === declared.name)
  if (!projection) throw new Error(`${declared.name} cannot run here`)
  return projection
}

function run(command: Command): Promise<number> {
  switch (command.name) {
    case 'status':
      return status(command.json)
    case 'rebuild':
      return rebuild(built(command.projection), command.batchSize)
    case 'reset':
      return reset(built(command.projection), command.yes)
    case 'skip':
      return skip(built(command.projection), command.position)
  }
}

let code = 1
try {
  code = await run(chosen)
} catch (error) {
  if (error instanceof OperationError) say(`projections: ${error.message}`)
  else if ((error as { code?: unknown }).code === '42P01')
    say(`projections: the projection registry does not exist in this database; run npm run migrate first`)
  else {
    logger.error({ err: error }, 'projections command failed')
    say(`projections: ${error instanceof Error ? error.message : String(error)}`)
  }
  code = 1
} finally {
  reactorServices?.close()
  await database.close().catch(() => {})
}
process.exit(code)
