/**
 * The arguments of every npm script, with commander: `--help` everywhere (a description, the
 * options, examples), and one behaviour for mistakes: an unknown flag or command, a missing or bad
 * value prints one line naming the problem plus the usage line on stderr and exits 2, never a stack
 * trace. Ctrl-C (SIGINT) and SIGTERM go through `interruptions()`: the first stops the work cleanly
 * (the script then says where it stopped and how to resume, and exits 130), a second leaves at once.
 *
 * Exit codes of every script: 0 done, 1 failed, 2 bad arguments, 130 interrupted (143 after SIGTERM
 * where a script tells them apart).
 */
import { Command, type CommanderError, Help } from 'commander'

export { Command } from 'commander'

export const EXIT = { done: 0, failed: 1, usage: 2, interrupted: 130 } as const

/**
 * The program of `npm run <script>`: its help starts `usage: npm run <script> -- ...`, says what it
 * does and ends with examples (one command line each). A tool without an npm script is named by
 * its command line (`node tools/profile/profile-top.ts`).
 */
export function createProgram(
  script: string,
  description: string,
  examples: readonly string[] = [],
): Command {
  const program = new Command(script.startsWith('node ') ? script : `npm run ${script} --`)
  program
    .description(description)
    .helpOption('-h, --help', 'show this help')
    .configureHelp({ styleTitle: (title) => (title === 'Usage:' ? 'usage:' : title) })
    .showSuggestionAfterError(true)
  withExamples(program, examples)
  return program
}

/** Adds `Examples:` at the end of a command's help. */
export function withExamples(command: Command, examples: readonly string[]): Command {
  if (examples.length > 0)
    command.addHelpText('after', `\nExamples:\n${examples.map((line) => `  ${line}`).join('\n')}`)
  return command
}

/** The script's name as its messages begin (`events` for `npm run events --`). */
function scriptOf(command: Command): string {
  let root = command
  while (root.parent) root = root.parent
  const name = root.name()
  if (name.startsWith('node ')) return (name.split('/').at(-1) ?? name).replace(/\.ts$/, '')
  return name.replace(/^npm run /, '').replace(/ --$/, '')
}

/** `usage: npm run events -- export [options]`: the one usage line printed after a mistake. */
export function usageLine(command: Command): string {
  return `usage: ${new Help().commandUsage(command)} (--help for the options and examples)`
}

/** What commander decided to do instead of running: help shown (0), a mistake (2). */
function leave(command: Command, error: CommanderError): never {
  if (error.code === 'commander.helpDisplayed' || error.code === 'commander.version') process.exit(0)
  // No command given: commander printed the whole help on stderr.
  if (error.code === 'commander.help') process.exit(EXIT.usage)
  const message = error.message.replace(/^error: /, '').replaceAll(/\s*\n\s*/g, ' ')
  process.stderr.write(`${scriptOf(command)}: ${message}\n${usageLine(command)}\n`)
  process.exit(EXIT.usage)
}

function prepare(command: Command): void {
  command.exitOverride((error) => leave(command, error))
  // leave() prints the mistake itself, on one line with the usage.
  command.configureOutput({ outputError: () => {} })
  for (const sub of command.commands) prepare(sub)
}

/**
 * Parses the arguments (process.argv unless given); commander runs the (synchronous) action of the
 * chosen command. Help exits 0, a mistake exits 2 (see leave()).
 */
export function parseProgram(program: Command, argv: readonly string[] = process.argv.slice(2)): Command {
  prepare(program)
  program.parse([...argv], { from: 'user' })
  return program
}

/** A bad value found after parsing: one line and the usage of `command`, exit 2. */
export function usageError(command: Command, message: string): never {
  command.error(message, { exitCode: EXIT.usage, code: 'nexus.usage' })
}

/** Parses an integer option value from `min` to `max`, or stops with a usage error naming it. */
export function integerValue(command: Command, name: string, text: string, min: number, max: number): number {
  const value = Number(text)
  if (!/^\d+$/.test(text) || value < min || value > max)
    usageError(command, `--${name} must be an integer from ${min} to ${max} (got ${JSON.stringify(text)})`)
  return value
}

export type Interruptions = {
  /** Aborted by the first SIGINT or SIGTERM. */
  signal: AbortSignal
  /** The signal received, null while none. */
  readonly received: 'SIGINT' | 'SIGTERM' | null
  /** The exit code for it: 130 after SIGINT, 143 after SIGTERM. */
  readonly exitCode: number
  /** Stops listening (a script that goes on after its long work). */
  dispose(): void
}

/**
 * Ctrl-C (SIGINT) and SIGTERM: the first aborts `signal` (the long work stops at its next safe
 * point and the script says how to resume), a second one leaves at once with 130 (or 143);
 * whatever was committed stays.
 */
export function interruptions(script: string): Interruptions {
  const stop = new AbortController()
  let received: 'SIGINT' | 'SIGTERM' | null = null
  const handlers = (['SIGINT', 'SIGTERM'] as const).map((name) => {
    const handler = () => {
      if (received !== null) {
        process.stderr.write(`\n${script}: stopping now; what was committed stays\n`)
        process.exit(name === 'SIGINT' ? 130 : 143)
      }
      received = name
      process.stderr.write(`\n${script}: stopping cleanly (${name}; again to quit at once)\n`)
      stop.abort()
    }
    process.on(name, handler)
    return [name, handler] as const
  })
  return {
    signal: stop.signal,
    get received() {
      return received
    },
    get exitCode() {
      return received === 'SIGTERM' ? 143 : 130
    },
    dispose() {
      for (const [name, handler] of handlers) process.off(name, handler)
    },
  }
}
