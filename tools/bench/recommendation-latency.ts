/**
 * /me/recommendations latency over HTTP, cache misses only: each user asks once, with a token signed
 * with the API's secret (as the identity endpoints would issue). Used by `npm run bench:recommender`;
 * run alone to compare two API processes on one database:
 * `node tools/bench/recommendation-latency.ts --url http://127.0.0.1:3000 --users 300` (JWT_SECRET
 * and DATABASE_URL as the API's; users are the database's, in id order).
 */
import { fork } from 'node:child_process'
import { fileURLToPath } from 'node:url'
import Fastify from 'fastify'
import type { Config } from '../../src/config.ts'
import auth from '../../src/plugins/auth.ts'
import configPlugin from '../../src/plugins/config.ts'

export type LatencyFigures = { requests: number; misses: number; p50Ms: number; p99Ms: number; maxMs: number }

export async function signTokens(config: Config, userIds: readonly string[]): Promise<string[]> {
  const signer = Fastify()
  await signer.register(configPlugin, { config: { ...config, accessTokenTtlSeconds: 3_600 } })
  await signer.register(auth)
  await signer.ready()
  const tokens = userIds.map((sub) => signer.signAccessToken({ sub, role: 'user' }))
  await signer.close()
  return tokens
}

const percentile = (sorted: readonly number[], p: number) =>
  sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))] ?? 0

/** One request per token, `concurrency` at a time; each user's first ask is a cache miss. */
export async function measureRecommendations(
  baseUrl: string,
  tokens: readonly string[],
  options: { concurrency?: number; query?: string } = {},
): Promise<LatencyFigures> {
  const times: number[] = []
  let misses = 0
  let next = 0
  const worker = async () => {
    while (next < tokens.length) {
      const token = tokens[next++] as string
      const started = performance.now()
      const reply = await fetch(`${baseUrl}/api/v1/me/recommendations${options.query ?? '?limit=20'}`, {
        headers: { authorization: `Bearer ${token}` },
      })
      await reply.arrayBuffer()
      const ms = performance.now() - started
      if (reply.status !== 200) throw new Error(`/me/recommendations answered ${reply.status}`)
      if (reply.headers.get('x-cache') === 'miss') misses++
      times.push(ms)
    }
  }
  await Promise.all(Array.from({ length: options.concurrency ?? 1 }, worker))
  times.sort((a, b) => a - b)
  return {
    requests: times.length,
    misses,
    p50Ms: percentile(times, 50),
    p99Ms: percentile(times, 99),
    maxMs: times.at(-1) ?? 0,
  }
}

/**
 * Misses in another process, round after round (each round another `limit`, so every request misses
 * the cache), until `stop()`: the figures of every round. The client's own work (fetch, reading the
 * answers) then runs on its own event loop, not on the one whose stalls are measured.
 */
export async function startLoadClient(
  baseUrl: string,
  tokens: readonly string[],
  concurrency = 2,
): Promise<{ stop: () => Promise<LatencyFigures[]> }> {
  const child = fork(fileURLToPath(import.meta.url), ['--load'], {
    stdio: ['ignore', 'inherit', 'inherit', 'ipc'],
  })
  const figures = new Promise<LatencyFigures[]>((resolve, reject) => {
    child.on('message', (message) => {
      if (Array.isArray(message)) resolve(message as LatencyFigures[])
    })
    child.once('exit', (code, signal) =>
      reject(new Error(`the load client exited (${code ?? signal}) before sending its figures`)),
    )
  })
  figures.catch(() => {})
  const ready = new Promise<void>((resolve) =>
    child.on('message', (message) => {
      if (message === 'ready') resolve()
    }),
  )
  child.send({ baseUrl, tokens, concurrency })
  await Promise.race([ready, figures])
  return {
    stop: () => {
      child.send('stop')
      return figures
    },
  }
}

if (import.meta.main && process.argv.includes('--load')) {
  // startLoadClient's child: rounds of misses until the parent says stop, then every round's figures.
  process.once('message', async (start: { baseUrl: string; tokens: string[]; concurrency: number }) => {
    let running = true
    process.once('message', () => {
      running = false
    })
    process.send?.('ready')
    const rounds: LatencyFigures[] = []
    for (let round = 0; running; round++) {
      const query = `?limit=${10 + (round % 80)}`
      rounds.push(
        await measureRecommendations(start.baseUrl, start.tokens, { query, concurrency: start.concurrency }),
      )
    }
    process.send?.(rounds, () => process.exit(0))
  })
} else if (import.meta.main) {
  const { parseArgs } = await import('node:util')
  const { loadConfigOrExit } = await import('../../src/config.ts')
  const { createDatabase, createPool } = await import('../../src/db/connection.ts')
  const { values } = parseArgs({
    options: {
      url: { type: 'string' },
      users: { type: 'string', default: '200' },
      offset: { type: 'string', default: '0' },
    },
  })
  const config = loadConfigOrExit()
  const db = createDatabase(createPool(config.databaseUrl ?? ''))
  const users = await db
    .selectFrom('users')
    .select('id')
    .orderBy('id')
    .offset(Number(values.offset))
    .limit(Number(values.users))
    .execute()
  await db.destroy()
  const tokens = await signTokens(
    config,
    users.map((u) => u.id),
  )
  const figures = await measureRecommendations(values.url ?? 'http://127.0.0.1:3000', tokens)
  process.stdout.write(`${JSON.stringify(figures)}\n`)
}
