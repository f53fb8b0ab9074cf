import { Counter, Gauge, Histogram, Registry, collectDefaultMetrics } from 'prom-client';
import type { Analytics, Metric } from '../analytics/counters.ts';
import type { Channel } from '../core/types.ts';

export interface MetricsSources {
  /** Requests the AgentClick budget still allows right now, per kind. */
  budgetRemaining?: () => Promise<{ read: number; write: number }>;
  /** Outbox depth by state. */
  outbox?: () => Promise<{ pending: number; retrying: number; dead: number }>;
  /** Clicks waiting to be recorded at the network. */
  pendingClicks?: () => Promise<number>;
}

/**
 * Prometheus metrics (prom-client): turns, tool calls, network calls by action and status, the API
 * budget left, clicks, purchases, outbox depth and turn latency. Gauges read their sources when scraped.
 */
export function createMetrics() {
  const registry = new Registry();
  collectDefaultMetrics({ register: registry });
  const events = new Counter({ name: 'bot_events_total', help: 'Turns, recommendations shown, links issued and clicks, by channel', labelNames: ['channel', 'event'], registers: [registry] });
  const toolCalls = new Counter({ name: 'bot_tool_calls_total', help: 'Tool calls made by the model', labelNames: ['tool'], registers: [registry] });
  const networkCalls = new Counter({ name: 'bot_network_requests_total', help: 'Requests to the networks by operation and HTTP status (or error code)', labelNames: ['network', 'operation', 'status'], registers: [registry] });
  const purchases = new Counter({ name: 'bot_purchases_total', help: 'Purchases accepted from merchants', labelNames: ['channel'], registers: [registry] });
  const turnSeconds = new Histogram({ name: 'bot_turn_duration_seconds', help: 'Time from a user message to the end of the answer (model latency dominates)', labelNames: ['channel'], buckets: [0.05, 0.1, 0.25, 0.5, 1, 2, 4, 8, 16, 32], registers: [registry] });
  let sources: MetricsSources = {};
  new Gauge({
    name: 'bot_agentclick_budget_remaining',
    help: 'AgentClick requests this key may still make in the current minute',
    labelNames: ['kind'],
    registers: [registry],
    async collect() {
      const left = await sources.budgetRemaining?.();
      if (!left) return;
      this.set({ kind: 'read' }, left.read);
      this.set({ kind: 'write' }, left.write);
    },
  });
  new Gauge({
    name: 'bot_outbox_deliveries',
    help: 'Purchase deliveries waiting, retrying or dead',
    labelNames: ['state'],
    registers: [registry],
    async collect() {
      const depth = await sources.outbox?.();
      if (!depth) return;
      for (const [state, value] of Object.entries(depth)) this.set({ state }, value);
    },
  });

  new Gauge({
    name: 'bot_clicks_pending',
    help: 'Clicks the network could not take yet, waiting to be recorded',
    registers: [registry],
    async collect() {
      const waiting = await sources.pendingClicks?.();
      if (waiting !== undefined) this.set(waiting);
    },
  });

  const analytics: Analytics = {
    count(channel: Channel, metric: Metric, amount = 1) {
      events.inc({ channel, event: metric }, amount);
    },
  };

  return {
    registry,
    analytics,
    toolCall: (tool: string) => toolCalls.inc({ tool }),
    networkCall: (network: string, operation: string, status: number | string) => networkCalls.inc({ network, operation, status: String(status) }),
    purchase: (channel: Channel) => purchases.inc({ channel }),
    turnTimer: (channel: Channel) => turnSeconds.startTimer({ channel }),
    setSources(next: MetricsSources) {
      sources = next;
    },
  };
}

export type Metrics = ReturnType<typeof createMetrics>;

/** Both the dashboard's counters and the metrics hear every event. */
export function bothAnalytics(...targets: Analytics[]): Analytics {
  return { count: (...args) => targets.forEach((target) => target.count(...args)) };
}
