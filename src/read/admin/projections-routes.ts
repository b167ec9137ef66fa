/** GET /api/v1/admin/projections: where each projection stands (state, checkpoint, lag, owner, error). */
import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox'
import { type Static, Type } from 'typebox'
import { POSITION_PATTERN } from '../../event-store/contract.ts'
import { StringEnum } from '../../http/schemas.ts'
import { projectionStatus } from '../../projector/status.ts'

const Nullable = <T extends Parameters<typeof Type.Union>[0][number]>(schema: T) =>
  Type.Union([schema, Type.Null()])
const Kind = StringEnum(['postgres', 'redis', 'reactor'], {
  description: 'reactor: causes work (imports, training) instead of writing a read model',
})
const Position = Type.String({
  pattern: POSITION_PATTERN,
  description: 'Log position token (32 hex digits); string order is log order',
})

const Generation = Type.Object(
  {
    generation: Type.Integer({ description: 'Each build (first build, rebuild, reset) is a new generation' }),
    version: Type.Integer({ description: 'The projection version this generation was built with' }),
    kind: Kind,
    active: Type.Boolean({ description: 'Whether queries read this generation' }),
    state: StringEnum(['building', 'catching_up', 'live', 'stopped', 'retired'], {
      description: 'building: a rebuild fills it while the active one serves; stopped: on a poison event',
    }),
    checkpoint: Position,
    eventsApplied: Type.Integer({ description: 'Events of handled types applied by this generation' }),
    lastEventAt: Nullable(Type.String({ format: 'date-time' })),
    lag: Type.Object(
      {
        events: Nullable(
          Type.Integer({ description: 'Events behind the head (estimated; null on EventStoreDB)' }),
        ),
        seconds: Type.Number({ description: 'Age of the oldest event not yet applied; 0 when caught up' }),
      },
      { title: 'ProjectionLag', description: 'How far a generation is behind the head of the log.' },
    ),
    owner: Nullable(Type.String({ description: '<host>/<pid> of the process that last ran it' })),
    heartbeatAt: Nullable(Type.String({ format: 'date-time' })),
    ownerAlive: Type.Boolean({ description: 'The owner beat within the last 15 seconds' }),
    error: Nullable(
      Type.Object(
        {
          eventId: Type.String(),
          type: Type.String(),
          position: Position,
          message: Type.String(),
        },
        { title: 'PoisonEvent', description: 'The poison event it stopped on and the handler error' },
      ),
    ),
  },
  { title: 'ProjectionGeneration', description: 'One generation (build) of a projection.' },
)

const example = {
  checkedAt: '2026-11-24T10:00:05.000Z',
  eventStore: 'postgres',
  head: '00000000005f8f4300000000000186a0',
  projections: [
    {
      name: 'user_ratings',
      kind: 'postgres',
      codeVersion: 1,
      activeGeneration: 2,
      generations: [
        {
          generation: 2,
          version: 1,
          kind: 'postgres',
          active: true,
          state: 'live',
          checkpoint: '00000000005f8f4300000000000186a0',
          eventsApplied: 54540,
          lastEventAt: '2026-11-24T10:00:04.800Z',
          lag: { events: 0, seconds: 0 },
          owner: 'projector-7c9d/1',
          heartbeatAt: '2026-11-24T10:00:04.810Z',
          ownerAlive: true,
          error: null,
        },
      ],
    },
  ],
}

const ProjectionsStatus = Type.Object(
  {
    checkedAt: Type.String({ format: 'date-time' }),
    eventStore: Type.String({ description: 'postgres or eventstoredb' }),
    head: Position,
    projections: Type.Array(
      Type.Object(
        {
          name: Type.String(),
          kind: Kind,
          codeVersion: Type.Integer({ description: 'The version the running code declares' }),
          activeGeneration: Nullable(Type.Integer()),
          generations: Type.Array(Generation, {
            description: 'The active generation and any being built',
          }),
        },
        { title: 'ProjectionState', description: 'A projection or reactor and its generations.' },
      ),
    ),
  },
  {
    title: 'ProjectionStatus',
    description: 'Where every projection stands, against the head of the log.',
    examples: [example],
  },
)

const adminProjectionRoutes: FastifyPluginAsyncTypebox = async (app) => {
  app.get(
    '/admin/projections',
    {
      config: { access: { roles: ['admin'] } },
      schema: {
        operationId: 'getProjectionStatus',
        tags: ['admin'],
        summary: 'Projection status',
        description:
          'Every projection with its active generation and any generation being rebuilt: state, checkpoint, ' +
          'lag behind the head of the log (events and seconds), the process that runs it and, for a ' +
          'projection stopped on a poison event, that event and the error. The same as ' +
          '`npm run projections -- status --json`.',
        response: { 200: ProjectionsStatus },
      },
    },
    async (): Promise<Static<typeof ProjectionsStatus>> =>
      projectionStatus(app.db, app.eventStore, app.registered),
  )
}

export default adminProjectionRoutes
