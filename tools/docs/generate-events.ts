/**
 * `npm run docs:events [-- --check]`: writes docs/events.md, the event catalogue generated from
 * src/domain/events.ts (./event-catalogue.ts). With --check it writes nothing and exits 1 when the
 * file is stale (test/unit/event-catalogue-doc.test.ts checks the same in every test run).
 */
import { readFile, writeFile } from 'node:fs/promises'
import { parseArgs } from 'node:util'
import { EVENT_CATALOGUE_FILE, renderEventCatalogue } from './event-catalogue.ts'

const USAGE = `usage: npm run docs:events [-- --check]

Writes docs/events.md, the event catalogue, from the event declarations in src/domain/.
  --check      write nothing; exit 1 when docs/events.md is not what the code generates
  -h, --help   this text
`

function parseOrExit() {
  try {
    return parseArgs({
      options: { check: { type: 'boolean', default: false }, help: { type: 'boolean', short: 'h' } },
    }).values
  } catch (error) {
    process.stderr.write(`${(error as Error).message}\n\n${USAGE}`)
    process.exit(2)
  }
}

const options = parseOrExit()
if (options.help) {
  process.stdout.write(USAGE)
  process.exit(0)
}
const rendered = renderEventCatalogue()
if (options.check) {
  const current = await readFile(EVENT_CATALOGUE_FILE, 'utf8').catch(() => '')
  if (current !== rendered) {
    process.stderr.write('docs/events.md is stale: run npm run docs:events\n')
    process.exit(1)
  }
  process.stdout.write('docs/events.md is up to date\n')
} else {
  await writeFile(EVENT_CATALOGUE_FILE, rendered)
  process.stdout.write('wrote docs/events.md\n')
}
