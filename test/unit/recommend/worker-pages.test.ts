/**
 * A worker thread unmaps its own pooled heap pages before it ends (src/recommend/worker-pages.ts), so
 * the main thread is not left to unmap them: after garbage that filled the pool, the memory-reducing
 * collection shrinks the process's mapped size by the pool's pages, on the worker's thread. Run in a
 * child process started without --expose-gc (tap passes it to test files), so the flag is exposed for
 * the call and put back: a context made afterwards has no gc.
 */
import { execFile } from 'node:child_process'
import { promisify } from 'node:util'
import t from 'tap'

const module = new URL('../../../src/recommend/worker-pages.ts', import.meta.url).href

const child = `
import { Worker } from 'node:worker_threads'
const { releasePooledPages } = await import(${JSON.stringify(module)})
const onMain = releasePooledPages()
const worker = new Worker(
  \`const { releasePooledPages } = await import(\${JSON.stringify(${JSON.stringify(module)})})
   const { parentPort } = await import('node:worker_threads')
   const { readFileSync } = await import('node:fs')
   const { runInNewContext } = await import('node:vm')
   const mapped = () => Number(/VmSize:\\\\s+(\\\\d+)/.exec(readFileSync('/proc/self/status', 'utf8'))[1]) * 1024
   // Young garbage in rounds, a few rounds alive at a time: pages freed by the collector go to the pool.
   let keep = []
   for (let round = 0; round < 12; round++) {
     const rows = []
     for (let i = 0; i < 200000; i++) rows.push({ id: 'movie-' + i, score: i / 3, pair: [i, i + 1] })
     keep.push(rows)
     if (keep.length > 3) keep.shift()
   }
   keep = null
   const before = mapped()
   const released = releasePooledPages()
   const after = mapped()
   parentPort.postMessage({ released, unmapped: before - after, gcLeftExposed: runInNewContext('typeof gc') })\`,
  { eval: true, type: 'module' },
)
const answer = await new Promise((resolve, reject) => {
  worker.once('message', resolve)
  worker.once('error', reject)
})
await worker.terminate()
console.log(JSON.stringify({ onMain, ...answer }))
`

t.test(
  "a worker's memory-reducing collection unmaps its pooled pages; gc is not left exposed",
  { skip: process.platform !== 'linux' },
  async (t) => {
    const { stdout } = await promisify(execFile)(process.execPath, ['--input-type=module', '-e', child], {
      env: { ...process.env, NODE_OPTIONS: '' },
    })
    const answer = JSON.parse(stdout) as {
      onMain: boolean
      released: boolean
      unmapped: number
      gcLeftExposed: string
    }
    t.equal(answer.onMain, false, 'nothing on the main thread')
    t.equal(answer.released, true, 'the worker could')
    t.ok(
      answer.unmapped >= 16 * 2 ** 20,
      `the pool's pages unmapped by the worker (${answer.unmapped} bytes)`,
    )
    t.equal(answer.gcLeftExposed, 'undefined', 'a context made afterwards has no gc')
  },
)
