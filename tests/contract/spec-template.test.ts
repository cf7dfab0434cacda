/** openapi.yaml and template.yaml are the only lists of routes and functions: they must agree. */
import {
  functionInUri,
  rawTemplate,
  samFunctions,
  spec,
  specOperations,
  template,
} from '../support/project.js';

const proxyOps = specOperations().filter(
  ({ op }) => (op['x-amazon-apigateway-integration'] as { type?: string } | undefined)?.type === 'aws_proxy',
);
const authorizerFunctions = Object.values(
  (spec.components.securitySchemes ?? {}) as Record<
    string,
    { 'x-amazon-apigateway-authorizer'?: { authorizerUri?: unknown } }
  >,
).map((s) => functionInUri(s['x-amazon-apigateway-authorizer']?.authorizerUri));

describe('spec <-> template', () => {
  it('every proxied operation names a function that exists in template.yaml', () => {
    const names = new Set(samFunctions.map((f) => f.logicalId));
    for (const { path, method, op } of proxyOps) {
      const fn = functionInUri((op['x-amazon-apigateway-integration'] as { uri: unknown }).uri);
      expect({
        route: `${method.toUpperCase()} ${path}`,
        fn: fn && names.has(fn) ? fn : `missing: ${fn}`,
      }).toEqual({
        route: `${method.toUpperCase()} ${path}`,
        fn,
      });
    }
  });

  it('every function is reached by an operation, the authorizer, or an event source (no orphans)', () => {
    const referenced = new Set([
      ...proxyOps.map(({ op }) =>
        functionInUri((op['x-amazon-apigateway-integration'] as { uri: unknown }).uri),
      ),
      ...authorizerFunctions,
    ]);
    const orphans = samFunctions
      .filter((f) => !referenced.has(f.logicalId) && !f.properties.Events)
      .map((f) => f.logicalId);
    expect(orphans).toEqual([]);
  });

  it('every operation has a unique operationId, a request validator and an integration', () => {
    const ids = specOperations().map(({ op }) => op.operationId);
    expect(new Set(ids).size).toBe(ids.length);
    const validators = Object.keys(spec['x-amazon-apigateway-request-validators'] as object);
    for (const { op, method } of specOperations()) {
      expect(op.operationId).toEqual(expect.any(String));
      expect(op['x-amazon-apigateway-integration']).toBeDefined();
      if (method !== 'options') expect(validators).toContain(op['x-amazon-apigateway-request-validator']);
    }
  });

  it('the API resource imports openapi.yaml with AWS::Include', () => {
    const resources = rawTemplate.Resources as Record<
      string,
      { Type: string; Properties: Record<string, unknown> }
    >;
    const apis = Object.values(resources).filter((r) => r.Type === 'AWS::Serverless::Api');
    expect(apis).toHaveLength(1);
    expect(apis[0]?.Properties.DefinitionBody).toEqual({
      'Fn::Transform': { Name: 'AWS::Include', Parameters: { Location: 'openapi.yaml' } },
    });
    const inlined = Object.values(template.Resources).find((r) => r.Type === 'AWS::Serverless::Api');
    expect(inlined?.Properties?.DefinitionBody).toMatchObject({ paths: spec.paths });
  });
});
