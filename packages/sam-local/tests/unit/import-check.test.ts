/**
 * The API Gateway import check, one rule at a time: a small definition that trips the rule and one
 * that does not. Every rule of IMPORT_RULES must have its pair here.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { checkApiDefinition, IMPORT_RULES, type RuleId } from '../../src/apigw/import-check.js';
import { UNSUPPORTED_MODEL_KEYWORDS } from '../../src/apigw/model-keywords.js';
import type { JsonObject } from '../../src/sam/template.js';
import { packageRoot } from '../support/paths.js';

const integration = {
  type: 'aws_proxy',
  httpMethod: 'POST',
  uri: {
    'Fn::Sub':
      'arn:${AWS::Partition}:apigateway:${AWS::Region}:lambda:path/2015-03-31/functions/${Fn.Arn}/invocations',
  },
};
const ok = { '200': { description: 'ok' } };
const operation = (extra: JsonObject = {}): JsonObject => ({
  security: [],
  responses: ok,
  'x-amazon-apigateway-integration': integration,
  ...extra,
});
const authorizerScheme = {
  type: 'apiKey',
  name: 'Authorization',
  in: 'header',
  'x-amazon-apigateway-authtype': 'custom',
  'x-amazon-apigateway-authorizer': {
    type: 'token',
    authorizerUri: {
      'Fn::Sub': 'arn:aws:apigateway:${AWS::Region}:lambda:path/2015-03-31/functions/${Auth.Arn}/invocations',
    },
  },
};
/** An OpenAPI 3.0 document with one operation, GET /a, unless `paths` says otherwise. */
const oas3 = (extra: JsonObject = {}): JsonObject => ({
  openapi: '3.0.3',
  info: { title: 'fixture', version: '1' },
  paths: { '/a': { get: operation() } },
  ...extra,
});
const swagger2 = (extra: JsonObject = {}): JsonObject => ({
  swagger: '2.0',
  info: { title: 'fixture', version: '1' },
  paths: { '/a': { get: operation() } },
  ...extra,
});
const withModels = (schemas: JsonObject) => oas3({ components: { schemas } });
const withGatewayResponses = (responses: JsonObject) =>
  oas3({ 'x-amazon-apigateway-gateway-responses': responses });
const template = (t: string, contentType = 'application/json') => ({
  BAD_REQUEST_BODY: { statusCode: 400, responseTemplates: { [contentType]: t } },
});
const templatePointer =
  '/x-amazon-apigateway-gateway-responses/BAD_REQUEST_BODY/responseTemplates/application~1json';

interface Case {
  rule: RuleId;
  trips: JsonObject;
  /** Where the finding points. */
  path: string;
  clean: JsonObject;
}

const cases: Case[] = [
  {
    rule: 'root-security',
    trips: oas3({
      security: [{ Auth: [] }],
      components: { securitySchemes: { Auth: authorizerScheme } },
      paths: { '/a': { get: operation({ security: [{ Auth: [] }] }) } },
    }),
    path: '/security',
    clean: oas3({
      components: { securitySchemes: { Auth: authorizerScheme } },
      paths: { '/a': { get: operation({ security: [{ Auth: [] }] }) } },
    }),
  },
  {
    rule: 'operation-security-missing',
    trips: oas3({
      components: { securitySchemes: { Auth: authorizerScheme } },
      paths: { '/a': { get: { responses: ok, 'x-amazon-apigateway-integration': integration } } },
    }),
    path: '/paths/~1a/get',
    // security: [] says "public" explicitly.
    clean: oas3({ components: { securitySchemes: { Auth: authorizerScheme } } }),
  },
  {
    rule: 'security-scheme-type',
    trips: oas3({ components: { securitySchemes: { Bearer: { type: 'http', scheme: 'bearer' } } } }),
    path: '/components/securitySchemes/Bearer/type',
    clean: oas3({ components: { securitySchemes: { Auth: authorizerScheme } } }),
  },
  {
    rule: 'schema-unsupported-keyword',
    trips: withModels({ Item: { type: 'object', properties: { name: { type: 'string', nullable: true } } } }),
    path: '/components/schemas/Item/properties/name/nullable',
    // A property *named* default is not the default keyword.
    clean: withModels({ Item: { type: 'object', properties: { default: { type: 'string' } } } }),
  },
  {
    rule: 'schema-composition-ref',
    trips: withModels({
      A: { type: 'object' },
      B: { oneOf: [{ $ref: '#/components/schemas/A' }, { type: 'string' }] },
    }),
    path: '/components/schemas/B/oneOf/0',
    clean: withModels({ B: { oneOf: [{ type: 'object' }, { type: 'string' }] } }),
  },
  {
    rule: 'schema-number-format',
    trips: withModels({ Item: { type: 'object', properties: { n: { type: 'number', format: 'int64' } } } }),
    path: '/components/schemas/Item/properties/n/format',
    clean: withModels({ Item: { type: 'object', properties: { n: { type: 'integer', format: 'int64' } } } }),
  },
  {
    rule: 'external-ref',
    trips: oas3({
      paths: {
        '/a': {
          post: operation({
            requestBody: { content: { 'application/json': { schema: { $ref: 'models.yaml#/Item' } } } },
          }),
        },
      },
    }),
    path: '/paths/~1a/post/requestBody/content/application~1json/schema/$ref',
    clean: oas3({
      components: { schemas: { Item: { type: 'object' } } },
      paths: {
        '/a': {
          post: operation({
            requestBody: {
              content: { 'application/json': { schema: { $ref: '#/components/schemas/Item' } } },
            },
          }),
        },
      },
    }),
  },
  {
    rule: 'response-ref-root',
    trips: swagger2({
      responses: { Err: { description: 'error' } },
      paths: { '/a': { get: operation({ responses: { '500': { $ref: '#/responses/Err' } } }) } },
    }),
    path: '/paths/~1a/get/responses/500',
    // OpenAPI 3.0's components/responses is not the unsupported form.
    clean: oas3({
      components: { responses: { Err: { description: 'error' } } },
      paths: { '/a': { get: operation({ responses: { '500': { $ref: '#/components/responses/Err' } } }) } },
    }),
  },
  {
    rule: 'response-schema-primitive',
    trips: oas3({
      paths: {
        '/a': {
          get: operation({
            responses: {
              '200': { description: 'ok', content: { 'application/json': { schema: { type: 'string' } } } },
            },
          }),
        },
      },
    }),
    path: '/paths/~1a/get/responses/200/content/application~1json/schema',
    // AWS's own workaround: a $ref to a model of that type.
    clean: oas3({
      components: { schemas: { StringResponse: { type: 'string' } } },
      paths: {
        '/a': {
          get: operation({
            responses: {
              '200': {
                description: 'ok',
                content: { 'application/json': { schema: { $ref: '#/components/schemas/StringResponse' } } },
              },
            },
          }),
        },
      },
    }),
  },
  {
    rule: 'model-name',
    trips: withModels({ Item_v2: { type: 'object' } }),
    path: '/components/schemas/Item_v2',
    clean: withModels({ ItemV2: { type: 'object' } }),
  },
  {
    rule: 'path-segment',
    trips: oas3({ paths: { '/items{id}': { get: operation() } } }),
    path: '/paths/~1items{id}',
    clean: oas3({
      paths: {
        '/items/{id}': { get: operation() },
        '/files/{proxy+}': { get: operation() },
        '/v1.0/a_b-c,d:e': { get: operation() },
      },
    }),
  },
  {
    rule: 'parameter-attribute-ignored',
    trips: oas3({
      paths: {
        '/a': {
          get: operation({
            parameters: [{ name: 'q', in: 'query', schema: { type: 'string', maxLength: 5 } }],
          }),
        },
      },
    }),
    path: '/paths/~1a/get/parameters/0/schema/maxLength',
    clean: oas3({
      paths: {
        '/a': {
          get: operation({
            parameters: [
              { name: 'q', in: 'query', required: true, description: 'a query', schema: { type: 'string' } },
            ],
          }),
        },
      },
    }),
  },
  {
    rule: 'gateway-response-type-unknown',
    trips: withGatewayResponses({ NOT_A_TYPE: { statusCode: 400 } }),
    path: '/x-amazon-apigateway-gateway-responses/NOT_A_TYPE',
    clean: withGatewayResponses({ THROTTLED: { statusCode: 429 } }),
  },
  {
    rule: 'gateway-response-not-customizable',
    trips: withGatewayResponses({ REQUEST_TOO_LARGE: { statusCode: 413 } }),
    path: '/x-amazon-apigateway-gateway-responses/REQUEST_TOO_LARGE',
    clean: withGatewayResponses({ BAD_REQUEST_BODY: { statusCode: 400 } }),
  },
  {
    rule: 'gateway-response-unknown-variable',
    trips: withGatewayResponses(template('{"status":"$context.error.statusCode"}')),
    path: templatePointer,
    clean: withGatewayResponses(template('{"id":"$context.requestId","path":"$context.resourcePath"}')),
  },
  {
    rule: 'gateway-response-validation-error-in-string',
    trips: withGatewayResponses(template('{"errors":"$context.error.validationErrorString"}')),
    path: templatePointer,
    clean: withGatewayResponses(template('{"message":$context.error.messageString}')),
  },
  {
    rule: 'gateway-response-invalid-json',
    // AWS's own example uses a single-quoted value: not JSON.
    trips: withGatewayResponses(template('{"message":$context.error.messageString,"statusCode":\'488\'}')),
    path: templatePointer,
    clean: withGatewayResponses(template('{"message":$context.error.messageString,"statusCode":"488"}')),
  },
];

describe('the API Gateway import check', () => {
  it('has a tripping and a clean definition for every rule', () => {
    expect(cases.map((c) => c.rule).sort()).toEqual(Object.keys(IMPORT_RULES).sort());
  });

  describe.each(cases)('$rule', ({ rule, trips, path, clean }) => {
    it(`reports it at ${path}, with its level and AWS page`, () => {
      expect(checkApiDefinition(trips).filter((f) => f.rule === rule)).toContainEqual({
        level: IMPORT_RULES[rule].level,
        rule,
        path,
        message: expect.any(String),
        docUrl: IMPORT_RULES[rule].docUrl,
      });
    });

    it('stays quiet on a definition without it', () => {
      expect(checkApiDefinition(clean)).toEqual([]);
    });
  });

  it('reports each model keyword API Gateway does not support', () => {
    for (const keyword of Object.keys(UNSUPPORTED_MODEL_KEYWORDS)) {
      const findings = checkApiDefinition(withModels({ Item: { type: 'integer', [keyword]: 1 } }));
      expect(findings.map((f) => [f.rule, f.level, f.path])).toEqual([
        ['schema-unsupported-keyword', 'warning', `/components/schemas/Item/${keyword}`],
      ]);
    }
  });

  it('says why each finding has its level, in its message, and cites AWS documentation', () => {
    const all = cases.flatMap((c) => checkApiDefinition(c.trips));
    for (const f of all) {
      expect(f.docUrl).toMatch(/^https:\/\/docs\.aws\.amazon\.com\/apigateway\//);
      if (f.level === 'warning') expect(f.message).toMatch(/ignore/);
    }
  });

  it('checks Swagger 2.0 definitions: body parameters and definitions are models', () => {
    const findings = checkApiDefinition(
      swagger2({
        definitions: { 'bad-name': { type: 'object', properties: { a: { type: 'string', example: 'x' } } } },
        paths: {
          '/a': {
            post: operation({
              parameters: [
                { name: 'body', in: 'body', schema: { type: 'object', readOnly: true } },
                { name: 'q', in: 'query', type: 'string', pattern: '^a' },
              ],
            }),
          },
        },
      }),
    );
    expect(findings.map((f) => [f.rule, f.path])).toEqual(
      expect.arrayContaining([
        ['model-name', '/definitions/bad-name'],
        ['schema-unsupported-keyword', '/definitions/bad-name/properties/a/example'],
        ['schema-unsupported-keyword', '/paths/~1a/post/parameters/0/schema/readOnly'],
        ['parameter-attribute-ignored', '/paths/~1a/post/parameters/1/pattern'],
      ]),
    );
  });

  it('refuses path segment characters outside the allowed set', () => {
    const findings = checkApiDefinition(oas3({ paths: { '/users/@me': { get: operation() } } }));
    expect(findings).toMatchObject([
      {
        rule: 'path-segment',
        level: 'error',
        path: '/paths/~1users~1@me',
        message: expect.stringMatching(/"@me"/),
      },
    ]);
  });

  it('reads gateway response templates given with Fn::Sub', () => {
    const findings = checkApiDefinition(
      withGatewayResponses({
        DEFAULT_4XX: {
          responseTemplates: {
            'application/json': { 'Fn::Sub': '{"origin":"${Origin}","s":$context.error.statusCode}' },
          },
        },
      }),
    );
    expect(findings.map((f) => f.rule).sort()).toEqual([
      'gateway-response-invalid-json',
      'gateway-response-unknown-variable',
    ]);
  });

  it('does not require JSON of a template sent as another content type', () => {
    expect(
      checkApiDefinition(
        withGatewayResponses(template('errors: $context.error.validationErrorString', 'text/plain')),
      ),
    ).toEqual([]);
  });

  it("is described in README's rule table, rule by rule with its level", () => {
    const readme = readFileSync(join(packageRoot, 'README.md'), 'utf8');
    const start = readme.indexOf('\n## API import check\n');
    const section = readme.slice(start, readme.indexOf('\n## ', start + 1));
    expect(start).toBeGreaterThan(0);
    const rows = [...section.matchAll(/^\| `([a-z-]+)` \| (error|warning) \|/gm)].map((m) => [m[1], m[2]]);
    expect(rows.sort()).toEqual(
      Object.entries(IMPORT_RULES)
        .map(([id, r]) => [id, r.level])
        .sort(),
    );
  });
});
