/**
 * The README and docs/ stay inside the repository and true to its layout: every link points at a
 * file of the repository (and at a heading of it when it names one), no link leaves the repository,
 * and every path they name in code spans exists.
 */
import { existsSync, readdirSync, readFileSync } from 'node:fs'
import { dirname, join, relative, resolve } from 'node:path'
import t from 'tap'

const root = resolve(import.meta.dirname, '../..')
const pages = [
  'README.md',
  ...readdirSync(join(root, 'docs'))
    .filter((name) => name.endsWith('.md'))
    .map((name) => `docs/${name}`),
]

/** Paths a page names on purpose although they are gone: the history it tells. */
const HISTORIC_PATHS = new Set([
  // docs/operations.md: what migration 0008 cites, renamed since (migrations are frozen).
  'src/read/projection-positions.ts',
])

const ROOTS = ['src/', 'test/', 'scripts/', 'tools/', 'projections/', 'docs/', '.ci/', '.github/']

/** The text outside fenced code blocks, with inline code spans cut out. */
function prose(markdown: string): string {
  return markdown.replace(/```[\s\S]*?```/g, '').replace(/`[^`\n]*`/g, '')
}

/** GitHub's anchor of a heading. */
function slug(heading: string): string {
  return heading
    .trim()
    .toLowerCase()
    .replace(/`/g, '')
    .replace(/[^\p{L}\p{N}\s_-]/gu, '')
    .replace(/\s/g, '-')
}

function anchors(markdown: string): Set<string> {
  const headings = markdown.replace(/```[\s\S]*?```/g, '').matchAll(/^#{1,6} (.+)$/gm)
  return new Set([...headings].map((match) => slug(match[1] ?? '')))
}

for (const page of pages) {
  const text = readFileSync(join(root, page), 'utf8')

  t.test(`${page}: every link stays in the repository and resolves`, async (t) => {
    const links = [...prose(text).matchAll(/\]\(([^)\s]+)\)/g)].map((match) => match[1] ?? '')
    for (const link of links) {
      t.notMatch(link, /^[a-z][a-z0-9+.-]*:/i, `${link} is a link inside the repository`)
      const [path = '', anchor] = link.split('#')
      const target = path === '' ? join(root, page) : resolve(dirname(join(root, page)), path)
      const inside = !relative(root, target).startsWith('..')
      t.ok(inside && existsSync(target), `${link} names a file of the repository`)
      if (anchor && inside && existsSync(target) && target.endsWith('.md')) {
        t.ok(anchors(readFileSync(target, 'utf8')).has(anchor), `${link}: the heading exists`)
      }
    }
    t.notMatch(prose(text), /https?:\/\//, 'no address outside code')
    t.notMatch(text, /\.\.\/shared\//, 'no path outside the repository')
  })

  t.test(`${page}: every path it names exists`, async (t) => {
    const spans = [...text.matchAll(/`([^`\n]+)`/g)].map((match) => match[1] ?? '')
    const paths = spans
      .map((span) => span.split(/\s/)[0] ?? '')
      .filter((span) => ROOTS.some((prefix) => span.startsWith(prefix)))
      .filter((span) => !/[<>*{}[\]|]/.test(span))
      .map((span) => span.replace(/[),.:;]+$/, ''))
    for (const path of new Set(paths)) {
      if (HISTORIC_PATHS.has(path)) continue
      t.ok(existsSync(join(root, path)), `${path} exists`)
    }
  })
}
