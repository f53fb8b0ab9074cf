import { connect } from 'node:net';
import { Hono } from 'hono';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type RunningServer, listen } from '../../src/http/listen.ts';

/**
 * A client that sends its request slowly (slowloris) is cut off by the server's request timeout instead
 * of holding the socket. The timeouts are made short here; the test waits for the server's answer.
 */
let server: RunningServer;
beforeAll(async () => {
  const app = new Hono();
  app.post('/echo', async (c) => c.text(await c.req.text()));
  server = await listen(app, { headersTimeoutMs: 300, requestTimeoutMs: 400, timeoutCheckMs: 100 });
});
afterAll(() => server.close());

/** Sends `head` and part of a body, never the rest; resolves with what the server wrote before closing. */
function stall(head: string): Promise<string> {
  return new Promise((resolve, reject) => {
    const socket = connect(server.port, '127.0.0.1', () => socket.write(head));
    let answer = '';
    socket.on('data', (chunk) => (answer += chunk.toString()));
    socket.on('close', () => resolve(answer));
    socket.on('error', reject);
  });
}

describe('server timeouts', () => {
  it('a body that never finishes gets 408 and the socket is closed', async () => {
    const answer = await stall('POST /echo HTTP/1.1\r\nHost: x\r\nContent-Type: text/plain\r\nContent-Length: 100\r\n\r\nabc');
    expect(answer).toMatch(/^HTTP\/1\.1 408/);
  });

  it('headers that never finish get 408 too', async () => {
    const answer = await stall('POST /echo HTTP/1.1\r\nHost: x\r\n');
    expect(answer).toMatch(/^HTTP\/1\.1 408/);
  });
});
