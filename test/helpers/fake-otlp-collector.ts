import { type IncomingMessage, type ServerResponse, createServer } from 'node:http';
import type { AddressInfo } from 'node:net';

/** One span as OTLP/JSON carries it (the fields the tests read). */
export interface OtlpSpan {
  traceId: string;
  spanId: string;
  parentSpanId?: string;
  name: string;
  kind: number;
  attributes?: Array<{ key: string; value: Record<string, unknown> }>;
}

interface ExportRequest {
  resourceSpans?: Array<{
    resource?: { attributes?: Array<{ key: string; value: Record<string, unknown> }> };
    scopeSpans?: Array<{ spans?: OtlpSpan[] }>;
  }>;
}

export interface FakeCollector {
  url: string;
  /** Every request body received, as text, in order. */
  bodies: string[];
  /** Every span received, with its resource's service.name. */
  spans(): Array<OtlpSpan & { service: string | undefined }>;
  close(): Promise<void>;
}

/** An attribute's value, whatever its OTLP type (stringValue, intValue, ...). */
export function attribute(span: OtlpSpan, key: string): unknown {
  const value = span.attributes?.find((item) => item.key === key)?.value;
  return value === undefined ? undefined : Object.values(value)[0];
}

/** A real HTTP server standing in for an OpenTelemetry collector: takes OTLP/HTTP JSON on POST /v1/traces. */
export async function startFakeCollector(): Promise<FakeCollector> {
  const bodies: string[] = [];
  const server = createServer((request: IncomingMessage, response: ServerResponse) => {
    const chunks: Buffer[] = [];
    request.on('data', (chunk: Buffer) => chunks.push(chunk));
    request.on('end', () => {
      if (request.method !== 'POST' || request.url !== '/v1/traces') {
        response.writeHead(404).end();
        return;
      }
      bodies.push(Buffer.concat(chunks).toString('utf8'));
      response.writeHead(200, { 'content-type': 'application/json' }).end('{}');
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    bodies,
    spans() {
      return bodies.flatMap((body) =>
        ((JSON.parse(body) as ExportRequest).resourceSpans ?? []).flatMap((resourceSpans) => {
          const service = resourceSpans.resource?.attributes?.find((item) => item.key === 'service.name')?.value.stringValue;
          return (resourceSpans.scopeSpans ?? []).flatMap((scope) => (scope.spans ?? []).map((span) => ({ ...span, service: typeof service === 'string' ? service : undefined })));
        }),
      );
    },
    close: () => new Promise((resolve) => server.close(() => resolve())),
  };
}
