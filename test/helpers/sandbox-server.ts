import { type Sandbox, type SandboxOptions, createSandbox } from '../../src/sandbox/create-sandbox.ts';
import { type RunningServer, listen } from '../../src/http/listen.ts';

export interface RunningSandbox extends Sandbox {
  url: string;
  close(): Promise<void>;
  /** A fresh AgentClick key for a role, through the control API over HTTP. */
  agentclickKey(role?: 'publisher' | 'advertiser' | 'agent'): Promise<string>;
}

/** The whole sandbox over real HTTP on a free port. */
export async function startSandbox(options: SandboxOptions = {}): Promise<RunningSandbox> {
  const sandbox = createSandbox(options);
  const server: RunningServer = await listen(sandbox.app);
  return {
    ...sandbox,
    url: server.url,
    close: () => server.close(),
    async agentclickKey(role = 'agent') {
      const response = await fetch(`${server.url}/_sandbox/accounts`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ network: 'agentclick', role }),
      });
      const body = (await response.json()) as { api_key: string };
      return body.api_key;
    },
  };
}

/** A manual clock for tests that move time. */
export function manualClock(start = Date.UTC(2026, 10, 21, 12)) {
  let now = start;
  return {
    now: () => now,
    advance(ms: number) {
      now += ms;
    },
  };
}
