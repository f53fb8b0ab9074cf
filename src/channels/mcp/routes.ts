import { WebStandardStreamableHTTPServerTransport } from '@modelcontextprotocol/sdk/server/webStandardStreamableHttp.js';
import { Hono } from 'hono';
import { bearerAuth } from '../voice/bearer-auth.ts';
import { jsonError } from '../../http/errors.ts';
import { type LimitWindows, rateLimit } from '../../http/rate-limit.ts';
import type { ToolDeps } from '../../core/tools/index.ts';
import type { Log } from '../../log.ts';
import { createAgentTools } from './agent-tools.ts';
import { createMcpServer } from './create-mcp-server.ts';

export interface McpRoutesOptions {
  /** MCP_API_KEY: the route is not mounted without it. */
  apiKey: string;
  tools: ToolDeps;
  log: Log;
  /** Each call may issue links and apply for partnerships (network writes): a ceiling per minute, shared by instances on Redis. */
  callsPerMinute?: number;
  windows?: LimitWindows;
}

/** MCP requests are small JSON-RPC messages; anything bigger is refused before it is parsed. */
const MAX_BODY_BYTES = 64 * 1024;

/**
 * `POST /mcp`: the Streamable HTTP transport in its stateless form (no session id, JSON responses): every
 * request gets a fresh server and transport, so any instance can answer any call. GET (a server-to-client
 * event stream) and DELETE (ending a session) have no meaning without sessions and get 405.
 */
export function createMcpRoutes({ apiKey, tools, log, callsPerMinute = 120, windows }: McpRoutesOptions) {
  const agentTools = createAgentTools(tools);
  const app = new Hono();
  app.use('*', bearerAuth(apiKey, { realm: 'mcp', keyName: 'MCP_API_KEY' }));
  app.use('*', rateLimit({ limit: callsPerMinute, what: 'API key', name: 'mcp-key', windows, keyOf: () => 'mcp' }));
  app.post('/', async (c) => {
    const server = createMcpServer(agentTools, log);
    const transport = new WebStandardStreamableHTTPServerTransport({ sessionIdGenerator: undefined, enableJsonResponse: true, maxRequestBodySize: MAX_BODY_BYTES });
    await server.connect(transport);
    try {
      return await transport.handleRequest(c.req.raw);
    } finally {
      await server.close();
    }
  });
  app.on(['GET', 'DELETE'], '/', (c) => {
    c.header('Allow', 'POST');
    return jsonError(c, 405, 'method_not_allowed', 'This MCP server is stateless: send JSON-RPC messages with POST.');
  });
  return app;
}
