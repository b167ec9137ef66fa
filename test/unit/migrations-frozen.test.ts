/**
 * Migrations are frozen once they land: a database that applied one never runs it again, so an edit
 * would reach only fresh databases. Each migration's SHA-256 is listed here: a changed one fails,
 * and a new one fails until the commit that adds it adds its line.
 * docs/operations.md, Migrations.
 */
import { createHash } from 'node:crypto'
import { readdirSync, readFileSync } from 'node:fs'
import { join, resolve } from 'node:path'
import t from 'tap'

const folder = resolve(import.meta.dirname, '../../src/db/migrations')

const LANDED: Record<string, string> = {
  '2026-11-24-0001-event-store.ts': '0cc1db2248f6ee53c2a054dae987e39c9ca9720a5cadcee7e107094c993c7662',
  '2026-11-24-0002-projections.ts': '15eb8f39396aa690fcb79a2ec1a6ce83d12af986968638246eaa9ffaf5845b19',
  '2026-11-24-0003-identity.ts': '939507213acd2bf715851d36c077b4bdd32af9132e30d73f85c3277e841f9edc',
  '2026-11-24-0004-reactors.ts': 'd29ce1c74eb604013120fbe6c0f382923a055d899811f108047c3afa5edbe44d',
  '2026-11-24-0005-recommender.ts': 'f58cef279c7327415957f939f2a50aa0a53dc46d8f10522cd7c55f0e5ded801c',
  '2026-11-24-0006-recommender-feedback-events.ts':
    '5e5cf3561986b9e078b6a190d7f7479477d0a101930f6467da96ba685e21509b',
  '2026-11-24-0007-append-guard.ts': '06120242007ef53fae615eed1982942abd18393756355e9dee72ebbbdf3c5b4d',
  '2026-11-24-0008-projection-moved-notify.ts':
    'ce87694971e3e7953fecf0b640305c4e5c8962e33355d2dc51153ac5eba5cd88',
  '2026-11-24-0009-append-batch.ts': '769a94259ea81bb3c98c73dd12207e6dc1826f10d6e5338ad1d5f8a8eb24182b',
  '2026-12-06-0001-lease-fencing.ts': '3bd0a6ffca0bf96d405920e600433ec067c722c5dd9882e9cd87d8786a18ae29',
  '2026-12-06-0010-recommender-selection-report.ts':
    'f5713353a663496b07b78f0462f488255874f8b7b3b235fc60e426647eb66c1b',
  '2026-12-06-0020-security-state.ts': 'f2892c27ea8462c0d6af68c10c7c7273edbb0fd80be91da4bd57d321bd3b5589',
  '2026-12-06-0021-forgiving-search.ts': '8da8afa96e50ff63f1c46c2f4da325400f0491cad97260e429a42e8672be62bc',
  '2026-12-06-0030-append-group.ts': '038fa9a05f1dd54c6fc455a8edf827a799cca4503379e537a3e74e1fbd16b573',
  '2026-12-07-0040-projection-moved-notify-not-building.ts':
    '8fc7df81ab0ce30bad607e82f9b01d3378a029c4e3fc658932b867e8aaea5934',
  '2026-12-07-0050-catalogue-position.ts': '74c33c4900aee6f6abcb88085d5cb579d4626dca1d4d1ab4f9e8859fd3f4fc2c',
}

/** The file's digest, line endings normalised so a checkout's conversion does not count as an edit. */
function digest(file: string): string {
  const text = readFileSync(join(folder, file), 'utf8').replace(/\r\n/g, '\n')
  return createHash('sha256').update(text).digest('hex')
}

const files = readdirSync(folder).filter((name) => name.endsWith('.ts'))

t.test('no landed migration was edited or removed', async (t) => {
  for (const [file, expected] of Object.entries(LANDED)) {
    t.ok(files.includes(file), `${file} is still there`)
    if (!files.includes(file)) continue
    t.equal(
      digest(file),
      expected,
      `${file} is unchanged (a landed migration is frozen: restore it and change the schema in a new migration)`,
    )
  }
})

t.test('every migration is listed, and new ones sort after the landed ones', async (t) => {
  const last = Object.keys(LANDED).sort().at(-1) ?? ''
  for (const file of files) {
    if (file in LANDED) continue
    t.ok(file > last, `${file} sorts after ${last} (the migrator refuses an older one)`)
    t.fail(`${file} is not listed: when it lands, add  '${file}': '${digest(file)}',  to LANDED`)
  }
  t.ok(files.length >= Object.keys(LANDED).length, 'the folder holds the landed migrations')
})
