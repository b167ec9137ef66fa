/**
 * Given/when/then for a pure decider: fold the given events with evolve, decide the command, compare.
 * @see https://github.com/event-driven-io/emmett (DeciderSpecification)
 */
import type { Decider } from '../../src/write/handle-command.ts'

/** The few tap assertions the spec uses; any `t` passes. */
export type Assertions = {
  strictSame(found: unknown, wanted: unknown, message: string): boolean
  equal(found: unknown, wanted: unknown, message: string): boolean
  ok(value: unknown, message: string): boolean
  fail(message: string): boolean
}

type ErrorClass = abstract new (...args: never[]) => Error

export function spec<Command, Event extends { type: string; data: unknown }, State>(
  t: Assertions,
  decider: Decider<Command, Event, State>,
) {
  return {
    given: (events: Event[]) => ({
      when: (command: Command) => {
        const decide = () =>
          decider.decide(
            command,
            events.reduce((state, event) => decider.evolve(state, event), decider.initialState()),
          )
        return {
          // biome-ignore lint/suspicious/noThenProperty: the spec reads given/when/then and is never awaited
          then: (expected: Event[]) => t.strictSame(decide(), expected, 'decides the expected events'),
          thenThrows: (errorClass: ErrorClass, code?: string) => {
            let decided: Event[]
            try {
              decided = decide()
            } catch (error) {
              t.ok(error instanceof errorClass, `throws ${errorClass.name} (got ${String(error)})`)
              if (code !== undefined) t.equal((error as { code?: unknown }).code, code, `with code ${code}`)
              return
            }
            t.fail(`expected ${errorClass.name}, but it decided ${JSON.stringify(decided)}`)
          },
        }
      },
    }),
  }
}
