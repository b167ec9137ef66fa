/** The frequency sketch behind the answer memo's admission (src/read/serving/frequency-sketch.ts). */
import t from 'tap'
import { FrequencySketch } from '../../src/read/serving/frequency-sketch.ts'

t.test('a key never counted is 0; each count adds one, up to 15', async (t) => {
  const sketch = new FrequencySketch(1_000)
  t.equal(sketch.frequency('/api/v1/movies/never'), 0)
  for (let i = 1; i <= 20; i++) {
    sketch.increment('/api/v1/movies/often')
    t.equal(sketch.frequency('/api/v1/movies/often'), Math.min(i, 15), `after ${i} counts`)
  }
  t.equal(sketch.frequency('/api/v1/movies/never'), 0, 'other keys are not moved')
})

t.test('among many keys, each estimate is at least its count and seldom much more', async (t) => {
  const sketch = new FrequencySketch(2_000)
  const counts = new Map<string, number>()
  // 2,000 keys counted 1 to 4 times each: 5,000 counts, below the aging sample (20,000).
  for (let i = 0; i < 2_000; i++) {
    const key = `/api/v1/movies/${i.toString(16).padStart(8, '0')}-0000-4000-8000-000000000000`
    const times = 1 + (i % 4)
    for (let n = 0; n < times; n++) sketch.increment(key)
    counts.set(key, times)
  }
  let over = 0
  for (const [key, count] of counts) {
    const estimate = sketch.frequency(key)
    if (estimate < count) t.fail(`${key}: ${estimate} below its ${count} counts`)
    if (estimate > count) over += 1
  }
  t.ok(over < 100, `fewer than 5% of the keys overestimated (${over} of 2,000)`)
  t.equal(sketch.frequency('/api/v1/movies/not-counted'), 0)
})

t.test('past ten counts per key of capacity every counter is halved', async (t) => {
  const sketch = new FrequencySketch(10)
  for (let i = 0; i < 12; i++) sketch.increment('old favourite')
  t.equal(sketch.frequency('old favourite'), 12)
  // 100 counts (10 x 10) in all age the sketch: 12 so far, 88 more of other keys.
  for (let i = 0; i < 87; i++) sketch.increment(`other ${i % 40}`)
  t.equal(sketch.frequency('old favourite'), 12, 'one count before the sample size: unchanged')
  sketch.increment('other 0')
  t.equal(sketch.frequency('old favourite'), 6, 'the hundredth count halves it')
  for (let i = 0; i < 4; i++) sketch.increment('new favourite')
  t.ok(sketch.frequency('new favourite') >= 4)
  // After halving, the sketch counts 50 (100 / 2) as done: 50 counts more age it again.
  for (let i = 0; i < 46; i++) sketch.increment(`more ${i % 40}`)
  t.equal(sketch.frequency('old favourite'), 3, 'halved again')
})
