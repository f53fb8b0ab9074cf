import { Client } from '@modelcontextprotocol/sdk/client/index.js';
import { StreamableHTTPClientTransport } from '@modelcontextprotocol/sdk/client/streamableHttp.js';
import type { CallToolResult } from '@modelcontextprotocol/sdk/types.js';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Hono } from 'hono';
import { createMcpRoutes } from '../../../src/channels/mcp/routes.ts';
import { createOfflineModel } from '../../../src/core/offline-model/index.ts';
import { silentLog } from '../../../src/log.ts';
import { toolDepsOn } from '../../helpers/tool-deps.ts';
import { type RunningBot, startBot } from '../../helpers/bot-harness.ts';

/** The official MCP client against the app's /mcp over real HTTP, on the sandbox. */
const KEY = 'mcp-test-key-0123456789abcdef';
let running: RunningBot;
let client: Client;

async function connect(key: string): Promise<Client> {
  const mcp = new Client({ name: 'test-agent', version: '1.0.0' });
  await mcp.connect(new StreamableHTTPClientTransport(new URL(`${running.url}/mcp`), { requestInit: { headers: { authorization: `Bearer ${key}` } } }));
  return mcp;
}

async function call(name: string, args: Record<string, unknown>) {
  const result = (await client.callTool({ name, arguments: args })) as CallToolResult;
  return result;
}

beforeAll(async () => {
  running = await startBot({ model: createOfflineModel(), env: { MCP_API_KEY: KEY } });
  client = await connect(KEY);
});
afterAll(async () => {
  await client?.close();
  await running?.close();
});

interface Card {
  programId: number;
  name: string;
  reward: { type: string; amount: number; currency: string };
  rewardText: string;
  availability: 'ready' | 'pending' | 'unavailable';
  link?: { id: string; url: string; disclosure: string; programId: number };
}

describe('MCP server at /mcp', () => {
  it('lists the three tools with input and output schemas, and descriptions that ask for the disclosure', async () => {
    const { tools } = await client.listTools();
    expect(tools.map((tool) => tool.name).sort()).toEqual(['get_link', 'program_details', 'recommend_programs']);
    for (const tool of tools) {
      expect(tool.outputSchema?.type, tool.name).toBe('object');
      expect(tool.inputSchema.type, tool.name).toBe('object');
    }
    const byName = new Map(tools.map((tool) => [tool.name, tool]));
    expect(byName.get('recommend_programs')?.inputSchema.required).toEqual(['need']);
    expect(byName.get('get_link')?.inputSchema.required).toEqual(['programId']);
    expect(byName.get('recommend_programs')?.description).toMatch(/disclosure/);
    expect(byName.get('get_link')?.description).toMatch(/disclosure/);
    expect(client.getInstructions()).toMatch(/disclosure/);
  });

  it('recommend_programs: ranked programs with structured rewards, each approved one with a tracked, disclosed link', async () => {
    // A first ask lists programs the bot has no partnership with yet as pending, and applies for them at once.
    const first = (await call('recommend_programs', { need: 'I need an AI that generates product images', limit: 3 })).structuredContent as { programs: Card[] };
    expect(first.programs.length).toBeGreaterThan(0);
    expect(first.programs.every((card) => card.availability === 'pending' && card.link === undefined)).toBe(true);
    await running.bot.partnerships.idle();
    const result = await call('recommend_programs', { need: 'I need an AI that generates product images', limit: 3 });
    expect(result.isError).toBeFalsy();
    const data = result.structuredContent as { locale: string; disclosure: string; programs: Card[] };
    expect(data.locale).toBe('en');
    expect(data.disclosure).toMatch(/^Ad/);
    expect(data.programs.length).toBeGreaterThan(0);
    expect(data.programs.length).toBeLessThanOrEqual(3);
    const ready = data.programs.filter((card) => card.availability === 'ready');
    expect(ready.length).toBeGreaterThan(0);
    for (const card of data.programs) {
      expect(card.reward.currency).toBe('JPY');
      expect(card.reward.amount).toBeGreaterThan(0);
      expect(card.rewardText).toMatch(/^Reward for the operator: ¥/);
      if (card.availability === 'ready') {
        expect(card.link?.url).toBe(`${running.url}/r/${card.link?.id}`);
        expect(card.link?.disclosure).toMatch(/^Ad · /);
        expect(card.link?.programId).toBe(card.programId);
      } else expect(card.link).toBeUndefined();
    }
    // The text content carries the same data, for agents that only read text.
    const text = result.content[0];
    expect(text?.type === 'text' && JSON.parse(text.text)).toEqual(data);
  });

  it('recommend_programs answers Japanese needs in Japanese with the 【PR】 disclosure', async () => {
    await call('recommend_programs', { need: '画像生成のAIツールを探しています' });
    await running.bot.partnerships.idle();
    const result = await call('recommend_programs', { need: '画像生成のAIツールを探しています' });
    const data = result.structuredContent as { locale: string; disclosure: string; programs: Card[] };
    expect(data.locale).toBe('ja');
    expect(data.disclosure).toMatch(/^【PR】/);
    expect(data.programs.find((card) => card.link)?.link?.disclosure).toMatch(/^【PR】/);
    expect(data.programs[0]?.rewardText).toMatch(/^運営者への報酬: /);
  });

  it('program_details: one program\'s terms and whether a link can be given', async () => {
    const result = await call('program_details', { programId: 42 });
    expect(result.isError).toBeFalsy();
    const { program } = result.structuredContent as { program: { programId: number; name: string; partnership: string; reward: { amount: number } } };
    expect(program.programId).toBe(42);
    expect(program.name).not.toBe('');
    expect(['approved', 'pending', 'none']).toContain(program.partnership);
    expect(program.reward.amount).toBe(running.sandbox.agentclick.catalog.byId.get(42)?.reward_amount);

    const missing = await call('program_details', { programId: 999_999 });
    expect(missing.isError).toBe(true);
    expect(missing.content[0]).toMatchObject({ type: 'text', text: 'There is no program 999999.' });
  });

  it('get_link: a tracked link whose click is recorded with context ai-agent', async () => {
    const result = await call('get_link', { programId: 42 });
    expect(result.isError).toBeFalsy();
    const data = result.structuredContent as { programId: number; availability: string; link?: { url: string; disclosure: string } };
    expect(data).toMatchObject({ programId: 42, availability: 'ready' });
    const url = data.link?.url ?? '';
    expect(url.startsWith(`${running.url}/r/`)).toBe(true);
    expect(data.link?.disclosure).toMatch(/^Ad · /);

    const response = await fetch(url, { redirect: 'manual', headers: { 'user-agent': 'Mozilla/5.0 (X11; Linux x86_64) Chrome/130 Safari/537.36' } });
    expect(response.status).toBe(302);
    const clicks = running.sandbox.events.list().filter((event) => event.network === 'agentclick' && event.type === 'click');
    expect(clicks.at(-1)).toMatchObject({ status: 200, data: { context: 'ai-agent' } });
  });

  it('a bad input is refused with a message naming the field, and nothing runs', async () => {
    const before = running.sandbox.events.list().length;
    const result = await call('get_link', { programId: 'forty-two' });
    expect(result.isError).toBe(true);
    expect(JSON.stringify(result.content)).toMatch(/programId/);
    const empty = await call('recommend_programs', { need: '' });
    expect(empty.isError).toBe(true);
    expect(JSON.stringify(empty.content)).toMatch(/need/);
    expect(running.sandbox.events.list().length).toBe(before);
  });

  it('a wrong or missing key gets 401 and no MCP session', async () => {
    await expect(connect('wrong-key-0123456789abcdef')).rejects.toMatchObject({ code: 401, message: expect.stringContaining('unauthorized') });
    const response = await fetch(`${running.url}/mcp`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: '{}' });
    expect(response.status).toBe(401);
    expect(response.headers.get('www-authenticate')).toMatch(/^Bearer/);
    expect(await response.json()).toEqual({ error: { code: 'unauthorized', message: 'Send the API key as "Authorization: Bearer <MCP_API_KEY>".' } });
  });

  it('GET is 405: the server is stateless', async () => {
    const response = await fetch(`${running.url}/mcp`, { headers: { authorization: `Bearer ${KEY}` } });
    expect(response.status).toBe(405);
    expect(response.headers.get('allow')).toBe('POST');
  });

  it('the dashboard counts agents as a channel of their own', async () => {
    const rows = await running.bot.figures.rows('2000-01-01');
    const mcp = rows.filter((row) => row.channel === 'mcp');
    expect(mcp.some((row) => row.metric === 'links' && row.value > 0)).toBe(true);
    expect(mcp.some((row) => row.metric === 'clicks' && row.value > 0)).toBe(true);
  });
});

describe('MCP call limit', () => {
  it('over its calls per minute a key gets 429 with Retry-After', async () => {
    const { deps } = await toolDepsOn(running.sandbox, running.bot.stores);
    const app = new Hono();
    app.route('/mcp', createMcpRoutes({ apiKey: KEY, tools: deps, log: silentLog(), callsPerMinute: 2 }));
    const ping = () =>
      app.request('/mcp', {
        method: 'POST',
        headers: { authorization: `Bearer ${KEY}`, 'content-type': 'application/json', accept: 'application/json, text/event-stream' },
        body: JSON.stringify({ jsonrpc: '2.0', id: 1, method: 'ping' }),
      });
    expect((await ping()).status).toBe(200);
    expect((await ping()).status).toBe(200);
    const limited = await ping();
    expect(limited.status).toBe(429);
    expect(Number(limited.headers.get('retry-after'))).toBeGreaterThan(0);
    expect(((await limited.json()) as { error: { code: string } }).error.code).toBe('rate_limited');
  });
});

describe('without MCP_API_KEY', () => {
  it('/mcp is a 404 like any unknown route', async () => {
    const bot = await startBot({ model: createOfflineModel() });
    try {
      const response = await fetch(`${bot.url}/mcp`, { method: 'POST', headers: { authorization: `Bearer ${KEY}`, 'content-type': 'application/json' }, body: '{}' });
      expect(response.status).toBe(404);
    } finally {
      await bot.close();
    }
  });
});
