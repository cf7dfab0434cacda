/** The API Gateway semantics of the local runner that no library provides, one rule at a time. */
import { GatewayResponses } from '../../src/apigw/gateway-responses.js';
import { compilePolicy, evaluatePolicy } from '../../src/apigw/policy.js';
import { parseHeaders, parseQuery, proxyEvent, proxyResponse } from '../../src/apigw/proxy.js';
import type { IntrinsicContext } from '../../src/sam/intrinsics.js';

const ctx: IntrinsicContext = { parameters: { Origin: 'https://app.example.com' }, resources: {} };
const arn = 'arn:aws:execute-api:us-east-1:123456789012:abc123/dev/GET/users/42';

describe('authorizer policy evaluation', () => {
  const statement = (Effect: string, Resource: string | string[], Action: string = 'execute-api:Invoke') => ({
    Version: '2012-10-17',
    Statement: [{ Effect, Action, Resource }],
  });

  it('allows a method ARN matched by a wildcard resource', () => {
    expect(
      evaluatePolicy(
        compilePolicy(statement('Allow', 'arn:aws:execute-api:us-east-1:123456789012:abc123/dev/*')),
        arn,
      ),
    ).toBe('allow');
    expect(evaluatePolicy(compilePolicy(statement('Allow', '*/dev/GET/users/?2')), arn)).toBe('allow');
  });

  it('denies when no Allow matches, and an explicit Deny wins over an Allow', () => {
    expect(evaluatePolicy(compilePolicy(statement('Allow', '*/dev/POST/*')), arn)).toBe('deny');
    const both = {
      Statement: [
        { Effect: 'Allow', Action: '*', Resource: '*' },
        { Effect: 'Deny', Action: 'execute-api:*', Resource: '*/users/*' },
      ],
    };
    expect(evaluatePolicy(compilePolicy(both), arn)).toBe('explicit-deny');
  });

  it('ignores statements about other actions', () => {
    expect(evaluatePolicy(compilePolicy(statement('Allow', '*', 's3:GetObject')), arn)).toBe('deny');
  });

  it('refuses what is not a policy (the authorizer result is then malformed)', () => {
    expect(() => compilePolicy(undefined)).toThrow();
    expect(() => compilePolicy({ Statement: [] })).toThrow();
    expect(() => compilePolicy({ Statement: [{ Effect: 'Maybe', Action: '*', Resource: '*' }] })).toThrow();
  });
});

describe('gateway responses', () => {
  const responses = new GatewayResponses(
    {
      BAD_REQUEST_BODY: {
        statusCode: 400,
        responseParameters: {
          'gatewayresponse.header.Content-Type': "'application/problem+json'",
          'gatewayresponse.header.Access-Control-Allow-Origin': { 'Fn::Sub': "'${Origin}'" },
        },
        responseTemplates: {
          'application/json':
            '{"detail":$context.error.messageString,"why":"$context.error.validationErrorString","id":"$context.requestId"}',
        },
      },
      DEFAULT_4XX: {
        responseParameters: { 'gatewayresponse.header.X-Default': "'4xx'" },
        responseTemplates: {
          'application/json':
            '{"type":"$context.error.responseType","message":$context.error.messageString,"status":"$context.error.statusCode"}',
        },
      },
      ACCESS_DENIED: {
        responseTemplates: {
          'application/json':
            '{"resource":"$context.resourcePath","caller":"$context.authorizer.principalId","op":"$context.operationName"}',
        },
      },
      REQUEST_TOO_LARGE: {
        statusCode: 400,
        responseParameters: { 'gatewayresponse.header.X-Custom': "'no'" },
        responseTemplates: { 'application/json': '{"custom":true}' },
      },
    },
    ctx,
  );

  it('renders a configured type with its headers (quotes stripped, Fn::Sub resolved) by plain substitution', () => {
    const r = responses.render('BAD_REQUEST_BODY', {
      requestId: 'r-1',
      validationError: '[object has missing required properties (["name"])]',
    });
    expect(r.status).toBe(400);
    expect(r.headers).toMatchObject({
      'Content-Type': 'application/problem+json',
      'Access-Control-Allow-Origin': 'https://app.example.com',
    });
    // messageString is the message in double quotes; validationErrorString is substituted as is,
    // quotes and all, as API Gateway does: inside a JSON string it breaks the JSON.
    expect(r.body).toBe(
      '{"detail":"Invalid request body","why":"[object has missing required properties (["name"])]","id":"r-1"}',
    );
    expect(() => JSON.parse(r.body) as unknown).toThrow();
  });

  it("falls back to DEFAULT_4XX with the type's own status code", () => {
    const r = responses.render('UNAUTHORIZED', { requestId: 'r-2' });
    expect(r.status).toBe(401);
    expect(r.headers['X-Default']).toBe('4xx');
    expect(JSON.parse(r.body)).toMatchObject({ type: 'UNAUTHORIZED', message: 'Unauthorized' });
  });

  it('renders a variable AWS does not document ($context.error.statusCode) as nothing', () => {
    const r = responses.render('UNAUTHORIZED', { requestId: 'r-2' });
    expect(JSON.parse(r.body)).toEqual({ type: 'UNAUTHORIZED', message: 'Unauthorized', status: '' });
  });

  it("substitutes the request's documented $context values, and only those", () => {
    const r = responses.render('ACCESS_DENIED', {
      requestId: 'r-4',
      context: { resourcePath: '/users/{id}', 'authorizer.principalId': 'user-1', operationName: 'getUser' },
    });
    expect(JSON.parse(r.body)).toEqual({ resource: '/users/{id}', caller: 'user-1', op: '' });
  });

  it("answers REQUEST_TOO_LARGE with API Gateway's own 413, whatever the definition customizes", () => {
    const r = responses.render('REQUEST_TOO_LARGE', { requestId: 'r-5' });
    expect(r.status).toBe(413);
    expect(JSON.parse(r.body)).toEqual({ message: 'Request Too Long' });
    expect(r.headers).toEqual({
      'Content-Type': 'application/json',
      'x-amzn-ErrorType': 'RequestTooLongException',
    });
  });

  it("falls back to API Gateway's own body when nothing is configured", () => {
    const r = responses.render('INTEGRATION_TIMEOUT', { requestId: 'r-3' });
    expect(r.status).toBe(504);
    expect(JSON.parse(r.body)).toEqual({ message: 'Endpoint request timed out' });
    expect(r.headers['Content-Type']).toBe('application/json');
  });
});

describe('Lambda proxy integration', () => {
  it('builds a v1 REST event with the operation name, the stage path and null for absent parts', () => {
    const headers = parseHeaders(['Host', '127.0.0.1:3000', 'X-Multi', 'a', 'X-Multi', 'b']);
    const event = proxyEvent(
      {
        method: 'GET',
        rawPath: '/users/a%20b',
        rawQuery: '',
        rawHeaders: [],
        sourceIp: '127.0.0.1',
        body: null,
        requestId: 'req-1',
        startedAt: Date.UTC(2026, 10, 25, 2, 10, 0),
      },
      { apiId: 'abc123', stage: 'dev', accountId: '123456789012', binaryMediaTypes: [], port: 3000 },
      { resourcePath: '/users/{userId}', resourceId: 'r1', operationId: 'getUser' },
      headers,
      parseQuery(''),
      { userId: 'a b' },
      { principalId: 'p' },
    ) as { [k: string]: unknown; requestContext: Record<string, unknown> };
    expect(event).toMatchObject({
      resource: '/users/{userId}',
      path: '/users/a b',
      httpMethod: 'GET',
      queryStringParameters: null,
      multiValueQueryStringParameters: null,
      pathParameters: { userId: 'a b' },
      stageVariables: null,
      body: null,
      isBase64Encoded: false,
    });
    expect(event.multiValueHeaders).toMatchObject({ 'X-Multi': ['a', 'b'] });
    expect(event.requestContext).toMatchObject({
      operationName: 'getUser',
      path: '/dev/users/a b',
      stage: 'dev',
      requestId: 'req-1',
      requestTime: '25/Nov/2026:02:10:00 +0000',
      authorizer: { principalId: 'p' },
    });
  });

  it('turns a proxy result into a response, merging headers and multiValueHeaders', () => {
    const r = proxyResponse({
      statusCode: 201,
      headers: { 'Set-Cookie': 'a=1' },
      multiValueHeaders: { 'set-cookie': ['b=2'] },
      body: '{}',
    });
    expect(r).toEqual({
      status: 201,
      headers: { 'Set-Cookie': ['a=1', 'b=2'], 'Content-Type': 'application/json' },
      body: '{}',
    });
    expect(
      proxyResponse({ statusCode: 200, body: Buffer.from('hi').toString('base64'), isBase64Encoded: true })
        ?.body,
    ).toEqual(Buffer.from('hi'));
  });

  it('calls a result malformed as API Gateway does', () => {
    expect(proxyResponse(undefined)).toBeUndefined();
    expect(proxyResponse({ body: 'no status' })).toBeUndefined();
    expect(proxyResponse({ statusCode: 200, body: { not: 'a string' } })).toBeUndefined();
    expect(proxyResponse({ statusCode: 200, headers: ['x'] })).toBeUndefined();
  });
});
