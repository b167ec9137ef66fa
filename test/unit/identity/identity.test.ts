/** Usernames, emails, password policy and hashing, sealed personal data: the identity building blocks. */
import { randomUUID } from 'node:crypto'
import t from 'tap'
import type { UserEvent } from '../../../src/domain/user/user.ts'
import {
  DUMMY_HASH,
  hashPassword,
  needsRehash,
  passwordProblem,
  verifyPassword,
} from '../../../src/identity/passwords.ts'
import { canonicalEmail, canonicalUsername, loginKey, usernameKey } from '../../../src/identity/usernames.ts'
import { newUserKey, open, openUserEvent, seal, sealUserEvent } from '../../../src/privacy/personal-data.ts'

t.test('usernames fold to one canonical form (NFKC, case folding)', async (t) => {
  t.match(canonicalUsername('Ada'), { ok: true, value: 'ada' })
  t.match(canonicalUsername('ＡＤＡ_Lovelace'), { ok: true, value: 'ada_lovelace' }, 'fullwidth letters')
  t.match(canonicalUsername('STRAẞE'), { ok: true, value: 'strasse' }, 'capital sharp s folds to ss')
  t.match(canonicalUsername('ﬁlm.buff'), { ok: true, value: 'film.buff' }, 'ligatures decompose')
  t.match(canonicalUsername('  bob  '), { ok: true, value: 'bob' })
})

t.test('look-alike usernames are refused or share a reservation key', async (t) => {
  t.match(canonicalUsername('аdmin2'), { ok: false }, 'Cyrillic а')
  t.match(canonicalUsername('pаypal'), { ok: false }, 'mixed scripts')
  t.match(canonicalUsername('ada\u200bl'), { ok: false }, 'zero-width space')
  t.match(canonicalUsername('ada l'), { ok: false }, 'space')
  t.match(canonicalUsername('a..b'), { ok: false }, 'double separator')
  t.match(canonicalUsername('-ada'), { ok: false }, 'leading separator')
  t.match(canonicalUsername('ab'), { ok: false }, 'too short')
  t.match(canonicalUsername('a'.repeat(33)), { ok: false }, 'too long')
  t.match(canonicalUsername('Admin'), { ok: false, message: 'is reserved' })
  t.match(canonicalUsername('admin', { allowReserved: true }), { ok: true, value: 'admin' })
  t.equal(usernameKey('paypal'), usernameKey('paypa1'), '1 looks like l')
  t.equal(usernameKey('modern'), usernameKey('modem'), 'rn looks like m')
  t.equal(usernameKey('john.smith'), usernameKey('john_smith'), 'separators do not distinguish')
  t.not(usernameKey('ada'), usernameKey('adb'))
})

t.test('emails compare case-insensitively; login names point at the same key either way', async (t) => {
  t.match(canonicalEmail(' Ada@Example.COM '), { ok: true, value: 'ada@example.com' })
  t.match(canonicalEmail('no-at-sign'), { ok: false })
  t.same(loginKey('ADA@example.com'), loginKey('ada@EXAMPLE.com'))
  t.same(loginKey('ＡＤＡ'), loginKey('ada'))
  t.equal(loginKey('not a name!'), null)
})

t.test('the password policy: length, common passwords, personal data', async (t) => {
  t.equal(passwordProblem('correct horse battery'), null)
  t.match(passwordProblem('short'), /at least 10/)
  t.match(passwordProblem('Password2026!'), /too common/)
  t.match(passwordProblem('qwerty123456'), /too common/)
  t.match(passwordProblem('1234567890'), /too common/)
  t.match(passwordProblem('0987654321'), /too common/)
  t.match(passwordProblem('zzzzzzzzzzzz'), /repeat/)
  t.match(passwordProblem('ada-lovelace-1815', { username: 'lovelace' }), /username or email/)
  t.match(passwordProblem('x'.repeat(257)), /at most 256/)
})

t.test("argon2id hashes verify, carry today's parameters, and refuse wrong passwords", async (t) => {
  const hash = await hashPassword('correct horse battery')
  t.match(hash, /^\$argon2id\$v=19\$m=19456,t=2,p=1\$/)
  t.ok(await verifyPassword(hash, 'correct horse battery'))
  t.notOk(await verifyPassword(hash, 'correct horse batterY'))
  t.notOk(await verifyPassword(null, 'correct horse battery'), 'no hash: false, after the same work')
  t.notOk(await verifyPassword('not a hash', 'x'))
  t.ok(
    await verifyPassword(hash, 'correct horse battery'.normalize('NFD')),
    'Unicode forms of one password match',
  )
  t.notOk(needsRehash(hash))
  t.notOk(needsRehash(DUMMY_HASH), 'the dummy hash costs what a real one does')
  t.ok(needsRehash('$argon2id$v=19$m=4096,t=1,p=1$c2FsdHNhbHQ$aGFzaGhhc2hoYXNoaGFzaA'))
})

t.test('personal data is sealed per user and field, and unreadable without the key', async (t) => {
  const key = newUserKey()
  const sealed = seal(key, 'user:1:email', 'ada@example.com')
  t.match(sealed, /^sealed:v1:/)
  t.notMatch(sealed, /ada/)
  t.equal(open(key, 'user:1:email', sealed), 'ada@example.com')
  t.equal(open(null, 'user:1:email', sealed), null, 'erased: no key, no data')
  t.throws(() => open(key, 'user:2:email', sealed), 'bound to its user and field')
  t.throws(() => open(newUserKey(), 'user:1:email', sealed), 'another key does not open it')
  t.throws(() => open(key, 'user:1:email', 'ada@example.com'), 'plain text is not a sealed value')
})

t.test('user events are stored with their personal fields sealed and read back opened', async (t) => {
  const userId = randomUUID()
  const key = newUserKey()
  const event: UserEvent = {
    type: 'UserRegistered',
    data: {
      userId,
      username: 'ada',
      email: 'ada@example.com',
      displayName: null,
      role: 'user',
      usernameReservation: 'username-x',
      emailReservation: 'email-y',
      registeredAt: '2026-11-24T12:00:00.000Z',
    },
  }
  const stored = sealUserEvent(event, key)
  t.notMatch(JSON.stringify(stored), /ada/)
  t.match(stored.data, { userId, role: 'user', displayName: null, usernameReservation: 'username-x' })
  t.strictSame(openUserEvent(stored, key), event)
  t.match(openUserEvent(stored, null).data, { userId, username: null, email: null, role: 'user' })
  const roleChange: UserEvent = {
    type: 'UserRoleChanged',
    data: {
      userId,
      role: 'admin',
      previousRole: 'user',
      changedBy: userId,
      changedAt: '2026-11-24T12:00:00.000Z',
    },
  }
  t.strictSame(sealUserEvent(roleChange, null), roleChange, 'events without personal data need no key')
  t.throws(() => sealUserEvent(event, null), 'personal data is never stored without a key')
})
