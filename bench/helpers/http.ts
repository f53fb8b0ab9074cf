import { Agent, request } from 'node:http';
import { createServer } from 'node:net';

export interface HttpAnswer {
  status: number;
  body: string;
}

/** A small keep-alive HTTP client (node:http): far less client-side work per request than fetch, so it dilutes the ratios less. */
export function httpClient({ sockets = 1 }: { sockets?: number } = {}) {
  const agent = new Agent({ keepAlive: true, maxSockets: sockets });
  return {
    post(url: string, json: unknown, headers: Record<string, string> = {}): Promise<HttpAnswer> {
      const body = JSON.stringify(json);
      return new Promise((resolve, reject) => {
        const req = request(url, { method: 'POST', agent, headers: { 'content-type': 'application/json', 'content-length': String(Buffer.byteLength(body)), ...headers } }, (res) => {
          const chunks: Buffer[] = [];
          res.on('data', (chunk: Buffer) => chunks.push(chunk));
          res.on('end', () => resolve({ status: res.statusCode ?? 0, body: Buffer.concat(chunks).toString('utf8') }));
          res.on('error', reject);
        });
        req.on('error', reject);
        req.end(body);
      });
    },
    close: () => agent.destroy(),
  };
}

export type HttpClient = ReturnType<typeof httpClient>;

/** The reply of `POST /api/chat`, checked: a benchmark of error answers would measure nothing. */
export function chatReply(answer: HttpAnswer): { sessionId: string; reply: string; links: unknown[] } {
  if (answer.status !== 200) throw new Error(`/api/chat answered ${answer.status}: ${answer.body.slice(0, 300)}`);
  return JSON.parse(answer.body) as { sessionId: string; reply: string; links: unknown[] };
}

/** A distinct client address per simulated user (sent as X-Forwarded-For; the bot runs with TRUST_PROXY=true). */
export function userAddress(n: number): string {
  return `10.${(n >>> 16) & 255}.${(n >>> 8) & 255}.${n & 255}`;
}

export function percentile(sorted: readonly number[], p: number): number {
  if (sorted.length === 0) return Number.NaN;
  const index = Math.min(sorted.length - 1, Math.max(0, Math.ceil((p / 100) * sorted.length) - 1));
  return sorted[index] ?? Number.NaN;
}

export function median(values: readonly number[]): number {
  return percentile([...values].sort((a, b) => a - b), 50);
}

/** A free TCP port on 127.0.0.1 (asked from the OS, then released). */
export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      const port = typeof address === 'object' && address ? address.port : 0;
      server.close(() => resolve(port));
    });
  });
}

export const sleep = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));
