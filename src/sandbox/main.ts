import '../clean-env.ts';
import { loadConfig } from '../config.ts';
import { createSandbox } from './create-sandbox.ts';
import { listen } from '../http/listen.ts';

/** `npm run sandbox`: both networks, the merchant and the control API on SANDBOX_PORT. */
const config = loadConfig();
const sandbox = createSandbox();
const server = await listen(sandbox.app, { port: config.SANDBOX_PORT, hostname: '0.0.0.0' });
const base = `http://localhost:${server.port}`;
console.log(`Sandbox (AgentClick + Syndicate Links) listening on ${base}
  AgentClick API   POST ${base}/api/mcp.php
  Syndicate Links  ${base}/affiliate/keys, /v1/track/*, /v1/agent/commission, /mpp/*
  Merchant         ${base}/merchant/:programId
  Get a key        curl -s -X POST ${base}/_sandbox/accounts -H 'content-type: application/json' -d '{"network":"agentclick","role":"agent"}'`);

for (const signal of ['SIGINT', 'SIGTERM'] as const) {
  process.once(signal, () => void server.close().then(() => process.exit(0)));
}
