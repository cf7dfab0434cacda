/**
 * The shape `sam init` gives a TypeScript hello world (tests/fixtures/hello-world-ts): an esbuild
 * build, and an API that exists only as the function's Api events (the implicit ServerlessRestApi,
 * stage Prod), run through the package's bin on a free port. Also its path parameters ({name},
 * {proxy+} with ANY) and the CORS preflights SAM adds for Globals.Api Cors.
 */
import { fixture } from '../support/paths.js';
import { stackOutputs } from '../support/outputs.js';
import { startStack, type StackTarget } from '../../src/public/testing.js';

let stack: StackTarget;

beforeAll(async () => {
  stack = await startStack({ template: fixture('hello-world-ts', 'template.yaml') });
}, 90000);

afterAll(async () => {
  await stack?.stop();
});

const call = async (path: string, init: RequestInit = {}) => {
  const response = await fetch(`${stack.baseUrl}${path}`, init);
  return {
    status: response.status,
    headers: response.headers,
    body: (await response.json()) as Record<string, unknown>,
  };
};

describe('the implicit API of a TypeScript hello world', () => {
  it('serves GET /hello from the Api event, on the stage SAM gives the implicit API (Prod)', async () => {
    const { status, body } = await call('/hello');
    expect(status).toBe(200);
    expect(body).toEqual({
      message: 'hello world',
      resource: '/hello',
      method: 'GET',
      pathParameters: null,
      stage: 'Prod',
    });
  });

  it('passes a {name} path parameter, and the greedy {proxy+} of an ANY event for every method', async () => {
    expect((await call('/hello/ann')).body).toMatchObject({
      resource: '/hello/{name}',
      pathParameters: { name: 'ann' },
    });
    for (const method of ['PUT', 'DELETE', 'PATCH']) {
      const { status, body } = await call('/files/reports/2026/q1.csv', { method });
      expect(status).toBe(200);
      expect(body).toMatchObject({
        resource: '/files/{proxy+}',
        method,
        pathParameters: { proxy: 'reports/2026/q1.csv' },
      });
    }
  });

  it('answers a path or method no event declares as API Gateway does: 403 Missing Authentication Token', async () => {
    expect(await call('/goodbye')).toMatchObject({
      status: 403,
      body: { message: 'Missing Authentication Token' },
    });
    expect(await call('/hello', { method: 'POST' })).toMatchObject({ status: 403 });
  });

  it('answers CORS preflights from Globals.Api Cors: the origin given, AllowMethods the path methods plus OPTIONS (all for ANY)', async () => {
    const hello = await fetch(`${stack.baseUrl}/hello`, { method: 'OPTIONS' });
    expect(hello.status).toBe(200);
    expect(hello.headers.get('access-control-allow-origin')).toBe('*');
    expect(hello.headers.get('access-control-allow-methods')).toBe('GET,OPTIONS');
    // No AllowCredentials given: SAM writes no Access-Control-Allow-Credentials header.
    expect(hello.headers.get('access-control-allow-credentials')).toBeNull();
    const files = await fetch(`${stack.baseUrl}/files/x`, { method: 'OPTIONS' });
    expect(files.headers.get('access-control-allow-methods')).toBe('DELETE,GET,HEAD,OPTIONS,PATCH,POST,PUT');
  });

  it("resolves the outputs sam init writes: the ServerlessRestApi Prod URL, the function's ARN and its generated role", async () => {
    const outputs = await stackOutputs(stack.dataDir);
    expect(outputs.HelloWorldApi).toBe(`${stack.baseUrl}/hello/`);
    expect(outputs.HelloWorldFunction).toMatch(
      /^arn:aws:lambda:us-east-1:\d{12}:function:hello-world-ts-HelloWorldFunction$/,
    );
    expect(outputs.HelloWorldFunctionIamRole).toMatch(
      /^arn:aws:iam::\d{12}:role\/hello-world-ts-HelloWorldFunctionRole$/,
    );
    const hello = await fetch(outputs.HelloWorldApi as string);
    expect(hello.status).toBe(200);
  });
});
