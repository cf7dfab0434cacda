/**
 * API Gateway applies an authorizer only where an operation declares it: "API Gateway doesn't use
 * root level security defined in the OpenAPI specification. Hence security needs to be defined at an
 * operation level to be appropriately applied." (REST notes of
 * https://docs.aws.amazon.com/apigateway/latest/developerguide/api-gateway-known-issues.html).
 * On the service's own definition (api/gateway.yaml): dropping one secured operation's `security`
 * is an error of the import check (so `npm run lint` and `npm start` refuse it), and the local
 * gateway then serves that operation without its authorizer, as a deployed API would.
 */
import { compileDefinition } from 'sam-local/gateway';
import { checkApiDefinition } from 'sam-local/import-check';
import type { JsonObject } from 'sam-local/template';
import { functionsOf } from 'sam-local/template';
import { gateway, template } from '../support/project.js';

const functionIds = new Set(functionsOf(template).map((f) => f.logicalId));
const ctx = {
  parameters: { CorsAllowedOrigin: '*', 'AWS::Region': 'us-east-1', 'AWS::Partition': 'aws' },
  resources: {},
  conditions: { ConsoleDeployed: false },
};
const authorizerOf = (definition: JsonObject, method: string, path: string) =>
  compileDefinition(definition, functionIds, ctx).routes.find(
    (r) => r.method === method && r.resourcePath === path,
  )?.authorizer?.name;

it('finds no error in the service definition, whose secured operations run the authorizer', () => {
  const definition = structuredClone(gateway) as JsonObject;
  expect(checkApiDefinition(definition).filter((f) => f.level === 'error')).toEqual([]);
  expect(authorizerOf(definition, 'GET', '/job-status/{jobId}')).toBe('CognitoAuthorizer');
});

it('refuses the definition when one secured operation loses its security, and serves it unauthorized', () => {
  const definition = structuredClone(gateway) as JsonObject;
  const paths = definition.paths as Record<string, Record<string, JsonObject>>;
  delete paths['/job-status/{jobId}']!.get!.security;

  expect(checkApiDefinition(definition).filter((f) => f.level === 'error')).toEqual([
    expect.objectContaining({ rule: 'operation-security-missing', path: '/paths/~1job-status~1{jobId}/get' }),
  ]);
  expect(authorizerOf(definition, 'GET', '/job-status/{jobId}')).toBeUndefined();
  expect(authorizerOf(definition, 'GET', '/jobs')).toBe('CognitoAuthorizer');
});
