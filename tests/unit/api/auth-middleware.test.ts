/**
 * The generated client's auth middleware (api/auth-middleware.ts, wired by createApiClient): the
 * token goes only to secured operations, and a 401 is refreshed once and retried once, with the
 * request's own body.
 */
import { createApiClient, type TokenProvider } from '../../../api/client.js';
import { fakeFetch, problem } from './fake-fetch.js';

const BASE = 'https://api.example.test/dev';

function tokens(current: string, fresh: (string | undefined)[] = []) {
  let token = current;
  const provider = {
    refreshes: 0,
    token: () => token,
    refresh: async () => {
      provider.refreshes += 1;
      await Promise.resolve();
      const next = fresh.shift();
      if (next !== undefined) token = next;
      return next;
    },
  } satisfies TokenProvider & { refreshes: number };
  return provider;
}

const job = { jobId: 'j1', jobStatus: 'queued', statusUrl: `${BASE}/job-status/j1` };

describe('auth middleware', () => {
  it('sends the token to secured operations only', async () => {
    const { fetch, sent } = fakeFetch([
      { status: 200, body: { items: [] } },
      {
        status: 200,
        body: { idToken: 'i', accessToken: 'a', refreshToken: 'r', expiresIn: 3600, tokenType: 'Bearer' },
      },
    ]);
    const api = createApiClient(BASE, { fetch, tokens: tokens('id-1') });
    await api.GET('/jobs');
    await api.POST('/auth/login', { body: { email: 'a@example.test', password: 'x' } });
    expect(sent.map((s) => [s.url, s.authorization])).toEqual([
      [`${BASE}/jobs`, 'Bearer id-1'],
      [`${BASE}/auth/login`, null],
    ]);
  });

  it('on a 401 refreshes once and sends the same request again with the new token', async () => {
    const { fetch, sent } = fakeFetch([
      { status: 401, body: problem(401, 'Unauthorized') },
      { status: 202, body: job },
    ]);
    const provider = tokens('expired', ['fresh']);
    const api = createApiClient(BASE, { fetch, tokens: provider });
    const body = { jobType: 'echo' as const, payload: { hello: 'world' } };
    const { data, response } = await api.POST('/submit-job-request', { body });
    expect(response.status).toBe(202);
    expect(data).toEqual(job);
    expect(provider.refreshes).toBe(1);
    expect(sent.map((s) => [s.method, s.authorization, s.body])).toEqual([
      ['POST', 'Bearer expired', JSON.stringify(body)],
      ['POST', 'Bearer fresh', JSON.stringify(body)],
    ]);
  });

  it('retries only once: a second 401 is the answer', async () => {
    const { fetch, sent } = fakeFetch(() => ({ status: 401, body: problem(401, 'Unauthorized') }));
    const provider = tokens('a', ['b', 'c']);
    const api = createApiClient(BASE, { fetch, tokens: provider });
    const { error, response } = await api.GET('/users/me');
    expect(response.status).toBe(401);
    expect(error).toEqual(problem(401, 'Unauthorized'));
    expect(provider.refreshes).toBe(1);
    expect(sent).toHaveLength(2);
  });

  it('keeps the 401 when no fresh token can be had (refresh gives none, or fails)', async () => {
    for (const refresh of [
      () => Promise.resolve(undefined),
      () => Promise.reject(new Error('refresh token expired')),
    ]) {
      const { fetch, sent } = fakeFetch(() => ({ status: 401, body: problem(401, 'Unauthorized') }));
      const api = createApiClient(BASE, { fetch, tokens: { token: () => 'old', refresh } });
      const { response } = await api.GET('/jobs');
      expect(response.status).toBe(401);
      expect(sent).toHaveLength(1);
    }
  });

  it('never refreshes on a public operation (a wrong password is a 401 too)', async () => {
    const { fetch, sent } = fakeFetch([{ status: 401, body: problem(401, 'Unauthorized') }]);
    const provider = tokens('id-1', ['fresh']);
    const api = createApiClient(BASE, { fetch, tokens: provider });
    const { response } = await api.POST('/auth/login', { body: { email: 'a@example.test', password: 'no' } });
    expect(response.status).toBe(401);
    expect(provider.refreshes).toBe(0);
    expect(sent).toHaveLength(1);
  });

  it('concurrent 401s share one refresh', async () => {
    const { fetch, sent } = fakeFetch((s) =>
      s.authorization === 'Bearer fresh'
        ? {
            status: 200,
            body: { jobId: 'j', jobType: 'echo', jobStatus: 'complete', createdAt: 'x', updatedAt: 'x' },
          }
        : { status: 401, body: problem(401, 'Unauthorized') },
    );
    const provider = tokens('old', ['fresh']);
    const api = createApiClient(BASE, { fetch, tokens: provider });
    const results = await Promise.all(
      ['a', 'b', 'c'].map((jobId) => api.GET('/job-status/{jobId}', { params: { path: { jobId } } })),
    );
    expect(results.map((r) => r.response.status)).toEqual([200, 200, 200]);
    expect(provider.refreshes).toBe(1);
    expect(sent.filter((s) => s.authorization === 'Bearer fresh')).toHaveLength(3);
  });

  it('sends no header while there is no token', async () => {
    const { fetch, sent } = fakeFetch([{ status: 401, body: problem(401, 'Unauthorized') }]);
    const api = createApiClient(BASE, {
      fetch,
      tokens: { token: () => undefined, refresh: () => Promise.resolve(undefined) },
    });
    await api.GET('/jobs');
    expect(sent[0]?.authorization).toBeNull();
  });
});
