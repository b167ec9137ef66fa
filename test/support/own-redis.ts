/**
 * A redis-server of a test's own (a child process on a free port, no persistence, its files in a
 * temp dir), for fault tests that stop it, restart it empty or flush it: the shared server is never
 * touched. Stopped and removed in teardown.
 */
import { type ChildProcess, spawn } from 'node:child_process'
import { once } from 'node:events'
import { mkdtemp, rm } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { setTimeout as sleep } from 'node:timers/promises'
import { Redis } from 'ioredis'
import { freePort } from './server-process.ts'

export type OwnRedis = {
  port: number
  url: string
  /** Stops the server (SIGKILL: as a crash); its data is gone (no persistence). */
  stop(): Promise<void>
  /** Starts it again on the same port, empty. */
  start(): Promise<void>
  /** SIGSTOP: the server hangs (connections stay open, nothing is answered) until resume(). */
  pause(): void
  resume(): void
  /** FLUSHALL: Redis loses every key while it keeps running. */
  flushAll(): Promise<void>
  /** Runs a command on a connection of its own. */
  command(name: string, ...args: (string | number)[]): Promise<unknown>
}

type Teardown = { teardown(fn: () => unknown): void }

export async function startOwnRedis(t: Teardown): Promise<OwnRedis> {
  const dir = await mkdtemp(join(tmpdir(), 'nexus-own-redis-'))
  const port = await freePort()
  const url = `redis://127.0.0.1:${port}`
  let child: ChildProcess | null = null

  const command = async (name: string, ...args: (string | number)[]) => {
    const client = new Redis(url, { maxRetriesPerRequest: 1, lazyConnect: true, retryStrategy: () => null })
    client.on('error', () => {})
    try {
      await client.connect()
      return await client.call(name, ...args)
    } finally {
      client.disconnect()
    }
  }

  const start = async () => {
    if (child) return
    const server = spawn(
      'redis-server',
      ['--port', String(port), '--bind', '127.0.0.1', '--save', '', '--appendonly', 'no', '--dir', dir],
      { stdio: 'ignore' },
    )
    child = server
    server.once('exit', () => {
      if (child === server) child = null
    })
    for (let attempt = 0; ; attempt++) {
      try {
        if ((await command('PING')) === 'PONG') return
      } catch (error) {
        if (attempt > 200 || child !== server)
          throw new Error(`own redis-server on ${port} did not start`, { cause: error })
      }
      await sleep(50)
    }
  }

  const stop = async () => {
    const running = child
    if (!running) return
    child = null
    const exited = once(running, 'exit')
    running.kill('SIGKILL')
    running.kill('SIGCONT')
    await exited
  }

  t.teardown(async () => {
    await stop()
    await rm(dir, { recursive: true, force: true })
  })
  await start()
  return {
    port,
    url,
    stop,
    start,
    pause() {
      child?.kill('SIGSTOP')
    },
    resume() {
      child?.kill('SIGCONT')
    },
    async flushAll() {
      await command('FLUSHALL')
    },
    command,
  }
}
