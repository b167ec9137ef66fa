/**
 * The outcome of a training on its job stream (`job-<id>`: ModelTrained). Pure: a job already
 * finished decides nothing, so a training re-run for the same job (a reactor's event delivered
 * again) never records twice.
 */
import { evolve, initialState, type JobEvent, type JobState, type ModelTrained } from '../domain/job/job.ts'

export type RecordTraining = { type: 'RecordTraining'; data: ModelTrained['data'] }

export function decideTraining(command: RecordTraining, state: JobState): JobEvent[] {
  if (state.status !== 'unknown') return []
  return [{ type: 'ModelTrained', data: command.data }]
}

export const trainingDecider = { initialState, evolve, decide: decideTraining }
