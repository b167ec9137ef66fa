/** The event catalogue: declarations, upcasting chains, schema checks, and the real catalogue's shape. */
import t from 'tap'
import { Type } from 'typebox'
import { createEventCatalogue, defineEvent } from '../../../src/domain/event-catalogue.ts'
import { EVENT_DEFINITIONS, EVENT_STREAMS, eventCatalogue } from '../../../src/domain/events.ts'

const renamed = defineEvent('Renamed', {
  description: 'test',
  version: 3,
  data: Type.Object({ fullName: Type.String(), tags: Type.Array(Type.String()) }),
  upcasters: [
    // Declared out of order on purpose: they run by `from`.
    { from: 2, change: 'tags added', up: (data) => ({ ...data, tags: [] }) },
    { from: 1, change: 'name renamed fullName', up: ({ name, ...rest }) => ({ ...rest, fullName: name }) },
  ],
})
const catalogue = createEventCatalogue([renamed])

t.test('a version needs one upcaster from each older version', async (t) => {
  const data = Type.Object({})
  t.throws(
    () => defineEvent('A', { description: '', data, version: 2 }),
    /needs one upcaster from each older version \(1\)/,
  )
  t.throws(
    () =>
      defineEvent('A', {
        description: '',
        data,
        version: 2,
        upcasters: [{ from: 2, change: '', up: (d) => d }],
      }),
    /has 2/,
  )
  t.throws(() => defineEvent('A', { description: '', data, version: 0 }), /version must be >= 1/)
  t.equal(defineEvent('A', { description: '', data }).version, 1, 'version 1 by default, with no upcaster')
  t.throws(() => createEventCatalogue([renamed, renamed]), /Renamed declared twice/)
})

t.test('upcasting runs each step from the stored version to the current one', async (t) => {
  t.strictSame(catalogue.upcast('Renamed', 1, { name: 'Ada' }), {
    data: { fullName: 'Ada', tags: [] },
    version: 3,
  })
  t.strictSame(catalogue.upcast('Renamed', 2, { fullName: 'Ada' }), {
    data: { fullName: 'Ada', tags: [] },
    version: 3,
  })
  t.equal(catalogue.upcast('Renamed', 3, { fullName: 'Ada', tags: [] }), null, 'current: nothing to do')
  t.equal(
    catalogue.upcast('Renamed', 4, { whatever: 1 }),
    null,
    'a newer version than known is left as it is',
  )
  t.equal(catalogue.upcast('Unknown', 1, { name: 'Ada' }), null, 'an unknown type passes through')
  t.equal(
    catalogue.upcast('Renamed', 1, 'not an object'),
    null,
    'data that is not an object is left as it is',
  )
  t.equal(catalogue.currentVersion('Renamed'), 3)
  t.equal(catalogue.currentVersion('Unknown'), undefined)
})

t.test('check says why data does not match the current schema', async (t) => {
  t.equal(catalogue.check('Renamed', { fullName: 'Ada', tags: ['x'] }), null)
  t.match(catalogue.check('Renamed', { fullName: 'Ada', tags: [1] }), /^\/tags\/0 /)
  t.match(catalogue.check('Renamed', { name: 'Ada' }), /fullName/)
  t.equal(catalogue.check('Unknown', 42), null, 'an unknown type is not checked')
})

t.test('the real catalogue: every type once, grouped by stream, each schema an object', async (t) => {
  const types = EVENT_DEFINITIONS.map((definition) => definition.type)
  t.equal(new Set(types).size, types.length)
  t.strictSame(
    EVENT_STREAMS.flatMap((group) => group.events.map((definition) => definition.type)),
    types,
    'the stream groups list the same definitions',
  )
  for (const definition of EVENT_DEFINITIONS) {
    t.equal(eventCatalogue.currentVersion(definition.type), definition.version)
    t.equal(definition.upcasters.length, definition.version - 1, `${definition.type}: its upcasters`)
    t.ok(definition.description.length > 0, `${definition.type}: described`)
    t.equal((definition.schema as { type?: string }).type, 'object', `${definition.type}: an object`)
  }
  t.match(
    eventCatalogue.check('RatingGiven', { userId: 'u', movieId: 'm', stars: 4, review: null, ratedAt: 'x' }),
    /previousStars/,
    'a missing field is named',
  )
})
