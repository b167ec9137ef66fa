/** The README's curl tour, run verbatim through bash against the real server, so the README never lies. */
import { execFile } from 'node:child_process'
import { readFile } from 'node:fs/promises'
import { promisify } from 'node:util'
import t from 'tap'
import { createTestDatabase } from '../support/database.ts'
import { startServer, uniqueRedisPrefix } from '../support/server-process.ts'

const run = promisify(execFile)
const readme = await readFile(new URL('../../README.md', import.meta.url), 'utf8')
const MARKER = '<<<readme-tour-command-end>>>'

/** The shell blocks of "Start and test" that call curl, each cut into commands (continuations joined). */
function tourCommands(): string[] {
  const start = readme.indexOf('## Start and test')
  const end = readme.indexOf('\n## ', start + 1)
  const section = readme.slice(start, end === -1 ? undefined : end)
  const blocks = [...section.matchAll(/```sh\n([\s\S]*?)```/g)]
    .map((match) => match[1] ?? '')
    .filter((block) => block.includes('curl'))
  const commands: string[] = []
  for (const block of blocks) {
    let current = ''
    for (const line of block.split('\n')) {
      if (line.trim() === '') continue
      current += current ? `\n${line}` : line
      if (!line.endsWith('\\')) {
        commands.push(current)
        current = ''
      }
    }
  }
  return commands
}

const commands = tourCommands()
const { url } = await createTestDatabase(t)
const redisKeyPrefix = uniqueRedisPrefix()

t.test('the README still points the tour at localhost:3000', async (t) => {
  t.ok(readme.includes('localhost:3000'))
  t.ok(commands.some((command) => command.includes('/auth/register')))
  t.ok(commands.some((command) => command.includes('/me/ratings')))
})

t.test(
  'the README tour registers, signs in, adds a movie, rates and lists, and the rating survives a restart',
  async (t) => {
    const server = await startServer(t, { databaseUrl: url, redisKeyPrefix })
    // The commands run verbatim; a marker after each one tells their outputs apart, and a last line
    // shows the token the tour's login kept in $TOKEN.
    const script = [...commands, 'printf %s "$TOKEN"']
      .map(
        (command) => `${command.replaceAll('localhost:3000', `127.0.0.1:${server.port}`)}\necho '${MARKER}'`,
      )
      .join('\n')
    const { stdout } = await run('bash', ['-c', script], { timeout: 20_000 })
    const outputs = stdout.split(`${MARKER}\n`).map((output) => output.trim())
    const outputOf = (needle: string): string => outputs[commands.findIndex((c) => c.includes(needle))] ?? ''
    const parse = (text: string): Record<string, unknown> => {
      try {
        return JSON.parse(text) as Record<string, unknown>
      } catch {
        t.fail(`not JSON: ${text}`)
        return {}
      }
    }

    const registered = parse(outputOf('/auth/register'))
    t.match(registered, { userId: String, username: 'ada' }, 'registration succeeded')
    t.match(outputs[commands.length], /^[\w-]+\.[\w-]+\.[\w-]+$/, 'the login gave a token')
    const rated = parse(outputOf('/rating'))
    t.match(rated, { changed: true, position: /^[0-9a-f]{32}$/ }, 'the rating changed and gave a position')
    const mine = parse(outputOf('/me/ratings'))
    const movie = outputOf('MOVIE=')
    t.match(movie, /^[0-9a-f-]{36}$/, 'the tour added a movie')
    t.match(mine, { items: [{ movieId: movie, stars: 4 }] }, 'my ratings list holds the rating')

    t.equal(await server.stop(), 0, `exit code 0 (${server.output().slice(-300)})`)

    const again = await startServer(t, { databaseUrl: url, redisKeyPrefix })
    const login = await fetch(`${again.base}/api/v1/auth/login`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ login: 'ada', password: 'correct horse battery' }),
    })
    t.equal(login.status, 200, 'signs in after the restart')
    const { accessToken } = (await login.json()) as { accessToken: string }
    const after = await fetch(`${again.base}/api/v1/me/ratings`, {
      headers: { authorization: `Bearer ${accessToken}` },
    })
    t.equal(after.status, 200)
    t.match(await after.json(), { items: [{ movieId: movie, stars: 4 }] }, 'the rating survived the restart')
    t.equal(await again.stop(), 0, `exit code 0 after the restart (${again.output().slice(-300)})`)
  },
)
