/**
 * Runs many command lines of our scripts in ONE Node process, for the tests of argument mistakes
 * (`node test/support/script-argv.ts` reads the cases as JSON on stdin, prints the results as JSON on
 * stdout). Each case imports its script afresh (a query string makes a new module instance, while
 * the modules it imports load once), with process.argv and process.env set as the command line
 * would, stdout/stderr captured and process.exit stopping the script where it would have left.
 * A script parses its arguments before any configuration or connection, so a mistake never gets
 * further. Spawning a process per case cost about half a CPU second each (loading the script's
 * modules); the tests still run every script's `--help` as a real child process.
 */
import { spawn } from 'node:child_process'
import { pathToFileURL } from 'node:url'
import { type Finished, finished } from './child-process.ts'

export type ArgvCase = { file: string; args: string[]; env: Record<string, string | undefined> }
/** As a child process's end (test/support/child-process.ts); signal is always null. */
export type ArgvResult = Finished

/** Thrown by the process.exit stand-in: unwinds the script like the real exit would end it. */
class Exited extends Error {}

async function runCase(root: URL, index: number, item: ArgvCase): Promise<ArgvResult> {
  const result: ArgvResult = { code: null, signal: null, stdout: '', stderr: '' }
  let done = false
  let finish = () => {}
  const finished = new Promise<void>((resolve) => {
    finish = resolve
  })
  const realExit = process.exit
  const realOut = process.stdout.write
  const realErr = process.stderr.write
  const savedEnv = { ...process.env }
  const capture =
    (into: 'stdout' | 'stderr') =>
    (chunk: string | Uint8Array, ...rest: unknown[]): boolean => {
      if (!done) result[into] += typeof chunk === 'string' ? chunk : Buffer.from(chunk).toString('utf8')
      const callback = rest.find((arg) => typeof arg === 'function') as (() => void) | undefined
      callback?.()
      return true
    }
  process.stdout.write = capture('stdout') as typeof process.stdout.write
  process.stderr.write = capture('stderr') as typeof process.stderr.write
  process.exit = ((code?: number | string | null) => {
    if (!done) {
      result.code = Number(code ?? process.exitCode ?? 0)
      done = true
      finish()
    }
    throw new Exited()
  }) as typeof process.exit
  process.exitCode = undefined
  process.env = { ...item.env }
  process.argv = [process.argv[0] as string, new URL(item.file, root).pathname, ...item.args]
  try {
    await import(`${new URL(item.file, root).href}?case=${index}`)
  } catch (error) {
    if (!(error instanceof Exited) && !done) {
      result.stderr += `\n[script-argv] the script threw: ${String((error as Error)?.stack ?? error)}`
      result.code = 1
      done = true
    }
  }
  // A script whose mistake is found after an await exits later than its module settles.
  if (!done && process.exitCode === undefined) await Promise.race([finished, sleep(5_000)])
  if (!done) result.code = Number(process.exitCode ?? 0)
  done = true
  process.exit = realExit
  process.stdout.write = realOut
  process.stderr.write = realErr
  process.env = savedEnv
  process.exitCode = undefined
  return result
}

/**
 * Runs the cases in one child process (this file), in order, from the repository's root; answers
 * each one's exit code and output as if it had been a process of its own.
 */
export async function runArgvCases(cases: readonly ArgvCase[]): Promise<ArgvResult[]> {
  const root = new URL('../..', import.meta.url)
  const child = spawn(process.execPath, ['test/support/script-argv.ts'], {
    cwd: root,
    env: process.env,
    stdio: ['pipe', 'pipe', 'pipe'],
  })
  child.stdin?.end(JSON.stringify(cases))
  const { code, stdout, stderr } = await finished(child)
  if (code !== 0) throw new Error(`script-argv exited ${code}: ${stderr.slice(-2_000)}`)
  const results = JSON.parse(stdout) as ArgvResult[]
  if (results.length !== cases.length)
    throw new Error(`script-argv answered ${results.length} of ${cases.length}`)
  return results
}

const sleep = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms).unref())

if (import.meta.main) {
  // The exit stand-in's throw may surface as a rejection of a script's own promise.
  process.on('unhandledRejection', (error) => {
    if (!(error instanceof Exited)) throw error
  })
  const chunks: Buffer[] = []
  for await (const chunk of process.stdin) chunks.push(chunk as Buffer)
  const cases = JSON.parse(Buffer.concat(chunks).toString('utf8')) as ArgvCase[]
  const root = pathToFileURL(`${process.cwd()}/`)
  const results: ArgvResult[] = []
  for (const [index, item] of cases.entries()) results.push(await runCase(root, index, item))
  process.stdout.write(`${JSON.stringify(results)}\n`, () => process.exit(0))
}
