/**
 * A worker thread unmaps its own heap's spare pages before it ends, so that the event loop does not.
 *
 * V8 (13.6, Node 24) keeps the 256 kB pages a collection frees in a page pool shared by the
 * process's isolates. When a worker's isolate is torn down, its pooled pages go to the shared pool
 * and a task posted to ANOTHER isolate, the main thread's, frees them 8 s later: one munmap per page,
 * each a TLB shootdown on the other core, all in one turn of the event loop. After the serving
 * model's load (hundreds of thousands of rows parsed) that was ~830 pages (207 MB) and 34-44 ms of
 * kernel time on the main thread during a training (perf: ReleasePooledChunksTask ->
 * PagePool::ReleaseUpTo -> munmap; docs/recommendations.md, session 12).
 *
 * A memory-reducing major collection (the "last-resort" flavour of V8's gc extension, as on memory
 * pressure) releases the calling isolate's pooled pages at once, on its own thread. The extension is
 * exposed for the one context made here; the flag is put back unless the process was started with
 * it. A plain gc() does not release the pool.
 */

import { setFlagsFromString } from 'node:v8'
import { runInNewContext } from 'node:vm'
import { isMainThread } from 'node:worker_threads'

type Collect = (options: { type: 'major'; execution: 'sync'; flavor: 'last-resort' }) => void

/**
 * Runs a memory-reducing collection on the calling worker thread, which unmaps its pooled pages
 * here rather than on the main thread after it ends. Call it last, once the results are posted.
 * Answers false (and does nothing) on the main thread or where the collector cannot be reached.
 */
export function releasePooledPages(): boolean {
  if (isMainThread) return false
  try {
    let collect = (globalThis as { gc?: Collect }).gc
    if (typeof collect !== 'function') {
      setFlagsFromString('--expose-gc')
      try {
        collect = runInNewContext('gc') as Collect
      } finally {
        setFlagsFromString('--no-expose-gc')
      }
    }
    if (typeof collect !== 'function') return false
    collect({ type: 'major', execution: 'sync', flavor: 'last-resort' })
    return true
  } catch {
    return false
  }
}
