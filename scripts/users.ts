/**
 * `npm run users -- create-admin --username <u> --email <e> [--password <p>]`: creates an admin (the
 * first one, or more); the password may come from NEXUS_ADMIN_PASSWORD instead, to keep it out of
 * shell history. `npm run users -- set-role --user <id> --role user|analyst|admin` changes a role.
 * Exit codes: 0 done, 1 refused (taken, weak password, unknown user), 2 bad arguments.
 */
import { parseArgs } from 'node:util'
import { loadConfigOrExit, redact } from '../src/config.ts'
import { migrateToLatest } from '../src/db/migrate.ts'
import { openDatabaseOrExit, openKeyStore } from '../src/db/open-database.ts'
import { ROLES, type Role } from '../src/domain/user/user.ts'
import { AppError } from '../src/errors.ts'
import { createEventStore } from '../src/event-store/create-event-store.ts'
import { registerUser } from '../src/identity/register.ts'
import { revokeUserTokens } from '../src/identity/session-revocations.ts'
import { runUserCommand } from '../src/identity/user-streams.ts'

const USAGE =
  'usage: npm run users -- create-admin --username <u> --email <e> [--password <p>]\n' +
  '       npm run users -- set-role --user <id> --role user|analyst|admin'

function fail(code: number, message: string): never {
  process.stderr.write(`users: ${message}\n`)
  process.exit(code)
}

const OPTIONS = {
  username: { type: 'string' },
  email: { type: 'string' },
  password: { type: 'string' },
  user: { type: 'string' },
  role: { type: 'string' },
} as const

function parse() {
  try {
    return parseArgs({ allowPositionals: true, options: OPTIONS })
  } catch (error) {
    return fail(2, `${error instanceof Error ? error.message : String(error)}\n${USAGE}`)
  }
}

const { positionals, values } = parse()
const command = positionals[0]
if (command !== 'create-admin' && command !== 'set-role') fail(2, USAGE)

const config = loadConfigOrExit()
const password = values.password ?? config.adminPassword
if (command === 'create-admin' && (!values.username || !values.email || !password)) {
  fail(2, `create-admin needs --username, --email and --password (or NEXUS_ADMIN_PASSWORD)\n${USAGE}`)
}
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i
if (command === 'set-role' && (!UUID.test(values.user ?? '') || !ROLES.includes(values.role as Role))) {
  fail(2, `set-role needs --user <id> and --role ${ROLES.join('|')}\n${USAGE}`)
}

// Embedded mode: works while no `npm start` holds the data directory (it says so otherwise).
const database = await openDatabaseOrExit('users', config, { applicationName: 'nexus-users' })
const { pool, db } = database
const store = createEventStore(config, pool, () => {}, database.listen)
let exitCode = 0
try {
  await migrateToLatest(db)
  if (command === 'create-admin') {
    const admin = await registerUser(
      { store, db },
      { username: values.username ?? '', email: values.email ?? '', password: password ?? '', role: 'admin' },
      { allowReservedUsername: true, metadata: { correlationId: 'npm run users' } },
    )
    console.log(`created admin ${admin.username} (${admin.userId})`)
  } else {
    const userId = values.user ?? ''
    const role = values.role as Role
    const result = await runUserCommand(
      { store, db },
      userId,
      { type: 'ChangeRole', data: { userId, role, changedBy: 'operator' }, metadata: { now: new Date() } },
      { correlationId: 'npm run users' },
      null,
    )
    if (result.events.length > 0) {
      const keys = openKeyStore(config, database)
      await revokeUserTokens(keys.store, userId, 'role-changed', config.accessTokenTtlSeconds).finally(() =>
        keys.close(),
      )
    }
    console.log(result.events.length > 0 ? `${userId} is now ${role}` : `${userId} already was ${role}`)
  }
} catch (error) {
  exitCode = 1
  if (error instanceof AppError) {
    process.stderr.write(`users: ${error.code}: ${error.message}\n`)
  } else {
    const where =
      config.databaseUrl === null ? `the embedded database in ${config.dataDir}` : redact(config.databaseUrl)
    process.stderr.write(`users: failed on ${where}: ${String(error)}\n`)
  }
} finally {
  await store.close()
  await database.close()
}
process.exit(exitCode)
