import { SpanStatusCode, context, trace } from '@opentelemetry/api';
import { InMemorySpanExporter, NodeTracerProvider, SimpleSpanProcessor } from '@opentelemetry/sdk-trace-node';
import { streamSSE } from 'hono/streaming';
import { Hono } from 'hono';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { createLog } from '../../src/log.ts';
import { inClientSpan } from '../../src/observability/client-span.ts';
import { httpSpan } from '../../src/observability/http-span.ts';
import { captureLines } from '../helpers/log-capture.ts';

const exporter = new InMemorySpanExporter();
const provider = new NodeTracerProvider({ spanProcessors: [new SimpleSpanProcessor(exporter)] });
const tracer = provider.getTracer('test');

beforeAll(() => provider.register());
afterAll(async () => {
  await provider.shutdown();
  trace.disable();
  context.disable();
});
beforeEach(() => exporter.reset());

function appWithSpans(log = createLog({ level: 'silent' })) {
  const app = new Hono();
  app.use('*', httpSpan({ tracer, log }));
  app.get('/r/:linkId', (c) => {
    log.info({ link: c.req.param('linkId') }, 'inside the handler');
    return c.text('ok');
  });
  app.get('/boom', (c) => c.json({ error: { code: 'internal_error', message: 'x' } }, 500));
  app.get('/events', (c) =>
    streamSSE(c, async (stream) => {
      await stream.writeSSE({ data: 'one' });
      await stream.writeSSE({ data: 'two' });
    }),
  );
  return app;
}

describe('httpSpan', () => {
  it('names the span by the route, keeps the query and headers out, and lets log lines inside carry its ids', async () => {
    const lines = captureLines();
    const app = appWithSpans(createLog({ level: 'info', destination: lines.destination, traceIds: true }));
    const response = await app.request('/r/abc123?token=query-secret-value', { headers: { authorization: 'Bearer header-secret-value', cookie: 'session=cookie-secret' } });
    expect(response.status).toBe(200);
    const [span] = exporter.getFinishedSpans();
    expect(span?.name).toBe('GET /r/:linkId');
    expect(span?.attributes).toEqual({ 'http.request.method': 'GET', 'url.path': '/r/abc123', 'http.route': '/r/:linkId', 'http.response.status_code': 200 });
    const line = lines.lines.map((text) => JSON.parse(text) as Record<string, unknown>).find((item) => item.msg === 'inside the handler');
    expect(line).toMatchObject({ trace_id: span?.spanContext().traceId, span_id: span?.spanContext().spanId });
  });

  it('marks a 5xx answer as an error', async () => {
    await appWithSpans().request('/boom');
    const [span] = exporter.getFinishedSpans();
    expect(span?.attributes['http.response.status_code']).toBe(500);
    expect(span?.status.code).toBe(SpanStatusCode.ERROR);
  });

  it('ignores a traceparent sent by the caller: visitors do not choose trace ids', async () => {
    const traceId = '0af7651916cd43dd8448eb211c80319c';
    await appWithSpans().request('/r/x', { headers: { traceparent: `00-${traceId}-b7ad6b7169203331-01` } });
    const [span] = exporter.getFinishedSpans();
    expect(span?.spanContext().traceId).not.toBe(traceId);
    expect(span?.parentSpanContext).toBeUndefined();
  });

  it('keeps a server-sent event stream\'s span open until its body has been read', async () => {
    const response = await appWithSpans().request('/events');
    expect(response.headers.get('content-type')).toContain('text/event-stream');
    expect(exporter.getFinishedSpans()).toEqual([]);
    expect(await response.text()).toContain('data: two');
    expect(exporter.getFinishedSpans().map((span) => span.name)).toEqual(['GET /events']);
  });
});

describe('inClientSpan', () => {
  it('runs the call without a span when tracing is off', async () => {
    expect(await inClientSpan(undefined, 'agentclick x', {}, async (note) => { note({ 'http.response.status_code': 200 }); return 7; })).toBe(7);
    expect(exporter.getFinishedSpans()).toEqual([]);
  });

  it('records the status the call reports, and a failure by its code only', async () => {
    await inClientSpan(tracer, 'syndicate getCommission', { 'url.path': '/v1/agent/commission' }, async (note) => note({ 'http.response.status_code': 200 }));
    const failure = Object.assign(new Error('server said: key aff_agent_secret is revoked'), { code: 'unauthorized' });
    await expect(inClientSpan(tracer, 'agentclick agent.recommend', {}, async () => { throw failure; })).rejects.toBe(failure);
    const [ok, failed] = exporter.getFinishedSpans();
    expect(ok?.attributes).toEqual({ 'url.path': '/v1/agent/commission', 'http.response.status_code': 200 });
    expect(failed?.attributes).toEqual({ 'error.type': 'unauthorized' });
    expect(failed?.status).toEqual({ code: SpanStatusCode.ERROR });
    expect(failed?.events).toEqual([]);
  });
});
