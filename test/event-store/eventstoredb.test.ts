/**
 * The event store contract on the EventStoreDB adapter. It needs a server, which our machines cannot
 * run: it runs where EVENTSTORE_URL is set (the GitHub Actions workflow's service container).
 */
import t from 'tap'
import { createEventStoreDbEventStore } from '../../src/event-store/eventstoredb/eventstoredb-event-store.ts'
import { runEventStoreContract } from './contract-suite.ts'

const url = process.env.EVENTSTORE_URL

if (!url) {
  t.plan(0, 'EVENTSTORE_URL is not set: the EventStoreDB contract run happens in GitHub Actions')
} else {
  // One shared server: the suite isolates its tests by random stream prefixes. The PostgreSQL-only
  // capabilities (open transactions, killed connections) are left out and the suite says why.
  runEventStoreContract(t, {
    name: 'eventstoredb',
    async create() {
      return createEventStoreDbEventStore(url)
    },
    async createUnreachable() {
      return createEventStoreDbEventStore('esdb://127.0.0.1:1?tls=false')
    },
  })
}
