/**
 * Whether a movie can take new interactions, read from its own stream (the write side never asks a
 * read model). Removal is final, so the last event alone answers: one indexed read per command.
 */
import { type MovieAvailability, movieStream } from '../../domain/movie/movie.ts'
import type { EventStore } from '../../event-store/contract.ts'

export async function movieAvailability(store: EventStore, movieId: string): Promise<MovieAvailability> {
  for await (const last of store.readStream(movieStream(movieId), { direction: 'backwards', limit: 1 })) {
    return last.type === 'MovieRemoved' ? 'removed' : 'active'
  }
  return 'unknown'
}
