/** Every reactor the projector runs, next to the projections (projections/index.ts). */

import { tmdbImport } from '../ingest/tmdb/import-reactor.ts'
import { recommenderRetrain } from '../recommend/retrain-reactor.ts'
import type { Reactor } from './reactor.ts'

export const reactors: readonly Reactor[] = [tmdbImport, recommenderRetrain]
