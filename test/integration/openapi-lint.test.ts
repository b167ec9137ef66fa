/**
 * A real OpenAPI linter, Redocly CLI with the repository's redocly.yaml (its recommended rules as
 * errors, plus examples validated against their schemas), finds no problem in the document the API
 * serves.
 */
import { spawn } from 'node:child_process'
import { mkdtemp, rm, writeFile } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import t from 'tap'
import { buildTestApp } from '../support/app.ts'
import { finished } from '../support/child-process.ts'

const root = new URL('../..', import.meta.url)
const { app } = await buildTestApp(t)

t.test('Redocly lints the served document with no error and no warning', async (t) => {
  const directory = await mkdtemp(join(tmpdir(), 'nexus-openapi-'))
  t.teardown(() => rm(directory, { recursive: true, force: true }))
  const file = join(directory, 'openapi.json')
  await writeFile(file, (await app.inject({ url: '/api/docs/json' })).body)

  const redocly = new URL('node_modules/.bin/redocly', root).pathname
  const child = spawn(
    redocly,
    ['lint', file, '--config', new URL('redocly.yaml', root).pathname, '--format', 'json'],
    { cwd: root, env: { ...process.env, REDOCLY_TELEMETRY: 'off', REDOCLY_SUPPRESS_UPDATE_NOTICE: 'true' } },
  )
  const { code, stdout, stderr } = await finished(child)
  const report = JSON.parse(stdout.slice(stdout.indexOf('{'))) as {
    totals: { errors: number; warnings: number }
    problems: { ruleId: string; message: string; location: { pointer: string }[] }[]
  }
  const problems = report.problems.map((p) => `${p.ruleId} at ${p.location[0]?.pointer}: ${p.message}`)
  t.same(problems, [], 'no problem reported')
  t.same(report.totals, { errors: 0, warnings: 0, ignored: 0 }, 'totals')
  t.equal(code, 0, `redocly exits 0 ${stderr.slice(-500)}`)
})
