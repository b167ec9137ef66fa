/**
 * The PostgreSQL and Redis servers the tests run on: DATABASE_URL and REDIS_URL when set (CI sets
 * them), else the local development servers. Tests always use real servers: `npm start` without
 * these variables runs embedded, but the suite never does (except the test of embedded mode itself).
 */
export const testServices = {
  databaseUrl: process.env.DATABASE_URL || 'postgres://postgres@127.0.0.1:5432/nexus',
  redisUrl: process.env.REDIS_URL || 'redis://127.0.0.1:6379',
}
