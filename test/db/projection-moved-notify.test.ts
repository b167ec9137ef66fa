/**
 * The `nexus_projections` NOTIFY on the projection registry (projection-moved-notify and
 * projection-moved-notify-not-building migrations): a checkpoint move of an active or live
 * generation notifies, one of a generation being built does not (no ETag is made of it), and
 * inserts, deletes and activations still do. Each check ends with a marker notification of its own
 * payload: notifications arrive in commit order, so once the marker is heard, every notification of
 * the statements before it has been too.
 */
import pg from 'pg'
import t from 'tap'
import { createTestDatabase } from '../support/database.ts'

const database = await createTestDatabase(t)
const { pool } = database
const listener = new pg.Client({ connectionString: database.url })
await listener.connect()
t.teardown(() => listener.end())
const heard: string[] = []
listener.on('notification', (message) => heard.push(message.payload ?? ''))
await listener.query('LISTEN nexus_projections')

let markers = 0
/** The payloads heard from the trigger (empty) while `work` ran, up to a marker sent after it. */
async function notified(work: () => Promise<unknown>): Promise<number> {
  const marker = `marker-${++markers}`
  heard.length = 0
  await work()
  await pool.query('SELECT pg_notify($1, $2)', ['nexus_projections', marker])
  const deadline = Date.now() + 120_000
  while (!heard.includes(marker)) {
    if (Date.now() > deadline) throw new Error(`the marker ${marker} was never heard`)
    await new Promise((resolve) => setTimeout(resolve, 10))
  }
  return heard.slice(0, heard.indexOf(marker)).filter((payload) => payload === '').length
}

const token = (n: number) => n.toString(16).padStart(32, '0')
const register = (name: string, state: string) =>
  pool.query(
    `INSERT INTO projection_generations (name, generation, version, kind, position, state)
     VALUES ($1, 1, 1, 'postgres', $2, $3)`,
    [name, token(0), state],
  )
const move = (name: string, to: number, state: string) =>
  pool.query('UPDATE projection_generations SET position = $2, state = $3 WHERE name = $1', [
    name,
    token(to),
    state,
  ])

t.test('a generation being built moves its checkpoint without a notification', async (t) => {
  t.equal(await notified(() => register('built', 'building')), 1, 'its registration notifies')
  t.equal(await notified(() => move('built', 1, 'building')), 0, 'a move while building does not')
  t.equal(
    await notified(async () => {
      for (let i = 2; i < 12; i++) await move('built', i, 'building')
    }),
    0,
    'nor do ten more',
  )
  t.equal(
    await notified(() => pool.query("INSERT INTO projections (name, active_generation) VALUES ('built', 1)")),
    1,
    'its activation notifies',
  )
  t.equal(await notified(() => move('built', 12, 'catching_up')), 1, 'and its first move once active')
})

t.test('a live generation notifies each move, and a deletion notifies', async (t) => {
  t.equal(await notified(() => register('served', 'live')), 1, 'its registration notifies')
  t.equal(await notified(() => move('served', 1, 'live')), 1, 'a live move notifies')
  t.equal(await notified(() => move('served', 2, 'catching_up')), 1, 'so does a catching-up one')
  t.equal(
    await notified(() =>
      pool.query("UPDATE projection_generations SET heartbeat_at = now() WHERE name = 'served'"),
    ),
    0,
    'a heartbeat does not (it moves nothing)',
  )
  t.equal(
    await notified(() => pool.query("DELETE FROM projection_generations WHERE name = 'served'")),
    1,
    'a deletion notifies',
  )
})
