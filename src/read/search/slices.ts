/**
 * Work cut in slices, so a long computation on the API's event loop (building the suggestions copy,
 * suggestion-index.ts) lets requests run between them: a generator yields every SLICE steps or so,
 * and inSlices resumes it a turn of the event loop later.
 */

/** Entries handled between two turns of the event loop while a copy is built. */
export const SLICE = 2_000

/**
 * Work that yields every SLICE steps or so: a copy of 10,000 titles and 50,000 people takes about
 * 140 ms to build, 1.5 s for ten times as many: a stall of every request had it run at once.
 */
export type Sliced<T> = Generator<undefined, T, undefined>

/** Runs sliced work at once. */
export function drain<T>(work: Sliced<T>): T {
  let step = work.next()
  while (step.done !== true) step = work.next()
  return step.value
}

/** Runs sliced work a slice per turn of the event loop. */
export async function inSlices<T>(work: Sliced<T>): Promise<T> {
  let step = work.next()
  while (step.done !== true) {
    await new Promise((resolve) => setImmediate(resolve))
    step = work.next()
  }
  return step.value
}
