/**
 * `node tools/profile/profile-top.ts <file.cpuprofile> [--top 30] [--from s] [--to s] [--inclusive [--match re]]`: the
 * functions with the most self time in a V8 CPU profile (as `node --cpu-prof` or `npm run bench:api
 * -- --profile <dir>` write them), with their share of the samples, and the same summed per package
 * or source directory. `--inclusive`: time in each function and what it called, as a share of the
 * busy samples (idle left out: the API child idles while the bench seeds and measures the others),
 * optionally only the functions whose name or file matches.
 */
import { readFile } from 'node:fs/promises'
import { createProgram, integerValue, parseProgram, usageError } from '../../src/cli/command.ts'

type Node = {
  id: number
  callFrame: { functionName: string; url: string; lineNumber: number }
  hitCount?: number
}
type Profile = { nodes: (Node & { children?: number[] })[]; samples: number[]; timeDeltas?: number[] }

const program = createProgram(
  'node tools/profile/profile-top.ts',
  'The functions with the most self time in a V8 CPU profile (as `node --cpu-prof` or `npm run ' +
    'bench:api -- --profile <dir>` write them), with their share of the samples, and the same summed ' +
    'per package or source directory. --inclusive: time in each function and what it called, as a ' +
    'share of the busy samples.',
  [
    'node tools/profile/profile-top.ts /tmp/prof/CPU.20260101.cpuprofile',
    "node tools/profile/profile-top.ts /tmp/prof/CPU.20260101.cpuprofile --inclusive --match 'trending'",
  ],
)
  .argument('<file>', 'the .cpuprofile file')
  .option('--top <n>', 'how many functions', '30')
  .option('--inclusive', 'time in each function and what it called', false)
  .option('--match <regexp>', 'with --inclusive: only functions whose name or file matches')
  .option(
    '--from <seconds>',
    'only the samples taken this many seconds or more after the profile began (leaves out the start-up)',
    '0',
  )
  .option(
    '--to <seconds>',
    'only the samples taken before this many seconds after the profile began (one endpoint of a run that loaded several)',
  )
parseProgram(program)
const file = program.args[0] as string
const options = program.opts<{ top: string; inclusive: boolean; match?: string; from: string; to?: string }>()
const values = {
  ...options,
  top: String(integerValue(program, 'top', options.top, 1, 100_000)),
  from: integerValue(program, 'from', options.from, 0, 1_000_000),
  to:
    options.to === undefined
      ? Number.POSITIVE_INFINITY
      : integerValue(program, 'to', options.to, 1, 1_000_000),
}
if (values.to <= values.from) usageError(program, '--to must be later than --from')
if (values.match !== undefined) {
  try {
    new RegExp(values.match)
  } catch (error) {
    usageError(program, `--match is not a regular expression: ${(error as Error).message}`)
  }
}
let profile: Profile
try {
  profile = JSON.parse(await readFile(file, 'utf8')) as Profile
} catch (error) {
  process.stderr.write(`profile-top: cannot read ${file}: ${(error as Error).message}\n`)
  process.exit(1)
}
// Sample i was taken at the sum of the first i + 1 time deltas (microseconds).
const fromMicros = values.from * 1e6
const toMicros = values.to * 1e6
let elapsed = 0
const samples = profile.samples.filter((_, i) => {
  elapsed += profile.timeDeltas?.[i] ?? 0
  return elapsed >= fromMicros && elapsed < toMicros
})
const hits = new Map<number, number>()
for (const id of samples) hits.set(id, (hits.get(id) ?? 0) + 1)
const total = samples.length

const where = (url: string): string => {
  const modules = url.lastIndexOf('node_modules/')
  if (modules !== -1) {
    const rest = url.slice(modules + 'node_modules/'.length).split('/')
    return rest[0]?.startsWith('@') ? `${rest[0]}/${rest[1]}` : (rest[0] ?? url)
  }
  if (url.startsWith('node:')) return 'node internals'
  const src = url.indexOf('/src/')
  if (src !== -1)
    return url
      .slice(src + 1)
      .split('/')
      .slice(0, 2)
      .join('/')
  return url === '' ? '(vm: gc, idle, program)' : url.replace(/^.*\//, '')
}

const byFunction = new Map<string, number>()
const byPlace = new Map<string, number>()
for (const node of profile.nodes) {
  const count = hits.get(node.id) ?? 0
  if (count === 0) continue
  const { functionName, url, lineNumber } = node.callFrame
  const name = `${functionName || '(anonymous)'}  ${url.replace(/^.*node_modules\//, '')}:${lineNumber + 1}`
  byFunction.set(name, (byFunction.get(name) ?? 0) + count)
  byPlace.set(where(url), (byPlace.get(where(url)) ?? 0) + count)
}
const show = (title: string, entries: Map<string, number>, top: number) => {
  console.log(`\n${title}`)
  for (const [name, count] of [...entries].sort((a, b) => b[1] - a[1]).slice(0, top)) {
    console.log(`${((100 * count) / total).toFixed(1).padStart(6)}%  ${name}`)
  }
}
console.log(`${total} samples`)
if (values.inclusive) {
  // Each busy sample counts once for every distinct function on its stack.
  const nodes = new Map(profile.nodes.map((node) => [node.id, node]))
  const parent = new Map<number, number>()
  for (const node of profile.nodes) for (const child of node.children ?? []) parent.set(child, node.id)
  const inclusive = new Map<string, number>()
  let busy = 0
  for (const [id, count] of hits) {
    if (nodes.get(id)?.callFrame.functionName === '(idle)') continue
    busy += count
    const seen = new Set<string>()
    for (let at: number | undefined = id; at !== undefined; at = parent.get(at)) {
      const frame = nodes.get(at)?.callFrame
      if (!frame) break
      const name = `${frame.functionName || '(anonymous)'}  ${frame.url.replace(/^.*node_modules\//, '')}:${frame.lineNumber + 1}`
      if (seen.has(name)) continue
      seen.add(name)
      inclusive.set(name, (inclusive.get(name) ?? 0) + count)
    }
  }
  const match = values.match ? new RegExp(values.match) : null
  console.log(`\ninclusive time by function, share of ${busy} busy samples`)
  for (const [name, count] of [...inclusive]
    .filter(([name]) => match === null || match.test(name))
    .sort((a, b) => b[1] - a[1])
    .slice(0, Number(values.top))) {
    console.log(`${((100 * count) / busy).toFixed(1).padStart(6)}%  ${name}`)
  }
} else {
  show('self time by function', byFunction, Number(values.top))
  show('self time by package or directory', byPlace, 25)
}
