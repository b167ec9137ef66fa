/**
 * The API listens as soon as it starts, even with a long catch-up ahead (issue 14: an embedded
 * restart after 64,000 appended events was silent for 188 s before it listened). Events are
 * appended first by the generator script, then the server starts: liveness answers while readiness
 * is still false (its projections are behind, said in the readiness body), the log reports the
 * catch-up's progress (events behind, rate, ETA), and readiness turns true by itself once caught up.
 * Embedded mode (`npm start` with no service variables) and services mode.
 */
import { type ChildProcess, spawn } from 'node:child_process'
import { once } from 'node:events'
import { mkdtemp, rm } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { setTimeout as sleep } from 'node:timers/promises'
import t, { type Test } from 'tap'
import { API_NODE_FLAGS } from '../../src/runtime/api-node-flags.ts'
import { finished } from '../support/child-process.ts'
import { createTestDatabase } from '../support/database.ts'
import { freePort, uniqueRedisPrefix } from '../support/server-process.ts'
import { dropRedisPrefix, testServices } from '../support/services.ts'

const root = new URL('../..', import.meta.url)

function withoutServices(): NodeJS.ProcessEnv {
  const env: NodeJS.ProcessEnv = { ...process.env }
  for (const name of ['DATABASE_URL', 'REDIS_URL', 'EVENTSTORE_URL', 'REDIS_KEY_PREFIX', 'NEXUS_DATA_DIR'])
    delete env[name]
  return env
}

async function generate(env: NodeJS.ProcessEnv, events: number): Promise<void> {
  const child = spawn(process.execPath, ['scripts/generate-events.ts', '--events', String(events)], {
    cwd: root,
    env,
    stdio: ['ignore', 'pipe', 'pipe'],
  })
  const { code, stderr } = await finished(child)
  if (code !== 0) throw new Error(`generate failed (${code}): ${stderr.slice(-1000)}`)
}

type Probe = { live: boolean; ready: number | null; body: string }

async function probe(base: string): Promise<Probe> {
  const live = await fetch(`${base}/health/live`, { signal: AbortSignal.timeout(30_000) }).then(
    (r) => r.ok,
    () => false,
  )
  if (!live) return { live, ready: null, body: '' }
  const response = await fetch(`${base}/health/ready`, { signal: AbortSignal.timeout(30_000) })
  return { live, ready: response.status, body: await response.text() }
}

/** Starts the server, asserts the start-up promise, stops it. */
async function startAndWatch(
  t: Test,
  command: string[],
  env: NodeJS.ProcessEnv,
  events: number,
): Promise<void> {
  const port = await freePort()
  const child: ChildProcess = spawn(command[0] as string, command.slice(1), {
    cwd: root,
    env: { ...env, NODE_ENV: 'development', HOST: '127.0.0.1', PORT: String(port), LOG_LEVEL: 'info' },
    stdio: ['ignore', 'pipe', 'pipe'],
    detached: true,
  })
  let output = ''
  child.stdout?.on('data', (chunk) => {
    output += chunk
  })
  child.stderr?.on('data', (chunk) => {
    output += chunk
  })
  const exited = once(child, 'exit')
  t.teardown(() => {
    try {
      if (child.pid) process.kill(-child.pid, 'SIGKILL')
    } catch {}
  })
  const base = `http://127.0.0.1:${port}`

  // The first answer of liveness: readiness is false then, naming the catch-up.
  let first: Probe | null = null
  const deadline = Date.now() + 120_000
  while (first === null && Date.now() < deadline && child.exitCode === null) {
    const now = await probe(base)
    if (now.live) first = now
    else await sleep(100)
  }
  if (!t.ok(first, 'liveness answers')) {
    t.comment(output.slice(-2000))
    return
  }
  t.equal(first?.ready, 503, `readiness is false at first (${first?.body})`)
  t.match(first?.body, /catching up: \d+ events behind|starting/, 'and says the start-up is under way')

  // Ready by itself once caught up.
  let ready = false
  const readyBy = Date.now() + 300_000
  while (!ready && Date.now() < readyBy && child.exitCode === null) {
    ready = (await probe(base)).ready === 200
    if (!ready) await sleep(250)
  }
  t.ok(ready, 'readiness turns true once the projections have caught up')
  // The server logs the catch-up before readiness turns true, but its stdout reaches this process
  // through a pipe (and npm's, in embedded mode) after the readiness answer may have: CI saw the
  // answer first. Read the output until the line is there, for a while.
  for (
    const until = Date.now() + 30_000;
    !/"msg":"projections caught up"/.test(output) && Date.now() < until;
  )
    await sleep(50)
  t.match(output, /"behind":\d+/, 'the log reports how far behind')
  t.match(output, /"msg":"projections caught up"/, 'and when they have caught up')
  const progress = output.split('\n').filter((line) => line.includes('"msg":"projections catching up"'))
  t.ok(progress.length >= 1, `${progress.length} progress lines while catching up`)
  t.comment(progress.at(-1) ?? '')
  t.comment(`${events} events appended before the start`)

  // npm passes no signal to the server it started: signal the whole group.
  if (child.pid) process.kill(-child.pid, 'SIGTERM')
  await exited
}

t.test('embedded mode: npm start listens at once after many appended events', async (t) => {
  const dataDir = await mkdtemp(join(tmpdir(), 'nexus-listen-'))
  t.teardown(() => rm(dataDir, { recursive: true, force: true }))
  const env = { ...withoutServices(), NEXUS_DATA_DIR: dataDir, NEXUS_DEMO_DATA: 'false' }
  const events = 12_000
  await generate(env, events)
  await startAndWatch(t, ['npm', 'start'], env, events)
})

t.test('services mode: the API with its projectors listens at once', async (t) => {
  const database = await createTestDatabase(t)
  const redisKeyPrefix = uniqueRedisPrefix()
  t.teardown(() => dropRedisPrefix(redisKeyPrefix))
  const env = {
    ...withoutServices(),
    DATABASE_URL: database.url,
    REDIS_URL: testServices.redisUrl,
    REDIS_KEY_PREFIX: redisKeyPrefix,
  }
  const events = 30_000
  await generate(env, events)
  await startAndWatch(t, [process.execPath, ...API_NODE_FLAGS, 'src/server.ts'], env, events)
})
