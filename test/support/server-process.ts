/** `node src/server.ts` as a child process on a free 127.0.0.1 port, for end-to-end tests. */
import { type ChildProcess, spawn } from 'node:child_process'
import { randomUUID } from 'node:crypto'
import { once } from 'node:events'
import { createServer } from 'node:net'
import { setTimeout as sleep } from 'node:timers/promises'
import { testServices } from './services.ts'

export type ServerProcess = {
  port: number
  base: string
  output(): string
  /** SIGTERM, then the exit code. */
  stop(): Promise<number | null>
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

/** Starts the server on the given database and waits for /health/ready; kills it in teardown. */
export async function startServer(
  t: Teardown,
  options: { databaseUrl: string; redisKeyPrefix: string },
): Promise<ServerProcess> {
  const port = await freePort()
  const child: ChildProcess = spawn(process.execPath, ['src/server.ts'], {
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
  t.teardown(() => {
    if (child.exitCode === null && child.signalCode === null) child.kill('SIGKILL')
  })
  const base = `http://127.0.0.1:${port}`
  for (let i = 0; i < 200; i++) {
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
        stop: async () => {
          child.kill('SIGTERM')
          return exited
        },
      }
    }
    await sleep(100)
  }
  child.kill('SIGKILL')
  throw new Error(`the server did not become ready on ${base}: ${output.slice(-1000)}`)
}
