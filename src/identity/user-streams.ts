/**
 * Running commands on user and reservation streams. User streams go through handleCommand with a
 * decider wrapped so personal fields are opened on the way in and sealed on the way out with the
 * user's key (src/privacy/personal-data.ts): the domain sees plain values, the store never does.
 */
import type { Kysely } from 'kysely'
import type { Database } from '../db/schema.ts'
import { decide, type UserCommand } from '../domain/user/decide.ts'
import {
  decide as decideReservation,
  evolve as evolveReservation,
  initialState as initialReservation,
  type ReservationCommand,
  type ReservationEvent,
  type ReservationKind,
  reservationStream,
} from '../domain/user/reservation.ts'
import { evolve, initialState, type UserEvent, type UserState, userStream } from '../domain/user/user.ts'
import { DomainRuleError } from '../errors.ts'
import type { EventMetadata, EventStore, Position } from '../event-store/contract.ts'
import { newUserKey, openUserEvent, sealUserEvent } from '../privacy/personal-data.ts'
import { aggregateStream } from '../write/aggregate-stream.ts'
import { type CommandResult, handleCommand } from '../write/handle-command.ts'

export type IdentityDeps = { store: EventStore; db: Kysely<Database> }

export async function loadUserKey(db: Kysely<Database>, userId: string): Promise<Buffer | null> {
  const row = await db.selectFrom('user_keys').select('key').where('user_id', '=', userId).executeTakeFirst()
  return row?.key ?? null
}

/**
 * Runs a command on `user-<id>`. `key`: the user's key when the caller has it (registration creates
 * it), otherwise it is read from user_keys; null after erasure, when only key-free events can follow.
 */
export async function runUserCommand(
  deps: IdentityDeps,
  userId: string,
  command: UserCommand,
  metadata: EventMetadata,
  key?: Buffer | null,
): Promise<CommandResult<UserEvent>> {
  const userKey = key === undefined ? await loadUserKey(deps.db, userId) : key
  return handleCommand(
    deps.store,
    userStream(userId),
    {
      initialState,
      evolve: (state: UserState, event: UserEvent) => evolve(state, openUserEvent(event, userKey)),
      decide: (cmd: UserCommand, state: UserState) =>
        decide(cmd, state).map((event) => sealUserEvent(event, userKey)),
    },
    command,
    { metadata },
  )
}

/**
 * A user's state from their stream, without personal data (not needed to sign in or refresh), and
 * the revision it was read at (-1: no stream); access tokens carry it (revocation on role change).
 */
export async function loadUserState(
  store: EventStore,
  userId: string,
): Promise<{ state: UserState; position: Position | null; revision: number }> {
  const { state, position, revision } = await aggregateStream(store, userStream(userId), {
    initialState,
    evolve: (state: UserState, event: UserEvent) => evolve(state, openUserEvent(event, null)),
  })
  return { state, position, revision: revision === null ? -1 : Number(revision) }
}

const reservationDecider = {
  initialState: initialReservation,
  evolve: evolveReservation,
  decide: decideReservation,
}

export function runReservationCommand(
  store: EventStore,
  kind: ReservationKind,
  key: string,
  command: ReservationCommand,
  metadata: EventMetadata,
): Promise<CommandResult<ReservationEvent>> {
  return handleCommand(store, reservationStream(kind, key), reservationDecider, command, { metadata })
}

/** Who holds a username or email now, from its reservation stream (the write side's own truth). */
export async function reservationHolder(store: EventStore, stream: string): Promise<string | null> {
  const { state } = await aggregateStream(store, stream, reservationDecider)
  return state.holder
}

/**
 * The key that seals what this user writes (comments, reviews). A registered user has one; an
 * account known only by its token (a development token, a test) gets one on first write, unless
 * its stream says it was erased (then nothing of theirs may be written: 422 USER_ERASED).
 */
export async function keyForWriting(deps: IdentityDeps, userId: string): Promise<Buffer> {
  const key = await loadUserKey(deps.db, userId)
  if (key !== null) return key
  const { state } = await loadUserState(deps.store, userId)
  if (state.status === 'erased') throw new DomainRuleError('USER_ERASED', 'this user was erased')
  await deps.db
    .insertInto('user_keys')
    .values({ user_id: userId, key: newUserKey() })
    .onConflict((oc) => oc.column('user_id').doNothing())
    .execute()
  const created = await loadUserKey(deps.db, userId)
  if (created === null) throw new DomainRuleError('USER_ERASED', 'this user was erased')
  return created
}
