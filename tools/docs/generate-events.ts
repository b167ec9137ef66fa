/**
 * `npm run docs:events [-- --check]`: writes docs/events.md, the event catalogue generated from
 * src/domain/events.ts (./event-catalogue.ts). With --check it writes nothing and exits 1 when the
 * file is stale (test/unit/event-catalogue-doc.test.ts checks the same in every test run).
 */
import { readFile, writeFile } from 'node:fs/promises'
import { createProgram, parseProgram } from '../../src/cli/command.ts'
import { EVENT_CATALOGUE_FILE, renderEventCatalogue } from './event-catalogue.ts'

const program = createProgram(
  'docs:events',
  'Writes docs/events.md, the event catalogue, from the event declarations in src/domain/.',
  ['npm run docs:events', 'npm run docs:events -- --check'],
).option('--check', 'write nothing; exit 1 when docs/events.md is not what the code generates', false)
parseProgram(program)
const options = program.opts<{ check: boolean }>()
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
