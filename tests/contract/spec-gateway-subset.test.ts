/**
 * API Gateway REST imports only a subset of OpenAPI 3.0 and validates with JSON Schema draft 4.
 * Redocly cannot know that, so these checks keep the spec importable (see local-runner notes in README).
 */
import { spec, specOperations } from '../support/project.js';

type Node = unknown;

function walkSchemas(
  node: Node,
  path: string,
  visit: (schema: Record<string, unknown>, path: string) => void,
): void {
  if (Array.isArray(node)) node.forEach((n, i) => walkSchemas(n, `${path}/${i}`, visit));
  else if (node && typeof node === 'object') {
    const obj = node as Record<string, unknown>;
    if ('type' in obj || '$ref' in obj || 'properties' in obj) visit(obj, path);
    for (const [k, v] of Object.entries(obj)) walkSchemas(v, `${path}/${k}`, visit);
  }
}

describe('the spec stays inside what API Gateway REST imports', () => {
  it('is OpenAPI 3.0.x', () => {
    expect(spec.openapi).toMatch(/^3\.0\.\d+$/);
  });

  it('uses no schema keyword API Gateway models reject', () => {
    const problems: string[] = [];
    walkSchemas(spec.components.schemas, '#/components/schemas', (s, path) => {
      if ('discriminator' in s) problems.push(`${path}: discriminator`);
      if ('example' in s) problems.push(`${path}: example`);
      if ('readOnly' in s || 'writeOnly' in s) problems.push(`${path}: readOnly/writeOnly`);
      if (typeof s.exclusiveMinimum === 'number' || typeof s.exclusiveMaximum === 'number')
        problems.push(`${path}: 3.1-style exclusive bound`);
      if (s.type === 'number' && (s.format === 'int32' || s.format === 'int64'))
        problems.push(`${path}: int format on number`);
      if ('const' in s || 'nullable' in s || Array.isArray(s.type)) problems.push(`${path}: not draft-04`);
    });
    expect(problems).toEqual([]);
  });

  it('declares every error response as application/problem+json with the Problem schema', () => {
    const responses = spec.components.responses as Record<
      string,
      { content: Record<string, { schema: { $ref: string } }> }
    >;
    for (const { op } of specOperations()) {
      for (const [status, response] of Object.entries(op.responses as Record<string, { $ref?: string }>)) {
        if (Number(status) < 400) continue;
        expect(response.$ref).toMatch(/^#\/components\/responses\//);
        const named = responses[String(response.$ref).split('/').pop() ?? ''];
        expect(named?.content).toEqual({
          'application/problem+json': { schema: { $ref: '#/components/schemas/Problem' } },
        });
      }
    }
  });

  it('turns the gateway-generated errors into problem+json with CORS headers', () => {
    const responses = spec['x-amazon-apigateway-gateway-responses'] as Record<
      string,
      { responseParameters: Record<string, unknown>; responseTemplates: Record<string, string> }
    >;
    for (const type of [
      'BAD_REQUEST_BODY',
      'BAD_REQUEST_PARAMETERS',
      'UNAUTHORIZED',
      'ACCESS_DENIED',
      'DEFAULT_4XX',
      'DEFAULT_5XX',
    ]) {
      const r = responses[type];
      expect(r).toBeDefined();
      expect(r?.responseParameters['gatewayresponse.header.Content-Type']).toBe("'application/problem+json'");
      expect(r?.responseParameters['gatewayresponse.header.Access-Control-Allow-Origin']).toBeDefined();
      const template = r?.responseTemplates['application/json'] ?? '';
      expect(template).toMatch(/"type":/);
      expect(template).toMatch(/"status":/);
    }
  });

  it('answers a CORS preflight on every path with a mock integration', () => {
    for (const [path, item] of Object.entries(spec.paths)) {
      const options = item.options as
        { 'x-amazon-apigateway-integration'?: { type: string }; security?: unknown[] } | undefined;
      expect({
        path,
        type: options?.['x-amazon-apigateway-integration']?.type,
        security: options?.security,
      }).toEqual({
        path,
        type: 'mock',
        security: [],
      });
    }
  });

  it('secures every operation with the Lambda authorizer unless it says security: []', () => {
    const scheme = (spec.components.securitySchemes as Record<string, Record<string, unknown>>)
      .CognitoAuthorizer;
    expect(scheme).toMatchObject({
      type: 'apiKey',
      in: 'header',
      name: 'Authorization',
      'x-amazon-apigateway-authtype': 'custom',
    });
    expect(spec.security).toEqual([{ CognitoAuthorizer: [] }]);
    const publicOps = specOperations()
      .filter(
        ({ op, method }) =>
          method !== 'options' && Array.isArray(op.security) && (op.security as unknown[]).length === 0,
      )
      .map(({ op }) => op.operationId)
      .sort();
    expect(publicOps).toEqual([
      'confirmSignUp',
      'getHealth',
      'getOpenApi',
      'login',
      'refreshTokens',
      'resendConfirmationCode',
      'signUp',
    ]);
  });
});
