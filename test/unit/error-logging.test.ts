/**
 * Errors reach the logs as type, code, message and stack only, in the API's logger and in the
 * scripts' (projector, projections): a PostgreSQL error's `detail` and `where` quote the value it
 * refused, an event's JSON or a read model's personal text, and must not be written out.
 */
import { Writable } from 'node:stream'
import pino from 'pino'
import t from 'tap'
import { errorSerializers } from '../../src/errors.ts'

t.test('an error with a detail quoting data logs without it', async (t) => {
  const lines: string[] = []
  const sink = new Writable({
    write(chunk, _encoding, done) {
      lines.push(String(chunk))
      done()
    },
  })
  const logger = pino({ serializers: errorSerializers }, sink)
  const error = Object.assign(new Error('duplicate key value violates unique constraint'), {
    code: '23505',
    detail: 'Key (text)=(I am Erin Smith from Leeds) already exists.',
    where: 'SQL statement "INSERT ... {"review":"call me on 07700 900123"}"',
  })
  logger.error({ err: error, projection: 'comments' }, 'projection failed')
  logger.error({ err: { review: 'not an Error, but data' } }, 'odd throw')
  const written = lines.join('')
  t.match(written, /duplicate key value/, 'the message is logged')
  t.match(written, /"code":"23505"/, 'the code is logged')
  t.notMatch(written, /Erin Smith|07700|not an Error, but data/, 'no quoted data')
})

t.test('the API and the scripts log errors through the same serializer', async (t) => {
  const { fastifyOptions } = await import('../../src/app.ts')
  const { loadConfig } = await import('../../src/config.ts')
  const options = fastifyOptions(loadConfig({ NODE_ENV: 'test' }))
  t.equal((options.logger as { serializers?: unknown }).serializers, errorSerializers)
  for (const script of ['scripts/projector.ts', 'scripts/projections.ts']) {
    const { readFile } = await import('node:fs/promises')
    t.match(
      await readFile(new URL(`../../${script}`, import.meta.url), 'utf8'),
      /serializers: errorSerializers/,
    )
  }
})
