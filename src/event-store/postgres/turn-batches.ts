/**
 * What is asked for until the event loop turns (setImmediate) goes to PostgreSQL together, with at
 * most `maxInFlight` of those sendings running: what is asked for while they run waits for one to
 * answer and goes in the next, so under load one statement serves the asks of many turns, and
 * alone an ask goes in the next turn. The group commit (group-commit.ts) and the coalesced first
 * pages of stream reads (read-stream.ts) are the two users.
 */
export class TurnBatches<Item> {
  readonly #maxInFlight: number
  readonly #send: (items: Item[], counted: (sending: Promise<unknown>) => void) => void
  #pending: Item[] | null = null
  #inFlight = 0
  #scheduled = false

  /**
   * `send` gets the items gathered, and `counted` to call with each sending that counts against
   * `maxInFlight` (a sending it does not pass, such as a lone append waiting for its stream's lock,
   * holds back nothing).
   */
  constructor(
    maxInFlight: number,
    send: (items: Item[], counted: (sending: Promise<unknown>) => void) => void,
  ) {
    this.#maxInFlight = maxInFlight
    this.#send = send
  }

  /** Whether asks wait for the next sending. */
  get waiting(): boolean {
    return this.#pending !== null
  }

  add(item: Item): void {
    if (this.#pending === null) this.#pending = []
    this.#pending.push(item)
    this.#schedule()
  }

  #schedule(): void {
    if (this.#scheduled || this.#pending === null || this.#inFlight >= this.#maxInFlight) return
    this.#scheduled = true
    setImmediate(() => {
      this.#scheduled = false
      const items = this.#pending ?? []
      this.#pending = null
      this.#send(items, (sending) => {
        this.#inFlight += 1
        const answered = () => {
          this.#inFlight -= 1
          this.#schedule()
        }
        sending.then(answered, answered)
      })
    })
  }
}
