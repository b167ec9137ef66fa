/** `node src/server.ts` as a child process on a free 127.0.0.1 port, for end-to-end tests. */
import { type ChildProcess, execFile, spawn } from 'node:child_process'
import { randomUUID } from 'node:crypto'
import { once } from 'node:events'
import { createServer } from 'node:net'
import { setTimeout as sleep } from 'node:timers/promises'
import { promisify } from 'node:util'
import { API_NODE_FLAGS } from '../../src/runtime/api-node-flags.ts'
import { dropRedisPrefix, testServices } from './services.ts'

const run = promisify(execFile)

export type ServerProcess = {
  port: number
  base: string
  output(): string
  /** SIGTERM (unless `signal` is false), then the exit code. */
  stop(signal?: boolean): Promise<number | null>
}

type Teardown = { teardown(fn: () => unknown): void }

export async function freePort(): Promise<number> {
  const server = createServer()
  server.listen(0, '127.0.0.1')
  await once(server, 'listening')
  const address = server.address()
  server.close()
  return typeof address === 'object' && address ? address.port : 0
}

export function uniqueRedisPrefix(): string {
  return `nexus-e2e-${randomUUID().slice(0, 8)}:`
}

/**
 * The real `npm start` with none of the service variables set (embedded mode), its data in
 * `dataDir`; waits for /health/ready (the first start loads the demo data first) and kills the
 * process group in teardown. stop() sends SIGTERM to npm, which passes it on to the server.
 */
export async function startEmbedded(
  t: Teardown,
  options: { dataDir: string; readyTimeoutMs?: number },
): Promise<ServerProcess> {
  const port = await freePort()
  const env: NodeJS.ProcessEnv = { ...process.env }
  for (const name of ['DATABASE_URL', 'REDIS_URL', 'EVENTSTORE_URL', 'REDIS_KEY_PREFIX', 'NEXUS_DEMO_DATA'])
    delete env[name]
  const child = spawn('npm', ['start'], {
    cwd: new URL('../..', import.meta.url),
    env: {
      ...env,
      NODE_ENV: 'development',
      HOST: '127.0.0.1',
      PORT: String(port),
      NEXUS_DATA_DIR: options.dataDir,
      LOG_LEVEL: 'warn',
    },
    stdio: ['ignore', 'pipe', 'pipe'],
    detached: true,
  })
  t.teardown(() => {
    // The whole group: npm and the server it started, even if npm is gone already.
    try {
      if (child.pid) process.kill(-child.pid, 'SIGKILL')
    } catch {}
  })
  const server = await awaitReady(child, port, options.readyTimeoutMs ?? 240_000)
  return {
    ...server,
    // npm passes signals on only to scripts in the foreground: signal the server it started (npm
    // runs `sh -c node ...`: the leaf of its process tree, found by id) and answer npm's exit code,
    // which is the server's.
    async stop() {
      for (const pid of await leaves(child.pid ?? 0)) process.kill(pid, 'SIGTERM')
      return server.stop(false)
    },
  }
}

/** The processes under `pid` that have no children of their own. */
async function leaves(pid: number): Promise<number[]> {
  const { stdout } = await run('ps', ['-o', 'pid=', '--ppid', String(pid)]).catch(() => ({ stdout: '' }))
  const children = stdout
    .split('\n')
    .map(Number)
    .filter((n) => n > 0)
  if (children.length === 0) return [pid]
  return (await Promise.all(children.map(leaves))).flat()
}

/** Starts the server on the given database and waits for /health/ready; kills it in teardown. */
export async function startServer(
  t: Teardown,
  options: { databaseUrl: string; redisKeyPrefix: string; env?: Record<string, string> },
): Promise<ServerProcess> {
  const port = await freePort()
  const child: ChildProcess = spawn(process.execPath, [...API_NODE_FLAGS, 'src/server.ts'], {
    cwd: new URL('../..', import.meta.url),
    env: {
      ...process.env,
      NODE_ENV: 'development',
      HOST: '127.0.0.1',
      PORT: String(port),
      DATABASE_URL: options.databaseUrl,
      REDIS_URL: testServices.redisUrl,
      REDIS_KEY_PREFIX: options.redisKeyPrefix,
      EVENTSTORE_URL: '',
      LOG_LEVEL: 'warn',
      ...options.env,
    },
    stdio: ['ignore', 'pipe', 'pipe'],
  })
  t.teardown(async () => {
    if (child.exitCode === null && child.signalCode === null) {
      child.kill('SIGKILL')
      await once(child, 'exit')
    }
    await dropRedisPrefix(options.redisKeyPrefix)
  })
  // Generous: a loaded machine starts slowly; a server that never gets ready still fails the test.
  return awaitReady(child, port, 120_000)
}

export type ChildHandle = {
  child: ChildProcess
  output(): string
  /** SIGTERM, then the exit code. */
  stop(): Promise<number | null>
}

/** `node scripts/projector.ts` on the given database, killed in teardown. */
export function startProjector(
  t: Teardown,
  options: { databaseUrl: string; redisKeyPrefix: string; env?: Record<string, string> },
): ChildHandle {
  const child = spawn(process.execPath, ['scripts/projector.ts'], {
    cwd: new URL('../..', import.meta.url),
    env: {
      ...process.env,
      NODE_ENV: 'development',
      DATABASE_URL: options.databaseUrl,
      REDIS_URL: testServices.redisUrl,
      REDIS_KEY_PREFIX: options.redisKeyPrefix,
      EVENTSTORE_URL: '',
      LOG_LEVEL: 'warn',
      ...options.env,
    },
    stdio: ['ignore', 'pipe', 'pipe'],
  })
  let output = ''
  child.stdout?.on('data', (chunk) => {
    output += chunk
  })
  child.stderr?.on('data', (chunk) => {
    output += chunk
  })
  const exited = once(child, 'exit').then(([code]) => code as number | null)
  t.teardown(async () => {
    if (child.exitCode === null && child.signalCode === null) {
      child.kill('SIGKILL')
      await exited
    }
  })
  return {
    child,
    output: () => output,
    stop: async () => {
      if (child.exitCode === null && child.signalCode === null) child.kill('SIGTERM')
      return exited
    },
  }
}

async function awaitReady(child: ChildProcess, port: number, timeoutMs: number): Promise<ServerProcess> {
  let output = ''
  child.stdout?.on('data', (chunk) => {
    output += chunk
  })
  child.stderr?.on('data', (chunk) => {
    output += chunk
  })
  const exited = once(child, 'exit').then(([code]) => code as number | null)
  const base = `http://127.0.0.1:${port}`
  const deadline = Date.now() + timeoutMs
  while (Date.now() < deadline) {
    if (child.exitCode !== null) break
    const ready = await fetch(`${base}/health/ready`).then(
      (r) => r.ok,
      () => false,
    )
    if (ready) {
      return {
        port,
        base,
        output: () => output,
        stop: async (signal = true) => {
          if (signal) child.kill('SIGTERM')
          return exited
        },
      }
    }
    await sleep(100)
  }
  child.kill('SIGKILL')
  throw new Error(`the server did not become ready on ${base}: ${output.slice(-1000)}`)
}
