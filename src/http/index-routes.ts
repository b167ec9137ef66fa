/**
 * `GET /api/v1` (and `GET /`): where the API, its documentation, its OpenAPI document and the Postman
 * collection are, so a person or a client that finds the host finds the rest.
 */
import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox'
import { Type } from 'typebox'

const links = {
  api: '/api/v1',
  docs: '/api/docs',
  openapi: '/api/docs/json',
  postmanCollection: '/api/docs/postman.json',
  postmanEnvironment: '/api/docs/postman-environment.json',
  health: '/health/ready',
}

const index = { name: 'Nexus API', version: '1.0.0', links }

export const ApiIndex = Type.Object(
  {
    name: Type.String(),
    version: Type.String({ description: 'Version of the OpenAPI document' }),
    links: Type.Object(
      {
        api: Type.String({ description: 'The API root (this index)' }),
        docs: Type.String({ description: 'Swagger UI' }),
        openapi: Type.String({ description: 'The OpenAPI 3.1 document (JSON)' }),
        postmanCollection: Type.String({ description: 'A Postman collection of every operation' }),
        postmanEnvironment: Type.String({ description: 'A Postman environment for this server' }),
        health: Type.String({ description: 'Readiness of the server and its dependencies' }),
      },
      { description: 'Paths on this server' },
    ),
  },
  { title: 'ApiIndex', description: 'Where the API and its documentation are.', examples: [index] },
)

/** `GET /` of the API scope (`/api/v1`); `root` registers the same answer at `/`, out of the document. */
const indexRoutes: FastifyPluginAsyncTypebox<{ root?: boolean }> = async (app, options) => {
  app.get(
    '/',
    {
      config: { access: 'public', storage: false },
      prefixTrailingSlash: 'no-slash',
      schema: {
        operationId: 'getApiIndex',
        tags: ['index'],
        summary: 'Where everything is',
        description: 'Links to the API, Swagger UI, the OpenAPI document and the Postman collection.',
        ...(options.root ? { hide: true } : {}),
        response: { 200: ApiIndex },
      },
    },
    async () => index,
  )
}

export default indexRoutes
