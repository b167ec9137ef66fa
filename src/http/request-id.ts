/** A request's id: the client's X-Request-Id when it is a sane one (it is echoed and logged), else a new UUID. */

/** What a client's X-Request-Id may be: a UUID, a trace id, anything short without spaces or quotes. */
const REQUEST_ID = /^[A-Za-z0-9._:-]{1,200}$/

export function requestIdOf(sent: string | string[] | undefined): string {
  return typeof sent === 'string' && REQUEST_ID.test(sent) ? sent : crypto.randomUUID()
}
