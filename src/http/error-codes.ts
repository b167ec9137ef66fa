/**
 * The catalogue of stable error codes: each with its HTTP status, when it is answered and an example
 * message. Routes list the codes they can answer (`errorResponses('MOVIE_NOT_FOUND', ...)`) and the
 * OpenAPI document shows, per operation and status, each code as its own named example; the error
 * handler checks every error it sends against that list (src/http/contract-check.ts).
 */
import { type Static, Type } from 'typebox'
import { MAX_COMMENT_LENGTH, MAX_REASON_LENGTH, MIN_COMMENT_LENGTH } from '../domain/comment/decide.ts'
import { MAX_REVIEW_LENGTH, MAX_STARS, MIN_STARS, STAR_STEP } from '../domain/interaction/decide.ts'
import { MAX_TMDB_IDS, MAX_TRENDING_PAGES } from '../domain/job/decide.ts'
import {
  FIRST_YEAR,
  MAX_GENRE_LENGTH,
  MAX_GENRES,
  MAX_OVERVIEW_LENGTH,
  MAX_TITLE_LENGTH,
} from '../domain/movie/decide.ts'
import { MAX_CURATED_TAGS, MAX_TAG_LENGTH, MAX_USER_TAGS } from '../domain/tag/tag.ts'
import { MAX_DISPLAY_NAME_LENGTH } from '../domain/user/decide.ts'

type Entry = { status: number; when: string; message: string; details?: unknown }

export const ERROR_CODES = {
  // 400: the request itself is malformed.
  VALIDATION_FAILED: {
    status: 400,
    when: 'a path parameter, query parameter, header or body field does not match its schema, or a text holds NUL (\\u0000) or an unpaired surrogate',
    message: 'body/stars must be <= 5',
    details: [{ path: 'body/stars', message: 'must be <= 5' }],
  },
  INVALID_JSON: {
    status: 400,
    when: 'the body is not valid JSON',
    message: "Body is not valid JSON but content-type is set to 'application/json'",
  },
  EMPTY_BODY: {
    status: 400,
    when: 'the content type is JSON but the body is empty',
    message: "Body cannot be empty when content-type is set to 'application/json'",
  },
  INVALID_CURSOR: {
    status: 400,
    when: 'the cursor was not issued by this API for the same query',
    message: 'cursor is not one this API issued for this sort',
  },
  INVALID_URL: {
    status: 400,
    when: 'the path is not valid percent-encoded UTF-8',
    message: 'the path is not valid percent-encoded UTF-8',
  },
  INVALID_CONSISTENCY_TOKEN: {
    status: 400,
    when: 'X-Consistency-Token is not a position a command answered',
    message: 'X-Consistency-Token must be a position a command answered',
  },
  INVALID_DATE: {
    status: 400,
    when: '`since` or `until` is not a real date, or `since` is not before `until`',
    message: 'since must be before until',
  },
  WEAK_PASSWORD: {
    status: 400,
    when: 'the new password is too short, too long or a common password',
    message: 'body/password is a commonly used password',
    details: [{ path: 'body/password', message: 'is a commonly used password' }],
  },
  // 401 and 403: who is asking.
  UNAUTHENTICATED: {
    status: 401,
    when: 'the bearer access token is missing, invalid, expired or of an ended session',
    message: 'a valid bearer access token is required',
  },
  INVALID_CREDENTIALS: {
    status: 401,
    when: 'the username, email or password is wrong (or the account was erased)',
    message: 'the username, email or password is not right',
  },
  INVALID_REFRESH_TOKEN: {
    status: 401,
    when: 'the refresh token is unknown, expired or revoked',
    message: 'this refresh token is not valid; sign in again',
  },
  REFRESH_TOKEN_REUSED: {
    status: 401,
    when: 'a refresh token was presented a second time: its whole session is revoked',
    message: 'this refresh token was already used; sign in again',
  },
  FORBIDDEN: {
    status: 403,
    when: 'the signed-in user lacks the role this operation needs',
    message: 'this needs the admin role',
  },
  USER_SUSPENDED: {
    status: 403,
    when: 'the signed-in user is suspended by a moderator: they read, but every command is refused',
    message: 'your account is suspended: you can read, but not write',
  },
  CANNOT_MODERATE_STAFF: {
    status: 403,
    when: 'a moderator suspends or reinstates a moderator or an admin (only an admin does)',
    message: 'only an admin suspends or reinstates a moderator or admin',
  },
  WRONG_PASSWORD: {
    status: 403,
    when: 'the current password given to confirm the change is wrong',
    message: 'the current password is not right',
  },
  NOT_COMMENT_AUTHOR: {
    status: 403,
    when: 'someone other than the author edits a comment, or deletes it without the admin role',
    message: 'only the author edits a comment',
  },
  // 404: what the request names does not exist (yet).
  MOVIE_NOT_FOUND: {
    status: 404,
    when: 'no movie has this id (or it was removed, for queries)',
    message: 'no such movie',
  },
  PERSON_NOT_FOUND: {
    status: 404,
    when: 'no person has this id in the catalogue (people come from imported credits)',
    message: 'no such person',
  },
  USER_NOT_FOUND: {
    status: 404,
    when: 'no user has this id',
    message: 'no such user',
  },
  COMMENT_NOT_FOUND: {
    status: 404,
    when: 'no comment has this id',
    message: 'no such comment',
  },
  STREAM_NOT_FOUND: {
    status: 404,
    when: 'the event store has no stream of this name (no event was ever appended to it)',
    message: 'no stream movie-3f0c1d7e-8f5b-4a57-9f0e-6a3d2c1b0a99',
  },
  PROJECTION_NOT_FOUND: {
    status: 404,
    when: 'no projection has this name (reactors are not rebuilt over HTTP)',
    message: 'no projection named user_ratingz',
  },
  GENRE_NOT_FOUND: {
    status: 404,
    when: 'no genre has this slug (created by an admin or used by a listed movie)',
    message: 'no such genre',
  },
  IMPORT_NOT_FOUND: {
    status: 404,
    when: 'no import job has this id',
    message: 'no such import job',
  },
  // 409: the state moved under the request.
  CONCURRENT_MODIFICATION: {
    status: 409,
    when: 'the same stream kept changing while the command ran; retrying is safe',
    message: 'interaction-... kept changing while this command ran; retry it',
  },
  REBUILD_RUNNING: {
    status: 409,
    when: 'a rebuild of this projection is already running (here or in another process)',
    message: 'a rebuild of user_ratings is already running',
  },
  NOTHING_TO_SKIP: {
    status: 409,
    when: 'the projection is not stopped on a poison event, or the position is not one it may move to',
    message: 'user_ratings is live, not stopped: nothing to skip',
  },
  USERNAME_TAKEN: {
    status: 409,
    when: 'another account holds this username (compared after normalisation)',
    message: 'this username is already registered',
  },
  EMAIL_TAKEN: {
    status: 409,
    when: 'another account holds this email',
    message: 'this email is already registered',
  },
  USER_EXISTS: {
    status: 409,
    when: 'a user with this id is registered already',
    message: 'a user with this id is already registered',
  },
  MOVIE_EXISTS: {
    status: 409,
    when: 'a movie with this id exists already',
    message: 'a movie with this id exists',
  },
  GENRE_EXISTS: {
    status: 409,
    when: 'another genre has this name (compared by slug): merge instead of renaming',
    message: 'a genre named Science Fiction exists: merge into it instead',
  },
  GENRE_IN_USE: {
    status: 409,
    when: 'the genre to remove is on listed movies: merge it into another genre instead',
    message: '3 listed movies have Film-Noir: merge it into another genre',
  },
  JOB_EXISTS: {
    status: 409,
    when: 'a job with this id exists already',
    message: 'a job with this id exists',
  },
  // 413, 414 and 415: the request as a whole.
  BODY_TOO_LARGE: {
    status: 413,
    when: 'the body is larger than 256 KiB',
    message: 'Request body is too large',
  },
  URI_TOO_LONG: {
    status: 414,
    when: 'a path parameter is longer than 100 characters',
    message: 'a path parameter is longer than 100 characters',
  },
  UNSUPPORTED_MEDIA_TYPE: {
    status: 415,
    when: 'the body is not `application/json`',
    message: 'Unsupported Media Type: text/plain',
  },
  // 422: a rule of the domain refused the command.
  MOVIE_REMOVED: {
    status: 422,
    when: 'the movie was removed from the catalogue',
    message: 'this movie was removed from the catalogue',
  },
  RATING_OUT_OF_RANGE: {
    status: 422,
    when: `stars is not from ${MIN_STARS} to ${MAX_STARS} in steps of ${STAR_STEP}`,
    message: `stars must be from ${MIN_STARS} to ${MAX_STARS} in steps of ${STAR_STEP}`,
  },
  REVIEW_TOO_LONG: {
    status: 422,
    when: 'the review is longer than allowed',
    message: `a review holds at most ${MAX_REVIEW_LENGTH} characters`,
  },
  PROGRESS_OUT_OF_RANGE: {
    status: 422,
    when: 'progress is not from 0 to 1',
    message: 'progress must be from 0 to 1',
  },
  WATCHED_IN_FUTURE: {
    status: 422,
    when: 'watchedAt is later than now',
    message: 'watchedAt cannot be in the future',
  },
  TITLE_REQUIRED: { status: 422, when: 'the title is blank', message: 'a movie needs a title' },
  TITLE_TOO_LONG: {
    status: 422,
    when: 'the title is longer than allowed',
    message: `a title holds at most ${MAX_TITLE_LENGTH} characters`,
  },
  YEAR_OUT_OF_RANGE: {
    status: 422,
    when: 'the year is before the first films or more than ten years ahead',
    message: `year must be a whole number from ${FIRST_YEAR} to 2036`,
  },
  GENRE_REQUIRED: {
    status: 422,
    when: 'no genre is left after trimming',
    message: 'a movie needs at least one genre',
  },
  GENRE_TOO_LONG: {
    status: 422,
    when: 'a genre name is longer than allowed',
    message: `a genre name holds at most ${MAX_GENRE_LENGTH} characters`,
  },
  TOO_MANY_GENRES: {
    status: 422,
    when: 'more genres (of a movie) or favourite genres (of a user) than allowed',
    message: `a movie has at most ${MAX_GENRES} genres`,
  },
  OVERVIEW_TOO_LONG: {
    status: 422,
    when: 'the overview is longer than allowed',
    message: `an overview holds at most ${MAX_OVERVIEW_LENGTH} characters`,
  },
  INVALID_RELEASE_DATE: {
    status: 422,
    when: 'releaseDate is not a calendar date',
    message: 'releaseDate must be a calendar date, YYYY-MM-DD',
  },
  RELEASE_DATE_NOT_IN_YEAR: {
    status: 422,
    when: "releaseDate is not in the movie's year",
    message: "releaseDate 2024-03-08 is not in the movie's year 2023",
  },
  COMMENT_LENGTH: {
    status: 422,
    when: `the text is empty after trimming or longer than ${MAX_COMMENT_LENGTH} characters`,
    message: `a comment holds ${MIN_COMMENT_LENGTH} to ${MAX_COMMENT_LENGTH} characters after trimming`,
  },
  TAG_REQUIRED: { status: 422, when: 'the tag is blank after trimming', message: 'a tag needs a letter' },
  TAG_TOO_LONG: {
    status: 422,
    when: 'the tag is longer than allowed after normalising',
    message: `a tag holds at most ${MAX_TAG_LENGTH} characters`,
  },
  TAG_INVALID: {
    status: 422,
    when: 'the tag holds a control character',
    message: 'a tag holds no control characters',
  },
  TOO_MANY_TAGS: {
    status: 422,
    when: `more than ${MAX_CURATED_TAGS} curated tags on a movie, or ${MAX_USER_TAGS} of one user's on a movie`,
    message: `a movie has at most ${MAX_CURATED_TAGS} curated tags`,
  },
  GENRE_NAME_REQUIRED: {
    status: 422,
    when: 'the genre name has no letter or digit',
    message: 'a genre needs a name with a letter or digit',
  },
  GENRE_MERGE_INVALID: {
    status: 422,
    when: 'a merge names no source, or its target among its sources',
    message: 'merge at least one other genre into the target',
  },
  COMMENT_DELETED: {
    status: 422,
    when: 'the comment was deleted',
    message: 'this comment was deleted',
  },
  PARENT_NOT_FOUND: {
    status: 422,
    when: 'the comment replied to does not exist on this movie',
    message: 'the comment replied to is not on this movie',
  },
  PARENT_DELETED: {
    status: 422,
    when: 'the comment replied to was deleted',
    message: 'the comment replied to was deleted',
  },
  REPLY_TO_REPLY: {
    status: 422,
    when: 'the comment replied to is itself a reply: threads are one level deep',
    message: 'reply to the top-level comment of the thread',
  },
  REASON_REQUIRED: {
    status: 422,
    when: "a moderator or admin deletes another user's comment without a reason, or a report or moderation decision has no reason",
    message: "deleting another user's comment needs a reason",
  },
  COMMENT_HIDDEN: {
    status: 422,
    when: 'the comment was hidden by a moderator: it cannot be edited or liked until restored',
    message: 'this comment was hidden by a moderator',
  },
  CANNOT_REPORT_OWN: {
    status: 422,
    when: 'a user reports their own comment',
    message: 'you cannot report your own comment',
  },
  CANNOT_SUSPEND_SELF: {
    status: 422,
    when: 'a moderator or admin suspends themselves',
    message: 'you cannot suspend yourself',
  },
  REASON_TOO_LONG: {
    status: 422,
    when: 'the reason is longer than allowed',
    message: `a reason holds at most ${MAX_REASON_LENGTH} characters`,
  },
  USER_ERASED: { status: 422, when: 'the user was erased', message: 'this user was erased' },
  DISPLAY_NAME_TOO_LONG: {
    status: 422,
    when: 'the display name is longer than allowed',
    message: `a display name holds at most ${MAX_DISPLAY_NAME_LENGTH} characters`,
  },
  CANNOT_DEMOTE_SELF: {
    status: 422,
    when: 'an admin takes the admin role from themselves',
    message: 'an admin cannot take the admin role from themselves',
  },
  IMPORT_PAGES: {
    status: 422,
    when: 'pages is out of range',
    message: `pages must be between 1 and ${MAX_TRENDING_PAGES}`,
  },
  IMPORT_TMDB_IDS: {
    status: 422,
    when: 'tmdbIds is empty, too long or holds something else than positive integers',
    message: `tmdbIds holds 1 to ${MAX_TMDB_IDS} positive integers`,
  },
  // 429: slow down.
  RATE_LIMITED: {
    status: 429,
    when: 'too many requests in the window: wait the seconds in Retry-After',
    message: 'too many requests; retry in 1 minute',
  },
  TOO_MANY_FAILED_ATTEMPTS: {
    status: 429,
    when: 'too many failed password checks on this account: wait the seconds in Retry-After',
    message: 'too many failed password attempts; retry later',
  },
  // 503: a dependency is down; retry after Retry-After.
  SERVICE_UNAVAILABLE: {
    status: 503,
    when: 'PostgreSQL, Redis or the event store is unreachable: retry after Retry-After',
    message: 'storage is unavailable right now; retry later',
  },
  INVALID_CONTENT_LENGTH: {
    status: 400,
    when: 'Content-Length does not match the body',
    message: 'Request body size did not match Content-Length',
  },
  BAD_REQUEST: {
    status: 400,
    when: 'the HTTP request itself is malformed',
    message: 'Bad Request',
  },
  ROUTE_NOT_FOUND: {
    status: 404,
    when: 'no operation (or documentation file) has this method and path',
    message: 'no route GET /api/v1/movie',
  },
  INTERNAL_ERROR: {
    status: 500,
    when: 'a bug on our side: the server logged it with the request id',
    message: 'something went wrong on our side',
  },
  TMDB_NOT_CONFIGURED: {
    status: 503,
    when: 'TMDb imports need TMDB_READ_TOKEN or TMDB_API_KEY on the server',
    message: 'TMDb imports need TMDB_READ_TOKEN or TMDB_API_KEY',
  },
} as const satisfies Record<string, Entry>

export type ErrorCode = keyof typeof ERROR_CODES

/** The body of every error answer (DESIGN.md), with every code the API answers. */
export const ErrorBody = Type.Object(
  {
    error: Type.Object({
      code: Type.Enum(Object.keys(ERROR_CODES) as ErrorCode[], {
        type: 'string',
        description:
          'Stable machine-readable code: switch on it, never on `message`. New codes may be added; ' +
          'treat an unknown one by its HTTP status.',
      }),
      message: Type.String({ description: 'What went wrong, for humans (may change)' }),
      details: Type.Optional(
        Type.Unknown({
          description: 'For validation errors, the problem of each field: `[{ path, message }]`',
        }),
      ),
    }),
  },
  { title: 'Error', description: 'The body of every error answer.' },
)

export const isErrorCode = (code: string): code is ErrorCode => Object.hasOwn(ERROR_CODES, code)

const STATUS_TEXT: Record<number, string> = {
  500: 'Internal error',
  400: 'Bad request',
  401: 'Unauthenticated',
  403: 'Forbidden',
  404: 'Not found',
  409: 'Conflict',
  413: 'Payload too large',
  414: 'URI too long',
  415: 'Unsupported media type',
  422: 'Refused by a domain rule',
  429: 'Too many requests',
  503: 'Service unavailable',
}

/** The codes an error response documents; kept on the schema object, out of the JSON. */
const CODES = Symbol('error codes')

type ErrorResponse = ReturnType<typeof Type.Unsafe<Static<typeof ErrorBody>>> & { [CODES]: ErrorCode[] }

/** The codes a response schema documents (none for a schema errorResponses did not make). */
export function documentedCodes(response: unknown): readonly ErrorCode[] {
  return (response as Partial<ErrorResponse> | undefined)?.[CODES] ?? []
}

/**
 * One response per status for these codes: the error body, a description naming each code and when
 * it is answered, and each code as its own named example. Typed as the error body, so a route's reply
 * type stays that of its success schema plus errors.
 */
function errorResponse(codes: readonly ErrorCode[]): ErrorResponse {
  const sorted = [...new Set(codes)].sort()
  const status = ERROR_CODES[sorted[0] as ErrorCode].status
  const lines = sorted.map((code) => `- \`${code}\`: ${ERROR_CODES[code].when}`)
  const schema = Type.Unsafe<Static<typeof ErrorBody>>({
    description: `${STATUS_TEXT[status] ?? 'Error'}:\n${lines.join('\n')}`,
    content: {
      'application/json': {
        schema: ErrorBody,
        examples: Object.fromEntries(
          sorted.map((code) => {
            const { when, message, ...rest } = ERROR_CODES[code] as Entry
            const details = 'details' in rest ? { details: rest.details } : {}
            return [code, { summary: when, value: { error: { code, message, ...details } } }]
          }),
        ),
      },
    },
  })
  return Object.assign(schema, { [CODES]: sorted })
}

/** The error responses of a route, keyed by status: `response: { 200: X, ...errorResponses('A', 'B') }`. */
export function errorResponses(...codes: ErrorCode[]): Record<number, ErrorResponse> {
  const byStatus = new Map<number, ErrorCode[]>()
  for (const code of codes) {
    const { status } = ERROR_CODES[code]
    byStatus.set(status, [...(byStatus.get(status) ?? []), code])
  }
  return Object.fromEntries([...byStatus].map(([status, list]) => [status, errorResponse(list)]))
}

/**
 * `response` with these codes added: merged with the codes a status documents already (a status
 * holding some other schema is replaced). A new object: route objects are shared with derived routes.
 */
export function withErrorCodes(
  response: Record<string, unknown> | undefined,
  codes: readonly ErrorCode[],
): Record<string, unknown> {
  const merged: Record<string, unknown> = { ...response }
  for (const [status, added] of Object.entries(errorResponses(...codes))) {
    merged[status] = errorResponse([...documentedCodes(merged[status]), ...documentedCodes(added)])
  }
  return merged
}
