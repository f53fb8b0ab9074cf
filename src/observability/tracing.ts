import { context, propagation, trace, type Tracer } from '@opentelemetry/api';

export interface TracingOptions {
  /** OTLP/HTTP collector base URL (OTEL_EXPORTER_OTLP_ENDPOINT); spans go to `<endpoint>/v1/traces`. */
  endpoint: string | undefined;
  /** `service.name` of every span (OTEL_SERVICE_NAME). */
  serviceName: string;
}

export interface Tracing {
  /** The bot's own spans (HTTP requests, network calls); the AI SDK's spans go through the same provider. */
  tracer: Tracer;
  /** Where spans go, as an origin (no credentials or path), for the start-up banner. */
  collector: string;
  /** Sends the spans still buffered and stops tracing; call last when the process stops. */
  shutdown(): Promise<void>;
}

/**
 * Starts OpenTelemetry tracing when a collector is configured, else returns undefined having loaded
 * nothing: without an endpoint no SDK, exporter or AI SDK integration exists, so tracing costs nothing.
 * With one, a Node tracer provider is registered globally (its AsyncLocalStorage context lets the AI
 * SDK's model and tool spans nest under the HTTP request that caused them) and spans are batched to
 * `<endpoint>/v1/traces` as OTLP/JSON. Process work: only the start path calls this.
 */
export async function startTracing({ endpoint, serviceName }: TracingOptions): Promise<Tracing | undefined> {
  if (!endpoint) return undefined;
  // Loaded only here, so a bot without a collector never pays their import time.
  const [{ NodeTracerProvider, BatchSpanProcessor }, { OTLPTraceExporter }, { defaultResource, resourceFromAttributes }, { OpenTelemetry }, { registerTelemetry }] = await Promise.all([
    import('@opentelemetry/sdk-trace-node'),
    import('@opentelemetry/exporter-trace-otlp-http'),
    import('@opentelemetry/resources'),
    import('@ai-sdk/otel'),
    import('ai'),
  ]);
  // The URL is given explicitly: the exporter would otherwise read OTEL_* variables itself, and config.ts is where they are read.
  const exporter = new OTLPTraceExporter({ url: `${endpoint.replace(/\/$/, '')}/v1/traces` });
  const provider = new NodeTracerProvider({
    resource: defaultResource().merge(resourceFromAttributes({ 'service.name': serviceName })),
    spanProcessors: [new BatchSpanProcessor(exporter)],
  });
  provider.register();
  // The AI SDK's GenAI spans (invoke_agent, step, chat, execute_tool) through the provider registered above.
  registerTelemetry(new OpenTelemetry());
  return {
    tracer: trace.getTracer('affiliate-recommendation-bot'),
    collector: new URL(endpoint).origin,
    async shutdown() {
      await provider.shutdown();
      trace.disable();
      context.disable();
      propagation.disable();
    },
  };
}
