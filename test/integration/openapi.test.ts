/**
 * The OpenAPI document is a contract client generators can take: it walks every operation and fails
 * on any that breaks a rule, so a new route is held to them without anyone listing it here. Rules:
 * a unique camelCase operationId, summary, description and known tags; every response described;
 * JSON bodies (request and success) as named components with an example; every error response the
 * Error component with one named example per code it can answer (a code of that status in the
 * catalogue); string enums as `enum`; X-Request-Id on every response, RateLimit-* on every response
 * of a limited operation, ETag and a 304 on conditional GETs.
 */
import t from 'tap'
import { ERROR_CODES, isErrorCode } from '../../src/http/error-codes.ts'
import { buildTestApp } from '../support/app.ts'

const { app } = await buildTestApp(t)

type Json = Record<string, unknown>
type Media = {
  schema?: Json
  example?: unknown
  examples?: Record<string, { value?: unknown; $ref?: string }>
}
type Response = { description?: string; content?: Record<string, Media>; headers?: Record<string, Json> }
type Parameter = Json & { $ref?: string; in?: string; name?: string; schema?: Json }
type Operation = {
  operationId?: string
  summary?: string
  description?: string
  tags?: string[]
  parameters?: Parameter[]
  requestBody?: { content?: Record<string, Media> }
  responses?: Record<string, Response>
}
type Document = {
  openapi: string
  servers?: { url: string }[]
  tags?: { name: string }[]
  paths: Record<string, Record<string, Operation>>
  components: {
    schemas: Record<string, Json>
    parameters: Record<string, Parameter>
    headers: Record<string, Json>
    examples: Record<string, { value?: unknown }>
    securitySchemes: Record<string, Json>
  }
}

const reply = await app.inject({ url: '/api/docs/json' })
const document = reply.json() as Document
const operations = Object.entries(document.paths).flatMap(([path, methods]) =>
  Object.entries(methods).map(([method, op]) => ({ name: `${method.toUpperCase()} ${path}`, op })),
)

const isObject = (value: unknown): value is Json =>
  typeof value === 'object' && value !== null && !Array.isArray(value)

/** Every schema object in a value, at any depth (examples included, which hold no anyOf). */
function* schemasIn(value: unknown): Generator<Json> {
  if (Array.isArray(value)) for (const item of value) yield* schemasIn(item)
  else if (isObject(value)) {
    yield value
    for (const child of Object.values(value)) yield* schemasIn(child)
  }
}

const singleValue = (schema: unknown) =>
  isObject(schema) && (schema.const !== undefined || (Array.isArray(schema.enum) && schema.enum.length === 1))

const parameterOf = (p: Parameter): Parameter =>
  p.$ref ? (document.components.parameters[p.$ref.split('/').pop() ?? ''] ?? {}) : p

const refName = (schema: Json | undefined) =>
  typeof schema?.$ref === 'string' ? schema.$ref.replace('#/components/schemas/', '') : null

t.equal(reply.statusCode, 200, 'the document is served')
t.ok(operations.length > 40, `${operations.length} operations`)

t.test(
  'every operation has a unique camelCase operationId, summary, description and known tags',
  async (t) => {
    const ids = new Map<string, string>()
    const knownTags = new Set(document.tags?.map((tag) => tag.name))
    for (const { name, op } of operations) {
      const problems: string[] = []
      if (!op.operationId || !/^[a-z][a-zA-Z0-9]*$/.test(op.operationId))
        problems.push('a camelCase operationId')
      else if (ids.has(op.operationId))
        problems.push(`an operationId of its own (${ids.get(op.operationId)})`)
      else ids.set(op.operationId, name)
      if (!op.summary) problems.push('summary')
      if (!op.description) problems.push('description')
      if (!op.tags?.length || !op.tags.every((tag) => knownTags.has(tag)))
        problems.push('tags the document lists')
      t.same(problems, [], `${name} ${problems.length ? `lacks ${problems.join(', ')}` : 'is named'}`)
    }
  },
)

t.test('every response is described; JSON bodies are named components with an example', async (t) => {
  for (const { name, op } of operations) {
    const problems: string[] = []
    const responses = Object.entries(op.responses ?? {})
    if (!responses.some(([status]) => status.startsWith('2'))) problems.push('a 2xx response')
    for (const [status, response] of responses) {
      if (!response.description || response.description === 'Default Response')
        problems.push(`a description of ${status}`)
    }
    const bodies = [
      ...responses
        .filter(([status]) => status.startsWith('2'))
        .map(([status, r]) => [status, r.content] as const),
      ['request body', op.requestBody?.content] as const,
    ]
    for (const [where, content] of bodies) {
      const json = content?.['application/json']
      if (json === undefined) continue
      const component = refName(json.schema)
      if (component === null) problems.push(`a named schema (a $ref) for the ${where}`)
      const example =
        json.example !== undefined ||
        json.examples !== undefined ||
        document.components.schemas[component ?? '']?.examples
      if (!example) problems.push(`an example of the ${where}`)
    }
    t.same(problems, [], `${name} ${problems.length ? `lacks ${problems.join(', ')}` : 'is described'}`)
  }
})

t.test('every error response lists the codes it can answer, each with its own example', async (t) => {
  for (const { name, op } of operations) {
    const problems: string[] = []
    for (const [status, response] of Object.entries(op.responses ?? {})) {
      if (!/^[45]/.test(status)) continue
      const json = response.content?.['application/json']
      if (refName(json?.schema) !== 'Error') problems.push(`${status} with the Error schema`)
      const examples = Object.entries(json?.examples ?? {})
      if (examples.length === 0) problems.push(`${status} naming its codes`)
      for (const [code, reference] of examples) {
        const { $ref } = reference as { $ref?: string }
        const example = $ref ? (document.components.examples[$ref.split('/').pop() ?? ''] ?? {}) : reference
        const value = example.value as { error?: { code?: unknown; message?: unknown } } | undefined
        if (!isErrorCode(code) || ERROR_CODES[code].status !== Number(status))
          problems.push(`${status} ${code} as a code of status ${status} in src/http/error-codes.ts`)
        if (value?.error?.code !== code || typeof value.error.message !== 'string')
          problems.push(`${status} ${code} with an example of that code`)
        if (!response.description?.includes(`\`${code}\``)) problems.push(`${status} ${code} described`)
      }
    }
    if (!Object.keys(op.responses ?? {}).some((s) => s.startsWith('4')))
      problems.push('error responses (every operation can fail)')
    t.same(problems, [], `${name} ${problems.length ? `lacks ${problems.join(', ')}` : 'lists its errors'}`)
  }
})

t.test('string enums are `enum`, never anyOf of single values (Swagger UI offers every value)', async (t) => {
  const problems: string[] = []
  for (const { name, op } of operations) {
    for (const schema of schemasIn([op.parameters?.map(parameterOf), op.requestBody, op.responses])) {
      for (const key of ['anyOf', 'oneOf'] as const) {
        const members = schema[key]
        if (Array.isArray(members) && members.length > 1 && members.every(singleValue))
          problems.push(`${name}: ${JSON.stringify(members).slice(0, 80)}`)
      }
    }
  }
  for (const [component, schema] of Object.entries(document.components.schemas)) {
    for (const inner of schemasIn(schema)) {
      const members = inner.anyOf ?? inner.oneOf
      if (Array.isArray(members) && members.length > 1 && members.every(singleValue))
        problems.push(`components.schemas.${component}: ${JSON.stringify(members).slice(0, 80)}`)
    }
  }
  t.same(problems, [], 'use StringEnum (src/http/schemas.ts) for a string enum')
})

t.test('shared headers are documented where they are sent', async (t) => {
  for (const { name, op } of operations) {
    const problems: string[] = []
    const responses = Object.entries(op.responses ?? {})
    const headerParameters = (op.parameters ?? []).map(parameterOf).filter((p) => p.in === 'header')
    const takes = (header: string) => headerParameters.some((p) => p.name === header)
    const limited = responses.some(([status]) => status === '429')
    if (!takes('x-request-id')) problems.push('the X-Request-Id parameter')
    for (const [status, response] of responses) {
      const headers = Object.keys(response.headers ?? {})
      if (!headers.includes('X-Request-Id')) problems.push(`X-Request-Id on ${status}`)
      if (
        limited &&
        !['RateLimit-Limit', 'RateLimit-Remaining', 'RateLimit-Reset'].every((h) => headers.includes(h))
      )
        problems.push(`RateLimit-* on ${status}`)
      if ((status === '429' || status === '503') && !headers.includes('Retry-After'))
        problems.push(`Retry-After on ${status}`)
    }
    if (takes('if-none-match')) {
      if (!op.responses?.['304']) problems.push('a 304')
      const success = responses.filter(([status]) => status.startsWith('2') || status === '304')
      if (!success.every(([, r]) => Object.keys(r.headers ?? {}).includes('ETag'))) problems.push('ETag')
    }
    t.same(
      problems,
      [],
      `${name} ${problems.length ? `lacks ${problems.join(', ')}` : 'documents its headers'}`,
    )
  }
})

t.test('the document has servers, a described bearer scheme and the shared components', async (t) => {
  t.equal(document.openapi, '3.1.0')
  t.ok(document.servers?.length, 'servers')
  const bearer = document.components.securitySchemes.bearerAuth as { scheme?: string; description?: string }
  t.equal(bearer.scheme, 'bearer')
  t.match(bearer.description, /without "Bearer "/, 'the Authorize box says whether to type "Bearer "')
  for (const name of [
    'Error',
    'Movie',
    'MovieSummary',
    'MoviePage',
    'Comment',
    'CommentThread',
    'CommentThreadPage',
    'CommandAccepted',
    'TokenPair',
    'PublicProfile',
  ]) {
    t.ok(document.components.schemas[name], `components.schemas.${name}`)
  }
})
