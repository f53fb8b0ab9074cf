import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type RunningBot, startBot } from '../helpers/bot-harness.ts';
import { everyTurnModel } from '../helpers/scripted-model.ts';

let running: RunningBot;
beforeAll(async () => {
  running = await startBot({ model: everyTurnModel({ tool: 'get_link', input: { program_id: 42 } }, { text: 'Below.' }), env: { ADMIN_TOKEN: 'admin-token-0123456789abcdef' } });
});
afterAll(() => running.close());

describe('GET /metrics', () => {
  it('needs the admin bearer token when one is set', async () => {
    expect((await fetch(`${running.url}/metrics`)).status).toBe(401);
  });

  it('exposes turns, tool calls, network calls, budget, clicks and outbox depth in Prometheus format', async () => {
    const result = await running.bot.core.handleTurn({ channel: 'web', sessionId: 'metrics-1', text: 'link' });
    await fetch(result.links[0]?.url ?? '', { redirect: 'manual', headers: { 'user-agent': 'Mozilla/5.0 Chrome/130' } });
    const response = await fetch(`${running.url}/metrics`, { headers: { authorization: 'Bearer admin-token-0123456789abcdef' } });
    expect(response.status).toBe(200);
    expect(response.headers.get('content-type')).toContain('text/plain');
    const text = await response.text();
    expect(text).toMatch(/bot_events_total\{channel="web",event="turns"\} 1/);
    expect(text).toMatch(/bot_events_total\{channel="web",event="clicks"\} 1/);
    expect(text).toMatch(/bot_tool_calls_total\{tool="get_link"\} 1/);
    expect(text).toMatch(/bot_network_requests_total\{network="agentclick",operation="agent.track_click",status="200"\} 1/);
    expect(text).toMatch(/bot_agentclick_budget_remaining\{kind="write"\} \d+/);
    expect(text).toMatch(/bot_outbox_deliveries\{state="pending"\} 0/);
    expect(text).toMatch(/bot_turn_duration_seconds_count\{channel="web"\} 1/);
    expect(text).toContain('process_resident_memory_bytes');
  });
});
