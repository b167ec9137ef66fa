/**
 * The part of the WebAssembly JavaScript API the SIMD kernel uses (simd-gemm.ts, spd-inverse.ts):
 * Node has it as a global, but its types come with the DOM library, which this project does not load.
 */
declare namespace WebAssembly {
  class Memory {
    constructor(descriptor: { initial: number; maximum?: number; shared?: boolean })
    readonly buffer: ArrayBuffer
  }
  class Module {
    constructor(bytes: Uint8Array)
  }
  class Instance {
    constructor(module: Module, imports: Record<string, Record<string, unknown>>)
    readonly exports: Record<string, unknown>
  }
  function validate(bytes: Uint8Array): boolean
}
