/**
 * A training thread lowers its own priority and no one else's (src/recommend/background-priority.ts):
 * on Linux the nice value of the worker thread becomes 19 while the event loop's thread keeps 0.
 */
import { readFileSync } from 'node:fs'
import { Worker } from 'node:worker_threads'
import t from 'tap'

/** The nice value of the calling thread, from /proc (field 19 of its stat line). */
const niceOfThisThread = () =>
  Number(readFileSync('/proc/thread-self/stat', 'utf8').split(') ')[1]?.split(' ')[16])

t.test(
  'the worker thread runs at nice 19, the main thread keeps its priority',
  { skip: process.platform !== 'linux' },
  async (t) => {
    const before = niceOfThisThread()
    const module = new URL('../../../src/recommend/background-priority.ts', import.meta.url).href
    const worker = new Worker(
      `const { lowerThisThreadsPriority } = await import(${JSON.stringify(module)})
     const { parentPort } = await import('node:worker_threads')
     const { readFileSync } = await import('node:fs')
     const lowered = lowerThisThreadsPriority()
     const nice = Number(readFileSync('/proc/thread-self/stat', 'utf8').split(') ')[1].split(' ')[16])
     parentPort.postMessage({ lowered, nice })`,
      { eval: true, type: 'module' } as never,
    )
    const answer = await new Promise<{ lowered: boolean; nice: number }>((resolve, reject) => {
      worker.once('message', resolve)
      worker.once('error', reject)
    })
    await worker.terminate()
    t.equal(answer.lowered, true, 'it could')
    t.equal(answer.nice, 19, 'the worker thread is at nice 19')
    t.equal(niceOfThisThread(), before, 'the main thread is not')
  },
)
