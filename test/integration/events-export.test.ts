/**
 * `npm run events -- export` as a child process on real PostgreSQL: filters, formats, continuing with
 * --after, erased users, secrets, bad flags, Ctrl-C, and memory that stays bounded over 100k events
 * (55 MB of NDJSON) under a 64 MB heap. The bad flags run in one process
 * (test/support/script-argv.ts); everything else is the script as a process of its own.
 */
import { randomUUID } from 'node:crypto'
import { appendFile, readFile, rm, stat } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { setTimeout as sleep } from 'node:timers/promises'
import type pg from 'pg'
import t from 'tap'
import { interactionStream } from '../../src/domain/interaction/interaction.ts'
import { PostgresEventStore } from '../../src/event-store/postgres/postgres-event-store.ts'
import { VISIBLE_END } from '../../src/event-store/postgres/read-log.ts'
import { syntheticLog } from '../../src/generate/synthetic-log.ts'
import {
  appendKnownLog,
  erase,
  lastPosition,
  register,
  runEvents,
  spawnEvents,
} from '../support/analytics.ts'
import { buildTestApp } from '../support/app.ts'
import { type Finished, finished } from '../support/child-process.ts'
import { createTestDatabase } from '../support/database.ts'
import { runArgvCases } from '../support/script-argv.ts'

/**
 * The log shows an event once every transaction of its database older than it has ended
 * (VISIBLE_END): a projector's open transaction delays what was just appended. An export run before
 * then would rightly leave it out, so the test waits (polling, up to a minute) until every event in
 * its database is visible before it exports.
 */
async function everythingVisible(pool: pg.Pool): Promise<void> {
  const deadline = Date.now() + 60_000
  for (;;) {
    const { rows } = await pool.query<{ hidden: boolean }>(
      `SELECT EXISTS (SELECT 1 FROM events WHERE transaction_id >= ${VISIBLE_END}) AS hidden`,
    )
    if (!rows[0]?.hidden || Date.now() > deadline) return
    await sleep(50)
  }
}

/** Runs the jobs two at a time: each is a node process, and the machine has two cores. */
async function limited<T, R>(items: readonly T[], job: (item: T) => Promise<R>, width = 2): Promise<R[]> {
  const results: R[] = new Array(items.length)
  let next = 0
  await Promise.all(
    Array.from({ length: width }, async () => {
      while (next < items.length) {
        const index = next++
        results[index] = await job(items[index] as T)
      }
    }),
  )
  return results
}

const { app, database, user } = await buildTestApp(t, { authRateLimitMax: 1_000 })
const url = database.url
const known = await appendKnownLog(app.eventStore, database.pool)
await everythingVisible(database.pool)
const prefixArgs = ['--stream-prefix', known.prefix]

const exitMessage = (code: number | null, stderr: string) =>
  `exit code ${code}${code === 0 || code === 130 ? '' : `: ${stderr}`}`

type Line = { position: string; id: string; type: string; stream: string; data: Record<string, unknown> }
const parse = (ndjson: string): Line[] =>
  ndjson
    .split('\n')
    .filter(Boolean)
    .map((line) => JSON.parse(line))

/** RFC 4180 records: quoted fields may hold commas, doubled quotes and line breaks. */
function parseCsv(text: string): string[][] {
  const records: string[][] = []
  let record: string[] = []
  let field = ''
  let quoted = false
  for (let i = 0; i < text.length; i++) {
    const c = text[i]
    if (quoted) {
      if (c === '"' && text[i + 1] === '"') {
        field += '"'
        i++
      } else if (c === '"') quoted = false
      else field += c
    } else if (c === '"') quoted = true
    else if (c === ',') {
      record.push(field)
      field = ''
    } else if (c === '\r' && text[i + 1] === '\n') {
      record.push(field)
      records.push(record)
      record = []
      field = ''
      i++
    } else field += c
  }
  if (field !== '' || record.length > 0) throw new Error('the CSV does not end with CRLF')
  return records
}

t.test('ndjson export of a stream prefix has every event in log order with its envelope', async (t) => {
  const { code, stdout, stderr } = await runEvents(['export', '--format', 'ndjson', ...prefixArgs], url)
  t.equal(code, 0, exitMessage(code, stderr))
  const lines = parse(stdout)
  t.strictSame(
    lines.map((line) => line.id),
    known.events.map((event) => event.id),
  )
  const first = known.events[0]
  t.strictSame(lines[0], {
    position: first?.position,
    id: first?.id,
    type: 'MovieAdded',
    stream: first?.stream,
    revision: 0,
    createdAt: '2020-01-01T12:00:00.000Z',
    data: first?.data,
    metadata: {},
  })
  t.equal(lastPosition(stderr), known.events.at(-1)?.position, 'the summary names the last position')
  t.match(stderr, /export: done: 6 events/)
})

t.test('types, since/until and limit narrow the export', async (t) => {
  const [byType, window, firstTwo] = (
    await limited(
      [
        ['export', ...prefixArgs, '--types', 'RatingGiven,MovieLiked'],
        // Days 2020-01-01 .. 2020-01-06 in log order; since inclusive, until exclusive.
        ['export', ...prefixArgs, '--since', '2020-01-02', '--until', '2020-01-04T12:00:00Z'],
        ['export', ...prefixArgs, '--limit', '2'],
      ],
      (args) => runEvents(args, url),
    )
  ).map((result) => parse(result.stdout))
  t.strictSame(
    byType?.map((line) => line.type),
    ['RatingGiven', 'MovieLiked', 'RatingGiven'],
  )
  t.strictSame(
    window?.map((line) => line.id),
    known.events.slice(1, 3).map((event) => event.id),
  )
  t.equal(firstTwo?.length, 2)
})

t.test('--after continues exactly where the previous export stopped', async (t) => {
  const first = await runEvents(['export', ...prefixArgs, '--limit', '4'], url)
  const after = lastPosition(first.stderr)
  t.equal(after, known.events[3]?.position)
  const rest = await runEvents(['export', ...prefixArgs, '--after', after as string], url)
  t.strictSame(
    [...parse(first.stdout), ...parse(rest.stdout)].map((line) => line.id),
    known.events.map((event) => event.id),
    'nothing skipped, nothing repeated',
  )
  const none = await runEvents(
    ['export', ...prefixArgs, '--after', known.events.at(-1)?.position as string],
    url,
  )
  t.equal(none.code, 0)
  t.equal(none.stdout, '')
  t.equal(lastPosition(none.stderr), known.events.at(-1)?.position, 'nothing new: the same position again')
})

t.test('--out never loses what the file holds: continued with --after, refused otherwise', async (t) => {
  const out = join(tmpdir(), `nexus-export-resume-${process.pid}-${Date.now()}.ndjson`)
  t.teardown(() => rm(out, { force: true }))
  const first = await runEvents(['export', ...prefixArgs, '--limit', '4', '--out', out], url)
  t.equal(first.code, 0, exitMessage(first.code, first.stderr))
  const after = lastPosition(first.stderr) as string
  t.equal(after, known.events[3]?.position)
  const hint = /continue with --after [0-9a-f]{32}: (npm run -s events -- .*)$/m.exec(first.stderr)?.[1]
  t.equal(
    hint,
    `npm run -s events -- export --stream-prefix ${known.prefix} --limit 4 --out ${out} --after ${after}`,
    'the hint is the same command with --after',
  )

  const again = await runEvents(['export', ...prefixArgs, '--out', out], url)
  t.equal(again.code, 2, 'without --after an existing export is not overwritten')
  t.match(
    again.stderr,
    new RegExp(`already holds exported events up to ${after}: continue it with --after ${after}`),
  )
  const wrong = known.events[1]?.position as string
  const mismatch = await runEvents(['export', ...prefixArgs, '--after', wrong, '--out', out], url)
  t.equal(mismatch.code, 2, 'nor continued from another position')
  t.match(mismatch.stderr, new RegExp(`ends at position ${after}, not at --after ${wrong}`))
  t.equal(parse(await readFile(out, 'utf8')).length, 4, 'the file is untouched')

  // A kill in the middle of a write leaves half a line: it is cut off and its event comes again.
  await appendFile(out, '{"position":"half a li')
  const rest = await runEvents(['export', ...prefixArgs, '--after', after, '--out', out], url)
  t.equal(rest.code, 0, exitMessage(rest.code, rest.stderr))
  t.match(rest.stderr, /export: done: 2 events appended to /)
  t.strictSame(
    parse(await readFile(out, 'utf8')).map((line) => line.id),
    known.events.map((event) => event.id),
    'the first part kept, the rest appended: nothing lost, nothing repeated',
  )

  const forced = await runEvents(['export', ...prefixArgs, '--limit', '1', '--out', out, '--force'], url)
  t.equal(forced.code, 0, exitMessage(forced.code, forced.stderr))
  t.equal(parse(await readFile(out, 'utf8')).length, 1, '--force overwrites')

  const csv = `${out}.csv`
  t.teardown(() => rm(csv, { force: true }))
  const head = await runEvents(
    ['export', ...prefixArgs, '--format', 'csv', '--limit', '2', '--out', csv],
    url,
  )
  const csvAfter = lastPosition(head.stderr) as string
  const tail = await runEvents(
    ['export', ...prefixArgs, '--format', 'csv', '--after', csvAfter, '--out', csv],
    url,
  )
  t.equal(tail.code, 0, exitMessage(tail.code, tail.stderr))
  const records = parseCsv(await readFile(csv, 'utf8'))
  t.equal(records.filter((record) => record[0] === 'position').length, 1, 'one header')
  t.strictSame(
    records.slice(1).map((record) => record[1]),
    known.events.map((event) => event.id),
    'a CSV export continues the same way',
  )
})

t.test('csv has the documented header, RFC 4180 quoting and data/metadata as JSON', async (t) => {
  const out = join(tmpdir(), `nexus-export-${process.pid}-${Date.now()}.csv`)
  t.teardown(() => rm(out, { force: true }))
  const { code, stderr } = await runEvents(['export', '--format', 'csv', ...prefixArgs, '--out', out], url)
  t.equal(code, 0, exitMessage(code, stderr))
  const records = parseCsv(await readFile(out, 'utf8'))
  t.strictSame(records[0], ['position', 'id', 'type', 'stream', 'revision', 'createdAt', 'data', 'metadata'])
  t.equal(records.length, 1 + known.events.length)
  for (const [i, event] of known.events.entries()) {
    const [position, id, type, stream, revision, createdAt, data, metadata] = records[i + 1] ?? []
    t.strictSame(
      [position, id, type, stream, revision],
      [event.position, event.id, event.type, event.stream, String(event.revision)],
    )
    t.equal(createdAt, event.createdAt.toISOString())
    t.ok(data !== undefined && metadata !== undefined)
    if (i === 0) t.strictSame(JSON.parse(data as string), event.data, 'quotes, commas and CRLF survive')
    t.type(JSON.parse(metadata as string), 'object')
  }
  t.match(stderr, new RegExp(`export: done: 6 events to ${out}`))
})

t.test('fields named like secrets never appear, at any depth of data or metadata', async (t) => {
  const { stdout } = await runEvents(['export', ...prefixArgs, '--types', 'ImportRequested,RatingGiven'], url)
  t.notMatch(stdout, /hunter2|tok-should-not-leak|argon2id|metadata-secret|clientSecret/)
  const lines = parse(stdout)
  t.strictSame(lines.find((line) => line.type === 'ImportRequested')?.data, {
    source: 'tmdb',
    options: { pageSize: 20, nested: [{ keep: true }] },
  })
  const rated = lines.find((line) => line.id === known.events[3]?.id) as unknown as { metadata: unknown }
  // RatingGiven is at version 2 (its review sealed): appends are stamped with it.
  t.strictSame(rated.metadata, {
    actorId: known.events[3]?.metadata.actorId,
    correlationId: 'c-1',
    schemaVersion: 2,
  })
})

t.test("an erased user's personal data is absent from the export, a live user's is there", async (t) => {
  const admin = user({ role: 'admin' })
  const live = await register(app)
  const gone = await register(app)
  // Ratings appended as the rating command does: they must outlive the erasure, anonymous.
  const movieId = randomUUID()
  for (const account of [live, gone]) {
    await app.eventStore.append(
      interactionStream(account.userId, movieId),
      [
        {
          id: randomUUID(),
          type: 'RatingGiven',
          data: {
            userId: account.userId,
            movieId,
            stars: 5,
            review: null,
            ratedAt: new Date().toISOString(),
            previousStars: null,
          },
          metadata: { actorId: account.userId },
        },
      ],
      'no_stream',
    )
  }
  let reservation = ''
  for await (const event of app.eventStore.readStream(`user-${gone.userId}`)) {
    reservation = String((event.data as { emailReservation?: string }).emailReservation ?? reservation)
  }
  t.match(reservation, /^email-[0-9a-f]{64}$/)
  await erase(app, gone.userId, admin.headers)
  await everythingVisible(database.pool)

  const { code, stdout, stderr } = await runEvents(['export'], url)
  t.equal(code, 0, exitMessage(code, stderr))
  const lines = parse(stdout)
  const registered = (userId: string) =>
    lines.find((line) => line.type === 'UserRegistered' && line.data.userId === userId)?.data
  t.match(registered(live.userId), {
    username: live.username,
    email: live.email,
    displayName: live.displayName,
  })
  t.match(registered(gone.userId), {
    userId: gone.userId,
    username: null,
    email: null,
    displayName: null,
    emailReservation: null,
    usernameReservation: null,
  })
  t.ok(
    lines.some((line) => line.type === 'UserErased' && line.data.userId === gone.userId),
    'the erasure itself is exported',
  )
  t.ok(
    lines.some((line) => line.type === 'RatingGiven' && line.data.userId === gone.userId),
    'their anonymous rating still counts',
  )
  for (const personal of [gone.username, gone.email, gone.displayName, reservation.slice('email-'.length)]) {
    t.notOk(stdout.includes(personal), `${personal} appears nowhere`)
  }
  t.notMatch(stdout, /sealed:v1:/, 'no sealed value leaks either')
  const withheld = lines.filter((line) => line.stream === 'email-erased' || line.stream === 'username-erased')
  t.ok(withheld.length >= 2, "the erased user's reservation streams are withheld")
  t.notOk(JSON.stringify(withheld).includes(gone.userId), 'and say nothing of who held them')
})

t.test('bad flags exit 2 with a message naming the problem', async (t) => {
  const cases: [string[], RegExp][] = [
    [['export', '--after', 'not-a-position'], /--after must be a position token/],
    [['export', '--after', 'ABCDEF0000000000000000000000000'], /--after must be a position token/],
    [['export', '--since', 'yesterday'], /--since must be an ISO 8601 date/],
    [['export', '--until', '2026-02-30'], /--until must be an ISO 8601 date/],
    [['export', '--since', '2026-02-02', '--until', '2026-02-01'], /--since must be before --until/],
    [['export', '--format', 'xml'], /--format must be ndjson or csv/],
    [['export', '--limit', '0'], /--limit must be an integer/],
    [['export', '--colour'], /unknown option '--colour'/],
    [['export', '--force'], /--force goes with --out/],
    [['exprot'], /unknown command 'exprot'/],
  ]
  const env = { ...process.env, DATABASE_URL: url, EVENTSTORE_URL: '', LOG_LEVEL: 'warn' }
  const results = await runArgvCases(cases.map(([args]) => ({ file: 'scripts/events.ts', args, env })))
  for (const [i, [args, message]] of cases.entries()) {
    const { code, stderr, stdout } = results[i] as Finished
    t.equal(code, 2, args.join(' '))
    t.match(stderr, message, args.join(' '))
    t.match(stderr, /usage: npm run events/)
    t.equal(stdout, '')
  }
})

t.test('a large log', async (t) => {
  const big = await createTestDatabase(t)
  const store = new PostgresEventStore(big.pool, { connectionString: big.url })
  t.teardown(() => store.close())
  const EVENTS = 100_000
  for (const chunk of syntheticLog({ seed: 11, events: EVENTS, chunkSize: 5_000 }))
    await store.appendMany(chunk)
  await everythingVisible(big.pool)
  const out = join(tmpdir(), `nexus-export-big-${process.pid}-${Date.now()}.ndjson`)
  t.teardown(() => rm(out, { force: true }))

  t.test('exports 100k events to a file in bounded memory, with progress and a summary', async (t) => {
    // A capped heap: an export that held the log (55 MB of JSON text alone, on top of the 30-40 MB
    // the script and tap's loaders hold once started) would die here.
    const child = spawnEvents(['export', '--out', out], big.url, [
      '--max-old-space-size=64',
      '--max-semi-space-size=8',
    ])
    const done = finished(child)
    let peakKb = 0
    const sampler = setInterval(async () => {
      const status = await readFile(`/proc/${child.pid}/status`, 'utf8').catch(() => '')
      const kb = Number(/VmRSS:\s+(\d+) kB/.exec(status)?.[1] ?? 0)
      peakKb = Math.max(peakKb, kb)
    }, 25)
    const started = performance.now()
    const { code, stderr } = await done
    const seconds = (performance.now() - started) / 1000
    clearInterval(sampler)
    t.equal(code, 0, exitMessage(code, stderr))
    const text = await readFile(out, 'utf8')
    const lines = text.split('\n').filter(Boolean)
    t.equal(lines.length, EVENTS)
    t.equal(lastPosition(stderr), JSON.parse(lines.at(-1) as string).position)
    t.match(stderr, /export \[.*\] \d+% \| \d+\/\d+ events \| \d+ events\/s/, 'a progress line on stderr')
    const peakMb = Math.round(peakKb / 1024)
    t.ok(peakMb > 0 && peakMb < 200, `peak RSS ${peakMb} MB stays under 200 MB`)
    t.comment(
      `export of ${EVENTS} events: ${seconds.toFixed(1)} s (${Math.round(EVENTS / seconds)} events/s), peak RSS ${peakMb} MB`,
    )
  })

  t.test('Ctrl-C stops cleanly and prints the last position written', async (t) => {
    const partial = join(tmpdir(), `nexus-export-partial-${process.pid}-${Date.now()}.ndjson`)
    t.teardown(() => rm(partial, { force: true }))
    const child = spawnEvents(['export', '--out', partial], big.url)
    const done = finished(child)
    let progress = ''
    child.stderr?.on('data', (chunk: string) => {
      progress += chunk
    })
    // Interrupt once the export shows progress and the file has events in it.
    for (let i = 0; i < 3_000; i++) {
      const size = await stat(partial).then(
        (file) => file.size,
        () => 0,
      )
      if (progress.includes('export [') && size > 100_000) break
      await sleep(10)
    }
    child.kill('SIGINT')
    const { code, stderr } = await done
    t.equal(code, 130, exitMessage(code, stderr))
    t.match(stderr, /export: interrupted after \d+ events/)
    const lines = (await readFile(partial, 'utf8')).split('\n')
    t.equal(lines.at(-1), '', 'the file ends with a complete line')
    const written = lines.filter(Boolean)
    t.ok(written.length > 0 && written.length < EVENTS, `${written.length} events written before the stop`)
    t.equal(lastPosition(stderr), JSON.parse(written.at(-1) as string).position)

    // The printed command continues into the same file: the whole log, once.
    const hint = /continue with --after [0-9a-f]{32}: npm run -s events -- (.*)$/m.exec(stderr)?.[1] ?? ''
    t.match(hint, /^export --out \S+ --after [0-9a-f]{32}$/)
    const resumed = await finished(spawnEvents(hint.split(' '), big.url))
    t.equal(resumed.code, 0, exitMessage(resumed.code, resumed.stderr))
    const all = (await readFile(partial, 'utf8')).split('\n').filter(Boolean)
    t.equal(all.length, EVENTS, 'every event of the log')
    t.equal(new Set(all.map((line) => JSON.parse(line).id)).size, EVENTS, 'none twice')
  })
})
