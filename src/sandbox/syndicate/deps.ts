import type { EventLog } from '../events.ts';
import type { FaultTable } from '../faults.ts';
import type { SyndicateState } from './state.ts';

/** What the Syndicate routes are built from (see create-sandbox.ts). */
export interface SyndicateRouteDeps {
  state: SyndicateState;
  events: EventLog;
  faults: FaultTable;
  /** Milliseconds since the epoch; injectable so tests can move time across token and dedup windows. */
  now: () => number;
}
