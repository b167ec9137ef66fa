/** loadConfig: defaults, one ConfigError naming each malformed variable, no secret in any message. */
import { spawn } from 'node:child_process'
import { type AddressInfo, createServer } from 'node:net'
import { resolve } from 'node:path'
import { fileURLToPath } from 'node:url'
import t from 'tap'
import { ConfigError, loadConfig } from '../../src/config.ts'
import { finished } from '../support/child-process.ts'

type Env = Record<string, string | undefined>
type Fail = { fail(message: string): boolean }

/** The ConfigError that env provokes, or a failed assertion when it loads or throws something else. */
function configError(t: Fail, env: Env): ConfigError | undefined {
  try {
    loadConfig(env)
  } catch (error) {
    if (error instanceof ConfigError) return error
    t.fail(`expected a ConfigError, got ${String(error)}`)
    return undefined
  }
  t.fail(`expected ${JSON.stringify(env)} to be refused, it loaded`)
  return undefined
}

const LONG_SECRET = 'x'.repeat(32)

t.test('an empty environment gives the development defaults', async (t) => {
  const config = loadConfig({})
  t.equal(config.nodeEnv, 'development')
  t.equal(config.port, 3000)
  t.equal(config.host, '0.0.0.0')
  t.equal(config.logLevel, 'info')
  t.equal(config.eventStoreUrl, null)
  t.equal(config.runProjectors, true)
  t.equal(config.warmUpConnections, true)
  t.equal(config.jwtSecretIsDefault, true)
  t.ok(config.jwtSecret.length >= 32, 'the development secret is itself long enough')
  t.equal(config.mode, 'embedded', 'no service URL: embedded mode')
  t.equal(config.databaseUrl, null)
  t.equal(config.redisUrl, null)
  t.equal(
    config.dataDir,
    resolve('.nexus-data'),
    'the data directory defaults to ./.nexus-data, made absolute',
  )
  t.equal(config.demoData, true)
})

t.test('embedded mode takes NEXUS_DATA_DIR and NEXUS_DEMO_DATA', async (t) => {
  const config = loadConfig({ NEXUS_DATA_DIR: 'somewhere/else', NEXUS_DEMO_DATA: 'false' })
  t.equal(config.mode, 'embedded')
  t.equal(config.dataDir, resolve('somewhere/else'))
  t.equal(config.demoData, false)
  t.equal(
    loadConfig({ DATABASE_URL: '', REDIS_URL: '', EVENTSTORE_URL: '' }).mode,
    'embedded',
    'empty values count as unset',
  )
})

t.test('services mode needs DATABASE_URL and REDIS_URL; EVENTSTORE_URL is optional', async (t) => {
  const both = loadConfig({ DATABASE_URL: 'postgres://db/nexus', REDIS_URL: 'redis://cache:6379' })
  t.equal(both.mode, 'services')
  t.equal(both.dataDir, null)
  t.equal(both.eventStoreUrl, null)
  const all = loadConfig({
    DATABASE_URL: 'postgres://db/nexus',
    REDIS_URL: 'redis://cache:6379',
    EVENTSTORE_URL: 'esdb://esdb:2113?tls=false',
  })
  t.equal(all.mode, 'services')
  t.equal(all.eventStoreUrl, 'esdb://esdb:2113?tls=false')
})

const mixes: [set: Record<string, string>, missing: string][] = [
  [{ DATABASE_URL: 'postgres://db/nexus' }, 'REDIS_URL'],
  [{ REDIS_URL: 'redis://cache:6379' }, 'DATABASE_URL'],
  [{ EVENTSTORE_URL: 'esdb://esdb:2113?tls=false' }, 'DATABASE_URL'],
  [{ EVENTSTORE_URL: 'esdb://esdb:2113?tls=false', DATABASE_URL: 'postgres://db/nexus' }, 'REDIS_URL'],
]
for (const [env, missing] of mixes) {
  t.test(`only ${Object.keys(env).join(' and ')} set is refused, naming ${missing}`, async (t) => {
    const error = configError(t, env)
    t.equal(error?.variable, missing)
    t.match(error?.message, /services mode needs DATABASE_URL and REDIS_URL; embedded mode sets none/)
    for (const name of Object.keys(env))
      t.match(error?.message, new RegExp(`when .*${name}`), `it names ${name}`)
  })
}

t.test('NEXUS_DATA_DIR with service URLs is refused (it would be ignored)', async (t) => {
  const error = configError(t, {
    DATABASE_URL: 'postgres://db/nexus',
    REDIS_URL: 'redis://cache:6379',
    NEXUS_DATA_DIR: './data',
  })
  t.equal(error?.variable, 'NEXUS_DATA_DIR')
  t.match(error?.message, /only used in embedded mode/)
})

t.test('well-formed values are read', async (t) => {
  const config = loadConfig({
    NODE_ENV: 'production',
    PORT: '8080',
    DATABASE_URL: 'postgresql://nexus@db:5432/nexus',
    REDIS_URL: 'rediss://cache:6380',
    EVENTSTORE_URL: 'esdb://esdb:2113?tls=false',
    LOG_LEVEL: 'debug',
    RUN_PROJECTORS: 'false',
    WARM_UP_CONNECTIONS: 'false',
    JWT_SECRET: LONG_SECRET,
  })
  t.equal(config.nodeEnv, 'production')
  t.equal(config.port, 8080)
  t.equal(config.databaseUrl, 'postgresql://nexus@db:5432/nexus')
  t.equal(config.redisUrl, 'rediss://cache:6380')
  t.equal(config.eventStoreUrl, 'esdb://esdb:2113?tls=false')
  t.equal(config.logLevel, 'debug')
  t.equal(config.runProjectors, false)
  t.equal(config.warmUpConnections, false)
  t.equal(config.jwtSecret, LONG_SECRET)
  t.equal(config.jwtSecretIsDefault, false)
})

const malformed: [variable: string, value: string][] = [
  ['PORT', 'abc'],
  ['PORT', '70000'],
  ['PORT', '0'],
  ['PORT', '80.5'],
  ['DATABASE_URL', 'not-a-url'],
  ['DATABASE_URL', 'mysql://x'],
  ['REDIS_URL', 'http://x'],
  ['EVENTSTORE_URL', 'http://x'],
  ['LOG_LEVEL', 'loud'],
  ['RUN_PROJECTORS', 'maybe'],
  ['NODE_ENV', 'staging'],
]

for (const [variable, value] of malformed) {
  t.test(`${variable}=${value} is refused with an error naming ${variable}`, async (t) => {
    const error = configError(t, { [variable]: value })
    t.equal(error?.variable, variable)
    t.match(error?.message, new RegExp(`^${variable} `), 'the message starts with the variable')
  })
}

t.test('production without JWT_SECRET is refused, naming JWT_SECRET', async (t) => {
  const error = configError(t, { NODE_ENV: 'production' })
  t.equal(error?.variable, 'JWT_SECRET')
  t.match(error?.message, /JWT_SECRET/)
})

t.test('production with a long JWT_SECRET loads', async (t) => {
  t.equal(loadConfig({ NODE_ENV: 'production', JWT_SECRET: LONG_SECRET }).jwtSecretIsDefault, false)
})

t.test('a JWT_SECRET under 32 characters is refused without printing it', async (t) => {
  const secret = 'short-but-secret-31-characters!'
  t.equal(secret.length, 31)
  const error = configError(t, { JWT_SECRET: secret })
  t.equal(error?.variable, 'JWT_SECRET')
  t.notOk(error?.message.includes(secret), 'the secret is not in the message')
  t.notOk(error?.message.includes('short-but'), 'no part of the secret is in the message')
})

t.test('a password in a URL with the wrong scheme or that does not parse is not printed', async (t) => {
  const password = 'hunter2-do-not-print'
  for (const [variable, value] of [
    ['DATABASE_URL', `mysql://admin:${password}@db:3306/nexus`],
    ['REDIS_URL', `http://default:${password}@cache:6379`],
    ['EVENTSTORE_URL', `https://admin:${password}@esdb:2113`],
    ['DATABASE_URL', `postgres://admin:${password}@db:notaport/nexus`],
    ['DATABASE_URL', `postgres://admin:${password}@db:99999/nexus`],
  ] as const) {
    const error = configError(t, { [variable]: value })
    t.equal(error?.variable, variable)
    t.notOk(error?.message.includes(password), `${variable}: the password is not in the message`)
  }
})

t.test('the server refuses a malformed PORT with one line and exit code 78, starting nothing', async (t) => {
  // PostgreSQL and Redis as listeners that count who knocks: refusing the configuration must come
  // before any connection (no waiting on a connection timeout, whatever the machine's speed).
  let knocks = 0
  const listeners = await Promise.all(
    [0, 1].map(async () => {
      const server = createServer((socket) => {
        knocks++
        socket.destroy()
      })
      await new Promise<void>((done) => server.listen(0, '127.0.0.1', done))
      t.teardown(() => new Promise<void>((done) => server.close(() => done())))
      return (server.address() as AddressInfo).port
    }),
  )
  const child = spawn(process.execPath, ['src/server.ts'], {
    cwd: fileURLToPath(new URL('../..', import.meta.url)),
    env: {
      ...process.env,
      NODE_ENV: 'development',
      PORT: 'abc',
      DATABASE_URL: `postgres://postgres@127.0.0.1:${listeners[0]}/nexus`,
      REDIS_URL: `redis://127.0.0.1:${listeners[1]}/0`,
    },
    stdio: ['ignore', 'pipe', 'pipe'],
    timeout: 60_000,
  })
  const { code, signal, stdout, stderr } = await finished(child)
  t.equal(signal, null, 'it exits by itself, not killed by the timeout')
  t.equal(code, 78, 'exit code 78 (EX_CONFIG)')
  t.equal(knocks, 0, 'no connection to PostgreSQL or Redis was attempted')
  t.equal(stdout, '', 'nothing was started (no migration or listen output)')
  const lines = stderr.split('\n').filter((line) => line !== '')
  t.equal(lines.length, 1, `stderr is one line: ${JSON.stringify(stderr)}`)
  t.match(lines[0], /PORT/)
  t.match(lines[0], /must be an integer/)
  t.ok(stderr.endsWith('\n') && !stderr.slice(0, -1).includes('\n'), 'exactly one newline-terminated line')
})
