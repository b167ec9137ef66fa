/** Keyset cursors: what PostgreSQL writes as a sort key comes back; anything its cast refuses does not. */
import t from 'tap'
import { decodeKeys, encodeKeys, isKeyValue, type KeyType } from '../../src/read/serving/keyset-cursor.ts'

const UUID = '3f0c1d7e-8f5b-4a57-9f0e-6a3d2c1b0a99'

const accepted: [KeyType, string][] = [
  ['int4', '0'],
  ['int4', '2147483647'],
  ['int4', '-2147483648'],
  ['numeric', '3.5000'],
  ['numeric', '0'],
  ['float4', '0.0607927'],
  ['float4', '1e-05'],
  ['float4', '1.5e+10'],
  ['float4', '0'],
  ['date', '2024-02-29'],
  ['date', '1870-01-01'],
  ['timestamptz', '2026-11-24T10:00:00.000Z'],
  ['timestamptz', '2026-11-24 10:00:00.123456+00'],
  ['timestamptz', '2026-11-24 15:30:00+05:30'],
  ['text', 'Das Boot'],
  ['text', ''],
  ['uuid', UUID],
  ['uuid', UUID.toUpperCase()],
]
const refused: [KeyType, string][] = [
  ['int4', '2147483648'],
  ['int4', '-2147483649'],
  ['int4', 'abc'],
  ['int4', '1.5'],
  ['int4', '1e3'],
  ['numeric', 'NaN'],
  ['numeric', 'Infinity'],
  ['numeric', '1e5'],
  ['numeric', '9'.repeat(40)],
  ['float4', '1e309'],
  ['float4', '1e39'],
  ['float4', '1e-50'],
  ['float4', 'NaN'],
  ['float4', '-Infinity'],
  ['date', '2023-02-29'],
  ['date', '2024-13-01'],
  ['date', '0000-01-01'],
  ['date', '294277-01-01'],
  ['date', '2024-1-1'],
  ['timestamptz', '-271821-04-20T00:00:00Z'],
  ['timestamptz', '275760-09-13T00:00:00.000Z'],
  ['timestamptz', '2024-02-30T00:00:00Z'],
  ['timestamptz', '2024-01-01T24:00:00Z'],
  ['timestamptz', '2024-01-01'],
  ['timestamptz', 'yesterday'],
  ['text', 'a\u0000b'],
  ['text', 'x\ud800'],
  ['text', 'x'.repeat(1_001)],
  ['uuid', '------------------------------------'],
  ['uuid', 'g'.repeat(36)],
  ['uuid', `${UUID}0`],
]

t.test('every value PostgreSQL writes for a sort key type is taken back', async (t) => {
  for (const [type, value] of accepted) t.ok(isKeyValue(type, value), `${type} ${value}`)
})

t.test('a value the PostgreSQL cast would refuse is refused before any SQL', async (t) => {
  for (const [type, value] of refused) t.notOk(isKeyValue(type, value), `${type} ${value.slice(0, 40)}`)
})

t.test('a cursor decodes to its keys only for its own sort, arity and types', async (t) => {
  const cursor = encodeKeys(['popularity', '42', UUID])
  t.same(decodeKeys(cursor, ['int4', 'uuid'], 'popularity'), ['42', UUID])
  t.equal(decodeKeys(cursor, ['int4', 'uuid'], 'rating'), null, 'another sort')
  t.equal(decodeKeys(cursor, ['int4', 'uuid']), null, 'no sort expected')
  t.equal(decodeKeys(encodeKeys(['popularity', 'abc', UUID]), ['int4', 'uuid'], 'popularity'), null)
  t.equal(decodeKeys(encodeKeys(['42']), ['int4', 'uuid']), null, 'too few keys')
  t.equal(decodeKeys(encodeKeys(['42', UUID, 'x']), ['int4', 'uuid']), null, 'too many keys')
  t.equal(decodeKeys(Buffer.from('[42,"x"]').toString('base64url'), ['int4', 'uuid']), null, 'not strings')
  for (const raw of ['', 'garbage', '!!!!', Buffer.from('{"a":1}').toString('base64url'), 'bnVsbA']) {
    t.equal(decodeKeys(raw, ['int4', 'uuid']), null, `not a cursor: ${raw}`)
  }
})
