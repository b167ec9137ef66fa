/**
 * The one connection a recommender worker thread opens for itself (serving-model-worker.ts reads a
 * model's table over it, neighbour-writer-worker.ts writes one): its application_name is what the
 * process's connection budget counts.
 */
import pg from 'pg'

export type WorkerConnection = { databaseUrl: string; applicationName: string }

export async function connectWorker(target: WorkerConnection): Promise<pg.Client> {
  const client = new pg.Client({
    connectionString: target.databaseUrl,
    application_name: target.applicationName,
    connectionTimeoutMillis: 5_000,
  })
  // A connection lost mid-statement rejects the statement in flight, which ends the worker with
  // that error; the client's own 'error' event would otherwise crash the thread first.
  client.on('error', () => {})
  await client.connect()
  return client
}
