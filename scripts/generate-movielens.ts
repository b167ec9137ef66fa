/**
 * `npm run generate:movielens -- --out <dir> [--seed 1] [--users 610] [--movies 9000]`: writes a
 * seeded synthetic dataset in the MovieLens ml-latest-small layout (movies.csv, ratings.csv,
 * links.csv) from a latent-factor model (src/generate/latent-factor-dataset.ts). The same arguments
 * always write the same files. Defaults are about ml-latest-small's size (~100k ratings).
 */
import { once } from 'node:events'
import { createWriteStream, mkdirSync, type WriteStream } from 'node:fs'
import { join } from 'node:path'
import { createProgram, integerValue, interruptions, parseProgram, usageError } from '../src/cli/command.ts'
import { createProgress } from '../src/cli/progress.ts'
import { generateLatentFactorDataset, movieLensFiles } from '../src/generate/latent-factor-dataset.ts'

const program = createProgram(
  'generate:movielens',
  'Writes a seeded synthetic dataset in the MovieLens ml-latest-small layout (movies.csv, ' +
    'ratings.csv, links.csv; RFC 4180 CSV) from a latent-factor model. The same arguments always ' +
    "write the same files; the defaults are about ml-latest-small's size (~100k ratings).",
  [
    'npm run generate:movielens -- --out /tmp/ml',
    'npm run generate:movielens -- --out /tmp/ml-big --users 6000 --movies 20000 --seed 7',
  ],
)
  .usage('--out <dir> [--seed 1] [--users 610] [--movies 9000]')
  .option('--out <dir>', 'the directory to write into (created if missing); required')
  .option('--seed <n>', 'the seed, a positive integer', '1')
  .option('--users <n>', 'how many users, a positive integer', '610')
  .option('--movies <n>', 'how many movies, a positive integer', '9000')
parseProgram(program)
const options = program.opts<{ out?: string; seed: string; users: string; movies: string }>()
// Checked here rather than by commander, so that an unknown option is the first mistake named.
if (options.out === undefined) usageError(program, '--out <dir> is required')
const values = { ...options, out: options.out }
const seed = integerValue(program, 'seed', values.seed, 1, 2 ** 31 - 1)
const users = integerValue(program, 'users', values.users, 1, 1_000_000)
const movies = integerValue(program, 'movies', values.movies, 1, 1_000_000)
const stop = interruptions('generate:movielens')

const started = performance.now()
const dataset = generateLatentFactorDataset({ seed, users, movies })
mkdirSync(values.out, { recursive: true })
const streams = new Map<string, WriteStream>()
const total = dataset.movies.length * 2 + dataset.ratings.length + 3
const progress = createProgress('generate:movielens', total, 0, { unit: 'lines' })
let done = 0
for (const { file, line } of movieLensFiles(dataset)) {
  if (stop.signal.aborted) break
  let stream = streams.get(file)
  if (!stream) {
    stream = createWriteStream(join(values.out, file))
    streams.set(file, stream)
  }
  // RFC 4180: every record ends with CRLF.
  if (!stream.write(`${line}\r\n`)) await once(stream, 'drain')
  if (++done % 10_000 === 0) progress.update(done)
}
progress.update(done)
progress.stop()
for (const stream of streams.values()) {
  stream.end()
  await once(stream, 'finish')
}
const seconds = ((performance.now() - started) / 1000).toFixed(1)
if (stop.signal.aborted) {
  // The files are written from the start each time: nothing to resume, the same command writes them again.
  process.stderr.write(
    `generate:movielens: interrupted after ${done} of ${total} lines in ${seconds} s; the files in ${values.out} are incomplete: run the same command again to write them whole\n`,
  )
  process.exitCode = stop.exitCode
} else {
  process.stderr.write(
    `wrote ${dataset.movies.length} movies and ${dataset.ratings.length} ratings of ${users} users to ${values.out} ` +
      `in ${seconds} s (seed ${seed})\n`,
  )
}
