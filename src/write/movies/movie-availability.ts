/**
 * Whether a movie can take new interactions, read from its own stream (the write side never asks a
 * read model). Removal is final, so the last event alone answers: one indexed read per command. The
 * revision read goes with the command's append as a guard (see AppendGuard in the event store
 * contract), so a movie removed between this read and the append cannot end up with a new
 * interaction after its removal: the append fails, the command runs again and sees the removal.
 */
import { type MovieAvailability, movieStream } from '../../domain/movie/movie.ts'
import type { EventStore } from '../../event-store/contract.ts'
import type { CommandContext } from '../handle-command.ts'

export type MovieOnStream = { availability: MovieAvailability; revision: bigint | null }

export async function movieAvailability(store: EventStore, movieId: string): Promise<MovieOnStream> {
  for await (const last of store.readStream(movieStream(movieId), { direction: 'backwards', limit: 1 })) {
    return { availability: last.type === 'MovieRemoved' ? 'removed' : 'active', revision: last.revision }
  }
  return { availability: 'unknown', revision: null }
}

/** For handleCommand: the movie read beside the command's stream, and the guard on its revision. */
export function movieContext(store: EventStore, movieId: string): CommandContext<MovieAvailability> {
  return {
    read: async () => {
      const movie = await movieAvailability(store, movieId)
      return {
        value: movie.availability,
        guard: movie.revision === null ? null : { stream: movieStream(movieId), revision: movie.revision },
      }
    },
  }
}
