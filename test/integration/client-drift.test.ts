/**
 * The committed contract is the one the code serves: clients/openapi.json is byte for byte the
 * document the app builds, and clients/typescript/src/schema.ts is what openapi-typescript generates
 * from it. A route change without `npm run generate:client` fails here; a change that breaks the
 * client's callers (the browser scenario, frontends) fails the typecheck.
 */
import { readFile } from 'node:fs/promises'
import t from 'tap'
import { buildTestApp } from '../support/app.ts'

const root = new URL('../../', import.meta.url)
const regenerate = 'run `npm run generate:client` and commit clients/'

const { app } = await buildTestApp(t)
const document = (await app.inject({ url: '/api/docs/json' })).json() as object

t.test('clients/openapi.json is the document the API serves', async (t) => {
  const committed = await readFile(new URL('clients/openapi.json', root), 'utf8')
  // As renderDocument (clients/typescript/scripts/generate.ts) writes it.
  const served = `${JSON.stringify(document, null, 2)}\n`
  t.ok(committed === served, `the committed document is current (else ${regenerate})`)
})

t.test('the TypeScript client is generated from that document', async (t) => {
  let generate: (document: object) => Promise<string>
  try {
    generate = (await import('../../clients/typescript/scripts/generate.ts')).generateTypes
  } catch (error) {
    t.fail(`the client generator does not load (npm ci installs it in clients/typescript): ${String(error)}`)
    return
  }
  const committed = await readFile(new URL('clients/typescript/src/schema.ts', root), 'utf8')
  const generated = await generate(document)
  t.ok(committed === generated, `clients/typescript/src/schema.ts is current (else ${regenerate})`)
  t.match(generated, /"\/api\/v1\/movies": \{/, 'it types the paths')
  t.match(generated, /rateMovie: \{/, 'and the operations by operationId')
})
