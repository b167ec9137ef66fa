/** Verified access tokens kept by their text (src/plugins/auth.ts): bounded, never past exp; the bearer header parsed as @fastify/jwt parses it. */
import t from 'tap'
import { type AuthenticatedUser, bearerToken, VerifiedTokens } from '../../src/plugins/auth.ts'

const user = (id: string): AuthenticatedUser => ({
  id,
  role: 'user',
  sessionId: null,
  revision: null,
  issuedAt: null,
})

t.test('a token is known until its exp (its own millisecond included), then forgotten', async (t) => {
  const tokens = new VerifiedTokens(10)
  const exp = 1_000_000
  tokens.set('a.b.c', user('u1'), exp)
  t.equal(tokens.get('a.b.c', exp - 1)?.id, 'u1')
  t.equal(tokens.get('a.b.c', exp)?.id, 'u1', 'valid at exp, as the verifier decides')
  t.equal(tokens.get('a.b.c', exp + 1), null, 'not a millisecond after')
  t.equal(tokens.size, 0, 'and dropped')
  t.equal(tokens.get('a.b.C', 0), null, 'another text is another token')
})

t.test('never more than the bound: the oldest goes first', async (t) => {
  const tokens = new VerifiedTokens(3)
  for (let i = 0; i < 5; i++) tokens.set(`t${i}`, user(`u${i}`), Number.MAX_SAFE_INTEGER)
  t.equal(tokens.size, 3)
  t.equal(tokens.get('t0', 0), null)
  t.equal(tokens.get('t1', 0), null)
  t.same(
    ['t2', 't3', 't4'].map((token) => tokens.get(token, 0)?.id),
    ['u2', 'u3', 'u4'],
  )
  tokens.set('t4', user('u4'), Number.MAX_SAFE_INTEGER)
  t.equal(tokens.size, 3, 'setting a known token again evicts nothing')
  t.equal(tokens.get('t2', 0)?.id, 'u2')
})

t.test('the bearer token as @fastify/jwt finds it, else null', async (t) => {
  t.equal(bearerToken('Bearer abc.def.ghi'), 'abc.def.ghi')
  t.equal(bearerToken('bearer abc'), 'abc', 'the scheme in any case')
  t.equal(bearerToken(undefined), null)
  t.equal(bearerToken('Basic abc'), null)
  t.equal(bearerToken('Bearer '), null, 'no token')
  t.equal(bearerToken('Bearer a b'), null, 'more than one space-separated part')
  t.equal(bearerToken('Bearer\tabc'), null, 'a tab: @fastify/jwt splits on spaces and finds no token')
})
