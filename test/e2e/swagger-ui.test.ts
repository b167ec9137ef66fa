/**
 * Swagger UI at /api/docs in a real browser: authorise with a login token (the box says how), try a
 * protected endpoint, and "Try it out" offers every value of an enum parameter.
 */
import { mkdir } from 'node:fs/promises'
import t from 'tap'
import { browserMissing, openBrowser } from '../support/browser.ts'
import { createTestDatabase } from '../support/database.ts'
import { startServer, uniqueRedisPrefix } from '../support/server-process.ts'

const artifacts = new URL('../../test-artifacts/', import.meta.url)

const missing = browserMissing('Swagger UI not checked in a browser')
if (missing !== null) {
  const reason = missing
  console.log(`# skip: ${reason}`)
  t.pass('skipped', { skip: reason })
} else {
  t.test('Swagger UI authorises with a login token and runs GET /api/v1/me', async (t) => {
    const { url } = await createTestDatabase(t)
    const server = await startServer(t, { databaseUrl: url, redisKeyPrefix: uniqueRedisPrefix() })
    t.teardown(async () => {
      await server.stop()
    })

    const username = `swagger${Date.now().toString(36)}`
    const password = 'correct horse battery'
    const json = { 'content-type': 'application/json' }
    const registered = await fetch(`${server.base}/api/v1/auth/register`, {
      method: 'POST',
      headers: json,
      body: JSON.stringify({ username, email: `${username}@example.com`, password }),
    })
    t.equal(registered.status, 201, 'registered')
    const login = await fetch(`${server.base}/api/v1/auth/login`, {
      method: 'POST',
      headers: json,
      body: JSON.stringify({ login: username, password }),
    })
    t.equal(login.status, 200, 'signed in')
    const { accessToken } = (await login.json()) as { accessToken: string }

    const { page } = await openBrowser(t, { viewport: { width: 1280, height: 1400 } })
    const errors: string[] = []
    page.on('pageerror', (error) => errors.push(error.message))
    await page.goto(`${server.base}/api/docs`)

    await page.locator('.auth-wrapper .btn.authorize').click()
    t.match(
      (await page.locator('.modal-ux').textContent()) ?? '',
      /without "Bearer "/,
      'the Authorize box says to paste the token without "Bearer "',
    )
    await page
      .locator('.modal-ux input[type="text"], .modal-ux input[type="password"]')
      .first()
      .fill(accessToken)
    await page.locator('.modal-ux .auth-btn-wrapper .btn.authorize').first().click()
    await page.locator('.modal-ux .btn-done, .modal-ux .close-modal').first().click()

    const operation = page.locator('.opblock.opblock-get', {
      has: page.locator('.opblock-summary-path[data-path="/api/v1/me"]'),
    })
    await operation.locator('.opblock-summary').first().click()
    await operation.locator('.try-out__btn').click()
    await operation.locator('.btn.execute').click()

    const live = operation.locator('.live-responses-table .response').first()
    await live.waitFor()
    t.equal((await live.locator('.response-col_status').textContent())?.trim(), '200', 'the page shows 200')
    const body = (await live.locator('.response-col_description pre').first().textContent()) ?? ''
    t.match(body, `"username": "${username}"`, 'the page shows the username')

    // "Try it out" on the catalogue offers every value of an enum parameter, not just the first.
    const list = page.locator('.opblock.opblock-get', {
      has: page.locator('.opblock-summary-path[data-path="/api/v1/movies"]'),
    })
    await list.locator('.opblock-summary').first().click()
    await list.locator('.try-out__btn').click()
    const sort = list.locator('tr[data-param-name="sort"] select')
    const offered = (await sort.locator('option').allTextContents())
      .map((o) => o.trim())
      .filter((o) => o !== '--')
    t.same(
      offered,
      ['popularity', 'rating', 'release', 'title', 'newest', 'relevance'],
      'every sort is offered',
    )

    t.same(errors, [], 'no script error on the page')
    await mkdir(artifacts, { recursive: true })
    await page.screenshot({ path: new URL('swagger-ui.png', artifacts).pathname, fullPage: true })
  })
}
