/**
 * The V8 flags the API's process runs with, wherever it starts: `npm start` (package.json), the
 * Dockerfile's CMD, docker-compose.yml's api service and render.yaml's web service, and the tests,
 * soak and benchmarks that start `src/server.ts` (test/unit/api-command-line.test.ts checks they
 * agree). Node accepts these only on its command line, not in NODE_OPTIONS.
 *
 * --no-memory-reducer: V8's memory reducer, 8 s after the allocation rate falls, runs a
 * memory-reducing mark-compact whose epilogue frees the isolate's pooled 256 kB pages at once, one
 * munmap per page (each a TLB shootdown on the other core), in one turn of the event loop: during a
 * training 112-192 MB, 27-30 ms of kernel time on a quiet machine and 135-284 ms at load 8-11
 * (docs/recommendations.md, sessions 12 and 13). Without it the freed pages stay mapped and the next
 * allocations reuse them: the idle API keeps its heap's high-water mark resident (measured after two
 * trainings: 535-634 MB against 301 MB once the reducer had run; the peak, ~1.1 GB, unchanged)
 * instead of handing it back.
 */
export const API_NODE_FLAGS: readonly string[] = ['--no-memory-reducer']
