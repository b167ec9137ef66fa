/** The OpenAPI 3 document generated from the route schemas, served by Swagger UI at /api/docs. */
import swagger from '@fastify/swagger'
import swaggerUi from '@fastify/swagger-ui'
import fp from 'fastify-plugin'

export default fp(
  async (app) => {
    await app.register(swagger, {
      openapi: {
        openapi: '3.1.0',
        info: {
          title: 'Nexus API',
          version: '1',
          description:
            'The movie recommendation backend. Commands answer with a `position`; send it back as the ' +
            '`X-Consistency-Token` header on a query to read your own writes. Errors always have the body ' +
            '`{ "error": { "code", "message", "details" } }`.',
        },
        components: {
          securitySchemes: {
            bearerAuth: { type: 'http', scheme: 'bearer', bearerFormat: 'JWT' },
          },
        },
        tags: [
          { name: 'movies', description: 'The catalogue: browse, search, trending; admins manage it' },
          { name: 'ratings', description: 'Stars and reviews users give movies' },
          { name: 'interactions', description: 'Favourites, likes and watches of the signed-in user' },
          { name: 'comments', description: 'Comment threads on movies: replies, likes, moderation' },
          { name: 'me', description: 'What the signed-in user has done' },
          { name: 'recommendations', description: 'Personal recommendations, similar movies, dismissals' },
          { name: 'auth', description: 'Accounts and sessions: register, sign in, refresh, sign out' },
          { name: 'admin', description: 'Administration: users, roles, projections, imports (admin role)' },
          { name: 'analytics', description: 'The event log for analysts (analyst or admin role)' },
          { name: 'health', description: 'Liveness and readiness for orchestrators' },
        ],
      },
    })
    await app.register(swaggerUi, { routePrefix: '/api/docs' })
  },
  { name: 'swagger' },
)
