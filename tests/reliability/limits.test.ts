/**
 * Limits: oversized bodies, deeply nested JSON, huge headers and slow clients get a clear 4xx (or
 * are cut off) and the server keeps serving everyone else.
 */
import { connect } from 'node:net';
import { startStack, type StackTarget } from '../support/stack.js';
import { signUpConfirmAndLogin } from '../support/users.js';
import { problemViolation, send } from './http.js';
import { record } from './report.js';

describe('limits', () => {
  let stack: StackTarget;
  let auth: Record<string, string>;
  const counts = { oversized: 0, deepJson: 0, hugeHeaders: 0, slowClients: 0, fiveXX: 0 };

  beforeAll(async () => {
    stack = await startStack();
    auth = { authorization: `Bearer ${(await signUpConfirmAndLogin(stack)).idToken}` };
  }, 120_000);

  afterAll(async () => {
    record('limits', counts);
    await stack?.stop();
  });

  const healthy = async () => expect((await send(stack.baseUrl, 'GET', '/health')).status).toBe(200);

  // The body is API Gateway's own: customizing REQUEST_TOO_LARGE is not supported
  // (https://docs.aws.amazon.com/apigateway/latest/developerguide/api-gateway-known-issues.html).
  it("refuses a body over the 10 MB API Gateway limit with API Gateway's own 413", async () => {
    const body = JSON.stringify({ jobType: 'echo', payload: { blob: 'x'.repeat(10 * 1024 * 1024 + 10) } });
    const r = await send(stack.baseUrl, 'POST', '/submit-job-request', { body, headers: auth });
    counts.oversized++;
    expect(r.status).toBe(413);
    expect(r.json).toEqual({ message: 'Request Too Long' });
    await healthy();
  });

  it('refuses a job payload over 256 KiB with 413 naming the limit', async () => {
    const body = JSON.stringify({ jobType: 'echo', payload: { blob: 'x'.repeat(256 * 1024 + 1) } });
    const r = await send(stack.baseUrl, 'POST', '/submit-job-request', { body, headers: auth });
    counts.oversized++;
    expect(r.status).toBe(413);
    expect(problemViolation(r)).toBeUndefined();
    expect(JSON.stringify(r.json)).toMatch(/256 ?KiB/);
  });

  it('refuses JSON nested over 64 levels with 400 problem+json, never a crash', async () => {
    for (const depth of [1_000, 50_000]) {
      const deep = '{"a":'.repeat(depth) + '1' + '}'.repeat(depth);
      const body = `{"jobType":"echo","payload":${deep}}`;
      const r = await send(stack.baseUrl, 'POST', '/submit-job-request', { body, headers: auth });
      counts.deepJson++;
      if (r.status >= 500) counts.fiveXX++;
      expect(r.status).toBe(400);
      expect(problemViolation(r)).toBeUndefined();
    }
    await healthy();
  });

  it('refuses huge headers with a 4xx and stays up', async () => {
    const r = await fetch(`${stack.baseUrl}/health`, { headers: { 'x-big': 'y'.repeat(64 * 1024) } }).catch(
      () => undefined,
    );
    counts.hugeHeaders++;
    if (r) expect(r.status).toBeGreaterThanOrEqual(400);
    if (r && r.status >= 500) counts.fiveXX++;
    const token = await send(stack.baseUrl, 'GET', '/users/me', {
      headers: { authorization: `Bearer ${'a'.repeat(20_000)}` },
    });
    counts.hugeHeaders++;
    expect(token.status).toBeGreaterThanOrEqual(400);
    expect(token.status).toBeLessThan(500);
    await healthy();
  });

  it('keeps serving others while slow clients trickle their requests', async () => {
    const { port, hostname } = new URL(stack.baseUrl);
    const sockets = Array.from({ length: 20 }, () => {
      const s = connect(Number(port), hostname);
      s.on('error', () => undefined);
      s.write('POST /submit-job-request HTTP/1.1\r\nHost: x\r\nContent-Length: 100000\r\n');
      return s;
    });
    counts.slowClients += sockets.length;
    const trickle = setInterval(() => sockets.forEach((s) => s.writable && s.write('X-Slow: 1\r\n')), 200);
    try {
      for (let i = 0; i < 10; i++) await healthy();
    } finally {
      clearInterval(trickle);
      sockets.forEach((s) => s.destroy());
    }
    await healthy();
  });
});
