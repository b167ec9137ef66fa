/**
 * The operator's projection commands over HTTP, as `npm run projections -- rebuild|skip` runs them:
 *
 * - POST /api/v1/admin/projections/:name/rebuild starts a blue-green rebuild in this process and
 *   answers 202 once its generation exists; GET /api/v1/admin/projections shows its progress (the
 *   building generation's checkpoint and lag) until it becomes the active one.
 * - POST /api/v1/admin/projections/:name/skip moves a projection stopped on a poison event past it.
 *
 * Reactors are not offered: rebuilding one re-delivers its work (imports, training), a decision for
 * the command line. A rebuild holds the same lease as the script's (`rebuild:<name>`), so one runs at
 * a time across every process; closing the app interrupts it, and the next rebuild resumes it.
 */
import { hostname } from 'node:os'
import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox'
import { Type } from 'typebox'
import { projections } from '../../projections/index.ts'
import { AppError, notFound } from '../errors.ts'
import { errorResponses } from '../http/error-codes.ts'
import { PositionToken } from '../http/schemas.ts'
import type { AcquireLease } from './lease.ts'
import { type OperationContext, OperationError, rebuildProjections, skipTo } from './operations.ts'
import type { Projection } from './projection.ts'

const Params = Type.Object({
  name: Type.String({ pattern: '^[a-z][a-z0-9_]*$', maxLength: 100, examples: ['user_ratings'] }),
})

const RebuildStarted = Type.Object(
  {
    projection: Type.String(),
    generation: Type.Integer({ description: 'The generation being built (a resumed one, or a new one)' }),
    status: Type.Literal('rebuilding'),
  },
  {
    title: 'RebuildStarted',
    description: 'The rebuild runs: follow it at GET /api/v1/admin/projections.',
    examples: [{ projection: 'user_ratings', generation: 3, status: 'rebuilding' }],
  },
)

const Skipped = Type.Object(
  {
    projection: Type.String(),
    generation: Type.Integer({ description: 'The generation moved (the active one, or one being rebuilt)' }),
    position: PositionToken,
  },
  {
    title: 'PoisonEventSkipped',
    description: 'The stopped generation now resumes after `position`.',
    examples: [{ projection: 'user_ratings', generation: 2, position: '000000000000031a0000000000000042' }],
  },
)

const SkipBody = Type.Object(
  { position: PositionToken },
  {
    additionalProperties: false,
    title: 'SkipPoisonEvent',
    description: 'Where to move the stopped generation: the position of the poison event it stopped on.',
    examples: [{ position: '000000000000031a0000000000000042' }],
  },
)

const admin = { access: { roles: ['admin'] } } as const

const projectionNotFound = (name: string) =>
  notFound('PROJECTION_NOT_FOUND', `no projection named ${name} (reactors are rebuilt from the command line)`)

function findProjection(name: string): Projection {
  const projection = projections.find((candidate) => candidate.name === name)
  if (!projection) throw projectionNotFound(name)
  return projection
}

const adminProjectionCommandRoutes: FastifyPluginAsyncTypebox = async (app) => {
  const owner = `${hostname()}/${process.pid}`
  // The runtime's leases: PGlite's in-process ones (embedded), or the process's one lease session
  // (services), shared with the projections the API runs, within its connection budget.
  const acquireLease: AcquireLease = (key) => app.runtime.acquireLease(key)
  const context = (): OperationContext => ({
    store: app.eventStore,
    db: app.db,
    redis: app.projectionRedis,
    logger: app.log,
    owner,
    acquireLease,
  })
  const running = new Map<string, { stop: AbortController; done: Promise<unknown> }>()
  app.addHook('onClose', async () => {
    for (const rebuild of running.values()) rebuild.stop.abort()
    await Promise.all([...running.values()].map((rebuild) => rebuild.done))
  })

  app.post(
    '/admin/projections/:name/rebuild',
    {
      config: admin,
      schema: {
        operationId: 'rebuildProjection',
        tags: ['admin'],
        summary: 'Rebuild a projection',
        description:
          'Starts a blue-green rebuild, as `npm run projections -- rebuild <name>` does: a new generation ' +
          'fills from the start of the log while the active one keeps serving, then takes over. A rebuild ' +
          'interrupted earlier (or stopped on a poison event that was skipped since) resumes from its ' +
          'checkpoint. Answers 202 at once; GET /api/v1/admin/projections shows the building ' +
          "generation's checkpoint and lag until it is active. One rebuild per projection at a time.",
        params: Params,
        response: { 202: RebuildStarted, ...errorResponses('PROJECTION_NOT_FOUND', 'REBUILD_RUNNING') },
      },
    },
    async (request, reply) => {
      const projection = findProjection(request.params.name)
      const busy = () =>
        new AppError(409, 'REBUILD_RUNNING', `a rebuild of ${projection.name} is already running`)
      if (running.has(projection.name)) throw busy()
      const stop = new AbortController()
      let started: (generation: number) => void = () => {}
      const generation = new Promise<number>((resolve) => {
        started = resolve
      })
      const rebuild = rebuildProjections([projection], context(), {
        signal: stop.signal,
        onStart: (generations) => started(generations[0] ?? 0),
      })
      const done = rebuild
        .then(
          (outcome) =>
            request.log.info({ projection: projection.name, ...outcome }, 'rebuild over HTTP finished'),
          (error: unknown) =>
            request.log.error({ err: error, projection: projection.name }, 'rebuild over HTTP failed'),
        )
        .finally(() => running.delete(projection.name))
      running.set(projection.name, { stop, done })
      // Answers once the generation exists, or with the reason it could not start.
      const first = await Promise.race([generation, rebuild.then(() => null)]).catch((error: unknown) => {
        if (error instanceof OperationError) throw busy()
        throw error
      })
      const built = first ?? (await generation)
      request.log.info({ projection: projection.name, generation: built }, 'rebuild started over HTTP')
      return reply.code(202).send({ projection: projection.name, generation: built, status: 'rebuilding' })
    },
  )

  app.post(
    '/admin/projections/:name/skip',
    {
      config: admin,
      schema: {
        operationId: 'skipPoisonEvent',
        tags: ['admin'],
        summary: 'Skip a poison event',
        description:
          "Moves a projection stopped on a poison event to `position` (the poison event's, from " +
          'GET /api/v1/admin/projections), as `npm run projections -- skip <name> <position>` does: the ' +
          'active generation resumes after it; a rebuild stopped on it continues with the next rebuild. ' +
          'The skipped event is never applied to that generation: a deliberate, logged loss.',
        params: Params,
        body: SkipBody,
        response: { 200: Skipped, ...errorResponses('PROJECTION_NOT_FOUND', 'NOTHING_TO_SKIP') },
      },
    },
    async (request) => {
      const projection = findProjection(request.params.name)
      const { position } = request.body
      try {
        const generation = await skipTo(projection, position, context())
        request.log.warn(
          { projection: projection.name, generation, position },
          'poison event skipped over HTTP',
        )
        return { projection: projection.name, generation, position }
      } catch (error) {
        if (error instanceof OperationError) throw new AppError(409, 'NOTHING_TO_SKIP', error.message)
        throw error
      }
    },
  )
}

export default adminProjectionCommandRoutes
