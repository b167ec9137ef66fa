/**
 * What an imported movie carries beyond its details: image paths with the image configuration they
 * resolve against, runtime, original language, tagline, and its people (top-billed cast, directors
 * and writers). Schemas for MovieImported v2, the cleaning rule imports pass through, and the key a
 * person is known by in the read models. Pure.
 *
 * People are identified by their TMDb person id when the source has one (`"525"`); a person from a
 * source without ids (the demo catalogue's directors) by the slug of their name (`"name-sofia-coppola"`),
 * so two namesakes from such a source are one person: a known limit, documented in docs/api.md.
 */
import { type Static, Type } from 'typebox'
import { Nullable, StringEnum } from '../event-catalogue.ts'

/** Top-billed cast kept per movie, in billing order. */
export const MAX_CAST = 10
/** Directors and writers kept per movie. */
export const MAX_CREW = 20
export const MAX_TAGLINE_LENGTH = 500
const MAX_NAME_LENGTH = 200
const MAX_RUNTIME_MINUTES = 1_000

export const CREW_ROLES = ['director', 'writer'] as const
export type CrewRole = (typeof CREW_ROLES)[number]

const tmdbPersonId = Nullable(Type.Integer({ minimum: 1 }), {
  description: 'TMDb person id; null from a source without ids (the demo catalogue).',
})
const profilePath = Nullable(Type.String(), { description: "TMDb profile image path ('/abc.jpg')." })

export const CastMemberSchema = Type.Object({
  tmdbId: tmdbPersonId,
  name: Type.String(),
  character: Nullable(Type.String()),
  /** TMDb's billing order, 0 first. */
  order: Type.Integer({ minimum: 0 }),
  profilePath,
})
export type CastMember = Static<typeof CastMemberSchema>

export const CrewMemberSchema = Type.Object({
  tmdbId: tmdbPersonId,
  name: Type.String(),
  role: StringEnum(CREW_ROLES),
  /** The source's job title ('Director', 'Screenplay', 'Novel'...). */
  job: Type.String(),
  profilePath,
})
export type CrewMember = Static<typeof CrewMemberSchema>

/** The part of TMDb's /configuration answer image URLs need, as the import saw it. */
export const ImageConfigSchema = Type.Object({
  baseUrl: Type.String({ description: "TMDb's secure_base_url, e.g. https://image.tmdb.org/t/p/" }),
  posterSizes: Type.Array(Type.String()),
  backdropSizes: Type.Array(Type.String()),
  profileSizes: Type.Array(Type.String()),
})
export type ImageConfig = Static<typeof ImageConfigSchema>

/** The MovieImported v2 fields. */
export const movieMediaFields = {
  posterPath: Nullable(Type.String(), { description: "TMDb image path ('/abc.jpg'); null when none." }),
  backdropPath: Nullable(Type.String()),
  imageConfig: Nullable(ImageConfigSchema, {
    description: 'What the paths resolve against; null when the movie has no images.',
  }),
  runtime: Nullable(Type.Integer(), { description: 'Minutes.' }),
  originalLanguage: Nullable(Type.String(), { description: 'ISO 639-1 code.' }),
  tagline: Nullable(Type.String()),
  cast: Type.Array(CastMemberSchema, { description: `Top-billed, at most ${MAX_CAST}, in billing order.` }),
  crew: Type.Array(CrewMemberSchema, { description: `Directors and writers, at most ${MAX_CREW}.` }),
}
const MovieMediaSchema = Type.Object(movieMediaFields)
export type MovieMedia = Static<typeof MovieMediaSchema>

/** A movie from a source that has none of it (MovieLens; every MovieImported before v2). */
export const noMedia = (): MovieMedia => ({
  posterPath: null,
  backdropPath: null,
  imageConfig: null,
  runtime: null,
  originalLanguage: null,
  tagline: null,
  cast: [],
  crew: [],
})

const IMAGE_PATH = /^\/[A-Za-z0-9_.-]{1,200}$/
const LANGUAGE = /^[a-z]{2,3}$/
const SIZE = /^(w\d{1,5}|h\d{1,5}|original)$/

const text = (raw: string | null | undefined, max: number): string | null => {
  const value = raw?.normalize('NFC').trim().replace(/\s+/g, ' ') ?? ''
  return value === '' ? null : [...value].slice(0, max).join('')
}
const path = (raw: string | null | undefined) => (raw && IMAGE_PATH.test(raw) ? raw : null)
const personId = (raw: number | null | undefined) =>
  typeof raw === 'number' && Number.isInteger(raw) && raw > 0 ? raw : null

function cleanImageConfig(raw: ImageConfig | null | undefined): ImageConfig | null {
  if (!raw) return null
  let url: URL
  try {
    url = new URL(raw.baseUrl)
  } catch {
    return null
  }
  if (url.protocol !== 'https:') return null
  const sizes = (list: string[]) => list.filter((size) => SIZE.test(size)).slice(0, 20)
  return {
    baseUrl: url.href.endsWith('/') ? url.href : `${url.href}/`,
    posterSizes: sizes(raw.posterSizes),
    backdropSizes: sizes(raw.backdropSizes),
    profileSizes: sizes(raw.profileSizes),
  }
}

/**
 * What an import may store: paths that are plain TMDb paths (anything else is dropped, so an image
 * URL can never point elsewhere), the image configuration only over https and only when a path needs
 * it, a plausible runtime, a language code, trimmed text, at most MAX_CAST cast in billing order and
 * MAX_CREW crew without duplicates. Lenient: a bad field is dropped, the movie still imports.
 */
export function cleanMedia(raw: Partial<MovieMedia> | undefined): MovieMedia {
  if (!raw) return noMedia()
  const cast: CastMember[] = []
  const castSeen = new Set<string>()
  for (const member of [...(raw.cast ?? [])].sort((a, b) => a.order - b.order)) {
    const name = text(member.name, MAX_NAME_LENGTH)
    if (name === null) continue
    const tmdbId = personId(member.tmdbId)
    const key = personKey({ tmdbId, name })
    if (castSeen.has(key)) continue
    castSeen.add(key)
    cast.push({
      tmdbId,
      name,
      character: text(member.character, MAX_NAME_LENGTH),
      order: cast.length,
      profilePath: path(member.profilePath),
    })
    if (cast.length >= MAX_CAST) break
  }
  const crew: CrewMember[] = []
  const crewSeen = new Set<string>()
  for (const member of raw.crew ?? []) {
    const name = text(member.name, MAX_NAME_LENGTH)
    if (name === null || !CREW_ROLES.includes(member.role)) continue
    const tmdbId = personId(member.tmdbId)
    const key = `${member.role}/${personKey({ tmdbId, name })}`
    if (crewSeen.has(key)) continue
    crewSeen.add(key)
    crew.push({
      tmdbId,
      name,
      role: member.role,
      job: text(member.job, MAX_NAME_LENGTH) ?? member.role,
      profilePath: path(member.profilePath),
    })
    if (crew.length >= MAX_CREW) break
  }
  const posterPath = path(raw.posterPath)
  const backdropPath = path(raw.backdropPath)
  const needsConfig =
    posterPath !== null ||
    backdropPath !== null ||
    cast.some((m) => m.profilePath !== null) ||
    crew.some((m) => m.profilePath !== null)
  const runtime =
    typeof raw.runtime === 'number' &&
    Number.isInteger(raw.runtime) &&
    raw.runtime > 0 &&
    raw.runtime <= MAX_RUNTIME_MINUTES
      ? raw.runtime
      : null
  const language = raw.originalLanguage?.trim().toLowerCase() ?? ''
  return {
    posterPath,
    backdropPath,
    imageConfig: needsConfig ? cleanImageConfig(raw.imageConfig) : null,
    runtime,
    originalLanguage: LANGUAGE.test(language) ? language : null,
    tagline: text(raw.tagline, MAX_TAGLINE_LENGTH),
    cast,
    crew,
  }
}

/** Lower-case letters and digits, runs of anything else as one '-' (accents dropped). */
const slug = (value: string) =>
  value
    .normalize('NFKD')
    .replace(/\p{M}/gu, '')
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-|-$/g, '')
    .slice(0, 120)

/** The id a person has in the read models and the API: the TMDb id, else `name-<slug of the name>`. */
export function personKey(person: { tmdbId: number | null; name: string }): string {
  return person.tmdbId !== null ? String(person.tmdbId) : `name-${slug(person.name) || 'unknown'}`
}
