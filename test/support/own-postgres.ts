/**
 * A PostgreSQL cluster of a test's own (initdb and pg_ctl on a free port, under a temp dir), for
 * fault tests that restart it, fill it up or lower its limits: the shared server is never touched.
 * Run as root (CI, this machine), the cluster belongs to the postgres user, as PostgreSQL requires.
 */
import { execFile } from 'node:child_process'
import { chmod, chown, mkdtemp, rm } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { promisify } from 'node:util'
import pg from 'pg'
import { freePort } from './server-process.ts'

const run = promisify(execFile)

export type OwnPostgres = {
  port: number
  /** A URL to `database` on this cluster (user postgres, trust). */
  url(database?: string): string
  createDatabase(name: string): Promise<string>
  /** `pg_ctl stop -m <mode>`: the cluster goes down, its data stays (start() brings it back). */
  halt(mode: 'immediate' | 'fast'): Promise<void>
  /** Starts the halted cluster again on the same port; resolves once it accepts connections. */
  start(): Promise<void>
  /** Stops the cluster for good and removes its files. */
  stop(): Promise<void>
}

type Teardown = { teardown(fn: () => unknown): void }

/** As the postgres user when running as root (initdb and postgres refuse root). */
async function asOwner(command: string, args: string[]): Promise<void> {
  if (process.getuid?.() === 0) await run('runuser', ['-u', 'postgres', '--', command, ...args])
  else await run(command, args)
}

export async function startOwnPostgres(
  t: Teardown,
  settings: Record<string, string | number> = {},
): Promise<OwnPostgres> {
  const dir = await mkdtemp(join(tmpdir(), 'nexus-own-pg-'))
  const data = join(dir, 'data')
  if (process.getuid?.() === 0) {
    const { stdout } = await run('id', ['-u', 'postgres'])
    const { stdout: gid } = await run('id', ['-g', 'postgres'])
    await chown(dir, Number(stdout.trim()), Number(gid.trim()))
  }
  await chmod(dir, 0o700)
  await asOwner('initdb', ['-D', data, '-U', 'postgres', '--auth=trust', '-E', 'UTF8', '--no-sync'])
  const port = await freePort()
  const options = {
    port,
    listen_addresses: '127.0.0.1',
    unix_socket_directories: dir,
    fsync: 'off',
    synchronous_commit: 'off',
    full_page_writes: 'off',
    shared_buffers: '32MB',
    ...settings,
  }
  const flags = Object.entries(options)
    .map(([name, value]) => `-c ${name}=${value}`)
    .join(' ')
  const start = () =>
    asOwner('pg_ctl', ['-D', data, '-l', join(dir, 'log'), '-o', flags, '-w', '-t', '60', 'start'])
  await start()
  let stopped = false
  const stop = async () => {
    if (stopped) return
    stopped = true
    await asOwner('pg_ctl', ['-D', data, '-m', 'immediate', '-w', 'stop']).catch(() => {})
    await rm(dir, { recursive: true, force: true })
  }
  t.teardown(stop)
  const url = (database = 'postgres') => `postgres://postgres@127.0.0.1:${port}/${database}`
  return {
    port,
    url,
    async createDatabase(name) {
      const client = new pg.Client({ connectionString: url() })
      await client.connect()
      try {
        await client.query(`CREATE DATABASE ${client.escapeIdentifier(name)}`)
      } finally {
        await client.end()
      }
      return url(name)
    },
    async halt(mode) {
      await asOwner('pg_ctl', ['-D', data, '-m', mode, '-w', '-t', '60', 'stop'])
    },
    async start() {
      if (!stopped) await start()
    },
    stop,
  }
}
