/**
 * `npm run generate:movielens`: asking for help prints the usage (exit 0), an unknown option is a
 * usage error (exit 2) rather than a stack trace, and a tiny dataset is written in the MovieLens
 * layout the importer reads.
 */
import { spawn } from 'node:child_process'
import { mkdtemp, readFile, rm } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { fileURLToPath } from 'node:url'
import t from 'tap'
import { finished } from '../support/child-process.ts'

const run = (args: string[]) =>
  finished(
    spawn(process.execPath, ['scripts/generate-movielens.ts', ...args], {
      cwd: fileURLToPath(new URL('../..', import.meta.url)),
      stdio: ['ignore', 'pipe', 'pipe'],
      timeout: 180_000,
    }),
  )

t.test('--help prints the usage; an unknown option is a usage error', async (t) => {
  const help = await run(['--help'])
  t.equal(help.code, 0)
  t.match(help.stdout, /^usage: npm run generate:movielens -- --out <dir>/)
  const bogus = await run(['--bogus'])
  t.equal(bogus.code, 2)
  t.match(bogus.stderr, /unknown option '--bogus'\nusage: /)
  t.notMatch(bogus.stderr, /\n\s+at /, 'no stack trace')
})

t.test('writes a small dataset in the ml-latest layout', async (t) => {
  const out = await mkdtemp(join(tmpdir(), 'nexus-generate-'))
  t.teardown(() => rm(out, { recursive: true, force: true }))
  const written = await run(['--out', out, '--users', '5', '--movies', '50'])
  t.equal(written.code, 0, written.stderr)
  const text = await readFile(join(out, 'ratings.csv'), 'utf8')
  t.notMatch(text, /[^\r]\n/, 'RFC 4180: lines end with CRLF')
  const ratings = text.trim().split('\r\n')
  t.equal(ratings[0], 'userId,movieId,rating,timestamp')
  t.ok(ratings.length > 1, 'some ratings')
})
