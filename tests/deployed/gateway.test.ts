/**
 * What API Gateway itself answers, black-box, on any stack: the public routes, the gateway responses
 * (401 without or with a bad token, an unknown route, 400 for a body outside the contract, 413 past
 * the payload limit) and CORS, on success and on errors. Only what AWS guarantees is asserted:
 * - an unknown route is MISSING_AUTHENTICATION_TOKEN, 403 by default; the spec maps it to a 404
 *   problem+json (https://docs.aws.amazon.com/apigateway/latest/developerguide/supported-gateway-response-types.html);
 * - a 400 for a body that breaks the schema may come from the gateway's validator or from the
 *   function: both are problem+json with `status: 400`;
 * - REQUEST_TOO_LARGE (413) cannot be customized (the REST notes of
 *   https://docs.aws.amazon.com/apigateway/latest/developerguide/api-gateway-known-issues.html), so
 *   only its status is checked, not a body or CORS header the spec cannot give it.
 */
import { createApiClient } from '../../api/client.js';
import { checked } from '../support/api-responses.js';
import { apiAs, type TestUser } from '../support/users.js';
import { useStackUnderTest } from './support/suite.js';

const suite = useStackUnderTest();
const url = (path: string) => `${suite.stack.baseUrl}${path}`;
let user: TestUser;
/** The Access-Control-Allow-Origin the stack's preflights answer: every other response must agree. */
let allowedOrigin: string | null;

beforeAll(async () => {
  user = await suite.users.create();
  const preflight = await fetch(url('/health'), {
    method: 'OPTIONS',
    headers: { Origin: 'https://app.example.test', 'Access-Control-Request-Method': 'GET' },
  });
  allowedOrigin = preflight.headers.get('access-control-allow-origin');
}, 60_000);

async function expectProblem(response: Response, status: number): Promise<void> {
  expect(response.status).toBe(status);
  expect(response.headers.get('content-type')).toMatch(/^application\/problem\+json/);
  expect(await response.json()).toMatchObject({ status });
}

describe('public routes', () => {
  it('GET /health answers 200', async () => {
    const { data, response } = await createApiClient(suite.stack.baseUrl).GET('/health');
    expect(response.status).toBe(200);
    expect(data).toEqual({ status: 'ok', version: expect.any(String) });
  });

  it('GET /openapi.json serves the published spec', async () => {
    const result = await createApiClient(suite.stack.baseUrl).GET('/openapi.json');
    expect(checked('getOpenApi', result).status).toBe(200);
    expect(Object.keys(result.data?.paths ?? {})).toEqual(
      expect.arrayContaining(['/health', '/auth/signup', '/users/{userId}', '/submit-job-request', '/jobs']),
    );
  });
});

describe('gateway responses', () => {
  it('an unknown route is 404 problem+json, with a token or without', async () => {
    await expectProblem(await fetch(url('/no/such/route')), 404);
    await expectProblem(
      await fetch(url('/no/such/route'), { headers: { Authorization: `Bearer ${user.idToken}` } }),
      404,
    );
  });

  it('an unknown method on a known path is the same 404', async () => {
    await expectProblem(await fetch(url('/health'), { method: 'DELETE' }), 404);
  });

  it('a secured route without a token is 401 problem+json', async () => {
    await expectProblem(await fetch(url('/users/me')), 401);
  });

  it.each([
    ['not a JWT', 'Bearer not-a-token'],
    ['a truncated JWT', () => `Bearer ${user.idToken.slice(0, -8)}`],
    ['a JWT without its signature', () => `Bearer ${user.idToken.split('.').slice(0, 2).join('.')}.`],
    ['no Bearer value', 'Bearer '],
  ])('a secured route with %s is 401 problem+json', async (_, header) => {
    const authorization = typeof header === 'string' ? header : header();
    await expectProblem(await fetch(url('/users/me'), { headers: { Authorization: authorization } }), 401);
  });

  it('a body that breaks the schema is 400 problem+json', async () => {
    const response = await fetch(url('/auth/login'), {
      method: 'POST',
      headers: { 'Content-Type': 'application/json' },
      body: JSON.stringify({ email: 'someone@example.test' }),
    });
    await expectProblem(response, 400);
  });

  it('a body that is not JSON is 400 problem+json', async () => {
    const response = await fetch(url('/auth/login'), {
      method: 'POST',
      headers: { 'Content-Type': 'application/json' },
      body: '{"email": ',
    });
    await expectProblem(response, 400);
  });

  it("a body over API Gateway's 10 MB payload limit is 413", async () => {
    const response = await fetch(url('/submit-job-request'), {
      method: 'POST',
      headers: { 'Content-Type': 'application/json', Authorization: `Bearer ${user.idToken}` },
      body: 'x'.repeat(10 * 1024 * 1024 + 1),
    });
    expect(response.status).toBe(413);
    await response.arrayBuffer();
  });
});

describe('CORS', () => {
  /** Each path's methods and header parameters, as the published contract (GET /openapi.json) declares them. */
  let contract: Map<string, { methods: string[]; headers: string[] }>;
  beforeAll(async () => {
    type Parameter = { in?: string; name?: string; $ref?: string };
    const spec = (await (await fetch(url('/openapi.json'))).json()) as {
      paths: Record<string, Record<string, { parameters?: Parameter[] }>>;
      components: { parameters: Record<string, Parameter> };
    };
    const resolve = (p: Parameter) =>
      p.$ref ? (spec.components.parameters[p.$ref.split('/').pop() as string] ?? {}) : p;
    contract = new Map(
      Object.entries(spec.paths).map(([path, item]) => {
        const methods = Object.keys(item).filter((k) =>
          ['get', 'put', 'post', 'delete', 'patch'].includes(k),
        );
        const headers = methods
          .flatMap((m) => item[m]?.parameters ?? [])
          .map(resolve)
          .filter((p) => p.in === 'header')
          .map((p) => String(p.name).toLowerCase());
        return [path, { methods: methods.map((m) => m.toUpperCase()), headers }];
      }),
    );
  });

  it.each([
    '/health',
    '/auth/login',
    '/users/me',
    '/users/{userId}',
    '/submit-job-request',
    '/job-status/{jobId}',
    '/jobs',
  ])('answers the preflight of %s with its own methods and headers', async (path) => {
    const { methods, headers: ownHeaders } = contract.get(path) ?? { methods: [], headers: [] };
    expect(methods.length).toBeGreaterThan(0);
    const response = await fetch(url(path.replace(/\{\w+\}/, 'x')), {
      method: 'OPTIONS',
      headers: {
        Origin: 'https://app.example.test',
        'Access-Control-Request-Method': methods[0] as string,
        'Access-Control-Request-Headers': ['authorization', 'content-type', ...ownHeaders].join(','),
      },
    });
    expect([200, 204]).toContain(response.status);
    expect(response.headers.get('access-control-allow-origin')).toBe(allowedOrigin);
    const allowed = (response.headers.get('access-control-allow-methods') ?? '')
      .split(',')
      .map((m) => m.trim());
    expect(allowed).toEqual(expect.arrayContaining(methods));
    const headers = (response.headers.get('access-control-allow-headers') ?? '').toLowerCase();
    for (const h of ['authorization', 'content-type', ...ownHeaders]) expect(headers).toContain(h);
  });

  it('the preflight allows an origin', () => {
    expect(allowedOrigin).toMatch(/^(\*|https?:\/\/\S+)$/);
  });

  it('puts the same Access-Control-Allow-Origin on successes', async () => {
    const health = await fetch(url('/health'), { headers: { Origin: 'https://app.example.test' } });
    const jobs = await apiAs(suite.stack, user).GET('/jobs', {
      headers: { Origin: 'https://app.example.test' },
    });
    expect([health.status, jobs.response.status]).toEqual([200, 200]);
    expect(health.headers.get('access-control-allow-origin')).toBe(allowedOrigin);
    expect(jobs.response.headers.get('access-control-allow-origin')).toBe(allowedOrigin);
  });

  it("puts it on the gateway's errors and the functions' errors alike", async () => {
    const headers = { Origin: 'https://app.example.test' };
    const responses = await Promise.all([
      fetch(url('/users/me'), { headers }), // 401 from the gateway
      fetch(url('/no/such/route'), { headers }), // 404 from the gateway
      fetch(url('/auth/login'), {
        method: 'POST',
        headers: { ...headers, 'Content-Type': 'application/json' },
        body: '{"email": ',
      }), // 400
      fetch(url('/users/no-such-user'), { headers: { ...headers, Authorization: `Bearer ${user.idToken}` } }), // 404 from the function
    ]);
    expect(responses.map((r) => r.status)).toEqual([401, 404, 400, 404]);
    expect(responses.map((r) => r.headers.get('access-control-allow-origin'))).toEqual(
      Array(4).fill(allowedOrigin),
    );
  });
});
