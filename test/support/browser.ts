/**
 * Debian's chromium driven by playwright-core for the browser tests: a fresh profile per test (removed
 * at teardown), headless, no network chatter of its own, a generous default timeout.
 */
import { existsSync } from 'node:fs'
import { mkdtemp, rm } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { type BrowserContext, chromium, type Page } from 'playwright-core'

export const CHROMIUM = '/usr/bin/chromium'

/** Why the browser tests cannot run here, or null when chromium is installed. */
export function browserMissing(what: string): string | null {
  return existsSync(CHROMIUM) ? null : `${CHROMIUM} is missing (apt-get install chromium): ${what}`
}

type Teardown = { teardown(fn: () => unknown): void }

export async function openBrowser(
  t: Teardown,
  options: { viewport?: { width: number; height: number }; timeoutMs?: number } = {},
): Promise<{ context: BrowserContext; page: Page }> {
  const profile = await mkdtemp(join(tmpdir(), 'nexus-chromium-'))
  t.teardown(() => rm(profile, { recursive: true, force: true }))
  // playwright passes a fresh --user-data-dir only through a persistent context.
  const context = await chromium.launchPersistentContext(profile, {
    executablePath: CHROMIUM,
    headless: true,
    args: [
      '--headless',
      '--no-sandbox',
      '--disable-gpu',
      '--disable-quic',
      '--no-first-run',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
    ],
    ...(options.viewport ? { viewport: options.viewport } : {}),
  })
  t.teardown(() => context.close())
  const page = context.pages()[0] ?? (await context.newPage())
  // Generous: a loaded machine renders slowly; a page that never renders still fails.
  page.setDefaultTimeout(options.timeoutMs ?? 60_000)
  return { context, page }
}
