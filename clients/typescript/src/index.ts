/**
 * The typed client of the Nexus API: openapi-fetch over the types openapi-typescript generated from
 * the OpenAPI document (./schema.ts). Every call is checked against the document: paths, parameters,
 * bodies, and each status's answer.
 *
 *   const api = createNexusClient({ baseUrl: 'https://nexus.example', accessToken: () => session.token })
 *   const { data, error, response } = await api.GET('/api/v1/movies', { params: { query: { genre: 'drama' } } })
 *
 * openapi-fetch never throws on an error status: `error` holds the API's error body
 * (`{ error: { code, message, details } }`), `response` the status and headers.
 */
import createClient, { type Client, type ClientOptions } from 'openapi-fetch'
import type { components, operations, paths } from './schema.ts'

export type * from './schema.ts'
export type { components, operations, paths }

/** The body of every error answer; switch on `error.code`. */
export type ApiError = components['schemas']['Error']
export type ErrorCode = ApiError['error']['code']

export type NexusClient = Client<paths>

export type NexusClientOptions = Omit<ClientOptions, 'baseUrl'> & {
  /** Where the API is, without /api/v1: `https://nexus.example`. */
  baseUrl: string
  /** The current access token, asked before each request; none: the request goes anonymous. */
  accessToken?: () => string | null | undefined
}

export function createNexusClient(options: NexusClientOptions): NexusClient {
  const { accessToken, baseUrl, ...rest } = options
  const client = createClient<paths>({ ...rest, baseUrl: baseUrl.replace(/\/+$/, '') })
  if (accessToken) {
    client.use({
      onRequest({ request }) {
        const token = accessToken()
        if (token && !request.headers.has('authorization')) {
          request.headers.set('authorization', `Bearer ${token}`)
        }
        return request
      },
    })
  }
  return client
}

/** A new Idempotency-Key: keep it for the retries of one command, make a new one for the next. */
export const newIdempotencyKey = (): string => crypto.randomUUID()
