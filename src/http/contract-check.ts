/**
 * Holds the API to its document at run time: an error answered with a status and code its operation
 * does not list in the OpenAPI document is recorded (and logged), so a route that can answer more than
 * it says is found by the tests that exercise it (test/support/app.ts fails a file that recorded any).
 * Checked on error answers only: successes cost nothing.
 */
import type { FastifyRequest } from 'fastify'
import { type OpenApiDocument, operationsOf, responseErrorCodes } from './openapi-document.ts'

/** `/api/v1/movies/:id` as the document writes it: `/api/v1/movies/{id}`. */
export const documentPath = (url: string) => url.replace(/:([A-Za-z0-9_]+)/g, '{$1}')

const MAX_RECORDED = 100

export class ContractCheck {
  readonly #document: () => OpenApiDocument
  #index: Map<string, Map<string, Set<string>>> | null = null
  /** What was answered but not documented: `GET /api/v1/movies/{id} 404 SOME_CODE`. */
  readonly undocumented: string[] = []

  constructor(document: () => OpenApiDocument) {
    this.#document = document
  }

  #operations(): Map<string, Map<string, Set<string>>> {
    if (this.#index) return this.#index
    const index = new Map<string, Map<string, Set<string>>>()
    for (const { path, method, operation } of operationsOf(this.#document())) {
      const statuses = new Map<string, Set<string>>()
      for (const [status, response] of Object.entries(operation.responses ?? {})) {
        statuses.set(status, new Set(responseErrorCodes(response)))
      }
      index.set(`${method.toUpperCase()} ${path}`, statuses)
    }
    this.#index = index
    return index
  }

  /** Records the answer when its operation is documented but does not list this status and code. */
  check(request: FastifyRequest, status: number, code: string): string | null {
    const url = request.routeOptions.url
    if (url === undefined) return null
    const method = request.method === 'HEAD' ? 'GET' : request.method
    const operation = this.#operations().get(`${method} ${documentPath(url)}`)
    // Routes left out of the document (docs pages, metrics) promise nothing.
    if (operation === undefined) return null
    if (operation.get(String(status))?.has(code)) return null
    const problem = `${method} ${documentPath(url)} ${status} ${code}`
    if (this.undocumented.length < MAX_RECORDED && !this.undocumented.includes(problem)) {
      this.undocumented.push(problem)
    }
    return problem
  }
}
