/**
 * `node --no-memory-reducer src/server.ts` (src/runtime/api-node-flags.ts) as operators run it:
 * starts on its defaults, drains requests on SIGTERM, and at LOG_LEVEL=info writes one access line
 * per request, without the bearer token.
 */
import { spawn } from 'node:child_process'
import { once } from 'node:events'
import { setTimeout as sleep } from 'node:timers/promises'
import t from 'tap'
import { API_NODE_FLAGS } from '../../src/runtime/api-node-flags.ts'
import { buildTestApp } from '../support/app.ts'
import { freePort } from '../support/server-process.ts'
import { testServices } from '../support/services.ts'

const { database, user, config } = await buildTestApp(t)

t.test('the server serves, then on SIGTERM finishes in-flight requests and exits 0', async (t) => {
  const port = await freePort()
  const child = spawn(process.execPath, [...API_NODE_FLAGS, 'src/server.ts'], {
    cwd: new URL('../..', import.meta.url),
    env: {
      ...process.env,
      NODE_ENV: 'development',
      PORT: String(port),
      HOST: '127.0.0.1',
      DATABASE_URL: database.url,
      REDIS_URL: testServices.redisUrl,
      REDIS_KEY_PREFIX: config.redisKeyPrefix,
      EVENTSTORE_URL: '',
      JWT_SECRET: config.jwtSecret,
      LOG_LEVEL: 'info',
    },
    stdio: ['ignore', 'pipe', 'pipe'],
  })
  let output = ''
  child.stdout.on('data', (chunk) => {
    output += chunk
  })
  child.stderr.on('data', (chunk) => {
    output += chunk
  })
  const base = `http://127.0.0.1:${port}`
  let ready = false
  // Up to a minute: a loaded machine starts the server slowly (it builds its OpenAPI document too).
  for (let i = 0; i < 600 && !ready; i++) {
    ready = await fetch(`${base}/health/ready`).then(
      (r) => r.ok,
      () => false,
    )
    if (!ready) await sleep(100)
  }
  t.ok(ready, 'ready')

  // A query waiting for a position nobody will reach stays in flight for the consistency timeout.
  const me = user()
  const inFlight = fetch(`${base}/api/v1/me/ratings`, {
    headers: { ...me.headers, 'x-consistency-token': '7'.repeat(32) },
  })
  await sleep(200)
  child.kill('SIGTERM')
  const reply = await inFlight
  t.equal(reply.status, 200, 'the in-flight request was answered')
  t.equal(reply.headers.get('x-consistency'), 'timeout')
  const [code] = await once(child, 'exit')
  // close-with-grace exits with 1 when the shutdown outlasts SHUTDOWN_TIMEOUT_MS: 0 is "within the grace period".
  t.equal(code, 0, `exit code 0: stopped within the grace period (${output.slice(-300)})`)
  const after = await fetch(`${base}/health/live`).then(
    () => 'answered',
    () => 'refused',
  )
  t.equal(after, 'refused', 'nothing listens any more')

  // The access log: one line per request, with what an operator looks for and nothing secret.
  const lines = output
    .split('\n')
    .filter((line) => line.startsWith('{'))
    .map((line) => JSON.parse(line) as Record<string, unknown>)
  const completed = lines.filter((line) => line.msg === 'request completed')
  t.notOk(
    lines.some((line) => line.msg === 'incoming request'),
    'no second line per request',
  )
  t.match(
    completed.find((line) => line.url === '/api/v1/me/ratings'),
    { level: 30, method: 'GET', statusCode: 200, responseTime: Number, reqId: String },
    'the in-flight request has its line',
  )
  const readiness = completed.filter((line) => line.url === '/health/ready')
  t.ok(readiness.length >= 1, 'the readiness polls have theirs')
  t.equal(new Set(completed.map((line) => line.reqId)).size, completed.length, 'one line per request')
  const token = me.headers.authorization.replace('Bearer ', '')
  t.notOk(output.includes(token), 'the bearer token never reaches the logs')
})
