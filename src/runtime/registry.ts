/**
 * The one registry of what the projection engine runs: every read model (projections/index.ts) and
 * every reactor, each reactor built by its factory with the services it works with. The engine
 * (src/projector) knows none of them: a process hands it `runnable(services)`.
 */
import { projections } from '../../projections/index.ts'
import { createTmdbImportReactor, tmdbImportDeclaration } from '../ingest/tmdb/import-reactor.ts'
import type { Projection } from '../projector/projection.ts'
import { createRetrainReactor, retrainDeclaration } from '../recommend/retrain-reactor.ts'
import type { ReactorServices } from './reactor-services.ts'

export { projections }

/** What a listing needs of each (status, metrics, operator commands): no reactor is built. */
export type Registered = Pick<Projection, 'kind' | 'name' | 'version' | 'handles'>

/** Every projection and reactor, declared: their names, versions and events. */
export const registered: readonly Registered[] = [...projections, tmdbImportDeclaration, retrainDeclaration]

/** Every reactor, built with its services. */
export function reactors(services: ReactorServices): readonly Projection[] {
  return [createTmdbImportReactor(services), createRetrainReactor(services)]
}

/** Everything the projector runs: the read models, then the reactors built with their services. */
export function runnable(services: ReactorServices): readonly Projection[] {
  return [...projections, ...reactors(services)]
}
