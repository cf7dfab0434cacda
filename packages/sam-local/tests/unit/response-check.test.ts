/**
 * Response validation while developing (src/apigw/response-check.ts): API Gateway does not
 * validate responses, so by default a function's response that its operation's schema refuses is
 * sent as returned, with one warning line naming the operation, the status and the failing JSON
 * pointer; with --strict-responses it is a 502 (the definition's DEFAULT_5XX). Over HTTP, with fake
 * functions, and the schema rules alone.
 */
import { Authorizers } from '../../src/apigw/authorizer.js';
import { compileDefinition } from '../../src/apigw/definition.js';
import { GatewayResponses } from '../../src/apigw/gateway-responses.js';
import { compileResponseChecks, formatMismatch, responseChecker } from '../../src/apigw/response-check.js';
import { startGateway, type RunningGateway } from '../../src/apigw/server.js';
import type { InvokeOutcome } from '../../src/lambda/function.js';
import type { IntrinsicContext } from '../../src/sam/intrinsics.js';
import type { JsonObject } from '../../src/sam/template.js';

const ctx: IntrinsicContext = { parameters: {}, resources: {} };
const proxy = {
  type: 'aws_proxy',
  httpMethod: 'POST',
  uri: { 'Fn::Sub': 'arn:aws:apigateway:us-east-1:lambda:path/2015-03-31/functions/${Fn.Arn}/invocations' },
};
const json = (ref: string) => ({ content: { 'application/json': { schema: { $ref: ref } } } });

const definition: JsonObject = {
  openapi: '3.0.3',
  info: { title: 'responses', version: '1' },
  paths: {
    '/items/{id}': {
      get: {
        operationId: 'getItem',
        security: [],
        responses: {
          '200': { description: 'the item', ...json('#/components/schemas/Item') },
          '4XX': { $ref: '#/components/responses/Problem' },
          '500': { description: 'no schema' },
        },
        'x-amazon-apigateway-integration': proxy,
      },
    },
    '/free': {
      get: {
        security: [],
        responses: { '200': { description: 'anything' } },
        'x-amazon-apigateway-integration': proxy,
      },
    },
  },
  components: {
    responses: {
      Problem: {
        description: 'a problem',
        content: { 'application/problem+json': { schema: { $ref: '#/components/schemas/Problem' } } },
      },
    },
    schemas: {
      Item: {
        type: 'object',
        required: ['id', 'count'],
        additionalProperties: false,
        properties: {
          id: { type: 'string', format: 'uuid' },
          count: { type: 'integer', minimum: 0 },
          note: { type: 'string', nullable: true },
        },
      },
      Problem: {
        type: 'object',
        required: ['title', 'status'],
        properties: { title: { type: 'string' }, status: { type: 'integer' } },
      },
    },
  },
  'x-amazon-apigateway-gateway-responses': {
    DEFAULT_5XX: {
      responseParameters: { 'gatewayresponse.header.Content-Type': "'application/problem+json'" },
      responseTemplates: {
        'application/json': '{"title":"Bad Gateway","status":502,"detail":$context.error.messageString}',
      },
    },
  },
};

const ID = '0d9c5b7e-4a7f-4b8e-9a53-2d1c8b3f6e10';
const response = (status: number, body: unknown, type = 'application/json') => ({
  status,
  headers: { 'Content-Type': type },
  body: JSON.stringify(body),
});

describe('the checks', () => {
  const check = responseChecker(definition);
  const getItem = { method: 'GET', resourcePath: '/items/{id}' };

  it('passes a response its schema accepts (nullable honoured, as OpenAPI says)', () => {
    expect(check(getItem, response(200, { id: ID, count: 1, note: null }))).toBeUndefined();
  });

  it('names the operation, the status and the failing pointer, in one line', () => {
    const line = check(getItem, response(200, { id: ID, count: 'three' }));
    expect(line).toBe(
      'response of getItem (GET /items/{id}) 200 does not match its schema at /count: must be integer',
    );
    expect(line).not.toContain('\n');
    expect(check(getItem, response(200, { id: ID }))).toMatch(
      / 200 does not match its schema at \/count: is required$/,
    );
    expect(check(getItem, response(200, { id: ID, count: 1, extra: true }))).toMatch(
      /at \/extra: is not allowed$/,
    );
    expect(check(getItem, response(200, { id: 'not-a-uuid', count: 1 }))).toMatch(
      /at \/id: must match format "uuid"$/,
    );
  });

  it('finds the schema by status range and through a $ref to components/responses', () => {
    const problem = (body: unknown) => response(404, body, 'application/problem+json');
    expect(check(getItem, problem({ title: 'Not Found', status: 404 }))).toBeUndefined();
    expect(check(getItem, problem({ title: 'Not Found' }))).toMatch(
      /getItem \(GET \/items\/\{id\}\) 404 .* at \/status: is required$/,
    );
  });

  it('refuses a Content-Type the status does not declare, and a body that is not JSON', () => {
    expect(check(getItem, response(200, { id: ID, count: 1 }, 'text/html'))).toMatch(
      /200 does not match its schema at \/: Content-Type text\/html is not one it declares \(application\/json\)$/,
    );
    expect(
      check(getItem, { status: 200, headers: { 'content-type': 'application/json' }, body: '<html>' }),
    ).toMatch(/at \/: the body is not JSON$/);
  });

  it('skips a status without a schema, an operation without any, and a binary body', () => {
    expect(check(getItem, response(500, { anything: true }))).toBeUndefined();
    expect(check({ method: 'GET', resourcePath: '/free' }, response(200, [1, 2]))).toBeUndefined();
    expect(
      check(getItem, {
        status: 200,
        headers: { 'Content-Type': 'application/json' },
        body: Buffer.from('x'),
      }),
    ).toBeUndefined();
  });

  it('keys the checks as the gateway keys its routes', () => {
    const checks = compileResponseChecks(definition);
    expect([...checks.keys()].sort()).toEqual(['GET /free', 'GET /items/{id}']);
    const mismatch = checks.get('GET /items/{id}')?.(response(200, {}));
    expect(mismatch && formatMismatch(mismatch)).toMatch(/at \/id: is required$/);
  });
});

describe('over HTTP', () => {
  let result: unknown;
  const invoke = (): Promise<InvokeOutcome> => Promise.resolve({ ok: true, durationMs: 1, result });
  const gateways: RunningGateway[] = [];
  const start = async (strictResponses: boolean, errors: string[]) => {
    const compiled = compileDefinition(definition, new Set(['Fn']), ctx);
    const gateway = await startGateway(
      {
        definition: compiled,
        responses: new GatewayResponses(compiled.gatewayResponses, ctx),
        api: { apiId: 'abc1234567', stage: 'test', accountId: '123456789012', binaryMediaTypes: [] },
        region: 'us-east-1',
        authorizers: new Authorizers(invoke),
        invoke,
        checkResponse: responseChecker(definition),
        strictResponses,
        logRequest: () => undefined,
        logError: (l) => errors.push(l),
      },
      0,
    );
    gateways.push(gateway);
    return gateway;
  };
  afterAll(() => Promise.all(gateways.map((g) => g.close())));

  const wrongShape = {
    statusCode: 200,
    headers: { 'Content-Type': 'application/json' },
    body: '{"id":7,"count":1}',
  };

  it('by default sends the response as the function returned it, with one warning line', async () => {
    const errors: string[] = [];
    const gateway = await start(false, errors);
    result = wrongShape;
    const answer = await fetch(`${gateway.url}/items/${ID}`);
    expect(answer.status).toBe(200);
    expect(await answer.text()).toBe('{"id":7,"count":1}');
    expect(errors).toEqual([
      'warning: Fn: response of getItem (GET /items/{id}) 200 does not match its schema at /id: must be string',
    ]);
  });

  it('with --strict-responses answers 502 through DEFAULT_5XX, and still lets a matching response through', async () => {
    const errors: string[] = [];
    const gateway = await start(true, errors);
    result = wrongShape;
    const refused = await fetch(`${gateway.url}/items/${ID}`);
    expect(refused.status).toBe(502);
    expect(refused.headers.get('content-type')).toBe('application/problem+json');
    expect(await refused.json()).toEqual({
      title: 'Bad Gateway',
      status: 502,
      detail: 'Response does not match the API definition (--strict-responses)',
    });
    expect(errors).toHaveLength(1);
    result = {
      statusCode: 200,
      headers: { 'Content-Type': 'application/json' },
      body: JSON.stringify({ id: ID, count: 2 }),
    };
    const passed = await fetch(`${gateway.url}/items/${ID}`);
    expect(passed.status).toBe(200);
    expect(await passed.json()).toEqual({ id: ID, count: 2 });
    expect(errors).toHaveLength(1);
  });
});
