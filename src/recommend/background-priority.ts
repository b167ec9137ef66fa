/**
 * Background work yields the CPU to the requests: a thread that trains a model lowers its own
 * scheduling priority (nice 19) so that, on a machine with fewer free cores than busy threads, the
 * event loop and PostgreSQL run first and the training takes what is left. On Linux a nice value
 * set on a thread id applies to that thread alone (setpriority(2) with PRIO_PROCESS and a tid), so
 * the process's event loop keeps its priority. Elsewhere, or where it is refused, the thread runs
 * at the usual priority.
 */
import { readlinkSync } from 'node:fs'
import { constants, setPriority } from 'node:os'

/** Lowers the calling thread's priority; answers whether it could. */
export function lowerThisThreadsPriority(): boolean {
  try {
    // "<pid>/task/<tid>": the calling thread's own id.
    const tid = Number(readlinkSync('/proc/thread-self').split('/').at(-1))
    if (!Number.isInteger(tid) || tid <= 0) return false
    setPriority(tid, constants.priority.PRIORITY_LOW)
    return true
  } catch {
    return false
  }
}
