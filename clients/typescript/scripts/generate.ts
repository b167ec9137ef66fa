/**
 * The client's types from the OpenAPI document, by openapi-typescript: `paths` (each operation's
 * parameters, body and responses by status), `components` and `operations` (by operationId), plus a
 * type per named schema (`Movie`, `CommentThread`...). openapi-fetch (src/index.ts) takes `paths`.
 * It runs here, in the client's own package, because openapi-typescript prints with TypeScript 5's
 * compiler API, which the root project's TypeScript 7 no longer has.
 */
import openapiTS, { astToString, type OpenAPI3 } from 'openapi-typescript'

const HEADER = `/**
 * Generated from the Nexus OpenAPI document (clients/openapi.json) by openapi-typescript: do not edit.
 * Regenerate with \`npm run generate:client\`; CI fails when this file and the document disagree.
 */

`

/** The TypeScript source of the client's types. */
export async function generateTypes(document: object): Promise<string> {
  const ast = await openapiTS(document as OpenAPI3, {
    rootTypes: true,
    rootTypesNoSchemaPrefix: true,
    alphabetize: true,
    silent: true,
  })
  return HEADER + astToString(ast)
}

/** The document as committed: stable key order as served, two-space JSON, a final newline. */
export function renderDocument(document: object): string {
  return `${JSON.stringify(document, null, 2)}\n`
}
