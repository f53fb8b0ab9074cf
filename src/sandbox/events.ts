/** The sandbox's record of every write attempt, in order, as `GET /_sandbox/events` shows it. */
export type SandboxNetwork = 'agentclick' | 'syndicate';
export type SandboxEventType = 'click' | 'conversion' | 'referral' | 'attribution';

export interface SandboxEvent {
  seq: number;
  at: string;
  network: SandboxNetwork;
  type: SandboxEventType;
  status: number;
  data: Record<string, unknown>;
}

export class EventLog {
  #events: SandboxEvent[] = [];
  #seq = 0;
  readonly #now: () => number;

  constructor(now: () => number = Date.now) {
    this.#now = now;
  }

  add(network: SandboxNetwork, type: SandboxEventType, status: number, data: Record<string, unknown>): SandboxEvent {
    const event = { seq: ++this.#seq, at: new Date(this.#now()).toISOString(), network, type, status, data };
    this.#events.push(event);
    return event;
  }

  list(sinceSeq = 0): SandboxEvent[] {
    return this.#events.filter((event) => event.seq > sinceSeq);
  }

  clear(): void {
    this.#events = [];
    this.#seq = 0;
  }
}
