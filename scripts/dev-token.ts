/**
 * `npm run dev-token -- [--user <uuid>] [--role user|analyst|admin]`: prints an access token signed
 * with JWT_SECRET, for trying the API before the identity endpoints exist. Development only.
 */
import { randomUUID } from 'node:crypto'
import Fastify from 'fastify'
import { createProgram, parseProgram, usageError } from '../src/cli/command.ts'
import { loadConfigOrExit } from '../src/config.ts'
import auth, { ROLES, type Role } from '../src/plugins/auth.ts'
import configPlugin from '../src/plugins/config.ts'

const program = createProgram(
  'dev-token',
  'Prints an access token signed with JWT_SECRET, to try the API by hand. Development only: refused ' +
    'with NODE_ENV=production.',
  [
    'npm run -s dev-token',
    'npm run -s dev-token -- --role admin',
    'npm run -s dev-token -- --user <uuid> --role analyst',
  ],
)
  .option('--user <uuid>', 'the user id the token names (default: a new random one)')
  .option('--role <role>', `${ROLES.join(', ')}`, 'user')
parseProgram(program)
const values = program.opts<{ user?: string; role: string }>()
if (!ROLES.includes(values.role as Role)) usageError(program, `--role must be one of ${ROLES.join(', ')}`)
const config = loadConfigOrExit()
if (config.nodeEnv === 'production') {
  console.error('dev-token: refused with NODE_ENV=production')
  process.exit(2)
}
const app = Fastify()
await app.register(configPlugin, { config })
await app.register(auth)
await app.ready()
console.log(app.signAccessToken({ sub: values.user ?? randomUUID(), role: values.role as Role }))
await app.close()
