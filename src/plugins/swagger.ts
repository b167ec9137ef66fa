/**
 * The OpenAPI 3.1 document generated from the route schemas (@fastify/swagger), finished for client
 * generators by src/http/openapi-document.ts (named schemas, shared headers, what each shared hook
 * does), served as JSON at /api/docs/json and browsed with Swagger UI at /api/docs. The document is
 * built once when the app is ready, so a malformed one stops the start, and other plugins (CORS, the
 * contract check of errors) read it from `app.openapi()`.
 * @see ../../docs/api.md
 */
import swagger from '@fastify/swagger'
import swaggerUi from '@fastify/swagger-ui'
import fp from 'fastify-plugin'
import { finishDocument, type OpenApiDocument, TRAITS_KEY } from '../http/openapi-document.ts'
import { type PostmanCollection, postmanCollection, postmanEnvironment } from '../http/postman.ts'
import { routeTraits } from '../http/route-traits.ts'

declare module 'fastify' {
  interface FastifyInstance {
    /** The finished OpenAPI document (built once, when the app is ready). */
    openapi(): OpenApiDocument
  }
}

export const DOCS_PREFIX = '/api/docs'

const DESCRIPTION = `The movie recommendation backend: browse and search the catalogue, rate, favourite, like and
comment, get recommendations.

**Conventions** (docs/api.md in the repository says more):
- **Reading your writes.** Commands answer with a \`position\`; send it back as the \`X-Consistency-Token\`
  header on a query, which then waits (about a second at most) until the read models it reads have passed
  it. \`X-Consistency: reached | timeout\` says whether they had.
- **Retries.** Every command takes an \`Idempotency-Key\` header: a retry with the same key answers the
  original result and never applies the command twice.
- **Conditional GETs.** Queries answer a weak \`ETag\`; send it as \`If-None-Match\` to get 304 while nothing
  changed.
- **Pages.** Lists are keyset pages: pass \`nextCursor\` back as \`cursor\` with the same filters; \`null\`
  means the last page.
- **Errors** always have the body \`{ "error": { "code", "message", "details" } }\`; each operation lists
  the codes it can answer, one example each. Switch on \`code\`, never on \`message\`.
- **Rate limits.** Limited operations answer \`RateLimit-Limit\`, \`RateLimit-Remaining\` and
  \`RateLimit-Reset\` (seconds) on every response; a 429 adds \`Retry-After\`.
- **Request ids.** Every response carries \`X-Request-Id\` (yours, when you send one).
- Browsers on other origins are allowed when the server lists them in \`CORS_ORIGINS\`; every header above
  is allowed and exposed. A Postman collection of this document is at \`/api/docs/postman.json\`.`

export default fp(
  async (app) => {
    await app.register(swagger, {
      openapi: {
        openapi: '3.1.0',
        info: {
          title: 'Nexus API',
          version: '1.0.0',
          description: DESCRIPTION,
        },
        servers: [
          {
            url: '/',
            description: 'The server that serves this document (paths start with /api/v1)',
          },
        ],
        components: {
          securitySchemes: {
            bearerAuth: {
              type: 'http',
              scheme: 'bearer',
              bearerFormat: 'JWT',
              description:
                'The `accessToken` of `POST /api/v1/auth/login` (or `/auth/refresh`), valid 15 minutes. ' +
                'Send it as `Authorization: Bearer <accessToken>`. In Swagger UI\'s "Authorize" box paste ' +
                'the token alone, without "Bearer ": the UI adds it.',
            },
          },
        },
        tags: [
          { name: 'index', description: 'Where the API and its documentation are' },
          { name: 'movies', description: 'The catalogue: browse, search, trending; admins manage it' },
          { name: 'tags', description: "Tags on movies: a user's own, curated by admins, popular ones" },
          { name: 'ratings', description: 'Stars and reviews users give movies' },
          { name: 'interactions', description: 'Favourites, likes and watches of the signed-in user' },
          { name: 'comments', description: 'Comment threads on movies: replies, likes, moderation' },
          {
            name: 'moderation',
            description:
              'Reports, the moderation queue, hiding and restoring comments, spoilers, suspensions (moderator or admin)',
          },
          { name: 'users', description: 'Public profiles of users' },
          { name: 'me', description: 'What the signed-in user has done' },
          { name: 'recommendations', description: 'Personal recommendations, similar movies, dismissals' },
          { name: 'auth', description: 'Accounts and sessions: register, sign in, refresh, sign out' },
          { name: 'admin', description: 'Administration: users, roles, projections, imports (admin role)' },
          { name: 'analytics', description: 'The event log for analysts (analyst or admin role)' },
        ],
      },
      // What each route's shared hooks do, for finishDocument to document (and drop).
      transform: ({ schema, url, route }) => {
        const traits = routeTraits(route)
        return { schema: traits.length > 0 ? { ...schema, [TRAITS_KEY]: traits } : schema, url }
      },
      transformObject: (built) =>
        finishDocument(
          ('openapiObject' in built ? built.openapiObject : built.swaggerObject) as OpenApiDocument,
        ),
    })
    await app.register(swaggerUi, {
      routePrefix: DOCS_PREFIX,
      uiConfig: { persistAuthorization: false, displayRequestDuration: true, tryItOutEnabled: false },
    })

    let document: OpenApiDocument | null = null
    app.decorate('openapi', () => {
      document ??= app.swagger() as unknown as OpenApiDocument
      return document
    })
    // Built now: a schema the document cannot take stops the start instead of the first docs request.
    app.addHook('onReady', async () => {
      app.openapi()
    })

    // Converted on the first request (a second or two), then kept.
    let collection: Promise<PostmanCollection> | null = null
    app.get(`${DOCS_PREFIX}/postman.json`, { schema: { hide: true } }, async (_request, reply) => {
      collection ??= postmanCollection(app.openapi()).catch((error: unknown) => {
        collection = null
        throw error
      })
      reply.header('content-disposition', 'inline; filename="nexus.postman_collection.json"')
      return collection
    })
    app.get(`${DOCS_PREFIX}/postman-environment.json`, { schema: { hide: true } }, async (request, reply) => {
      reply.header('content-disposition', 'inline; filename="nexus.postman_environment.json"')
      return postmanEnvironment(`${request.protocol}://${request.host}`)
    })
  },
  { name: 'swagger' },
)
