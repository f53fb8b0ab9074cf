import { Writable } from 'node:stream';
import { Client } from '@modelcontextprotocol/sdk/client/index.js';
import { StreamableHTTPClientTransport } from '@modelcontextprotocol/sdk/client/streamableHttp.js';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createOfflineModel } from '../../src/core/offline-model/index.ts';
import { createLog } from '../../src/log.ts';
import { type RunningBot, startBot } from '../helpers/bot-harness.ts';
import { type FakeLine, startFakeLine } from '../helpers/fake-line.ts';

/** LINE and MCP with failures on the way, every log line kept at debug: their credentials never appear. */
const MCP_KEY = 'mcp-secret-key-0123456789abcdef';
const lines: string[] = [];
const capture = new Writable({
  write(chunk: Buffer, _encoding, done) {
    lines.push(...chunk.toString('utf8').split('\n').filter(Boolean));
    done();
  },
});
let line: FakeLine;
let running: RunningBot;

beforeAll(async () => {
  line = await startFakeLine();
  running = await startBot({
    model: createOfflineModel(),
    log: createLog({ level: 'debug', destination: capture }),
    env: { LINE_CHANNEL_SECRET: line.channelSecret, LINE_CHANNEL_ACCESS_TOKEN: line.accessToken, LINE_API_ROOT: line.url, MCP_API_KEY: MCP_KEY },
  });
});
afterAll(async () => {
  await running?.close();
  await line?.close();
});

describe('LINE and MCP credentials stay out of the logs', () => {
  it('through refused signatures, refused reply tokens, rate limits, wrong keys and tool calls', async () => {
    const webhook = `${running.url}/line/webhook`;
    const userId = `U${'3'.repeat(32)}`;
    expect((await line.deliver(webhook, [line.textEvent('hi', { userId })], { signature: 'forged' })).status).toBe(401);
    line.failNext('reply', 1, 400, { message: 'Invalid reply token' });
    line.failNext('push', 1, 429, { message: 'Too many requests' }, { 'retry-after': '0' });
    expect((await line.deliver(webhook, [line.textEvent('I need an AI that generates images', { userId })])).status).toBe(200);
    await line.waitFor((calls) => calls.some((call) => call.path.endsWith('/push') && call.body.to === userId && call.status === 200));

    const connect = async (key: string) => {
      const client = new Client({ name: 'secrets', version: '1.0.0' });
      await client.connect(new StreamableHTTPClientTransport(new URL(`${running.url}/mcp`), { requestInit: { headers: { authorization: `Bearer ${key}` } } }));
      return client;
    };
    await expect(connect(`${MCP_KEY}-wrong`)).rejects.toMatchObject({ code: 401 });
    const client = await connect(MCP_KEY);
    await client.callTool({ name: 'get_link', arguments: { programId: 42 } });
    await client.callTool({ name: 'program_details', arguments: { programId: 999_999 } });
    await client.close();

    expect(lines.length).toBeGreaterThan(0);
    const logged = lines.join('\n');
    for (const secret of [line.channelSecret, line.accessToken, MCP_KEY, ...running.secrets]) expect(logged).not.toContain(secret);
  });
});
