/**
 * `npm run generate:movielens -- --out <dir> [--seed 1] [--users 610] [--movies 9000]`: writes a
 * seeded synthetic dataset in the MovieLens ml-latest-small layout (movies.csv, ratings.csv,
 * links.csv) from a latent-factor model (src/generate/latent-factor-dataset.ts). The same arguments
 * always write the same files. Defaults are about ml-latest-small's size (~100k ratings).
 */
import { once } from 'node:events'
import { createWriteStream, mkdirSync, type WriteStream } from 'node:fs'
import { join } from 'node:path'
import { parseArgs } from 'node:util'
import { generateLatentFactorDataset, movieLensFiles } from '../src/generate/latent-factor-dataset.ts'

const USAGE =
  'usage: npm run generate:movielens -- --out <dir> [--seed 1] [--users 610] [--movies 9000] (positive integers)\n'

function parse() {
  try {
    return parseArgs({
      options: {
        out: { type: 'string' },
        seed: { type: 'string', default: '1' },
        users: { type: 'string', default: '610' },
        movies: { type: 'string', default: '9000' },
        help: { type: 'boolean', short: 'h' },
      },
    })
  } catch (error) {
    // An unknown option or a stray argument: the usage, not a stack trace.
    process.stderr.write(`generate:movielens: ${(error as Error).message}\n${USAGE}`)
    process.exit(2)
  }
}

const { values } = parse()
if (values.help) {
  process.stdout.write(USAGE)
  process.exit(0)
}
const seed = Number(values.seed)
const users = Number(values.users)
const movies = Number(values.movies)
if (values.out === undefined || ![seed, users, movies].every((n) => Number.isInteger(n) && n > 0)) {
  process.stderr.write(USAGE)
  process.exit(2)
}

const started = performance.now()
const dataset = generateLatentFactorDataset({ seed, users, movies })
mkdirSync(values.out, { recursive: true })
const streams = new Map<string, WriteStream>()
for (const { file, line } of movieLensFiles(dataset)) {
  let stream = streams.get(file)
  if (!stream) {
    stream = createWriteStream(join(values.out, file))
    streams.set(file, stream)
  }
  if (!stream.write(`${line}\n`)) await once(stream, 'drain')
}
for (const stream of streams.values()) {
  stream.end()
  await once(stream, 'finish')
}
process.stderr.write(
  `wrote ${dataset.movies.length} movies and ${dataset.ratings.length} ratings of ${users} users to ${values.out} ` +
    `in ${((performance.now() - started) / 1000).toFixed(1)} s (seed ${seed})\n`,
)
