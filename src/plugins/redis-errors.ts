/**
 * Tells "Redis is unreachable" (retry later: 503) from an error in the request. The API's client
 * fails fast (src/runtime/fail-fast-redis.ts): a command while disconnected is refused at once, one in flight
 * when the connection drops fails after its retry, and one Redis does not answer times out.
 */
const UNAVAILABLE_NAMES = new Set(['MaxRetriesPerRequestError'])
const UNAVAILABLE_MESSAGES =
  /Stream isn't writeable|enableOfflineQueue|Connection is closed|Command timed out|connect ECONNREFUSED|connect ETIMEDOUT|read ECONNRESET|LOADING Redis is loading/

export function isRedisUnavailable(error: unknown): boolean {
  if (!(error instanceof Error)) return false
  if (UNAVAILABLE_NAMES.has(error.name)) return true
  return UNAVAILABLE_MESSAGES.test(error.message)
}
