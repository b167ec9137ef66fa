/** Runs every projection side by side; one that stops on a poison event does not stop the others. */
import type { PostgresProjection } from './projection.ts'
import { type RunOptions, runProjection } from './run-projection.ts'

export async function runProjections(
  projections: readonly PostgresProjection[],
  options: RunOptions,
): Promise<void> {
  await Promise.all(
    projections.map((projection) =>
      runProjection(projection, options).catch((error: unknown) => {
        options.logger.error({ projection: projection.name, err: error }, 'projection stopped')
      }),
    ),
  )
}
