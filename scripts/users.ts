/**
 * `npm run users -- create-admin --username <u> --email <e> [--password <p>]`: creates an admin (the
 * first one, or more); the password may come from NEXUS_ADMIN_PASSWORD instead, to keep it out of
 * shell history. `npm run users -- set-role --user <id> --role user|analyst|moderator|admin` changes a
 * role. `npm run users -- redact-free-text --user <id>` redacts an erased user's comment texts and
 * reviews stored in clear before they were sealed (docs/identity.md, "Free text").
 * Exit codes: 0 done, 1 refused (taken, weak password, unknown user), 2 bad arguments.
 */
import { type Command, createProgram, EXIT, parseProgram, usageError } from '../src/cli/command.ts'
import { loadConfigOrExit, redact } from '../src/config.ts'
import { migrateToLatest } from '../src/db/migrate.ts'
import { ROLES, type Role, userStream } from '../src/domain/user/user.ts'
import { AppError } from '../src/errors.ts'
import { redactLegacyFreeText } from '../src/identity/redact-free-text.ts'
import { registerUser } from '../src/identity/register.ts'
import { Revocations } from '../src/identity/session-revocations.ts'
import { loadUserState, runUserCommand } from '../src/identity/user-streams.ts'
import { openRuntimeOrExit } from '../src/runtime/open-runtime.ts'

type CreateAdmin = { username?: string; email?: string; password?: string }
type SetRole = { user?: string; role?: string }

const program = createProgram(
  'users',
  'Operator commands on accounts: create an admin (the first one, or more), change a role (the ' +
    "user's tokens are revoked). Exit codes: 0 done, 1 refused (taken, weak password, unknown user), " +
    '2 bad arguments.',
  [
    'NEXUS_ADMIN_PASSWORD=... npm run users -- create-admin --username admin --email admin@example.com',
    'npm run users -- set-role --user 2f0c6c1e-6b7a-4a57-9d47-7d0b1c3f6a10 --role analyst',
    'npm run users -- redact-free-text --user 2f0c6c1e-6b7a-4a57-9d47-7d0b1c3f6a10',
  ],
)
// Set by the chosen command's action (an object: TypeScript does not follow assignments in callbacks).
const picked: {
  run:
    | null
    | { name: 'create-admin'; options: CreateAdmin; command: Command }
    | { name: 'set-role'; options: SetRole; command: Command }
    | { name: 'redact-free-text'; options: SetRole; command: Command }
} = { run: null }
program
  .command('create-admin')
  .description(
    'creates an admin; the password may come from NEXUS_ADMIN_PASSWORD instead of --password, to keep it out of shell history',
  )
  .option('--username <u>', 'the username (required)')
  .option('--email <e>', 'the email address (required)')
  .option('--password <p>', 'the password (or NEXUS_ADMIN_PASSWORD)')
  .action((options: CreateAdmin, command: Command) => {
    picked.run = { name: 'create-admin', options, command }
  })
program
  .command('set-role')
  .description("changes a user's role and revokes their tokens")
  .option('--user <id>', 'the user id (required)')
  .option('--role <role>', `${ROLES.join(', ')} (required)`)
  .action((options: SetRole, command: Command) => {
    picked.run = { name: 'set-role', options, command }
  })
program
  .command('redact-free-text')
  .description(
    "replaces an erased user's comment texts and reviews stored in clear (before they were sealed) with a value no key opens",
  )
  .option('--user <id>', 'the erased user id (required)')
  .action((options: SetRole, command: Command) => {
    picked.run = { name: 'redact-free-text', options, command }
  })
parseProgram(program)
const run = picked.run
if (run === null) process.exit(EXIT.usage)
const command = run.name
const values: CreateAdmin & SetRole = run.options

const config = loadConfigOrExit()
const password = values.password ?? config.adminPassword
if (command === 'create-admin' && (!values.username || !values.email || !password)) {
  usageError(run.command, 'create-admin needs --username, --email and --password (or NEXUS_ADMIN_PASSWORD)')
}
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i
if (command === 'set-role' && (!UUID.test(values.user ?? '') || !ROLES.includes(values.role as Role))) {
  usageError(run.command, `set-role needs --user <id> and --role ${ROLES.join('|')}`)
}
if (command === 'redact-free-text' && !UUID.test(values.user ?? '')) {
  usageError(run.command, 'redact-free-text needs --user <id>')
}

// Embedded mode: works while no `npm start` holds the data directory (it says so otherwise).
const runtime = await openRuntimeOrExit('users', config, {
  applicationName: 'nexus-users',
  onSubscriptionError: () => {},
})
const { db, store } = runtime
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
  } else if (command === 'redact-free-text') {
    const userId = values.user ?? ''
    const { state } = await loadUserState(store, userId)
    if (state.status !== 'erased') {
      throw new AppError(
        422,
        'USER_NOT_ERASED',
        'only an erased user’s free text is redacted: erase them first',
      )
    }
    const done = await redactLegacyFreeText(db, userId)
    console.log(
      `${userId}: redacted ${done.comments} comment(s), ${done.edits} edit(s), ${done.reviews} review(s) stored in clear`,
    )
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
    // Tokens that read the role before the change (the stream's revision now) are refused.
    const revision = result.events.length > 0 ? await store.streamRevision(userStream(userId)) : null
    if (revision !== null) {
      await new Revocations(db, runtime.keyValue().redis, config.accessTokenTtlSeconds).revokeUser(userId, {
        beforeRevision: revision,
      })
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
  await runtime.close()
}
process.exit(exitCode)
