/**
 * Finishes the OpenAPI document @fastify/swagger builds from the route schemas, so client generators
 * get named types and every operation says what the shared machinery does to it:
 * - every schema with a `title` becomes `components.schemas[title]`, referenced by `$ref` wherever it
 *   appears (two different schemas under one title are a startup error);
 * - every response carries `X-Request-Id`; a rate-limited operation (one that can answer
 *   `RATE_LIMITED`) carries `RateLimit-Limit`, `-Remaining` and `-Reset` on every response and
 *   `Retry-After` on its 429; a 503 carries `Retry-After`;
 * - a route with the `conditional-get` trait takes `If-None-Match`, answers `ETag` and
 *   `Cache-Control`, and lists 304; one with `read-your-writes` takes `X-Consistency-Token` and
 *   answers `X-Consistency`; `cached-answer` answers `X-Cache`, `creates-resource` `Location` and
 *   `X-Consistency-Token` (route-traits.ts);
 * - header parameters and response headers are hoisted into `components.parameters` and
 *   `components.headers` by name.
 */

import { POSITION_PATTERN } from '../event-store/contract.ts'
import type { RouteTrait } from './route-traits.ts'

/** The extension the per-route transform leaves on an operation for this pass to read (and drop). */
export const TRAITS_KEY = 'x-nexus-traits'

type Json = Record<string, unknown>
type Operation = Json & {
  parameters?: Json[]
  responses?: Record<string, Json>
  requestBody?: Json
}
export type OpenApiDocument = Json & {
  paths: Record<string, Record<string, Operation>>
  components?: Json & { schemas?: Record<string, Json> }
}

export const HTTP_METHODS = ['get', 'put', 'post', 'delete', 'patch', 'head', 'options'] as const

const header = (description: string, schema: Json): Json => ({ description, schema })

/** Response headers, by the name the document shows them under. */
export const RESPONSE_HEADERS = {
  'X-Request-Id': header(
    'The id of this request: the `X-Request-Id` the client sent (1-200 characters of `A-Z a-z 0-9 . _ : -`), ' +
      "else a new UUID. The server's log line of the request carries it; quote it when reporting a problem.",
    { type: 'string', examples: ['5d2c9a8e-7b1f-4a5e-9c3d-2e1f0a9b8c7d'] },
  ),
  ETag: header(
    'Weak tag of the read models this answer was made from; send it back as `If-None-Match` for a 304 ' +
      'while nothing changed.',
    { type: 'string', examples: ['W/"1-000000000000031a0000000000000042"'] },
  ),
  'Cache-Control': header(
    '`no-cache` (anonymous) or `private, no-cache` (with a bearer token): keep the answer, revalidate it ' +
      'with its ETag.',
    { type: 'string', examples: ['no-cache'] },
  ),
  'X-Consistency': header(
    'With `X-Consistency-Token`: `reached` when the read models had passed that position, `timeout` ' +
      'when the bounded wait ran out first (the answer may not show the write yet).',
    { type: 'string', enum: ['reached', 'timeout'] },
  ),
  'X-Cache': header('`hit` when the answer came from the cache, `miss` when it was computed now.', {
    type: 'string',
    enum: ['hit', 'miss'],
  }),
  Location: header('Where the new resource is.', {
    type: 'string',
    examples: ['/api/v1/movies/3f0c1d7e-8f5b-4a57-9f0e-6a3d2c1b0a99'],
  }),
  'X-Consistency-Token': header(
    'The position of the command (as `position` in the body): send it as `X-Consistency-Token` on a query.',
    { type: 'string', pattern: POSITION_PATTERN },
  ),
  'Retry-After': header('Seconds to wait before retrying.', { type: 'integer', examples: [30] }),
  'RateLimit-Limit': header(
    'Requests allowed in the current window (IETF draft "RateLimit header fields for HTTP").',
    { type: 'integer', examples: [300] },
  ),
  'RateLimit-Remaining': header('Requests left in the current window.', {
    type: 'integer',
    examples: [299],
  }),
  'RateLimit-Reset': header('Seconds until the current window ends and the count starts again.', {
    type: 'integer',
    examples: [60],
  }),
} as const satisfies Record<string, Json>

export type ResponseHeaderName = keyof typeof RESPONSE_HEADERS

/** Request headers the shared machinery reads, as header parameters. */
const REQUEST_HEADERS: Record<string, Json> = {
  'x-request-id': {
    in: 'header',
    name: 'x-request-id',
    required: false,
    description:
      "Your id for this request (1-200 characters of `A-Z a-z 0-9 . _ : -`), echoed back and written on the server's log line; a UUID is made when absent or malformed.",
    schema: { type: 'string', maxLength: 200 },
  },
  'if-none-match': {
    in: 'header',
    name: 'if-none-match',
    required: false,
    description: 'The ETag of the copy you hold: 304 Not Modified (no body) while it is still current.',
    schema: { type: 'string', maxLength: 1000 },
  },
  'x-consistency-token': {
    in: 'header',
    name: 'x-consistency-token',
    required: false,
    description:
      'The `position` a command answered: the query waits (about a second at most) until the read models it reads have passed it, so you read your own write. `X-Consistency` says whether they had.',
    schema: { type: 'string', pattern: POSITION_PATTERN },
  },
}

const RATE_LIMIT_HEADERS: ResponseHeaderName[] = ['RateLimit-Limit', 'RateLimit-Remaining', 'RateLimit-Reset']

const isObject = (value: unknown): value is Json =>
  typeof value === 'object' && value !== null && !Array.isArray(value)

/** Every operation of the document with its path and method. */
export function operationsOf(
  document: Pick<OpenApiDocument, 'paths'>,
): { path: string; method: string; operation: Operation }[] {
  return Object.entries(document.paths).flatMap(([path, item]) =>
    HTTP_METHODS.filter((method) => isObject(item[method])).map((method) => ({
      path,
      method,
      operation: item[method] as Operation,
    })),
  )
}

/** The error codes a response documents: its named examples (errorResponses names them by code). */
export function responseErrorCodes(response: Json | undefined): string[] {
  const media = (response?.content as Record<string, Json> | undefined)?.['application/json']
  const examples = media?.examples
  return isObject(examples) ? Object.keys(examples) : []
}

function addHeaders(response: Json, names: readonly ResponseHeaderName[]): void {
  const headers = { ...(response.headers as Json | undefined) }
  for (const name of names) headers[name] ??= RESPONSE_HEADERS[name]
  response.headers = headers
}

const isHeader = (parameter: Json, name: string) =>
  parameter.in === 'header' && String(parameter.name).toLowerCase() === name

/** Adds the shared header parameter, or puts its one description in place of a route's own. */
function addParameter(operation: Operation, name: string): void {
  const parameter = REQUEST_HEADERS[name] as Json
  const others = (operation.parameters ?? []).filter((p) => !isHeader(p, name))
  operation.parameters = [...others, structuredClone(parameter)]
}

function documentOperation(operation: Operation): void {
  const traits = (operation[TRAITS_KEY] ?? []) as RouteTrait[]
  delete operation[TRAITS_KEY]
  const responses = operation.responses ?? {}
  const rateLimited = Object.values(responses).some((r) => responseErrorCodes(r).includes('RATE_LIMITED'))

  addParameter(operation, 'x-request-id')
  const declaresToken = operation.parameters?.some((p) => isHeader(p, 'x-consistency-token'))
  if (traits.includes('read-your-writes') || declaresToken) addParameter(operation, 'x-consistency-token')
  if (traits.includes('conditional-get')) {
    addParameter(operation, 'if-none-match')
    responses['304'] ??= {
      description: 'Not modified: the copy named by `If-None-Match` is current. No body; reuse your copy.',
    }
  }
  for (const [status, response] of Object.entries(responses)) {
    const success = status.startsWith('2')
    addHeaders(response, ['X-Request-Id'])
    if (rateLimited) addHeaders(response, RATE_LIMIT_HEADERS)
    if (status === '429' || status === '503') addHeaders(response, ['Retry-After'])
    if (traits.includes('conditional-get') && (success || status === '304'))
      addHeaders(response, ['ETag', 'Cache-Control'])
    if (traits.includes('read-your-writes') && (success || status === '304'))
      addHeaders(response, ['X-Consistency'])
    if (traits.includes('cached-answer') && success) addHeaders(response, ['X-Cache', 'Cache-Control'])
    if (traits.includes('creates-resource') && success)
      addHeaders(response, ['Location', 'X-Consistency-Token'])
  }
  operation.responses = Object.fromEntries(Object.entries(responses).sort(([a], [b]) => a.localeCompare(b)))
}

/** Keys of a schema whose values are schemas, or maps or lists of them. */
const SCHEMA_KEYS = ['items', 'additionalProperties', 'not', 'contains', 'propertyNames'] as const
const SCHEMA_MAP_KEYS = ['properties', 'patternProperties', '$defs'] as const
const SCHEMA_LIST_KEYS = ['anyOf', 'oneOf', 'allOf', 'prefixItems'] as const

const ANNOTATIONS = new Set(['examples', 'example'])

/** Canonical JSON (sorted keys) of a schema without its top-level examples. */
function fingerprint(schema: Json): string {
  const canonical = (value: unknown): unknown =>
    Array.isArray(value)
      ? value.map(canonical)
      : isObject(value)
        ? Object.fromEntries(
            Object.keys(value)
              .sort()
              .map((key) => [key, canonical(value[key])]),
          )
        : value
  const top = Object.fromEntries(Object.entries(schema).filter(([key]) => !ANNOTATIONS.has(key)))
  return JSON.stringify(canonical(top))
}

class SchemaHoister {
  readonly components = new Map<string, { schema: Json; fingerprint: string }>()

  /** The schema with every titled schema in it (itself included) replaced by a $ref. */
  hoist(schema: unknown, where: string): unknown {
    if (!isObject(schema)) return schema
    const copy: Json = { ...schema }
    for (const key of SCHEMA_KEYS) {
      if (isObject(copy[key])) copy[key] = this.hoist(copy[key], where)
    }
    for (const key of SCHEMA_MAP_KEYS) {
      const map = copy[key]
      if (isObject(map)) {
        copy[key] = Object.fromEntries(Object.entries(map).map(([k, v]) => [k, this.hoist(v, where)]))
      }
    }
    for (const key of SCHEMA_LIST_KEYS) {
      const list = copy[key]
      if (Array.isArray(list)) copy[key] = list.map((item) => this.hoist(item, where))
    }
    const title = copy.title
    if (typeof title !== 'string') return copy
    if (!/^[A-Za-z][A-Za-z0-9]*$/.test(title)) {
      throw new Error(`${where}: schema title "${title}" must be a PascalCase name (it names a component)`)
    }
    const print = fingerprint(copy)
    const known = this.components.get(title)
    if (known === undefined) {
      this.components.set(title, { schema: copy, fingerprint: print })
    } else if (known.fingerprint !== print) {
      throw new Error(
        `${where}: two different schemas are titled "${title}"; give one another title or share one schema`,
      )
    } else if (known.schema.examples === undefined && copy.examples !== undefined) {
      known.schema.examples = copy.examples
    }
    return { $ref: `#/components/schemas/${title}` }
  }
}

function hoistMedia(content: unknown, hoister: SchemaHoister, where: string): void {
  if (!isObject(content)) return
  for (const [type, media] of Object.entries(content)) {
    if (isObject(media) && media.schema !== undefined) {
      media.schema = hoister.hoist(media.schema, `${where} ${type}`)
    }
  }
}

/** Component key of a header parameter: `x-consistency-token` -> `XConsistencyToken`. */
const parameterKey = (name: string) =>
  name
    .split('-')
    .map((part) => part.charAt(0).toUpperCase() + part.slice(1))
    .join('')

/** Moves equal named things (header parameters, response headers) into a component map by name. */
class NamedHoister {
  readonly entries = new Map<string, { value: Json; fingerprint: string }>()
  readonly #section: string

  constructor(section: string) {
    this.#section = section
  }

  ref(key: string, value: Json, where: string): Json {
    const print = fingerprint(value)
    const known = this.entries.get(key)
    if (known === undefined) this.entries.set(key, { value, fingerprint: print })
    else if (known.fingerprint !== print) {
      throw new Error(`${where}: ${this.#section} "${key}" is documented two different ways`)
    }
    return { $ref: `#/components/${this.#section}/${key}` }
  }
}

/** The finished document (a new object; the input is not changed). */
export function finishDocument<Document extends OpenApiDocument>(input: Document): Document {
  const document = structuredClone(input)
  const schemas = new SchemaHoister()
  const parameters = new NamedHoister('parameters')
  const headers = new NamedHoister('headers')
  for (const [name, schema] of Object.entries(document.components?.schemas ?? {})) {
    schemas.hoist({ ...schema, title: name }, `components.schemas.${name}`)
  }
  for (const { path, method, operation } of operationsOf(document)) {
    const where = `${method.toUpperCase()} ${path}`
    documentOperation(operation)
    operation.parameters = operation.parameters?.map((parameter) => {
      if (isObject(parameter.schema)) parameter.schema = schemas.hoist(parameter.schema, where)
      return parameter.in === 'header'
        ? parameters.ref(parameterKey(String(parameter.name)), parameter, where)
        : parameter
    })
    if (operation.parameters?.length === 0) delete operation.parameters
    if (operation.requestBody) hoistMedia(operation.requestBody.content, schemas, `${where} request body`)
    for (const [status, response] of Object.entries(operation.responses ?? {})) {
      hoistMedia(response.content, schemas, `${where} ${status}`)
      if (isObject(response.headers)) {
        response.headers = Object.fromEntries(
          Object.entries(response.headers).map(([name, value]) => [
            name,
            isObject(value) && value.$ref === undefined ? headers.ref(name, value, where) : value,
          ]),
        )
      }
    }
  }
  // Error examples are the same wherever their code is answered: one component each.
  const examples = new NamedHoister('examples')
  for (const { path, method, operation } of operationsOf(document)) {
    for (const [status, response] of Object.entries(operation.responses ?? {})) {
      const media = (response.content as Record<string, Json> | undefined)?.['application/json']
      if (!/^[45]/.test(status) || !isObject(media?.examples)) continue
      media.examples = Object.fromEntries(
        Object.entries(media.examples).map(([code, example]) => [
          code,
          isObject(example) ? examples.ref(code, example, `${method.toUpperCase()} ${path}`) : example,
        ]),
      )
    }
  }
  const sorted = <Value>(map: Map<string, Value>, pick: (value: Value) => Json) =>
    Object.fromEntries([...map].sort(([a], [b]) => a.localeCompare(b)).map(([k, v]) => [k, pick(v)]))
  document.components = {
    ...document.components,
    schemas: sorted(schemas.components, (c) => c.schema),
    parameters: sorted(parameters.entries, (c) => c.value),
    headers: sorted(headers.entries, (c) => c.value),
    examples: sorted(examples.entries, (c) => c.value),
  }
  return document
}
