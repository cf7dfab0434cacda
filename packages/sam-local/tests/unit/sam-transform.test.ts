/**
 * SAM's transform as the runner applies it before start (src/sam/transform.ts): the REST APIs SAM
 * generates from Api events with the Auth and Cors of AWS::Serverless::Api, SimpleTables, policy
 * templates noted as ignored, EventSourceMapping resources read as SQS events, and a
 * `cognito_user_pools` authorizer compiled from an OpenAPI definition.
 */
import { compileDefinition } from '../../src/apigw/definition.js';
import { explainTemplate } from '../../src/explain/explain.js';
import { IMPLICIT_API_ID, generatedApis } from '../../src/sam/implicit-api.js';
import type { JsonObject, Resource, SamTemplate } from '../../src/sam/template.js';
import { samTransform } from '../../src/sam/transform.js';
import { sqsMappingResources } from '../../src/sqs/mapping-resources.js';

const templateOf = (Resources: Record<string, Resource>, Globals: JsonObject = {}): SamTemplate => ({
  path: '/app/template.yaml',
  dir: '/app',
  raw: {},
  includes: [],
  Parameters: {},
  Globals,
  Resources,
  Outputs: {},
});

const fn = (Events: JsonObject, extra: JsonObject = {}): Resource => ({
  Type: 'AWS::Serverless::Function',
  Properties: { Handler: 'app.handler', Runtime: 'nodejs20.x', Events, ...extra },
});
const api = (Path: string, Method: string, more: JsonObject = {}): JsonObject => ({
  Type: 'Api',
  Properties: { Path, Method, ...more },
});
type Swagger = { paths: Record<string, Record<string, JsonObject>>; securityDefinitions?: JsonObject };
const definitionOf = (r: Resource | undefined) => r?.Properties?.DefinitionBody as unknown as Swagger;

describe('the implicit API (Api events without RestApiId)', () => {
  it('is ServerlessRestApi on stage Prod, whatever Globals.Api says, with a Lambda proxy per event', () => {
    const { resources } = generatedApis(
      templateOf(
        { Fn: fn({ A: api('/items/{id}', 'get'), B: api('/{proxy+}', 'ANY') }) },
        { Api: { StageName: 'v1' } },
      ),
    );
    const implicit = resources[IMPLICIT_API_ID];
    expect(implicit?.Properties?.StageName).toBe('Prod');
    const paths = definitionOf(implicit).paths;
    expect(paths['/items/{id}']?.get?.['x-amazon-apigateway-integration']).toMatchObject({
      type: 'aws_proxy',
    });
    expect(paths['/{proxy+}']?.['x-amazon-apigateway-any-method']).toBeDefined();
    const compiled = compileDefinition(definitionOf(implicit), new Set(['Fn']), {
      parameters: {},
      resources: {},
    });
    expect(compiled.routes.filter((r) => r.resourcePath === '/{proxy+}')).toHaveLength(7);
    expect(compiled.routes.every((r) => r.integration.type === 'aws_proxy')).toBe(true);
  });

  it('leaves an explicit API with its own definition alone (SAM does not add events to it)', () => {
    const template = templateOf({
      Api: {
        Type: 'AWS::Serverless::Api',
        Properties: { StageName: 's', DefinitionBody: { openapi: '3.0.1' } },
      },
      Fn: fn({ A: api('/a', 'get', { RestApiId: { Ref: 'Api' } }) }),
    });
    expect(generatedApis(template).resources).toEqual({});
  });

  it('generates the definition of an explicit API without one, keeping its StageName', () => {
    const template = templateOf({
      Api: { Type: 'AWS::Serverless::Api', Properties: { StageName: 'dev' } },
      Fn: fn({ A: api('/a', 'post', { RestApiId: { Ref: 'Api' } }) }),
    });
    const generated = generatedApis(template).resources.Api;
    expect(generated?.Properties?.StageName).toBe('dev');
    expect(Object.keys(definitionOf(generated).paths)).toEqual(['/a']);
  });
});

describe('Cors of AWS::Serverless::Api', () => {
  const preflight = (cors: JsonObject | string) => {
    const { resources } = generatedApis(
      templateOf({ Fn: fn({ A: api('/a', 'get'), B: api('/a', 'post') }) }, { Api: { Cors: cors } }),
    );
    const options = definitionOf(resources[IMPLICIT_API_ID]).paths['/a']?.options as JsonObject;
    const integration = options['x-amazon-apigateway-integration'] as JsonObject;
    return ((integration.responses as JsonObject).default as JsonObject).responseParameters as JsonObject;
  };

  it('a string is AllowOrigin; AllowMethods defaults to the path methods plus OPTIONS; no credentials header', () => {
    expect(preflight("'*'")).toEqual({
      'method.response.header.Access-Control-Allow-Origin': "'*'",
      'method.response.header.Access-Control-Allow-Methods': "'GET,OPTIONS,POST'",
    });
  });

  it('writes the headers given, and Access-Control-Allow-Credentials only when AllowCredentials is true', () => {
    expect(
      preflight({
        AllowOrigin: "'https://a.example'",
        AllowMethods: "'GET'",
        AllowCredentials: true,
        MaxAge: "'60'",
      }),
    ).toEqual({
      'method.response.header.Access-Control-Allow-Origin': "'https://a.example'",
      'method.response.header.Access-Control-Allow-Methods': "'GET'",
      'method.response.header.Access-Control-Max-Age': "'60'",
      'method.response.header.Access-Control-Allow-Credentials': "'true'",
    });
  });
});

describe('Auth of AWS::Serverless::Api', () => {
  const auth = (extra: JsonObject = {}) => ({
    Api: {
      Cors: "'*'",
      Auth: {
        DefaultAuthorizer: 'Pool',
        Authorizers: {
          Pool: { UserPoolArn: { 'Fn::GetAtt': ['UserPool', 'Arn'] } },
          Token: { FunctionArn: { 'Fn::GetAtt': ['AuthFn', 'Arn'] }, Identity: { Header: 'X-Token' } },
        },
        ...extra,
      },
    },
  });
  const events = {
    Default: api('/a', 'get'),
    Open: api('/open', 'get', { Auth: { Authorizer: 'NONE' } }),
    ByToken: api('/t', 'get', { Auth: { Authorizer: 'Token' } }),
    Scoped: api('/s', 'get', { Auth: { Authorizer: 'Pool', AuthorizationScopes: ['orders/read'] } }),
  };

  it('puts the default authorizer on every operation an event does not override, and NONE opts out', () => {
    const paths = definitionOf(
      generatedApis(templateOf({ Fn: fn(events) }, auth())).resources[IMPLICIT_API_ID],
    ).paths;
    expect(paths['/a']?.get?.security).toEqual([{ Pool: [] }]);
    expect(paths['/open']?.get?.security).toBeUndefined();
    expect(paths['/t']?.get?.security).toEqual([{ Token: [] }]);
    expect(paths['/s']?.get?.security).toEqual([{ Pool: ['orders/read'] }]);
  });

  it('guards the CORS preflights with the default authorizer unless AddDefaultAuthorizerToCorsPreflight is false', () => {
    const guarded = definitionOf(
      generatedApis(templateOf({ Fn: fn(events) }, auth())).resources[IMPLICIT_API_ID],
    );
    expect(guarded.paths['/a']?.options?.security).toEqual([{ Pool: [] }]);
    const open = definitionOf(
      generatedApis(templateOf({ Fn: fn(events) }, auth({ AddDefaultAuthorizerToCorsPreflight: false })))
        .resources[IMPLICIT_API_ID],
    );
    expect(open.paths['/a']?.options?.security).toBeUndefined();
  });

  it('compiles into a Cognito authorizer with the pool ARN resolved, and a TOKEN authorizer on its header', () => {
    const definition = definitionOf(
      generatedApis(templateOf({ Fn: fn(events) }, auth())).resources[IMPLICIT_API_ID],
    );
    const arn = 'arn:aws:cognito-idp:us-east-1:123456789012:userpool/local_abc';
    const compiled = compileDefinition(definition, new Set(['Fn', 'AuthFn']), {
      parameters: { 'AWS::Region': 'us-east-1' },
      resources: { UserPool: { ref: 'local_abc', attributes: { Arn: arn } } },
    });
    const route = (path: string) =>
      compiled.routes.find((r) => r.resourcePath === path && r.method === 'GET');
    expect(route('/a')?.authorizer).toMatchObject({
      type: 'cognito_user_pools',
      userPoolArns: [arn],
      scopes: [],
      identity: [{ in: 'header', name: 'authorization' }],
    });
    expect(route('/s')?.authorizer?.scopes).toEqual(['orders/read']);
    expect(route('/t')?.authorizer).toMatchObject({
      type: 'token',
      functionId: 'AuthFn',
      identity: [{ in: 'header', name: 'x-token' }],
    });
    expect(route('/open')?.authorizer).toBeUndefined();
  });

  it('names ApiKeyRequired, UsagePlan and ResourcePolicy as not emulated, with the reasons explain gives', () => {
    const { notes } = generatedApis(
      templateOf(
        {
          Fn: fn({
            ...events,
            Keyed: api('/k', 'get', { Auth: { ApiKeyRequired: true } }),
            Unkeyed: api('/u', 'get', { Auth: { ApiKeyRequired: false } }),
          }),
        },
        auth({ ApiKeyRequired: true, UsagePlan: { CreateUsagePlan: 'PER_API' }, ResourcePolicy: {} }),
      ),
    );
    expect(notes).toEqual([
      'Fn event Keyed: Auth.ApiKeyRequired is not emulated (no API keys locally: the operation is served without one)',
      'ServerlessRestApi: Auth.ApiKeyRequired is not emulated (no API keys locally: the operation is served without one)',
      'ServerlessRestApi: Auth.UsagePlan is not emulated (no usage plans locally: no API keys, quotas or throttling)',
      'ServerlessRestApi: Auth.ResourcePolicy is not emulated (no resource policies locally: every caller reaches the API)',
    ]);
    const explained = explainTemplate(
      templateOf(
        { Fn: fn({ Keyed: api('/k', 'get', { Auth: { ApiKeyRequired: true } }) }) },
        auth({ UsagePlan: {} }),
      ),
    ).rows;
    const status = (subject: string) => explained.find((r) => r.subject === subject)?.rule.status;
    expect(status('Api event Auth.ApiKeyRequired')).toBe('ignored');
    expect(status('AWS::Serverless::Api Auth.UsagePlan')).toBe('ignored');
    expect(status('AWS::Serverless::Api Auth (generated definition)')).toBe('emulated');
  });
});

describe('a cognito_user_pools authorizer in an OpenAPI definition', () => {
  it('is enforced with the operation scopes, on the header the scheme names', () => {
    const definition: JsonObject = {
      openapi: '3.0.1',
      paths: {
        '/me': {
          get: {
            security: [{ Users: ['profile/read'] }],
            'x-amazon-apigateway-integration': { type: 'aws_proxy', uri: { 'Fn::Sub': '${Fn.Arn}' } },
          },
        },
      },
      components: {
        securitySchemes: {
          Users: {
            type: 'apiKey',
            name: 'X-Id-Token',
            in: 'header',
            'x-amazon-apigateway-authtype': 'cognito_user_pools',
            'x-amazon-apigateway-authorizer': {
              type: 'cognito_user_pools',
              providerARNs: ['arn:aws:cognito-idp:us-east-1:1:userpool/p1'],
            },
          },
        },
      },
    };
    const compiled = compileDefinition(definition, new Set(['Fn']), { parameters: {}, resources: {} });
    expect(compiled.warnings).toEqual([]);
    expect(compiled.routes[0]?.authorizer).toMatchObject({
      type: 'cognito_user_pools',
      userPoolArns: ['arn:aws:cognito-idp:us-east-1:1:userpool/p1'],
      scopes: ['profile/read'],
      identity: [{ in: 'header', name: 'x-id-token' }],
    });
  });
});

describe('SimpleTable and policy templates', () => {
  it('makes a SimpleTable a DynamoDB table: PrimaryKey id String and PAY_PER_REQUEST by default', () => {
    const { template } = samTransform(templateOf({ T: { Type: 'AWS::Serverless::SimpleTable' } }));
    expect(template.Resources.T).toEqual({
      Type: 'AWS::DynamoDB::Table',
      Properties: {
        AttributeDefinitions: [{ AttributeName: 'id', AttributeType: 'S' }],
        KeySchema: [{ AttributeName: 'id', KeyType: 'HASH' }],
        BillingMode: 'PAY_PER_REQUEST',
      },
    });
  });

  it('keeps a Number PrimaryKey, ProvisionedThroughput and TableName', () => {
    const { template } = samTransform(
      templateOf({
        T: {
          Type: 'AWS::Serverless::SimpleTable',
          Properties: {
            PrimaryKey: { Name: 'n', Type: 'Number' },
            ProvisionedThroughput: { ReadCapacityUnits: 1, WriteCapacityUnits: 1 },
            TableName: 'numbers',
          },
        },
      }),
    );
    expect(template.Resources.T?.Properties).toEqual({
      AttributeDefinitions: [{ AttributeName: 'n', AttributeType: 'N' }],
      KeySchema: [{ AttributeName: 'n', KeyType: 'HASH' }],
      ProvisionedThroughput: { ReadCapacityUnits: 1, WriteCapacityUnits: 1 },
      TableName: 'numbers',
    });
  });

  it('notes SAM policy templates and managed policies as ignored, not inline statements', () => {
    const { notes } = samTransform(
      templateOf({
        A: fn({}, { Policies: [{ DynamoDBCrudPolicy: { TableName: 't' } }, 'AWSLambdaExecute'] }),
        B: fn({}, { Policies: [{ Statement: [] }] }),
      }),
    );
    expect(notes).toHaveLength(1);
    expect(notes[0]).toMatch(
      /^Policies ignored \(no IAM locally: SAM policy templates .*\): A \(DynamoDBCrudPolicy, AWSLambdaExecute\)$/,
    );
  });
});

describe('AWS::Lambda::EventSourceMapping resources', () => {
  it('reads one on a queue as an SQS event of its function, and names one on another source as not polled', () => {
    const warnings: string[] = [];
    const template = templateOf({
      Queue: { Type: 'AWS::SQS::Queue' },
      Stream: { Type: 'AWS::Kinesis::Stream' },
      Fn: fn({}),
      OnQueue: {
        Type: 'AWS::Lambda::EventSourceMapping',
        Properties: {
          EventSourceArn: { 'Fn::GetAtt': ['Queue', 'Arn'] },
          FunctionName: { Ref: 'Fn' },
          BatchSize: 3,
          FunctionResponseTypes: ['ReportBatchItemFailures'],
        },
      },
      OnStream: {
        Type: 'AWS::Lambda::EventSourceMapping',
        Properties: {
          EventSourceArn: { 'Fn::GetAtt': ['Stream', 'Arn'] },
          FunctionName: { 'Fn::GetAtt': ['Fn', 'Arn'] },
        },
      },
    });
    expect(sqsMappingResources(template, new Set(['Fn']), (w) => warnings.push(w))).toEqual([
      {
        functionId: 'Fn',
        eventName: 'OnQueue',
        properties: {
          Queue: { 'Fn::GetAtt': ['Queue', 'Arn'] },
          BatchSize: 3,
          FunctionResponseTypes: ['ReportBatchItemFailures'],
        },
      },
    ]);
    expect(warnings).toEqual([
      'AWS::Lambda::EventSourceMapping OnStream: only SQS event sources are emulated: not polled',
    ]);
  });
});
