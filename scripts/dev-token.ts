/**
 * `npm run dev-token -- [--user <uuid>] [--role user|analyst|admin]`: prints an access token signed
 * with JWT_SECRET, for trying the API before the identity endpoints exist. Development only.
 */
import { randomUUID } from 'node:crypto'
import { parseArgs } from 'node:util'
import Fastify from 'fastify'
import { loadConfigOrExit } from '../src/config.ts'
import auth, { ROLES, type Role } from '../src/plugins/auth.ts'
import configPlugin from '../src/plugins/config.ts'

const { values } = parseArgs({
  options: { user: { type: 'string' }, role: { type: 'string', default: 'user' } },
})
const config = loadConfigOrExit()
if (config.nodeEnv === 'production') {
  console.error('dev-token: refused with NODE_ENV=production')
  process.exit(2)
}
if (!ROLES.includes(values.role as Role)) {
  console.error(`dev-token: --role must be one of ${ROLES.join(', ')}`)
  process.exit(2)
}
const app = Fastify()
await app.register(configPlugin, { config })
await app.register(auth)
await app.ready()
console.log(app.signAccessToken({ sub: values.user ?? randomUUID(), role: values.role as Role }))
await app.close()
