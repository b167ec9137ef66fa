/**
 * `npm run recommender -- <command>`: the recommender's long work.
 *   train [--model auto|<candidate>] [--every <minutes>]   select (auto: every candidate tuned and
 *       compared on a temporal split of the read models), train the winner, publish atomically
 *       (appends ModelTrained on job-<id>, the selection's report included); with --every, again on
 *       that schedule
 *   status                                                the serving model and its selection report
 *   export [--limit 10] [--format csv] [--out file]      every user's top-N as CSV
 *   evaluate <movielens dir> [--seed n] [--model name] [--k 10]   offline evaluation against popularity
 * Progress goes to stderr. Ctrl-C stops cleanly: an interrupted training leaves the serving model as
 * it was (run it again to retrain); an interrupted export with --out keeps the users written so far
 * and the same command continues after the last complete one (`<file>.progress` says where).
 * Exit codes: 0 done, 1 failed, 2 usage, 130 interrupted.
 */
import { randomUUID } from 'node:crypto'
import { once } from 'node:events'
import { existsSync, statSync } from 'node:fs'
import { monitorEventLoopDelay } from 'node:perf_hooks'
import { setTimeout as sleep } from 'node:timers/promises'
import { recommendationFeedback } from '../projections/recommendation-feedback.ts'
import { userLibrary } from '../projections/user-library.ts'
import { userRatings } from '../projections/user-ratings.ts'
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
import type { EventStore } from '../src/event-store/contract.ts'
import { readMovieLensRatings } from '../src/ingest/movielens/read-movielens.ts'
import { catchUpState, waitUntilCaughtUp } from '../src/projector/catch-up.ts'
import { popularityPrior } from '../src/read/recommendations/queries.ts'
import { evaluateOffline } from '../src/recommend/evaluate.ts'
import {
  checkpointPath,
  ExportLimitMismatch,
  exportRecommendations,
  exportToFile,
} from '../src/recommend/export.ts'
import { MODEL_NAMES, type ModelName } from '../src/recommend/model.ts'
import { formatSelectionReport } from '../src/recommend/selection-report.ts'
import { trainRecommender } from '../src/recommend/train.ts'
import { openRuntimeOrExit } from '../src/runtime/open-runtime.ts'

const say = (line: string) => process.stderr.write(`${line}\n`)
class UsageError extends Error {}

type Parsed =
  | { verb: 'train'; model: ModelName | null; everyMinutes: number | null }
  | { verb: 'status' }
  | { verb: 'export'; limit: number; out: string | null; force: boolean }
  | { verb: 'evaluate'; dir: string; model: ModelName | null; seed: number; k: number }

const program = createProgram(
  'recommender',
  "The recommender's long work: train (select, train, publish), status, export every user's top-N, " +
    'evaluate offline. Progress on stderr; Ctrl-C stops cleanly (exit 130). Exit codes: 0 done, ' +
    '1 failed, 2 bad arguments, 130 interrupted.',
  [
    'npm run recommender -- train',
    'npm run recommender -- train --model auto --every 60',
    'npm run recommender -- export --limit 10 --out recommendations.csv',
    'npm run recommender -- evaluate ~/data/ml-latest-small --k 10',
  ],
)
// Set by the chosen command's action (an object: TypeScript does not follow assignments in callbacks).
const picked: { command: Parsed | null } = { command: null }

function modelOption(command: CommanderCommand, raw: string | undefined): ModelName | null {
  if (raw !== undefined && !MODEL_NAMES.includes(raw as ModelName))
    usageError(command, `--model must be one of ${MODEL_NAMES.join(', ')}`)
  return (raw ?? null) as ModelName | null
}

const optional = (
  command: CommanderCommand,
  raw: string | undefined,
  name: string,
  fallback: number,
  min: number,
  max: number,
) => (raw === undefined ? fallback : integerValue(command, name, raw, min, max))

program
  .command('train')
  .description(
    'selects (auto: every candidate tuned and compared on a temporal split of the read models), trains ' +
      'the winner and publishes it atomically; with --every, again on that schedule. Interrupted, the ' +
      'serving model stays as it was.',
  )
  .option(
    '--model <name>',
    `auto (the default, or RECOMMENDER_MODEL) or a candidate: ${MODEL_NAMES.join(', ')}`,
  )
  .option('--every <minutes>', 'train again every so many minutes, 1 to 10080')
  .action((options: { model?: string; every?: string }, command: CommanderCommand) => {
    picked.command = {
      verb: 'train',
      model: modelOption(command, options.model),
      everyMinutes:
        options.every === undefined ? null : integerValue(command, 'every', options.every, 1, 10_080),
    }
  })
program
  .command('status')
  .description('the serving model and its selection report')
  .action(() => {
    picked.command = { verb: 'status' }
  })
program
  .command('export')
  .description(
    "every user's top-N as CSV (RFC 4180): username,movieId,externalIds,rank,score. With --out, an " +
      'interrupted export keeps the users written and the same command continues after the last one.',
  )
  .option('--limit <n>', 'recommendations per user, 1 to 1000', '10')
  .option('--format <format>', 'csv (the only one)', 'csv')
  .option('--out <file>', 'write to this file, resumable (default: stdout)')
  .option('--force', 'overwrite a finished export in --out (one without <file>.progress)', false)
  .action(
    (options: { limit: string; format: string; out?: string; force: boolean }, command: CommanderCommand) => {
      if (options.format !== 'csv') usageError(command, '--format must be csv')
      if (options.force && options.out === undefined) usageError(command, '--force goes with --out')
      // A finished export is not overwritten by mistake; a half-done one (with its checkpoint) continues.
      if (
        options.out !== undefined &&
        !options.force &&
        (statSync(options.out, { throwIfNoEntry: false })?.size ?? 0) > 0 &&
        !existsSync(checkpointPath(options.out))
      )
        usageError(
          command,
          `${options.out} holds a finished export (no ${checkpointPath(options.out)} to continue from): pass --force to overwrite it, or choose another --out`,
        )
      picked.command = {
        verb: 'export',
        limit: integerValue(command, 'limit', options.limit, 1, 1_000),
        out: options.out ?? null,
        force: options.force,
      }
    },
  )
program
  .command('evaluate')
  .description('offline evaluation of a model against popularity on a MovieLens directory (temporal split)')
  .argument('<dir>', 'the MovieLens directory')
  .option('--seed <n>', 'the seed, 0 to 2147483647', '42')
  .option('--model <name>', `auto or a candidate: ${MODEL_NAMES.join(', ')}`)
  .option('--k <n>', 'the cut-off of precision, recall and nDCG, 1 to 100', '10')
  .action((dir: string, options: { seed: string; model?: string; k: string }, command: CommanderCommand) => {
    picked.command = {
      verb: 'evaluate',
      dir,
      model: modelOption(command, options.model),
      seed: optional(command, options.seed, 'seed', 42, 0, 2 ** 31 - 1),
      k: optional(command, options.k, 'k', 10, 1, 100),
    }
  })
parseProgram(program)
if (picked.command === null) process.exit(EXIT.usage)
const command: Parsed = picked.command

// Ctrl-C (or SIGTERM) stops the work cleanly; a second one leaves at once.
const stop = interruptions('recommender')

/** What each training stage counts. */
const STAGE_UNITS: Record<string, string> = { reading: 'interactions', training: 'movies', writing: 'rows' }

/** A progress bar per stage, replaced at each new stage. */
function stages() {
  let bar: Progress | null = null
  return {
    onStage(stage: string, total: number) {
      bar?.stop()
      bar = createProgress(stage, total, 0, { unit: STAGE_UNITS[stage] ?? 'events' })
    },
    onProgress(done: number) {
      bar?.update(done)
    },
    stop() {
      bar?.stop()
    },
  }
}

async function evaluate(cmd: Extract<typeof command, { verb: 'evaluate' }>) {
  let bar: Progress | null = null
  let unit = 'events'
  const report = await evaluateOffline(
    readMovieLensRatings(cmd.dir, {
      onBadLine: (problem) => say(`skipped ${problem.file}:${problem.line}: ${problem.reason}`),
    }),
    {
      seed: cmd.seed,
      k: cmd.k,
      model: cmd.model ?? 'auto',
      signal: stop.signal,
      onStage: (stage) => {
        bar?.stop()
        bar = null
        unit = stage.startsWith('training') ? 'movies' : stage === 'ranking' ? 'users' : 'events'
        say(`${stage}...`)
      },
      onProgress: (done, total) => {
        bar ??= createProgress('progress', total, 0, { unit })
        bar.update(done)
      },
    },
  )
  ;(bar as Progress | null)?.stop()
  const f = (x: number) => x.toFixed(4)
  const { model, popularity } = report.results
  process.stdout.write(
    [
      `dataset: ${cmd.dir} (${report.users} users, ${report.items} movies in training, ${report.trainRatings} train / ${report.testRatings} held-out ratings, seed ${report.seed})`,
      `evaluated users: ${report.evaluatedUsers} (with a held-out rating of 4 or more)`,
      `model: ${report.model}, trained in ${(report.trainMs / 1000).toFixed(1)} s`,
      `                 precision@${report.k}  recall@${report.k}  ndcg@${report.k}`,
      `model            ${f(model.precision)}        ${f(model.recall)}     ${f(model.ndcg)}`,
      `popularity       ${f(popularity.precision)}        ${f(popularity.recall)}     ${f(popularity.ndcg)}`,
      `model/popularity ${report.ratio.precision.toFixed(2)}x          ${report.ratio.recall.toFixed(2)}x       ${report.ratio.ndcg.toFixed(2)}x`,
      '',
      ...(report.selection
        ? ['selection on the 80 % (its own temporal split):', formatSelectionReport(report.selection), '']
        : []),
    ].join('\n'),
  )
}

const config = loadConfigOrExit()
// Embedded mode: works while no `npm start` holds the data directory (it says so otherwise).
const runtime = await openRuntimeOrExit('recommender', config, {
  applicationName: 'nexus-recommender',
})
const { pool, db } = runtime

/** What training reads: the interaction read models and the count of interactions. */
const TRAINING_READS = [userRatings, userLibrary, recommendationFeedback]
const CATCH_UP = 'npm run projector -- --until-caught-up'

/**
 * Training reads read models: refuses when they were never built, waits (with progress) while a
 * running projector catches them up, refuses when they lag and nothing runs them.
 */
async function readModelsReady(store: EventStore) {
  const state = await catchUpState(db, store, TRAINING_READS)
  if (state.unbuilt.length > 0)
    throw new UsageError(
      `the read models training reads are not built yet (${state.unbuilt.join(', ')}): run \`${CATCH_UP}\` first`,
    )
  if (state.stopped.length > 0)
    throw new UsageError(
      `projection ${state.stopped.join(', ')} stopped on a poison event: see \`npm run projections -- status\``,
    )
  if (state.behind.length === 0) return
  if (!state.behind.every((b) => b.ownerAlive))
    throw new UsageError(
      `the read models lag behind the log and no projector runs them (${state.behind.map((b) => `${b.name} ${b.events ?? '?'} events behind`).join(', ')}): run \`${CATCH_UP}\` first`,
    )
  say(`waiting for the projector: ${state.behind.map((b) => b.name).join(', ')} behind the log`)
  let bar: Progress | null = null
  let first = 0
  const { caughtUp, state: last } = await waitUntilCaughtUp(db, store, TRAINING_READS, {
    signal: stop.signal,
    onState: (now) => {
      const lag = now.behind.reduce((sum, b) => sum + (b.events ?? 0), 0)
      first = Math.max(first, lag)
      bar ??= createProgress('catching up', first, 0)
      bar.setTotal(first)
      bar.update(first - lag)
    },
    giveUp: (now) => !now.behind.every((b) => b.ownerAlive),
  })
  ;(bar as Progress | null)?.stop()
  if (!caughtUp)
    throw new UsageError(
      `the projector stopped before the read models caught up (${[...last.stopped, ...last.behind.map((b) => b.name)].join(', ')}): run \`${CATCH_UP}\``,
    )
}

async function train(cmd: Extract<typeof command, { verb: 'train' }>) {
  const { store } = runtime
  // Embedded mode projects inside the server (stopped now): its store is caught up on open.
  if (runtime.embedded === null) await readModelsReady(store)
  while (!stop.signal.aborted) {
    const progress = stages()
    const jobId = randomUUID()
    // How long the event loop was ever held up during the training (the model trains on a worker).
    const delay = monitorEventLoopDelay({ resolution: 10 })
    delay.enable()
    try {
      const outcome = await trainRecommender(
        // On a server the neighbour table is written from a worker thread over a connection of its
        // own (the pool's two stay free); embedded mode's PGlite takes it over the pool.
        {
          db,
          pool,
          store,
          writer: runtime.connectionString
            ? { databaseUrl: runtime.connectionString, applicationName: 'nexus-recommender/copy' }
            : null,
        },
        {
          jobId,
          model: cmd.model ?? config.recommenderModel,
          signal: stop.signal,
          ...progress,
          onSelection: (step) => {
            progress.stop()
            say(`selection: ${step}`)
          },
        },
      )
      progress.stop()
      process.stdout.write(`${formatSelectionReport(outcome.report)}\n`)
      say(
        `trained ${outcome.model}: model ${outcome.modelId}, ${outcome.users} users, ${outcome.items} movies, ` +
          `${outcome.interactions} interactions, ${outcome.neighbours} neighbours in ${(outcome.durationMs / 1000).toFixed(1)} s (job ${jobId}); ` +
          `event loop delay max ${(delay.max / 1e6).toFixed(0)} ms, p99 ${(delay.percentile(99) / 1e6).toFixed(0)} ms`,
      )
    } finally {
      delay.disable()
      progress.stop()
    }
    if (cmd.everyMinutes === null) return
    say(`next training in ${cmd.everyMinutes} min`)
    await sleep(cmd.everyMinutes * 60_000, undefined, { signal: stop.signal }).catch(() => {})
  }
}

async function exportAll(cmd: Extract<typeof command, { verb: 'export' }>) {
  const { store: keyValue } = runtime.keyValue()
  const deps = {
    db,
    popularity: (genres: readonly string[]) => popularityPrior({ db, pool, keyValue }, genres, new Date()),
  }
  const total = Number(
    (
      await db
        .selectFrom('users')
        .select((eb) => eb.fn.countAll<string>().as('n'))
        .executeTakeFirst()
    )?.n ?? 0,
  )
  if (cmd.out === null) {
    // To stdout: no resuming; progress on stderr unless stdout is the terminal the rows go to.
    const bar = process.stdout.isTTY ? null : createProgress('export', total, 0, { unit: 'users' })
    let done = 0
    try {
      for await (const chunk of exportRecommendations(deps, {
        limit: cmd.limit,
        signal: stop.signal,
        onUser: (users) => {
          done = users
          if (users % 100 === 0) bar?.update(users)
        },
      })) {
        if (!process.stdout.write(chunk.text)) await once(process.stdout, 'drain')
      }
      bar?.update(done)
    } finally {
      bar?.stop()
    }
    return
  }
  let progress: Progress | null = null
  const started = performance.now()
  let resumed = 0
  try {
    const written = await exportToFile(deps, {
      out: cmd.out,
      limit: cmd.limit,
      signal: stop.signal,
      onStart: ({ resumedAfter, restartedBecause }) => {
        if (restartedBecause) say(`export: starting over: ${restartedBecause}`)
        if (resumedAfter !== null) say(`export: resuming ${cmd.out} after ${resumedAfter} users`)
        resumed = resumedAfter ?? 0
        progress = createProgress('export', total, resumed, { unit: 'users' })
      },
      onUser: (done) => (progress as Progress | null)?.update(done),
    })
    ;(progress as Progress | null)?.stop()
    const seconds = (performance.now() - started) / 1000
    say(
      `export: ${written.users} users (${written.users - resumed} this run, ${Math.round((written.users - resumed) / Math.max(seconds, 0.001))} users/s), ${written.bytes} bytes in ${cmd.out}`,
    )
  } catch (error) {
    ;(progress as Progress | null)?.stop()
    if (error instanceof ExportLimitMismatch) throw new UsageError(error.message)
    if (stop.signal.aborted) say(`export: stopped; run the same command again to continue`)
    throw error
  }
}

async function status() {
  const models = await db
    .selectFrom('recommender_models')
    .select(['id', 'model', 'state', 'trained_at', 'users', 'items', 'interactions', 'duration_ms', 'report'])
    .where('state', 'in', ['active', 'building'])
    .orderBy('id', 'desc')
    .execute()
  const active = models.find((m) => m.state === 'active')
  if (!active) {
    process.stdout.write(
      'no model trained yet: recommendations are popularity alone (run npm run recommender -- train)\n',
    )
    return
  }
  process.stdout.write(
    `serving model ${active.id}: ${active.model}\n` +
      `trained ${active.trained_at?.toISOString() ?? '?'} on ${active.users} users, ${active.items} movies, ${active.interactions} interactions in ${(active.duration_ms / 1000).toFixed(1)} s\n`,
  )
  for (const m of models) if (m.state === 'building') process.stdout.write(`model ${m.id} is being trained\n`)
  process.stdout.write(
    active.report
      ? `${formatSelectionReport(active.report as Parameters<typeof formatSelectionReport>[0])}\n`
      : 'no selection report (trained before automatic selection)\n',
  )
}

let code = 0
try {
  if (command.verb === 'evaluate') await evaluate(command)
  else if (command.verb === 'train') await train(command)
  else if (command.verb === 'status') await status()
  else await exportAll(command)
} catch (error) {
  if (stop.signal.aborted) {
    say(
      `recommender: interrupted; run the same command again: npm run recommender -- ${process.argv.slice(2).join(' ')}`,
    )
    code = stop.exitCode
  } else if (error instanceof UsageError) {
    say(`recommender: ${error.message}`)
    code = 2
  } else {
    say(`recommender: ${error instanceof Error ? error.message : String(error)}`)
    code = 1
  }
} finally {
  await runtime.close()
}
process.exit(code)
