/**
 * External identities of imported movies (MovieLens, IMDb, TMDb) and the movie id derived from them.
 *
 * An imported movie's id is a name-based UUID (RFC 4122 version 5: SHA-1 of a namespace and a name)
 * of its strongest external id: `tmdb:<id>` when TMDb's is known, else `movielens:<id>`, else
 * `imdb:<id>` (else `movielens-100k:<id>`). So importing the same film twice, or once from TMDb and
 * once from a MovieLens directory whose links.csv names its TMDb id, lands on one movie stream. Pure.
 *
 * `movielens100k`: the ml-100k dataset numbers its movies its own way (its 2 is GoldenEye, the 2 of
 * every later MovieLens dataset is Jumanji), so its ids are kept apart and weigh little.
 *
 * `demo`: embedded mode's demo catalogue (src/ingest/demo/demo-data.ts) has no id from any database,
 * only a title and a year; its key is their slug (`the-big-parade-1925`), and it weighs least.
 */
import { createHash } from 'node:crypto'
import { type Static, Type } from 'typebox'

export const ExternalIdsSchema = Type.Object({
  movielens: Type.Optional(Type.Integer()),
  imdb: Type.Optional(Type.String()),
  tmdb: Type.Optional(Type.Integer()),
  movielens100k: Type.Optional(Type.Integer()),
  demo: Type.Optional(Type.String()),
})
export type ExternalIds = Static<typeof ExternalIdsSchema>

/** The namespace of Nexus' name-based ids (itself a random UUID, fixed forever). */
export const NEXUS_NAMESPACE = '5b0b7c1e-9a63-4c1e-8f0e-2d4f6a7b8c90'

/** IMDb title ids: `tt` and at least seven digits (MovieLens stores the digits alone, unpadded). */
const IMDB_ID = /^tt\d{7,}$/
/** The demo catalogue's keys: lower-case letters and digits in dash-separated runs. */
const DEMO_KEY = /^[a-z0-9]+(-[a-z0-9]+)*$/

/** RFC 4122 version 5 UUID of `name` in `namespace`. */
export function uuidV5(name: string, namespace: string = NEXUS_NAMESPACE): string {
  const hash = createHash('sha1')
    .update(Buffer.from(namespace.replaceAll('-', ''), 'hex'))
    .update(name, 'utf8')
    .digest()
  hash[6] = ((hash[6] as number) & 0x0f) | 0x50
  hash[8] = ((hash[8] as number) & 0x3f) | 0x80
  const hex = hash.subarray(0, 16).toString('hex')
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20, 32)}`
}

/** `tt` and seven or more digits, from `114369`, `0114369` or `tt0114369`; null when it is not one. */
export function normaliseImdbId(raw: string | number): string | null {
  const value = String(raw).trim()
  const digits = value.startsWith('tt') ? value.slice(2) : value
  if (!/^\d{1,10}$/.test(digits) || /^0+$/.test(digits)) return null
  return `tt${digits.padStart(7, '0')}`
}

const positiveId = (value: unknown): value is number =>
  typeof value === 'number' && Number.isSafeInteger(value) && value > 0

/** What is wrong with these ids, or null: each given id well-formed, at least one given. */
export function externalIdsProblem(ids: ExternalIds): string | null {
  if (ids.tmdb !== undefined && !positiveId(ids.tmdb)) return 'externalIds.tmdb must be a positive integer'
  if (ids.movielens !== undefined && !positiveId(ids.movielens))
    return 'externalIds.movielens must be a positive integer'
  if (ids.imdb !== undefined && (typeof ids.imdb !== 'string' || !IMDB_ID.test(ids.imdb)))
    return 'externalIds.imdb must look like tt0114369'
  if (ids.movielens100k !== undefined && !positiveId(ids.movielens100k))
    return 'externalIds.movielens100k must be a positive integer'
  if (
    ids.demo !== undefined &&
    (typeof ids.demo !== 'string' || ids.demo.length > 200 || !DEMO_KEY.test(ids.demo))
  )
    return 'externalIds.demo must be a slug like the-big-parade-1925'
  if (
    ids.tmdb === undefined &&
    ids.movielens === undefined &&
    ids.imdb === undefined &&
    ids.movielens100k === undefined &&
    ids.demo === undefined
  )
    return 'a movie needs at least one external id (tmdb, movielens, imdb, movielens100k or demo)'
  return null
}

/**
 * The movie id of an imported movie: deterministic, from its strongest external id.
 * @throws TypeError when the ids are malformed or all absent
 */
export function importedMovieId(ids: ExternalIds): string {
  const problem = externalIdsProblem(ids)
  if (problem) throw new TypeError(problem)
  if (ids.tmdb !== undefined) return uuidV5(`tmdb:${ids.tmdb}`)
  if (ids.movielens !== undefined) return uuidV5(`movielens:${ids.movielens}`)
  if (ids.imdb !== undefined) return uuidV5(`imdb:${ids.imdb}`)
  if (ids.movielens100k !== undefined) return uuidV5(`movielens-100k:${ids.movielens100k}`)
  return uuidV5(`demo:${ids.demo}`)
}

/** Only the ids that are set, in a fixed key order (events and read models stay byte-stable). */
export function cleanExternalIds(ids: ExternalIds): ExternalIds {
  const clean: ExternalIds = {}
  if (ids.movielens !== undefined) clean.movielens = ids.movielens
  if (ids.imdb !== undefined) clean.imdb = ids.imdb
  if (ids.tmdb !== undefined) clean.tmdb = ids.tmdb
  if (ids.movielens100k !== undefined) clean.movielens100k = ids.movielens100k
  if (ids.demo !== undefined) clean.demo = ids.demo
  return clean
}
