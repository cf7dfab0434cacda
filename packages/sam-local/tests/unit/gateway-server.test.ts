/**
 * The local gateway applies what API Gateway applies to an imported definition, not what OpenAPI
 * says: security from the operation only, models without the keywords API Gateway does not
 * support, gateway responses by plain substitution. Over HTTP, on a fixture definition, with fake
 * functions (no workers, no emulators).
 */
import { Authorizers } from '../../src/apigw/authorizer.js';
import { compileDefinition } from '../../src/apigw/definition.js';
import { GatewayResponses } from '../../src/apigw/gateway-responses.js';
import { startGateway, type RunningGateway } from '../../src/apigw/server.js';
import type { InvokeOutcome } from '../../src/lambda/function.js';
import type { IntrinsicContext } from '../../src/sam/intrinsics.js';
import type { JsonObject } from '../../src/sam/template.js';

const ctx: IntrinsicContext = { parameters: {}, resources: {} };
const uri = (fn: string) => ({
  'Fn::Sub': `arn:\${AWS::Partition}:apigateway:\${AWS::Region}:lambda:path/2015-03-31/functions/\${${fn}.Arn}/invocations`,
});
const proxy = { type: 'aws_proxy', httpMethod: 'POST', uri: uri('Fn') };
const ok = { '200': { description: 'ok' } };

const definition: JsonObject = {
  openapi: '3.0.3',
  info: { title: 'gateway fixture', version: '1' },
  // Ignored by API Gateway: GET /open has no security of its own, so it runs no authorizer.
  security: [{ Auth: [] }],
  'x-amazon-apigateway-request-validators': {
    all: { validateRequestBody: true, validateRequestParameters: true },
  },
  paths: {
    '/open': { get: { responses: ok, 'x-amazon-apigateway-integration': proxy } },
    '/secured': {
      get: { security: [{ Auth: [] }], responses: ok, 'x-amazon-apigateway-integration': proxy },
    },
    '/items': {
      post: {
        security: [],
        'x-amazon-apigateway-request-validator': 'all',
        requestBody: {
          required: true,
          content: { 'application/json': { schema: { $ref: '#/components/schemas/Item' } } },
        },
        responses: ok,
        'x-amazon-apigateway-integration': proxy,
      },
    },
  },
  components: {
    securitySchemes: {
      Auth: {
        type: 'apiKey',
        name: 'Authorization',
        in: 'header',
        'x-amazon-apigateway-authtype': 'custom',
        'x-amazon-apigateway-authorizer': {
          type: 'token',
          authorizerUri: uri('AuthFn'),
          authorizerResultTtlInSeconds: 0,
        },
      },
    },
    schemas: {
      Item: {
        type: 'object',
        required: ['name'],
        properties: {
          name: { type: 'string', nullable: true, example: 'x' },
          count: { type: 'integer', minimum: 1, exclusiveMinimum: true, default: 5 },
          email: { type: 'string', format: 'email' },
        },
      },
    },
  },
  'x-amazon-apigateway-gateway-responses': {
    BAD_REQUEST_BODY: {
      statusCode: 400,
      responseTemplates: {
        'application/json':
          '{"detail":$context.error.messageString,"why":"$context.error.validationErrorString","path":"$context.resourcePath"}',
      },
    },
    REQUEST_TOO_LARGE: {
      statusCode: 400,
      responseParameters: { 'gatewayresponse.header.X-Custom': "'yes'" },
      responseTemplates: { 'application/json': '{"custom":true}' },
    },
  },
};

let gateway: RunningGateway;
const invoked: string[] = [];

function invoke(functionId: string, event: unknown): Promise<InvokeOutcome> {
  invoked.push(functionId);
  if (functionId === 'AuthFn')
    return Promise.resolve({
      ok: true,
      durationMs: 1,
      result: {
        principalId: 'user-1',
        policyDocument: {
          Version: '2012-10-17',
          Statement: [{ Effect: 'Allow', Action: 'execute-api:Invoke', Resource: '*' }],
        },
      },
    });
  const { requestContext } = event as { requestContext: { authorizer: unknown } };
  return Promise.resolve({
    ok: true,
    durationMs: 1,
    result: { statusCode: 200, body: JSON.stringify({ authorizer: requestContext.authorizer }) },
  });
}

beforeAll(async () => {
  const compiled = compileDefinition(definition, new Set(['Fn', 'AuthFn']), ctx);
  gateway = await startGateway(
    {
      definition: compiled,
      responses: new GatewayResponses(compiled.gatewayResponses, ctx),
      api: { apiId: 'abc1234567', stage: 'test', accountId: '123456789012', binaryMediaTypes: [] },
      region: 'us-east-1',
      authorizers: new Authorizers(invoke),
      invoke,
      logRequest: () => undefined,
      logError: () => undefined,
    },
    0,
  );
});

afterAll(async () => {
  await gateway?.close();
});

beforeEach(() => {
  invoked.length = 0;
});

const post = (body: string) =>
  fetch(`${gateway.url}/items`, { method: 'POST', headers: { 'content-type': 'application/json' }, body });

describe('security, as API Gateway imports it', () => {
  it('serves an operation without its own security without running the authorizer, whatever the root says', async () => {
    const response = await fetch(`${gateway.url}/open`);
    expect(response.status).toBe(200);
    expect(await response.json()).toEqual({ authorizer: null });
    expect(invoked).toEqual(['Fn']);
  });

  it("runs the authorizer on an operation's own security", async () => {
    expect((await fetch(`${gateway.url}/secured`)).status).toBe(401);
    const response = await fetch(`${gateway.url}/secured`, { headers: { Authorization: 'Bearer token' } });
    expect(response.status).toBe(200);
    expect(await response.json()).toMatchObject({ authorizer: { principalId: 'user-1' } });
    expect(invoked).toEqual(['AuthFn', 'Fn']);
  });
});

describe('body validation with the model API Gateway imports', () => {
  it('refuses null where only `nullable` allowed it (API Gateway does not support nullable)', async () => {
    const response = await post('{"name":null}');
    expect(response.status).toBe(400);
    expect(invoked).toEqual([]);
  });

  it('treats the minimum as inclusive (exclusiveMinimum is not supported) and still enforces it', async () => {
    expect((await post('{"name":"a","count":1}')).status).toBe(200);
    expect((await post('{"name":"a","count":0}')).status).toBe(400);
  });

  it('leaves format unenforced', async () => {
    expect((await post('{"name":"a","email":"not an email"}')).status).toBe(200);
  });

  it('renders BAD_REQUEST_BODY by plain substitution: the validation error is not escaped', async () => {
    const response = await post('{}');
    expect(response.status).toBe(400);
    expect(await response.text()).toBe(
      '{"detail":"Invalid request body","why":"[object has missing required properties (["name"])]","path":"/items"}',
    );
  });
});

describe('REQUEST_TOO_LARGE', () => {
  it("answers API Gateway's own 413 although the definition customizes it", async () => {
    const response = await fetch(`${gateway.url}/items`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: 'x'.repeat(10 * 1024 * 1024 + 1),
    });
    expect(response.status).toBe(413);
    expect(response.headers.get('x-custom')).toBeNull();
    expect(await response.json()).toEqual({ message: 'Request Too Long' });
  });
});
