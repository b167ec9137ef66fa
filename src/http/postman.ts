/**
 * A Postman collection of the API, converted from its OpenAPI document by Postman's own converter
 * (openapi-to-postmanv2), and an environment to go with it. Requests are in folders by tag, take the
 * bearer token from `{{bearerToken}}`, and signing in or refreshing stores the new tokens in the
 * environment, so a collection run signs in once and goes on. Optional parameters are left unticked;
 * an Idempotency-Key is a fresh `{{$guid}}` per send.
 */
import type { OpenApiDocument } from './openapi-document.ts'

type Header = { key: string; value?: string; disabled?: boolean }
type Item = {
  name: string
  item?: Item[]
  request?: { header?: Header[]; url?: { path?: string[] }; method?: string }
  event?: { listen: string; script: { type: string; exec: string[] } }[]
}
export type PostmanCollection = {
  info: { name: string; schema: string; description?: unknown }
  item: Item[]
  variable?: { key: string; value: string; type?: string }[]
}

/** Stores the tokens of a sign-in or refresh answer in the environment (a Postman test script). */
const KEEP_TOKENS = [
  'if (pm.response.code === 200) {',
  '  const body = pm.response.json()',
  "  pm.environment.set('bearerToken', body.accessToken)",
  "  pm.environment.set('refreshToken', body.refreshToken)",
  '}',
]

function* requests(items: Item[]): Generator<Item> {
  for (const item of items) {
    if (item.request) yield item
    if (item.item) yield* requests(item.item)
  }
}

/** The collection (the converter is loaded on first use: it is large and only this route needs it). */
export async function postmanCollection(document: OpenApiDocument): Promise<PostmanCollection> {
  const { default: converter } = await import('openapi-to-postmanv2')
  const collection = await new Promise<PostmanCollection>((resolve, reject) => {
    converter.convert(
      { type: 'json', data: document },
      {
        folderStrategy: 'Tags',
        parametersResolution: 'Example',
        enableOptionalParameters: false,
        alwaysInheritAuthentication: false,
      },
      (error, result) => {
        const output = result?.output?.[0]
        if (error || !result?.result || output === undefined) {
          reject(error ?? new Error(`openapi-to-postmanv2: ${result?.reason ?? 'no output'}`))
        } else resolve(output.data as unknown as PostmanCollection)
      },
    )
  })
  for (const item of requests(collection.item)) {
    for (const header of item.request?.header ?? []) {
      if (header.key.toLowerCase() === 'idempotency-key') {
        header.value = '{{$guid}}'
        header.disabled = false
      }
    }
    const path = item.request?.url?.path?.join('/')
    if (item.request?.method === 'POST' && (path === 'api/v1/auth/login' || path === 'api/v1/auth/refresh')) {
      item.event = [{ listen: 'test', script: { type: 'text/javascript', exec: KEEP_TOKENS } }]
    }
  }
  return collection
}

/** An environment for the collection, pointing at `baseUrl` (the origin the API was reached at). */
export function postmanEnvironment(baseUrl: string) {
  return {
    name: `Nexus (${new URL(baseUrl).host})`,
    values: [
      { key: 'baseUrl', value: baseUrl, type: 'default', enabled: true },
      { key: 'bearerToken', value: '', type: 'secret', enabled: true },
      { key: 'refreshToken', value: '', type: 'secret', enabled: true },
    ],
    _postman_variable_scope: 'environment',
  }
}
