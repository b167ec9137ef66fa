/**
 * The progress line names what it counts: `events` unless told (every existing caller), the unit
 * given otherwise (users, movies, ratings). Read from what it writes to stderr.
 */
import t from 'tap'
import { createProgress } from '../../src/cli/progress.ts'

function printed(run: () => void): string {
  const write = process.stderr.write
  let text = ''
  process.stderr.write = ((chunk: string | Uint8Array) => {
    text += String(chunk)
    return true
  }) as typeof process.stderr.write
  try {
    run()
  } finally {
    process.stderr.write = write
  }
  return text
}

t.test('events unless told, the unit when told', async (t) => {
  const events = printed(() => {
    const bar = createProgress('rebuild', 10)
    bar.update(4)
    bar.stop()
  })
  t.match(events, /rebuild .* \| 4\/10 events \| \d+ events\/s \| ETA/)
  const users = printed(() => {
    const bar = createProgress('export', 610, 200, { unit: 'users' })
    bar.update(300)
    bar.stop()
  })
  t.match(users, /export .* \| 300\/610 users \| \d+ users\/s \| ETA/)
  t.notMatch(users, /events/)
})
