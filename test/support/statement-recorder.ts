/**
 * Records the statements a pool's clients send while a recording runs (real PostgreSQL, nothing
 * faked): each client's query is wrapped when the pool first hands it out (pool.query checks one
 * out too), so every statement passes through the recorder.
 */
import type { Pool, PoolClient, QueryConfig } from 'pg'

export type Sent = { text: string; name: string | null }

export function recordStatements(pool: Pool): {
  /** What `run` sent, with its result (one recording at a time). */
  during<T>(run: () => Promise<T>): Promise<{ result: T; sent: Sent[] }>
} {
  let recording: Sent[] | null = null
  const wrapped = new WeakSet<PoolClient>()
  pool.on('acquire', (client: PoolClient) => {
    if (wrapped.has(client)) return
    wrapped.add(client)
    const query = client.query.bind(client) as (...args: unknown[]) => unknown
    client.query = ((...args: unknown[]) => {
      const first = args[0] as string | QueryConfig
      recording?.push(
        typeof first === 'string'
          ? { text: first, name: null }
          : { text: first.text, name: first.name ?? null },
      )
      return query(...args)
    }) as typeof client.query
  })
  return {
    async during(run) {
      const sent: Sent[] = []
      recording = sent
      try {
        return { result: await run(), sent }
      } finally {
        recording = null
      }
    },
  }
}
