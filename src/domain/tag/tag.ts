/**
 * What a tag is, decided once for every path that makes one (admin curation, a user's own tags, the
 * MovieLens import): NFKC, trimmed, inner whitespace runs as one space, lower case; 1 to
 * MAX_TAG_LENGTH characters; no control characters (NUL included). Two spellings that normalise
 * alike are the same tag. Pure.
 */
import { DomainRuleError } from '../../errors.ts'

export const MAX_TAG_LENGTH = 50
/** Curated tags on one movie. */
export const MAX_CURATED_TAGS = 30
/** One user's tags on one movie. */
export const MAX_USER_TAGS = 20

export type TagProblem = { code: 'TAG_REQUIRED' | 'TAG_TOO_LONG' | 'TAG_INVALID'; message: string }

/** The tag a raw value gives, or why it gives none. */
export function normaliseTag(raw: string): { ok: true; tag: string } | { ok: false; problem: TagProblem } {
  // Tabs and line breaks are whitespace like any other; every other control character (NUL too) is refused.
  // biome-ignore lint/suspicious/noControlCharactersInRegex: control characters are what is refused
  if (/[\u0000-\u0008\u000b\u000c\u000e-\u001f\u007f-\u009f]/.test(raw))
    return { ok: false, problem: { code: 'TAG_INVALID', message: 'a tag holds no control characters' } }
  const tag = raw.normalize('NFKC').trim().replace(/\s+/g, ' ').toLowerCase()
  if (tag === '') return { ok: false, problem: { code: 'TAG_REQUIRED', message: 'a tag needs a letter' } }
  if ([...tag].length > MAX_TAG_LENGTH)
    return {
      ok: false,
      problem: { code: 'TAG_TOO_LONG', message: `a tag holds at most ${MAX_TAG_LENGTH} characters` },
    }
  return { ok: true, tag }
}

/** The normalised tag, or a 422 with the reason. */
export function cleanTag(raw: string): string {
  const result = normaliseTag(raw)
  if (!result.ok) throw new DomainRuleError(result.problem.code, result.problem.message)
  return result.tag
}
