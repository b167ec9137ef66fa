/**
 * The Nexus application as a plain Fastify plugin: infrastructure plugins, then the write-side
 * command routes and the read-side query routes under /api/v1. Tests build it with buildApp and
 * use app.inject; server.ts adds listening and graceful shutdown.
 */
import { Format, registerAjvFormats } from '@fastify/type-provider-typebox'
import Fastify, { type FastifyInstance, type FastifyServerOptions } from 'fastify'
import fp from 'fastify-plugin'
import adminConsole from './admin/plugin.ts'
import type { Config } from './config.ts'
import type { EventCatalogue } from './domain/event-catalogue.ts'
import { errorSerializers } from './errors.ts'
import healthRoutes from './health/routes.ts'
import { AccessLog } from './http/access-log.ts'
import { EarlyHits } from './http/early-hits.ts'
import indexRoutes from './http/index-routes.ts'
import { requestIdOf } from './http/request-id.ts'
import { validatorCompiler } from './http/validator-compiler.ts'
import adminUserCommandRoutes from './identity/admin-routes.ts'
import authRoutes from './identity/auth-routes.ts'
import meCommandRoutes from './identity/me-routes.ts'
import userModerationRoutes from './identity/moderation-routes.ts'
import importCommandRoutes from './ingest/routes.ts'
import auth from './plugins/auth.ts'
import configPlugin from './plugins/config.ts'
import database from './plugins/database.ts'
import errorHandler, { frameworkErrors, MAX_PARAM_LENGTH } from './plugins/error-handler.ts'
import eventStore from './plugins/event-store.ts'
import metrics from './plugins/metrics.ts'
import projectionTags from './plugins/projection-tags.ts'
import projectionsPlugin from './plugins/projections.ts'
import rateLimit from './plugins/rate-limit.ts'
import redis from './plugins/redis.ts'
import securityHeaders from './plugins/security-headers.ts'
import servingModel from './plugins/serving-model.ts'
import swagger from './plugins/swagger.ts'
import adminProjectionCommandRoutes from './projector/admin-routes.ts'
import adminProjectionRoutes from './read/admin/projections-routes.ts'
import adminRecommenderRoutes from './read/admin/recommender-routes.ts'
import adminStreamRoutes from './read/admin/streams-routes.ts'
import commentQueryRoutes from './read/comments/routes.ts'
import eventsRoutes from './read/events/routes.ts'
import importQueryRoutes from './read/imports/routes.ts'
import libraryRoutes from './read/library/routes.ts'
import moderationQueryRoutes from './read/moderation/routes.ts'
import movieQueryRoutes from './read/movies/routes.ts'
import peopleRoutes from './read/people/routes.ts'
import profileRoutes from './read/profiles/routes.ts'
import myRatingsRoutes from './read/ratings/routes.ts'
import recommendationRoutes from './read/recommendations/routes.ts'
import searchRoutes from './read/search/routes.ts'
import tagQueryRoutes from './read/tags/routes.ts'
import trendingRoutes from './read/trending/routes.ts'
import userQueryRoutes from './read/users/routes.ts'
import type { Runtime } from './runtime/open-runtime.ts'
import { registered } from './runtime/registry.ts'
import commentModerationRoutes from './write/comments/moderation-routes.ts'
import commentCommandRoutes from './write/comments/routes.ts'
import genreCommandRoutes from './write/genres/routes.ts'
import dismissRoutes from './write/interactions/dismiss-routes.ts'
import interactionRoutes from './write/interactions/library-routes.ts'
import ratingRoutes from './write/interactions/rating-routes.ts'
import movieCommandRoutes from './write/movies/routes.ts'
import tagCommandRoutes from './write/tags/routes.ts'

registerAjvFormats()
// ajv-formats' uuid also takes the URN form (`urn:uuid:…`), which PostgreSQL's uuid input refuses:
// such an id passed validation and failed every route that reads one with a 500. TypeBox's own
// check takes the string form alone (RFC 9562), in either case.
Format.Set('uuid', Format.IsUuid)

export type AppOptions = {
  config: Config
  /**
   * What the process opened (src/runtime/open-runtime.ts), which its opener closes after the app; without
   * one the app opens its own with the API's options (src/plugins/database.ts) and closes it.
   */
  runtime?: Runtime
  /**
   * The event catalogue the store reads through (default: src/domain/events.ts); tests may bring
   * their own. Only for an app that opens its runtime.
   */
  eventCatalogue?: EventCatalogue
}

declare module 'fastify' {
  interface FastifyInstance {
    /** Memo hits answered before routing (src/http/early-hits.ts); absent in an app built without buildApp. */
    earlyHits?: EarlyHits
  }
}

export async function app(instance: FastifyInstance, options: AppOptions): Promise<void> {
  instance.decorate('registered', registered)
  await instance.register(configPlugin, { config: options.config })
  // Nothing pending unless the server says so (src/server.ts, while it starts up).
  instance.decorate('startup', { pending: null })
  await instance.register(errorHandler)
  await instance.register(database, {
    ...(options.runtime ? { runtime: options.runtime } : {}),
    ...(options.eventCatalogue ? { eventCatalogue: options.eventCatalogue } : {}),
  })
  await instance.register(redis)
  await instance.register(eventStore)
  await instance.register(projectionsPlugin)
  await instance.register(projectionTags)
  await instance.register(servingModel)
  await instance.register(auth)
  await instance.register(securityHeaders)
  await instance.register(swagger)
  // Before every route, so its request timing hook sees them all.
  await instance.register(metrics)

  await instance.register(healthRoutes)
  await instance.register(indexRoutes, { root: true })
  // The admin console at /admin: pages over the API routes below (src/admin/, docs/admin.md).
  await instance.register(adminConsole)
  await instance.register(
    async (api) => {
      // Throttles every route registered after it in this scope (not health or docs).
      await api.register(rateLimit)
      await api.register(indexRoutes)
      await api.register(ratingRoutes)
      await api.register(myRatingsRoutes)
      await api.register(movieCommandRoutes)
      await api.register(interactionRoutes)
      await api.register(tagCommandRoutes)
      await api.register(genreCommandRoutes)
      await api.register(movieQueryRoutes)
      await api.register(searchRoutes)
      await api.register(tagQueryRoutes)
      await api.register(peopleRoutes)
      await api.register(trendingRoutes)
      await api.register(commentCommandRoutes)
      await api.register(commentQueryRoutes)
      await api.register(commentModerationRoutes)
      await api.register(userModerationRoutes)
      await api.register(moderationQueryRoutes)
      await api.register(libraryRoutes)
      await api.register(authRoutes)
      await api.register(meCommandRoutes)
      await api.register(adminUserCommandRoutes)
      await api.register(userQueryRoutes)
      await api.register(profileRoutes)
      await api.register(eventsRoutes)
      await api.register(adminProjectionRoutes)
      await api.register(adminProjectionCommandRoutes)
      await api.register(adminRecommenderRoutes)
      await api.register(adminStreamRoutes)
      await api.register(importCommandRoutes)
      await api.register(importQueryRoutes)
      await api.register(recommendationRoutes)
      await api.register(dismissRoutes)
    },
    { prefix: '/api/v1' },
  )
  const early = instance.earlyHits
  if (early !== undefined) {
    // Once every plugin has lent its part (the headers, the rate limit's counter, the histogram).
    instance.addHook('onReady', async () => {
      const log = instance.log
      // pino's, under Fastify's narrower logger type.
      const logs = (log as unknown as { isLevelEnabled(level: string): boolean }).isLevelEnabled('info')
      early.start({
        // The access line of src/http/access-log.ts, with the request id where its child logger binds it.
        accessLog: logs ? (line) => log.info(line, 'request completed') : null,
        onError: (error) => log.error({ err: error }, 'an early hit failed; the route answers'),
      })
    })
    instance.addHook('preClose', async () => early.close())
  }
}

export function fastifyOptions(config: Config): FastifyServerOptions {
  return {
    logger: {
      level: config.logLevel,
      // Tokens never reach the logs.
      redact: ['req.headers.authorization', 'req.headers.cookie'],
      // An error logs its type, code, message and stack only: a PostgreSQL error's detail quotes data.
      serializers: errorSerializers,
    },
    // One access line per request (method, URL, status, time), not Fastify's two.
    logController: new AccessLog(),
    // The client's X-Request-Id when it is a sane one (it is echoed and logged), else a new UUID.
    requestIdHeader: false,
    genReqId: (request) => requestIdOf(request.headers['x-request-id']),
    bodyLimit: 256 * 1024,
    // A bad percent-encoding or an overlong path parameter answers in the error body too.
    routerOptions: { maxParamLength: MAX_PARAM_LENGTH },
    frameworkErrors,
    // Behind a load balancer, request.ip (and so every per-IP limit) must be the client's address.
    trustProxy: (_address: string, hop: number) => hop < config.trustProxyHops,
    // Closing: stop accepting, let in-flight requests finish (close-with-grace bounds the wait).
    return503OnClosing: true,
    forceCloseConnections: 'idle',
    // Plugins do real work while the app starts (the projections plugin creates every read model's
    // generation): in embedded mode PGlite runs that SQL on the process's own thread, and on a busy
    // machine it outlasted avvio's default of 10 s (CI, session 13: the API exited before listening).
    // A plugin that never calls done is still reported, after two minutes.
    pluginTimeout: 120_000,
  }
}

/** A ready-to-inject application; the caller closes it. */
export async function buildApp(
  config: Config,
  overrides: FastifyServerOptions = {},
  options: Omit<AppOptions, 'config'> = {},
): Promise<FastifyInstance> {
  // Memo hits answered before routing, on the server Fastify listens with (src/http/early-hits.ts).
  const earlyHits = new EarlyHits(config.trustProxyHops)
  const instance = Fastify({
    ...fastifyOptions(config),
    serverFactory: earlyHits.serverFactory,
    ...overrides,
  })
  instance.decorate('earlyHits', earlyHits)
  instance.setValidatorCompiler(validatorCompiler)
  // The API speaks JSON only: any other body is a 415, not a string that fails validation.
  instance.removeContentTypeParser('text/plain')
  // fp: the app's decorators (db, eventStore...) stay visible to the server and to tests.
  await instance.register(fp(app), { ...options, config })
  await instance.ready()
  return instance
}
