/**
 * The API starts with the same V8 flags everywhere it is started (src/runtime/api-node-flags.ts):
 * `npm start`, the image's CMD, docker compose's api service, Render's web service, and the
 * benchmark that runs the API in its own process. And this Node accepts them (an unknown V8 flag
 * makes node refuse to start).
 */
import { execFile } from 'node:child_process'
import { readFile } from 'node:fs/promises'
import { promisify } from 'node:util'
import t from 'tap'
import { API_NODE_FLAGS } from '../../src/runtime/api-node-flags.ts'

const root = new URL('../../', import.meta.url)
const read = (file: string) => readFile(new URL(file, root), 'utf8')
const server = ['node', ...API_NODE_FLAGS, 'src/server.ts']

t.test('every command line that starts the API carries the flags', async (t) => {
  const scripts = (JSON.parse(await read('package.json')) as { scripts: Record<string, string> }).scripts
  t.equal(scripts.start, server.join(' '), 'npm start')
  t.equal(
    scripts['bench:recommender'],
    ['node', ...API_NODE_FLAGS, 'tools/bench/bench-recommender.ts'].join(' '),
    'bench:recommender (the API in its own process)',
  )
  t.match(await read('Dockerfile'), `\nCMD ${JSON.stringify(server).replaceAll(',', ', ')}\n`, 'the image')
  t.match(
    await read('docker-compose.yml'),
    `command: ${JSON.stringify(server).replaceAll(',', ', ')}\n`,
    'compose',
  )
  t.match(await read('render.yaml'), `dockerCommand: ${server.join(' ')}\n`, 'Render')
})

t.test('this Node accepts the flags', async (t) => {
  const { stdout } = await promisify(execFile)(
    process.execPath,
    [...API_NODE_FLAGS, '-p', 'process.execArgv'],
    {
      env: { ...process.env, NODE_OPTIONS: '' },
    },
  )
  t.match(stdout, API_NODE_FLAGS[0] as string)
})
