import type { ChildProcess } from 'node:child_process';
import { once } from 'node:events';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { freePort, startBotProcess } from '../helpers/bot-process.ts';
import { type FakeCollector, type OtlpSpan, attribute, startFakeCollector } from '../helpers/fake-otlp-collector.ts';
import { type RunningSandbox, startSandbox } from '../helpers/sandbox-server.ts';
import { createSyndicateClient } from '../../src/syndicate/client.ts';

const SERVER = 2;
const CLIENT = 3;

let sandbox: RunningSandbox;
let collector: FakeCollector;
let secrets: string[];
let networkEnv: Record<string, string>;
const dataDirs: string[] = [];

beforeAll(async () => {
  sandbox = await startSandbox();
  collector = await startFakeCollector();
  const { api_key } = sandbox.agentclick.createAccount('agent');
  const { account_key } = sandbox.syndicate.createAccount();
  const { key: agentKey } = await createSyndicateClient({ baseUrl: sandbox.url, accountKey: account_key }).issueAgentKey();
  secrets = [api_key, agentKey, account_key];
  networkEnv = { AGENTCLICK_API_URL: sandbox.url, AGENTCLICK_API_KEY: api_key, SYNDICATE_API_URL: sandbox.url, SYNDICATE_AGENT_KEY: agentKey };
});
afterAll(async () => {
  await collector?.close();
  await sandbox?.close();
  for (const dir of dataDirs) rmSync(dir, { recursive: true, force: true });
});

/**
 * `npm start` with the given variables, one turn on POST /api/chat and one on /api/chat/stream (read to its end),
 * then SIGTERM and the process's exit, which flushes whatever an exporter still holds.
 */
async function turnsInAProcess(env: Record<string, string>): Promise<{ logLines: Array<Record<string, unknown>>; output: string }> {
  const port = await freePort();
  const dataDir = mkdtempSync(join(tmpdir(), 'tracing-test-'));
  dataDirs.push(dataDir);
  const url = `http://127.0.0.1:${port}`;
  const child: ChildProcess = await startBotProcess({ PORT: String(port), PUBLIC_BASE_URL: url, DATA_DIR: dataDir, LOG_LEVEL: 'debug', ...networkEnv, ...env }, { stdout: 'pipe' });
  let output = '';
  child.stdout?.on('data', (chunk: Buffer) => (output += chunk.toString('utf8')));
  const exited = once(child, 'exit');
  const post = (path: string, message: string) => fetch(`${url}${path}`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ message }) });
  const json = await post('/api/chat', 'I need an AI that generates product images');
  expect(json.status).toBe(200);
  expect(((await json.json()) as { reply: string }).reply).toContain('ShotStudio');
  const stream = await post('/api/chat/stream', 'I need an AI that writes code');
  expect(stream.status).toBe(200);
  expect(await stream.text()).toContain('"type":"finish"');
  child.kill('SIGTERM');
  await exited;
  const logLines = output
    .split('\n')
    .filter((line) => line.startsWith('{'))
    .map((line) => JSON.parse(line) as Record<string, unknown>);
  return { logLines, output };
}

/** Whether `ancestor` is `span`'s parent, or its parent's parent, and so on. */
function descendsFrom(span: OtlpSpan, ancestor: OtlpSpan, all: OtlpSpan[]): boolean {
  const byId = new Map(all.map((item) => [item.spanId, item]));
  for (let parent = span.parentSpanId; parent; parent = byId.get(parent)?.parentSpanId) if (parent === ancestor.spanId) return true;
  return false;
}

describe('OpenTelemetry traces', () => {
  beforeEach(() => {
    collector.bodies.length = 0;
  });

  it('sends nothing, and loads nothing, while OTEL_EXPORTER_OTLP_ENDPOINT is unset', async () => {
    // The variable the OpenTelemetry SDK would read by itself points at the collector: nothing may follow it.
    const { logLines, output } = await turnsInAProcess({ OTEL_EXPORTER_OTLP_TRACES_ENDPOINT: `${collector.url}/v1/traces` });
    expect(collector.bodies).toEqual([]);
    expect(output).toContain('Traces: off (no OTEL_EXPORTER_OTLP_ENDPOINT)');
    expect(logLines.filter((line) => 'trace_id' in line)).toEqual([]);
  });

  it('exports each turn: on /api/chat the HTTP span is the ancestor of the model, tool and AgentClick spans and its log line carries the trace id; a streamed turn nests under its own request', async () => {
    const { logLines, output } = await turnsInAProcess({ OTEL_EXPORTER_OTLP_ENDPOINT: collector.url, OTEL_SERVICE_NAME: 'bot-under-test' });
    expect(output).toContain(`Traces: OTLP/HTTP to ${collector.url} as bot-under-test`);
    const spans = collector.spans();
    expect(new Set(spans.map((span) => span.service))).toEqual(new Set(['bot-under-test']));
    // The start-up wait polled /healthz: probes are not traced.
    expect(spans.filter((span) => span.name.includes('/healthz'))).toEqual([]);

    const http = spans.find((span) => span.name === 'POST /api/chat');
    expect(http).toBeDefined();
    if (!http) return;
    expect(http.kind).toBe(SERVER);
    expect(attribute(http, 'http.route')).toBe('/api/chat');
    expect(attribute(http, 'http.response.status_code')).toBe(200);
    const inTurn = spans.filter((span) => span.traceId === http.traceId);
    const agent = inTurn.find((span) => span.name.startsWith('invoke_agent '));
    const model = inTurn.find((span) => span.name.startsWith('chat '));
    const tool = inTurn.find((span) => span.name.startsWith('execute_tool '));
    const agentclick = inTurn.find((span) => span.name.startsWith('agentclick '));
    for (const span of [agent, model, tool, agentclick]) {
      expect(span).toBeDefined();
      if (span) expect(descendsFrom(span, http, spans)).toBe(true);
    }
    expect(agentclick?.kind).toBe(CLIENT);
    expect(attribute(agentclick as OtlpSpan, 'http.response.status_code')).toBe(200);
    expect(attribute(agentclick as OtlpSpan, 'agentclick.action')).toBe(agentclick?.name.slice('agentclick '.length));

    // No credential reaches the collector (not the keys, not an Authorization header), nor, by default, what the visitor wrote.
    const exported = collector.bodies.join('\n');
    for (const secret of secrets) expect(exported).not.toContain(secret);
    expect(exported).not.toMatch(/bearer/i);
    expect(exported).not.toContain('product images');
    expect(spans.filter((span) => attribute(span, 'gen_ai.input.messages') !== undefined)).toEqual([]);

    const requestLine = logLines.find((line) => line.msg === 'http request' && line.route === '/api/chat');
    expect(requestLine).toMatchObject({ trace_id: http.traceId, span_id: http.spanId, status: 200 });

    // A streamed turn runs after the handler has returned its response: its spans still nest under its request.
    const streamed = spans.find((span) => span.name === 'POST /api/chat/stream');
    expect(streamed).toBeDefined();
    if (!streamed) return;
    const streamedAgent = spans.find((span) => span.name.startsWith('invoke_agent ') && span.traceId === streamed.traceId);
    expect(streamedAgent).toBeDefined();
    if (streamedAgent) expect(descendsFrom(streamedAgent, streamed, spans)).toBe(true);
    expect(streamed.traceId).not.toBe(http.traceId);
  });

  it('puts the conversation on the model spans only when OTEL_INSTRUMENTATION_GENAI_CAPTURE_MESSAGE_CONTENT=true', async () => {
    await turnsInAProcess({ OTEL_EXPORTER_OTLP_ENDPOINT: collector.url, OTEL_INSTRUMENTATION_GENAI_CAPTURE_MESSAGE_CONTENT: 'true' });
    const recorded = collector.spans().map((span) => attribute(span, 'gen_ai.input.messages')).filter((value) => typeof value === 'string');
    expect(recorded.some((value) => String(value).includes('product images'))).toBe(true);
    const exported = collector.bodies.join('\n');
    for (const secret of secrets) expect(exported).not.toContain(secret);
  });
});
