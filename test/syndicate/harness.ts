import { createSandbox } from '../../src/sandbox/create-sandbox.ts';
import type { EventLog } from '../../src/sandbox/events.ts';
import type { FaultTable } from '../../src/sandbox/faults.ts';
import { listen } from '../../src/http/listen.ts';
import type { SyndicateState } from '../../src/sandbox/syndicate/state.ts';

/** The whole sandbox (so the Syndicate routes are tested as mounted) over real HTTP, on a clock the test moves. */
export interface Harness {
  url: string;
  state: SyndicateState;
  events: EventLog;
  faults: FaultTable;
  now(): number;
  advance(ms: number): void;
  accountKey(): Promise<string>;
  agentKey(accountKey?: string): Promise<string>;
  /** fetch against the sandbox with an optional Bearer key and JSON (or raw string) body. */
  call(method: string, path: string, options?: { key?: string; body?: unknown; raw?: string }): Promise<{ status: number; headers: Headers; text: string; json: unknown }>;
  close(): Promise<void>;
}

export const START = Date.parse('2026-04-01T00:00:00Z');

export async function startHarness(): Promise<Harness> {
  let clock = START;
  const now = () => clock;
  // random 0: an injected fault with errorRate 1 always fires, so tests are deterministic.
  const { app, syndicate: state, events, faults } = createSandbox({ now, random: () => 0 });
  const server = await listen(app);

  const call: Harness['call'] = async (method, path, { key, body, raw } = {}) => {
    const headers: Record<string, string> = { 'content-type': 'application/json' };
    if (key !== undefined) headers.authorization = `Bearer ${key}`;
    const payload = raw ?? (body === undefined ? undefined : JSON.stringify(body));
    const response = await fetch(`${server.url}${path}`, { method, headers, body: payload });
    const text = await response.text();
    let json: unknown;
    try {
      json = JSON.parse(text);
    } catch {
      json = undefined;
    }
    return { status: response.status, headers: response.headers, text, json };
  };

  const accountKey = async () => {
    const created = await call('POST', '/_sandbox/accounts', { body: { network: 'syndicate' } });
    return (created.json as { account_key: string }).account_key;
  };

  return {
    url: server.url,
    state,
    events,
    faults,
    now,
    advance: (ms) => {
      clock += ms;
    },
    accountKey,
    agentKey: async (account) => {
      const issued = await call('POST', '/affiliate/keys', { key: account ?? (await accountKey()), body: { type: 'agent' } });
      return (issued.json as { key: string }).key;
    },
    call,
    close: () => server.close(),
  };
}
