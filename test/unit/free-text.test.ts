/**
 * Free text sealed and opened on events (src/privacy/personal-data.ts): the texts change, nothing
 * else, and an event without text to change comes back as it was (not copied: a rebuild and every
 * rating command map each rating).
 */
import { randomUUID } from 'node:crypto'
import t from 'tap'
import { isSealed, newUserKey, openFreeText, sealFreeText } from '../../src/privacy/personal-data.ts'

const userId = randomUUID()
const key = newUserKey()
const rating = (data: Record<string, unknown>): { type: string; data: Record<string, unknown> } => ({
  type: 'RatingGiven',
  data: { userId, movieId: randomUUID(), stars: 4, ...data },
})

t.test('a review is sealed and opened; the rest of the event is as it was', async (t) => {
  const event = rating({ review: 'Loved the score.' })
  const sealed = sealFreeText(event, key)
  t.not(sealed, event, 'a new event')
  t.ok(isSealed(sealed.data.review as string))
  t.equal(event.data.review, 'Loved the score.', 'the original untouched')
  t.same({ ...sealed.data, review: 'x' }, { ...event.data, review: 'x' })
  const opened = openFreeText(sealed, () => key)
  t.same(opened, event)
  t.same(openFreeText(sealed, () => null).data.review, null, 'erased: the text reads as null')
})

t.test('an event whose text does not change comes back as it was', async (t) => {
  const withoutReview = rating({})
  t.equal(sealFreeText(withoutReview, key), withoutReview, 'no review to seal')
  t.equal(
    openFreeText(withoutReview, () => key),
    withoutReview,
    'no review to open',
  )
  const sealed = sealFreeText(rating({ review: 'Fine.' }), key)
  t.equal(sealFreeText(sealed, key), sealed, 'sealed already')
  t.equal(
    openFreeText(sealed, () => undefined),
    sealed,
    'left sealed for a reader without the key',
  )
  const other = { type: 'MovieFavorited', data: { userId, movieId: randomUUID() } }
  t.equal(
    openFreeText(other, () => key),
    other,
    'no free text in this type',
  )
})
