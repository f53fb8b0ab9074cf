import { type Span, SpanKind, SpanStatusCode, type Tracer, context, trace } from '@opentelemetry/api';
import type { MiddlewareHandler } from 'hono';
import type { Log } from '../log.ts';

export interface HttpSpanOptions {
  tracer: Tracer;
  /** Gets one debug line per request, written inside its span (so it carries the trace id). */
  log?: Log;
}

/**
 * One SERVER span per request, active while the request is handled, so the AI SDK's model and tool
 * spans, the network calls and every log line of the request share its trace. The span is named by
 * the matched route (`POST /api/chat`, `GET /r/:linkId`), never by the raw path, and carries no
 * headers, query or body (they hold tokens, secrets and what visitors wrote). A streamed answer
 * (server-sent events) keeps the span open until its last byte, so its duration is the turn's.
 * Incoming `traceparent` headers are ignored: visitors are untrusted and must not pick trace ids.
 */
export function httpSpan({ tracer, log }: HttpSpanOptions): MiddlewareHandler {
  return async (c, next) => {
    const span = tracer.startSpan(c.req.method, {
      kind: SpanKind.SERVER,
      attributes: { 'http.request.method': c.req.method, 'url.path': c.req.path },
    }, context.active());
    const started = performance.now();
    let streaming = false;
    try {
      await context.with(trace.setSpan(context.active(), span), async () => {
        await next();
        const route = c.req.routePath;
        span.updateName(`${c.req.method} ${route}`);
        span.setAttributes({ 'http.route': route, 'http.response.status_code': c.res.status });
        if (c.res.status >= 500) span.setStatus({ code: SpanStatusCode.ERROR });
        log?.debug({ method: c.req.method, route, status: c.res.status, ms: Math.round(performance.now() - started) }, 'http request');
        streaming = endWithStream(c.res, span, (response) => (c.res = response));
      });
    } finally {
      if (!streaming) span.end();
    }
  };
}

/** For an event stream: hands back a response whose body ends the span when it is done or cancelled. */
function endWithStream(response: Response, span: Span, replace: (response: Response) => void): boolean {
  if (!response.body || !response.headers.get('content-type')?.startsWith('text/event-stream')) return false;
  const reader = response.body.getReader();
  const body = new ReadableStream<Uint8Array>({
    async pull(controller) {
      try {
        const { done, value } = await reader.read();
        if (!done) return controller.enqueue(value);
        controller.close();
      } catch (error) {
        controller.error(error);
      }
      span.end();
    },
    // A visitor who leaves mid-answer cancels the body: the span ends then.
    cancel(reason) {
      span.end();
      return reader.cancel(reason);
    },
  });
  replace(new Response(body, { status: response.status, statusText: response.statusText, headers: response.headers }));
  return true;
}
