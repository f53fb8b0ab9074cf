import { type Attributes, type Span, SpanKind, SpanStatusCode, type Tracer } from '@opentelemetry/api';

/** What a traced call may add to its span once it knows (the HTTP status, an error code). */
export type SpanNote = (attributes: Attributes) => void;

const ignore: SpanNote = () => undefined;

/**
 * Runs one outbound network call inside a CLIENT span, or simply runs it when tracing is off (no
 * tracer: no span object, no context switch). Callers pass only attributes that carry no secret:
 * the operation, method, host and path, the status; never headers, bodies or keys. A failure is
 * marked with its error code (`error.type`), not its message, which may echo what the server said.
 */
export async function inClientSpan<T>(tracer: Tracer | undefined, name: string, attributes: Attributes, run: (note: SpanNote) => Promise<T>): Promise<T> {
  if (!tracer) return run(ignore);
  return tracer.startActiveSpan(name, { kind: SpanKind.CLIENT, attributes }, async (span: Span) => {
    try {
      return await run((more) => span.setAttributes(more));
    } catch (error) {
      const code = typeof error === 'object' && error !== null && 'code' in error && typeof error.code === 'string' ? error.code : error instanceof Error ? error.name : 'error';
      span.setAttribute('error.type', code);
      span.setStatus({ code: SpanStatusCode.ERROR });
      throw error;
    } finally {
      span.end();
    }
  });
}

/** Host, port and path of a request URL: what a span may say about where a call went (no credentials, no query). */
export function urlAttributes(url: string | URL): Attributes {
  const parsed = new URL(url);
  const port = parsed.port ? Number(parsed.port) : parsed.protocol === 'https:' ? 443 : 80;
  return { 'server.address': parsed.hostname, 'server.port': port, 'url.path': parsed.pathname };
}
