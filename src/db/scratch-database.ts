/**
 * A throw-away database on the server of a DATABASE_URL, for benchmarks: created through the
 * `postgres` maintenance database, dropped (connections and all) when done.
 */
import { randomUUID } from 'node:crypto'
import pg from 'pg'

export type ScratchDatabase = { name: string; url: string; drop(): Promise<void> }

async function onMaintenance(databaseUrl: string, statement: (client: pg.Client) => string): Promise<void> {
  const url = new URL(databaseUrl)
  url.pathname = '/postgres'
  const client = new pg.Client({ connectionString: url.toString() })
  client.on('error', () => {})
  await client.connect()
  try {
    await client.query(statement(client))
  } finally {
    await client.end()
  }
}

export async function createScratchDatabase(databaseUrl: string, prefix: string): Promise<ScratchDatabase> {
  const name = `${prefix}_${randomUUID().replaceAll('-', '').slice(0, 12)}`
  await onMaintenance(databaseUrl, (client) => `CREATE DATABASE ${client.escapeIdentifier(name)}`)
  const url = new URL(databaseUrl)
  url.pathname = `/${name}`
  return {
    name,
    url: url.toString(),
    drop: () =>
      onMaintenance(
        databaseUrl,
        (client) => `DROP DATABASE IF EXISTS ${client.escapeIdentifier(name)} WITH (FORCE)`,
      ),
  }
}
