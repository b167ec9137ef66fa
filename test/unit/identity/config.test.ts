/** The identity settings of loadConfig: defaults, CORS origins, limits, and errors naming the variable. */
import t from 'tap'
import { ConfigError, loadConfig } from '../../../src/config.ts'

t.test('identity settings default to safe values', async (t) => {
  const config = loadConfig({})
  t.match(config, {
    refreshTokenTtlSeconds: 2_592_000,
    corsOrigins: [],
    trustProxyHops: 0,
    rateLimitMax: 300,
    rateLimitWindowSeconds: 60,
    authRateLimitMax: 20,
    loginFailureLimit: 5,
    loginFailureWindowSeconds: 900,
    adminPassword: null,
  })
})

t.test('CORS_ORIGINS is a list of origins; NEXUS_ADMIN_PASSWORD is read as given', async (t) => {
  const config = loadConfig({
    CORS_ORIGINS: 'https://app.example.com, http://localhost:5173',
    NEXUS_ADMIN_PASSWORD: 'correct horse battery',
    LOGIN_FAILURE_WINDOW_SECONDS: '1',
  })
  t.same(config.corsOrigins, ['https://app.example.com', 'http://localhost:5173'])
  t.equal(config.adminPassword, 'correct horse battery')
  t.equal(config.loginFailureWindowSeconds, 1)
})

for (const [variable, value] of [
  ['CORS_ORIGINS', 'https://app.example.com/path'],
  ['CORS_ORIGINS', 'app.example.com'],
  ['CORS_ORIGINS', 'ftp://files.example.com'],
  ['CORS_ORIGINS', 'https://app.example.com/'],
  ['REFRESH_TOKEN_TTL_SECONDS', '10'],
  ['LOGIN_FAILURE_LIMIT', '0'],
  ['RATE_LIMIT_MAX', 'lots'],
  ['TRUST_PROXY_HOPS', '-1'],
] as const) {
  t.test(`${variable}=${value} is refused with an error naming ${variable}`, async (t) => {
    let error: unknown
    try {
      loadConfig({ [variable]: value })
    } catch (caught) {
      error = caught
    }
    t.ok(error instanceof ConfigError, `refused (${String(error)})`)
    t.equal((error as ConfigError).variable, variable)
    t.match((error as ConfigError).message, new RegExp(`^${variable} `))
  })
}
