/**
 * openapi.yaml (operations and the function serving each, `x-function`) and template.yaml
 * (functions, the API, Lambda permissions) are the only lists of routes and functions: they must
 * agree, and the generated definition template.yaml includes must say the same.
 */
import type { JsonObject } from 'sam-local/template';
import {
  functionInUri,
  functionOf,
  gateway,
  rawTemplate,
  samFunctions,
  spec,
  specOperations,
  template,
} from '../support/project.js';

const operationFunctions = specOperations().map(({ path, method, op }) => ({
  route: `${method.toUpperCase()} ${path}`,
  fn: functionOf(op),
}));
const authorizerFunctions = Object.values(
  (spec.components.securitySchemes ?? {}) as Record<string, JsonObject>,
).map((s) => functionOf(s));
/** Every function API Gateway invokes, as the generated definition says. */
const invokedByGateway = new Set(
  JSON.stringify(gateway)
    .match(/\/functions\/\$\{[A-Za-z0-9.]+\}\/invocations/g)
    ?.map((uri) => functionInUri({ 'Fn::Sub': uri })),
);

describe('spec <-> template', () => {
  it('every operation names a function that exists in template.yaml', () => {
    const names = new Set(samFunctions.map((f) => f.logicalId));
    for (const { route, fn } of operationFunctions) {
      expect({ route, fn: fn && names.has(fn) ? fn : `missing: ${fn}` }).toEqual({ route, fn });
    }
    for (const fn of authorizerFunctions) expect(names.has(String(fn))).toBe(true);
  });

  it('every function is reached by an operation, the authorizer, an event source or a deployment hook (no orphans)', () => {
    const hooks = samFunctions.flatMap((f) => {
      const preTraffic = (f.properties.DeploymentPreference as JsonObject | undefined)?.Hooks as
        JsonObject | undefined;
      return [...JSON.stringify(preTraffic ?? {}).matchAll(/"Ref":"([A-Za-z0-9]+)"/g)].map((m) => m[1]);
    });
    const referenced = new Set([...operationFunctions.map((o) => o.fn), ...authorizerFunctions, ...hooks]);
    const orphans = samFunctions
      .filter((f) => !referenced.has(f.logicalId) && !f.properties.Events)
      .map((f) => f.logicalId);
    expect(orphans).toEqual([]);
  });

  it('API Gateway invokes exactly the functions the contract names', () => {
    expect([...invokedByGateway].sort()).toEqual(
      [...new Set([...operationFunctions.map((o) => o.fn), ...authorizerFunctions])].sort(),
    );
  });

  it('API Gateway may invoke each of them, and only them, for this API only', () => {
    const permissions = Object.values(rawTemplate.Resources as Record<string, JsonObject>)
      .filter((r) => r.Type === 'AWS::Lambda::Permission')
      .map((r) => r.Properties as JsonObject)
      .filter((p) => p.Principal === 'apigateway.amazonaws.com');
    // SAM's `!Ref <Function>.Alias`: the permission covers the alias API Gateway invokes.
    const permitted = permissions.map((p) => (p.FunctionName as { Ref: string }).Ref).sort();
    expect(permitted).toEqual([...invokedByGateway].map((fn) => `${fn}.Alias`).sort());
    for (const p of permissions) {
      expect(p.Action).toBe('lambda:InvokeFunction');
      expect(JSON.stringify(p.SourceArn)).toContain(':${Api}/');
    }
  });

  it('the API resource includes the generated definition with AWS::Include', () => {
    const resources = rawTemplate.Resources as Record<
      string,
      { Type: string; Properties: Record<string, unknown> }
    >;
    const apis = Object.values(resources).filter((r) => r.Type === 'AWS::Serverless::Api');
    expect(apis).toHaveLength(1);
    expect(apis[0]?.Properties.DefinitionBody).toEqual({
      'Fn::Transform': { Name: 'AWS::Include', Parameters: { Location: 'api/gateway.yaml' } },
    });
    const inlined = Object.values(template.Resources).find((r) => r.Type === 'AWS::Serverless::Api');
    expect(inlined?.Properties?.DefinitionBody).toEqual(gateway);
  });
});
