/**
 * The OpenAPI document is complete: every /api/v1 operation has a summary, a description, tags, a
 * success response with a schema and an example, and documented error responses.
 */
import t from 'tap'
import { buildTestApp } from '../support/app.ts'

const { app } = await buildTestApp(t)

type Schema = { examples?: unknown[]; example?: unknown; properties?: Record<string, Schema>; items?: Schema }
/** @fastify/swagger moves a schema's `examples` onto its media type as `example`/`examples`. */
type Media = { schema?: Schema; example?: unknown; examples?: unknown }
type Operation = {
  summary?: string
  description?: string
  tags?: string[]
  requestBody?: { content?: Record<string, Media> }
  responses?: Record<string, { content?: Record<string, Media>; description?: string }>
}

const hasExample = (media: Media | undefined): boolean =>
  media !== undefined &&
  (media.example !== undefined ||
    media.examples !== undefined ||
    media.schema?.examples !== undefined ||
    media.schema?.example !== undefined)

t.test(
  'every operation is documented with summary, description, tags, responses and an example',
  async (t) => {
    const reply = await app.inject({ url: '/api/docs/json' })
    t.equal(reply.statusCode, 200)
    const paths = reply.json().paths as Record<string, Record<string, Operation>>
    const operations = Object.entries(paths)
      .filter(([path]) => path.startsWith('/api/v1/'))
      .flatMap(([path, methods]) =>
        Object.entries(methods).map(([method, op]) => ({ name: `${method} ${path}`, op })),
      )
    t.ok(operations.length > 20, `${operations.length} operations`)
    for (const { name, op } of operations) {
      const problems: string[] = []
      if (!op.summary) problems.push('summary')
      if (!op.description) problems.push('description')
      if (!op.tags?.length) problems.push('tags')
      const responses = Object.entries(op.responses ?? {})
      const success = responses.filter(([code]) => code.startsWith('2'))
      if (success.length === 0) problems.push('a 2xx response')
      if (!responses.some(([code]) => code.startsWith('4'))) problems.push('error responses')
      const schemas = [
        ...success.flatMap(([, r]) => Object.values(r.content ?? {})),
        ...Object.values(op.requestBody?.content ?? {}),
      ]
      const bodyless = success.every(([code, r]) => code === '204' || r.content === undefined)
      if (!bodyless && !schemas.some(hasExample)) problems.push('example')
      t.same(problems, [], `${name} ${problems.length ? `lacks: ${problems.join(', ')}` : 'is complete'}`)
    }
  },
)
