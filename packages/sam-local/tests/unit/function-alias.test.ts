/**
 * The local gateway maps an integration or authorizer URI to the template function it invokes,
 * also when the URI names the alias SAM's AutoPublishAlias creates (`<Function>Alias<Name>`, or
 * `<Function>.Alias`): locally the function itself serves.
 */
import { compileDefinition, functionOfReference } from '../../src/apigw/definition.js';
import type { JsonObject } from '../../src/sam/template.js';

const functions = new Set(['HealthFunction', 'AuthorizerFunction']);
const uri = (target: string) => ({
  'Fn::Sub': `arn:\${AWS::Partition}:apigateway:\${AWS::Region}:lambda:path/2015-03-31/functions/\${${target}}/invocations`,
});

describe('functionOfReference', () => {
  it('resolves a function, its alias by logical id, and its .Alias reference to the function', () => {
    expect(functionOfReference('HealthFunction', functions)).toBe('HealthFunction');
    expect(functionOfReference('HealthFunctionAliaslive', functions)).toBe('HealthFunction');
    // SAM spells "-" and "_" of an alias name as D and U in the logical id (live-v2 -> liveDv2).
    expect(functionOfReference('HealthFunctionAliasliveDv2', functions)).toBe('HealthFunction');
    expect(functionOfReference('HealthFunction.Alias', functions)).toBe('HealthFunction');
  });

  it('resolves nothing that is not a function of the template or one of its aliases', () => {
    expect(functionOfReference('HealthFunctionRole', functions)).toBeUndefined();
    expect(functionOfReference('HealthFunctionAlias', functions)).toBeUndefined();
    expect(functionOfReference('OtherFunctionAliaslive', functions)).toBeUndefined();
    expect(functionOfReference('OtherFunction.Alias', functions)).toBeUndefined();
    expect(functionOfReference('HealthFunction.Version', functions)).toBeUndefined();
  });
});

describe('an API definition invoking functions through their aliases', () => {
  const definition: JsonObject = {
    openapi: '3.0.3',
    info: { title: 't', version: '1' },
    paths: {
      '/health': {
        get: {
          security: [{ Token: [] }],
          responses: { '200': { description: 'ok' } },
          'x-amazon-apigateway-integration': {
            type: 'aws_proxy',
            httpMethod: 'POST',
            uri: uri('HealthFunctionAliaslive'),
          },
        },
      },
    },
    components: {
      securitySchemes: {
        Token: {
          type: 'apiKey',
          name: 'Authorization',
          in: 'header',
          'x-amazon-apigateway-authtype': 'custom',
          'x-amazon-apigateway-authorizer': {
            type: 'token',
            // `!Ref Function.Alias` (SAM resolves it to the alias ARN) inside an Fn::Join.
            authorizerUri: {
              'Fn::Join': [
                '',
                [
                  'arn:aws:apigateway:us-east-1:lambda:path/2015-03-31/functions/',
                  { Ref: 'AuthorizerFunction.Alias' },
                  '/invocations',
                ],
              ],
            },
          },
        },
      },
    },
  };

  it('serves the route with the function and runs its authorizer function', () => {
    const compiled = compileDefinition(definition, functions, { parameters: {}, resources: {} });
    expect(compiled.warnings).toEqual([]);
    const [route] = compiled.routes;
    expect(route?.integration).toMatchObject({ type: 'aws_proxy', functionId: 'HealthFunction' });
    expect(route?.authorizer?.functionId).toBe('AuthorizerFunction');
  });

  it('would not serve a route whose alias belongs to no function of the template', () => {
    const broken = structuredClone(definition) as JsonObject & {
      paths: { '/health': { get: JsonObject } };
    };
    broken.paths['/health'].get['x-amazon-apigateway-integration'] = {
      type: 'aws_proxy',
      httpMethod: 'POST',
      uri: uri('GoneFunctionAliaslive'),
    };
    const compiled = compileDefinition(broken, functions, { parameters: {}, resources: {} });
    expect(compiled.routes[0]?.integration.type).toBe('unsupported');
    expect(compiled.warnings.join('\n')).toMatch(/names no function of the template/);
  });
});
