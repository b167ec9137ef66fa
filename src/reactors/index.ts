/** Every reactor the projector runs, next to the projections (projections/index.ts). */
import { recommenderRetrain } from '../recommend/retrain-reactor.ts'
import type { Reactor } from './reactor.ts'
import { tmdbImport } from './tmdb-import.ts'

export const reactors: readonly Reactor[] = [tmdbImport, recommenderRetrain]
