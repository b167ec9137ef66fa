/**
 * The admin console in a real browser (Debian's chromium through playwright-core), on a started
 * server: sign in as an admin, add and edit a movie, open its history in the stream browser and see
 * its state before the edit, start a projection rebuild and watch the htmx-polled table replace
 * itself until the new generation serves. No script error and no CSP violation on any page.
 *
 * With SCREENSHOTS=1 a second test starts embedded mode with its demo data (about a minute) and writes a
 * screenshot of each screen to docs/admin/ (docs/admin.md shows them).
 */

import { execFile } from 'node:child_process'
import { mkdir, mkdtemp, rm } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { setTimeout as sleep } from 'node:timers/promises'
import { promisify } from 'node:util'
import type { Page } from 'playwright-core'
import t from 'tap'
import { browserMissing, openBrowser } from '../support/browser.ts'
import { createTestDatabase } from '../support/database.ts'
import { startEmbedded, startServer, uniqueRedisPrefix } from '../support/server-process.ts'
import { testServices } from '../support/services.ts'

const root = new URL('../../', import.meta.url)
const shots = process.env.SCREENSHOTS === '1' ? new URL('docs/admin/', root).pathname : null
const run = promisify(execFile)

async function screenshot(page: Page, name: string): Promise<void> {
  if (shots === null) return
  await mkdir(shots, { recursive: true })
  await page.screenshot({ path: join(shots, `${name}.png`), fullPage: true })
}

const missing = browserMissing('the admin console not checked in a browser')
if (missing !== null) {
  const reason = missing
  console.log(`# skip: ${reason}`)
  t.pass('skipped', { skip: reason })
} else {
  t.test(
    'an admin signs in, edits a movie, reads its history, hides a reported comment and watches a rebuild',
    async (t) => {
      const { url } = await createTestDatabase(t)
      const redisKeyPrefix = uniqueRedisPrefix()
      const username = `boss${Date.now().toString(36)}`
      const password = 'correct horse battery staple'
      // The operator's way to the first admin account.
      await run(
        process.execPath,
        [
          'scripts/users.ts',
          'create-admin',
          '--username',
          username,
          '--email',
          `${username}@example.com`,
          '--password',
          password,
        ],
        {
          cwd: root,
          env: {
            ...process.env,
            DATABASE_URL: url,
            REDIS_URL: testServices.redisUrl,
            REDIS_KEY_PREFIX: redisKeyPrefix,
            EVENTSTORE_URL: '',
            LOG_LEVEL: 'warn',
          },
        },
      )
      const server = await startServer(t, { databaseUrl: url, redisKeyPrefix })
      t.teardown(() => server.stop())

      const { context, page } = await openBrowser(t, { viewport: { width: 1280, height: 900 } })
      const problems: string[] = []
      page.on('pageerror', (error) => problems.push(error.message))
      page.on('console', (message) => {
        // The one refused edit below answers 422 on purpose; anything else is a problem.
        if (message.type() === 'error' && !/status of 422/.test(message.text())) problems.push(message.text())
      })

      // Signed out: the console sends to its sign-in page.
      await page.goto(`${server.base}/admin`)
      t.match(new URL(page.url()).pathname, '/admin/sign-in', 'signed out: the sign-in page')
      await page.getByLabel('Username or email').fill(username)
      await page.getByLabel('Password').fill(password)
      await page.getByRole('button', { name: 'Sign in' }).click()
      await page.waitForURL('**/admin/movies')
      t.ok(await page.getByRole('link', { name: 'Stream browser' }).isVisible(), 'signed in')
      const cookies = await context.cookies()
      t.ok(
        cookies
          .filter((c) => c.name.startsWith('nexus_admin_'))
          .every((c) => c.httpOnly && c.sameSite === 'Strict'),
        'the session cookies are httpOnly and SameSite=Strict',
      )
      t.equal(await page.evaluate('document.cookie'), '', 'no script can read them')

      // Add a movie, then edit it.
      await page.getByRole('link', { name: 'Add a movie' }).click()
      await page.getByLabel('Title').fill('Silent Harbor')
      await page.getByLabel('Year').fill('2024')
      await page.getByLabel('Genres').fill('Drama, Mystery')
      await page.getByRole('button', { name: 'Add the movie' }).click()
      await page.getByRole('status').filter({ hasText: 'Added' }).waitFor()
      await page.getByLabel('Title').fill('Silent Harbour')
      await page.getByLabel('Overview').fill('A lighthouse keeper finds a boat with no crew.')
      await page.getByRole('button', { name: 'Save changes' }).click()
      await page.getByRole('status').filter({ hasText: 'Saved' }).waitFor()
      t.equal(await page.getByLabel('Title').inputValue(), 'Silent Harbour', 'the edit reads back at once')

      // A bad edit: the API's refusal, shown on the page.
      await page.getByLabel('Release date').fill('2023-01-01')
      await page.getByRole('button', { name: 'Save changes' }).click()
      t.match(
        (await page.getByRole('alert').textContent()) ?? '',
        /RELEASE_DATE_NOT_IN_YEAR.*Nothing was changed/,
        "the catalogue's rule, as the API answers it",
      )

      // Its history in the stream browser, and its state before the edit.
      await page.goto(`${server.base}/admin/movies?q=harbour`)
      await page.getByRole('link', { name: 'history' }).first().click()
      await page.getByRole('link', { name: 'MovieDetailsUpdated' }).waitFor()
      t.match((await page.locator('aside').textContent()) ?? '', /Silent Harbour/, 'the state now')
      await page.getByRole('link', { name: 'MovieAdded' }).click()
      await page.locator('aside h2', { hasText: 'revision 0' }).waitFor()
      const before = (await page.locator('aside').textContent()) ?? ''
      t.match(before, /Silent Harbor"/, 'the state as of revision 0: the title before the edit')
      t.notMatch(before, /Harbour/)

      // A reported comment on the movie, hidden from the moderation queue. Seeded through the public
      // API as frontends do: a reader comments, the admin reports it.
      const api = async (method: string, path: string, token: string | null, body?: unknown) => {
        const answer = await fetch(`${server.base}/api/v1${path}`, {
          method,
          headers: {
            ...(token ? { authorization: `Bearer ${token}` } : {}),
            ...(body === undefined ? {} : { 'content-type': 'application/json' }),
          },
          body: body === undefined ? undefined : JSON.stringify(body),
        })
        return { status: answer.status, headers: answer.headers, body: await answer.json().catch(() => null) }
      }
      const signIn = async (login: string) =>
        ((await api('POST', '/auth/login', null, { login, password })).body as { accessToken: string })
          .accessToken
      const reader = `reader${Date.now().toString(36)}`
      t.equal(
        (
          await api('POST', '/auth/register', null, {
            username: reader,
            email: `${reader}@example.com`,
            password,
          })
        ).status,
        201,
        'a reader registers',
      )
      let movieId: string | undefined
      for (let i = 0; i < 600 && movieId === undefined; i++) {
        const found = await api('GET', '/movies?q=harbour', null)
        movieId = (found.body as { items?: { id: string }[] } | null)?.items?.[0]?.id
        if (movieId === undefined) await sleep(100)
      }
      const posted = await api('POST', `/movies/${movieId}/comments`, await signIn(reader), {
        text: 'The ending is the boat: it was the keeper all along.',
      })
      t.equal(posted.status, 201, 'the reader comments')
      const commentId = posted.headers.get('location')?.split('/').at(-1) ?? ''
      const reported = await api('POST', `/comments/${commentId}/reports`, await signIn(username), {
        reason: 'spoiler',
      })
      t.ok(reported.status < 300, `the admin reports it (${reported.status})`)
      const queued = page.locator('tr', { hasText: 'it was the keeper all along' })
      for (let i = 0; i < 600 && (await queued.count()) === 0; i++) {
        await page.goto(`${server.base}/admin/moderation`)
        if ((await queued.count()) === 0) await sleep(100)
      }
      await screenshot(page, 'moderation')
      await queued.getByLabel('Reason').fill('spoils the ending')
      await queued.getByRole('button', { name: 'Hide' }).click()
      await page.getByRole('status').filter({ hasText: 'Hidden' }).waitFor()
      const thread = await api('GET', `/movies/${movieId}/comments`, null)
      t.match(
        (thread.body as { items: unknown[] }).items,
        [{ id: commentId, hidden: true, text: null }],
        'the thread shows it hidden, without its text',
      )

      await page.goto(`${server.base}/admin/movies`)

      // A rebuild, watched through the table htmx polls.
      await page.goto(`${server.base}/admin/projections`)
      const row = page.locator('tr[data-projection="movies"]').filter({ hasText: '(active)' })
      const from = Number(await row.getAttribute('data-generation'))
      await row.getByRole('button', { name: 'Rebuild' }).click()
      const notice = (await page.getByRole('status').textContent()) ?? ''
      const generation = Number(/generation (\d+)/.exec(notice)?.[1])
      t.ok(generation > from, `the rebuild fills generation ${generation} while ${from} serves`)
      // Marked now: a table htmx swapped in later has no mark.
      await page.locator('#projections').evaluate((table) => {
        table.setAttribute('data-seen', 'yes')
      })
      await page
        .locator(
          `#projections:not([data-seen]) tr[data-projection="movies"][data-generation="${generation}"]`,
        )
        .filter({ hasText: '(active)' })
        .waitFor()
      t.pass(`the polled table shows generation ${generation} serving`)

      for (const [name, path] of [
        ['users', '/admin/users'],
        ['genres', '/admin/genres'],
        ['recommender', '/admin/recommender'],
        ['imports', '/admin/imports'],
      ] as const) {
        const answer = await page.goto(`${server.base}${path}`)
        t.equal(answer?.status(), 200, `${name}: ${path}`)
        await screenshot(page, name)
      }
      await page.getByRole('link', { name: 'Users' }).click()
      await page.getByRole('link', { name: username }).click()
      await page.getByRole('heading', { name: `User: ${username}` }).waitFor()

      await page.getByRole('button', { name: 'Sign out' }).click()
      await page.waitForURL('**/admin/sign-in')
      await page.goto(`${server.base}/admin/movies`)
      t.match(new URL(page.url()).pathname, '/admin/sign-in', 'signed out')

      t.same(problems, [], 'no script error and no CSP violation on any page')
    },
  )

  t.test(
    'screenshots of each screen, on the demo data of a first embedded start',
    { skip: shots === null ? 'SCREENSHOTS=1 writes them to docs/admin/' : false },
    async (t) => {
      const dataDir = await mkdtemp(join(tmpdir(), 'nexus-embedded-'))
      t.teardown(() => rm(dataDir, { recursive: true, force: true }))
      const server = await startEmbedded(t, { dataDir })
      t.teardown(() => server.stop())
      const password = /admin +admin +password (\S+)/.exec(server.output())?.[1] ?? ''
      t.ok(password, 'the first start prints the demo admin password')
      const { page } = await openBrowser(t, { viewport: { width: 1280, height: 900 } })
      await page.goto(`${server.base}/admin`)
      await page.getByLabel('Username or email').fill('admin')
      await page.getByLabel('Password').fill(password)
      await screenshot(page, 'sign-in')
      await page.getByRole('button', { name: 'Sign in' }).click()
      await page.waitForURL('**/admin/movies')
      await screenshot(page, 'movies')

      await page.locator('tbody a').first().click()
      await page
        .getByLabel('Overview')
        .fill(`${await page.getByLabel('Overview').inputValue()} (restored print)`)
      await page.getByRole('button', { name: 'Save changes' }).click()
      await page.getByRole('status').waitFor()
      await screenshot(page, 'movie')
      await page.getByRole('link', { name: 'Open its history in the stream browser' }).click()
      await page.getByRole('link', { name: 'MovieDetailsUpdated' }).waitFor()
      await page.locator('tbody a').first().click()
      await page.locator('aside h2', { hasText: 'revision 0' }).waitFor()
      await screenshot(page, 'stream-browser')

      await page.goto(`${server.base}/admin/projections`)
      await page
        .locator('tr[data-projection="user_ratings"]')
        .getByRole('button', { name: 'Rebuild' })
        .click()
      await page.getByRole('status').waitFor()
      await screenshot(page, 'projections')

      for (const [name, path] of [
        ['genres', '/admin/genres'],
        ['users', '/admin/users'],
        ['recommender', '/admin/recommender'],
        ['imports', '/admin/imports'],
      ] as const) {
        t.equal((await page.goto(`${server.base}${path}`))?.status(), 200, path)
        await screenshot(page, name)
      }
      await page.getByRole('link', { name: 'Users' }).click()
      await page.getByRole('link', { name: 'demo', exact: true }).click()
      await page.getByRole('heading', { name: 'User: demo' }).waitFor()
      await screenshot(page, 'user')
    },
  )
}
