/**
 * The CORS headers of the API, read from its OpenAPI document so that a header the contract gains is
 * allowed and exposed without anyone remembering to: every request header an operation documents
 * (plus Authorization for the bearer scheme and Content-Type for JSON bodies) is allowed, every
 * response header it documents is exposed (but those browsers always expose).
 */
import { type OpenApiDocument, operationsOf } from './openapi-document.ts'

/** Response headers every browser exposes to scripts anyway (the Fetch standard's safelist). */
const SAFELISTED_RESPONSE_HEADERS = new Set([
  'cache-control',
  'content-language',
  'content-length',
  'content-type',
  'expires',
  'last-modified',
  'pragma',
])

/** How long a browser may reuse a preflight answer: Chromium's cap (Firefox allows a day). */
export const PREFLIGHT_MAX_AGE_SECONDS = 7200

type Parameter = { $ref?: string; in?: string; name?: string }

export function corsHeadersOf(document: OpenApiDocument): { allowed: string[]; exposed: string[] } {
  const components = (document.components ?? {}) as { parameters?: Record<string, Parameter> }
  const allowed = new Set<string>()
  const exposed = new Set<string>()
  for (const { operation } of operationsOf(document)) {
    for (const reference of operation.parameters ?? []) {
      const { $ref } = reference as Parameter
      const parameter = $ref ? components.parameters?.[$ref.split('/').pop() ?? ''] : (reference as Parameter)
      if (parameter?.in === 'header' && parameter.name) allowed.add(parameter.name.toLowerCase())
    }
    if (Array.isArray(operation.security) && operation.security.some((s) => 'bearerAuth' in s)) {
      allowed.add('authorization')
    }
    if (operation.requestBody) allowed.add('content-type')
    for (const response of Object.values(operation.responses ?? {})) {
      for (const name of Object.keys((response.headers ?? {}) as object)) {
        if (!SAFELISTED_RESPONSE_HEADERS.has(name.toLowerCase())) exposed.add(name.toLowerCase())
      }
    }
  }
  return { allowed: [...allowed].sort(), exposed: [...exposed].sort() }
}
