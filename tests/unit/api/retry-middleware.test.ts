/**
 * The generated client's retry middleware (api/retry-middleware.ts): 429 and 503 are retried after
 * Retry-After (seconds or a date) or a jittered backoff, a bounded number of times, and only for
 * requests that are safe to repeat. The clock and the waits are fakes: no test waits for real.
 */
import { createApiClient, retryAfterMs, type RetryOptions } from '../../../api/client.js';
import { fakeFetch, problem, type Answer } from './fake-fetch.js';

const BASE = 'https://api.example.test';
const NOW = Date.parse('2026-01-01T00:00:00Z');

function fakeClock(options: RetryOptions = {}) {
  const waits: number[] = [];
  return {
    waits,
    retry: {
      sleep: (ms: number) => {
        waits.push(ms);
        return Promise.resolve();
      },
      random: () => 0.5,
      now: () => NOW,
      ...options,
    } satisfies RetryOptions,
  };
}

const busy = (status: number, retryAfter?: string): Answer => ({
  status,
  headers: retryAfter === undefined ? {} : { 'Retry-After': retryAfter },
  body: problem(status, status === 429 ? 'Too Many Requests' : 'Service Unavailable'),
});
const tokens = { token: () => 't', refresh: () => Promise.resolve(undefined) };
const accepted = {
  status: 202,
  body: { jobId: 'j1', jobStatus: 'queued', statusUrl: `${BASE}/job-status/j1` },
};

describe('retry middleware', () => {
  it('waits what Retry-After says (seconds), then answers with the retry', async () => {
    const { fetch, sent } = fakeFetch([busy(503, '2'), { status: 200, body: { items: [] } }]);
    const clock = fakeClock();
    const api = createApiClient(BASE, { fetch, tokens, retry: clock.retry });
    const { data, response } = await api.GET('/jobs');
    expect(response.status).toBe(200);
    expect(data).toEqual({ items: [] });
    expect(clock.waits).toEqual([2000]);
    expect(sent).toHaveLength(2);
  });

  it('reads a Retry-After date against the clock', async () => {
    const { fetch } = fakeFetch([
      busy(429, new Date(NOW + 3000).toUTCString()),
      { status: 200, body: { items: [] } },
    ]);
    const clock = fakeClock();
    await createApiClient(BASE, { fetch, tokens, retry: clock.retry }).GET('/jobs');
    expect(clock.waits).toEqual([3000]);
  });

  it('without Retry-After backs off exponentially with jitter, and stops after maxAttempts', async () => {
    const { fetch, sent } = fakeFetch(() => busy(429));
    const clock = fakeClock({ maxAttempts: 4, baseDelayMs: 100 });
    const { response, error } = await createApiClient(BASE, { fetch, tokens, retry: clock.retry }).GET(
      '/jobs',
    );
    expect(response.status).toBe(429);
    expect(error).toMatchObject({ status: 429 });
    expect(sent).toHaveLength(4);
    expect(clock.waits).toEqual([50, 100, 200]);
  });

  it('does not wait longer than maxDelayMs: the 503 is the answer', async () => {
    const { fetch, sent } = fakeFetch([busy(503, '120')]);
    const clock = fakeClock({ maxDelayMs: 10_000 });
    const { response } = await createApiClient(BASE, { fetch, tokens, retry: clock.retry }).GET('/jobs');
    expect(response.status).toBe(503);
    expect(sent).toHaveLength(1);
    expect(clock.waits).toEqual([]);
  });

  it('never repeats a POST without an Idempotency-Key', async () => {
    const { fetch, sent } = fakeFetch([busy(503, '1')]);
    const clock = fakeClock();
    const { response } = await createApiClient(BASE, { fetch, tokens, retry: clock.retry }).POST(
      '/submit-job-request',
      { body: { jobType: 'echo', payload: {} } },
    );
    expect(response.status).toBe(503);
    expect(sent).toHaveLength(1);
    expect(clock.waits).toEqual([]);
  });

  it('repeats a POST that carries an Idempotency-Key, with the same key and body', async () => {
    const { fetch, sent } = fakeFetch([busy(503, '1'), accepted]);
    const clock = fakeClock();
    const body = { jobType: 'echo' as const, payload: { n: 1 } };
    const { response } = await createApiClient(BASE, { fetch, tokens, retry: clock.retry }).POST(
      '/submit-job-request',
      { body, params: { header: { 'Idempotency-Key': 'order-42' } } },
    );
    expect(response.status).toBe(202);
    expect(sent.map((s) => [s.idempotencyKey, s.body, s.authorization])).toEqual([
      ['order-42', JSON.stringify(body), 'Bearer t'],
      ['order-42', JSON.stringify(body), 'Bearer t'],
    ]);
  });

  it('leaves other failures alone (500, 400) and can be turned off', async () => {
    for (const status of [500, 400]) {
      const { fetch, sent } = fakeFetch([busy(status, '1')]);
      await createApiClient(BASE, { fetch, tokens, retry: fakeClock().retry }).GET('/jobs');
      expect(sent).toHaveLength(1);
    }
    const { fetch, sent } = fakeFetch([busy(503, '0')]);
    await createApiClient(BASE, { fetch, tokens, retry: false }).GET('/jobs');
    expect(sent).toHaveLength(1);
  });

  it('a token that expired while waiting is refreshed by the auth middleware', async () => {
    const { fetch, sent } = fakeFetch([
      busy(503, '0'),
      { status: 401, body: problem(401, 'Unauthorized') },
      { status: 200, body: { items: [] } },
    ]);
    const refreshing = { token: () => 'old', refresh: () => Promise.resolve('new') };
    const { response } = await createApiClient(BASE, {
      fetch,
      tokens: refreshing,
      retry: fakeClock().retry,
    }).GET('/jobs');
    expect(response.status).toBe(200);
    expect(sent.map((s) => s.authorization)).toEqual(['Bearer old', 'Bearer old', 'Bearer new']);
  });
});

describe('retryAfterMs', () => {
  it.each([
    ['0', 0],
    ['5', 5000],
    [' 7 ', 7000],
    [new Date(NOW + 1500).toUTCString(), 1000], // HTTP dates have whole seconds
    [new Date(NOW - 60_000).toUTCString(), 0],
    ['soon', undefined],
    ['-1', undefined],
    [null, undefined],
  ])('%s -> %s', (value, ms) => {
    expect(retryAfterMs(value, NOW)).toBe(ms);
  });
});
