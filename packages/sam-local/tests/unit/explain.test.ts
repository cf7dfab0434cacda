/**
 * `sam-local explain`: every fixture app's template listed against the table of rules, through the
 * command; the rows users look for (aliases, canaries, TTL, an unknown type, property, event type
 * and extension, gateway responses) with their status; the import check's findings beside them.
 */
import { readdirSync, existsSync } from 'node:fs';
import { join } from 'node:path';
import { explainTemplate, formatExplanation, type Row } from '../../src/explain/explain.js';
import { RULES } from '../../src/explain/rules.js';
import { GATEWAY_RESPONSE_TYPES } from '../../src/apigw/gateway-response-types.js';
import { PROVISIONED_SERVICES } from '../../src/provision/services.js';
import { runToExit } from '../../src/public/testing.js';
import { loadTemplate } from '../../src/sam/template.js';
import { fixture } from '../support/paths.js';

/** Every fixture folder's SAM templates (a new fixture app is covered without touching this test). */
const fixtureTemplates = readdirSync(fixture(), { withFileTypes: true })
  .filter((d) => d.isDirectory())
  .map((d) => fixture(d.name, 'template.yaml'))
  .filter((path) => existsSync(path));

const explained = (path: string) => explainTemplate(loadTemplate(path));
const row = (rows: Row[], section: string, subject: string) =>
  rows.find((r) => r.section === section && r.subject === subject);
const escape = (s: string) => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
/**
 * The table's printed line for `subject` (status, subject padded by two spaces at least, how), its
 * runs of spaces made one.
 */
const lineOf = (output: string, subject: string) =>
  output
    .split('\n')
    .map((l) => l.trim())
    .find((l) => new RegExp(`^(emulated|approximated|ignored) +${escape(subject)} {2}`).test(l))
    ?.replace(/\s+/g, ' ');

describe('sam-local explain on every fixture app', () => {
  it('finds the fixture apps', () => {
    expect(fixtureTemplates.length).toBeGreaterThanOrEqual(3);
  });

  it.each(fixtureTemplates)('%s: the command prints a status for every resource it creates', async (path) => {
    const { code, output } = await runToExit(['explain', '--template', path], { timeoutMs: 30000 });
    expect(code).toBe(0);
    expect(output).toContain(`sam-local explain: ${path}`);
    const explanation = explained(path);
    const types = new Set(
      Object.entries(loadTemplate(path).Resources)
        .filter(([id]) => !explanation.notCreated.includes(id))
        .map(([, r]) => r.Type),
    );
    for (const type of types) expect(lineOf(output, type)).toMatch(/^(emulated|approximated|ignored) /);
    expect(output).toContain('API import check (as at start');
    expect(output).toContain('Everywhere:');
  });
});

describe('the rows users look for', () => {
  const explanation = explained(fixture('explain', 'template.yaml'));
  const output = formatExplanation(explanation).join('\n');

  it('AutoPublishAlias is approximated and DeploymentPreference ignored, citing SAM', () => {
    const alias = row(explanation.rows, 'Resource properties', 'AWS::Serverless::Function AutoPublishAlias');
    expect(alias?.rule.status).toBe('approximated');
    expect(alias?.usedBy).toEqual(['ItemsFunction']);
    expect(lineOf(output, 'AWS::Serverless::Function AutoPublishAlias')).toMatch(
      /^approximated .*latest code/,
    );
    expect(lineOf(output, 'AWS::Serverless::Function DeploymentPreference')).toMatch(
      /^ignored .*no traffic shifting/,
    );
    expect(output).toContain('automating-updates-to-serverless-apps.html');
  });

  it('TTL is ignored: items do not expire', () => {
    expect(lineOf(output, 'AWS::DynamoDB::Table TimeToLiveSpecification')).toMatch(
      /^ignored .*items do not expire/,
    );
  });

  it('an unknown resource type, property and event type are ignored, by name', () => {
    expect(lineOf(output, 'AWS::StepFunctions::StateMachine')).toMatch(/^ignored .*not emulated/);
    expect(lineOf(output, 'AWS::Serverless::Function SnapStart')).toMatch(/^ignored .*not read by sam-local/);
    expect(lineOf(output, 'Schedule event')).toMatch(/^ignored .*Schedule is not emulated/);
    expect(lineOf(output, 'SQS event FilterCriteria')).toMatch(/^ignored .*filters are not applied/);
  });

  it('API features: the proxy integration emulated, others ignored; an unknown extension named', () => {
    expect(lineOf(output, 'integration aws_proxy')).toMatch(/^emulated /);
    expect(lineOf(output, 'integration (other types)')).toMatch(/^ignored /);
    expect(lineOf(output, 'Lambda TOKEN authorizer')).toMatch(/^emulated /);
    expect(lineOf(output, 'COGNITO_USER_POOLS authorizer')).toMatch(
      /^emulated .*verified against the local pool/,
    );
    expect(lineOf(output, 'COGNITO_USER_POOLS claims')).toMatch(/^approximated .*formatting of some claims/);
    expect(lineOf(output, 'x-amazon-apigateway-made-up-extension')).toMatch(
      /^ignored .*not read by sam-local/,
    );
    expect(lineOf(output, 'AWS::Serverless::Api MethodSettings')).toMatch(/^ignored .*throttling/);
    const schemas = row(explanation.rows, 'API definition', 'response schemas');
    expect(schemas?.rule.status).toBe('approximated');
    // GET /pool-items declares no response schema.
    expect(schemas?.usedBy).toEqual(['Api GET /items/{id}']);
  });

  it('gateway responses: UNAUTHORIZED is answered locally, THROTTLED never is', () => {
    expect(lineOf(output, 'UNAUTHORIZED')).toMatch(/^emulated /);
    expect(lineOf(output, 'THROTTLED')).toMatch(/^ignored .*never produced locally/);
  });

  it('says AWS does not validate responses, citing the request validation page', () => {
    expect(output).toMatch(/API Gateway does not validate responses/);
    expect(output).toContain('api-gateway-method-request-validation.html');
  });
});

describe('SAM apps without a definition: the fixture apps of `sam init` shapes', () => {
  const rowsOf = (app: string) => explained(fixture(app, 'template.yaml')).rows;
  const sorted = (list: string[] | undefined) => [...(list ?? [])].sort();

  it('hello-world-ts: the Api events are emulated, served by the implicit ServerlessRestApi with Globals.Api Cors', () => {
    const rows = rowsOf('hello-world-ts');
    const event = row(rows, 'Event sources', 'Api event');
    expect(event?.rule.status).toBe('emulated');
    expect(sorted(event?.usedBy)).toEqual([
      'HelloWorldFunction.Anything',
      'HelloWorldFunction.Greet',
      'HelloWorldFunction.HelloWorld',
    ]);
    expect(row(rows, 'Resources', 'AWS::Serverless::Api')?.usedBy).toEqual(['ServerlessRestApi']);
    const cors = row(rows, 'Resource properties', 'AWS::Serverless::Api Cors (generated definition)');
    expect([cors?.rule.status, cors?.usedBy]).toEqual(['emulated', ['ServerlessRestApi']]);
    // The generated definition's features: Cors preflights are mocks, ANY is the any-method.
    expect(sorted(row(rows, 'API definition', 'integration mock')?.usedBy)).toEqual([
      'ServerlessRestApi OPTIONS /files/{proxy+}',
      'ServerlessRestApi OPTIONS /hello',
      'ServerlessRestApi OPTIONS /hello/{name}',
    ]);
    expect(row(rows, 'API definition', 'x-amazon-apigateway-any-method')?.usedBy).toEqual([
      'ServerlessRestApi ANY /files/{proxy+}',
    ]);
    expect(
      row(rows, 'Resource properties', 'AWS::Serverless::Function Metadata.BuildMethod esbuild')?.rule.status,
    ).toBe('emulated');
  });

  it('web-backend-js: SimpleTable emulated, DynamoDBCrudPolicy ignored, plain functions run in place without the runtime SDK', async () => {
    const rows = rowsOf('web-backend-js');
    const table = row(rows, 'Resources', 'AWS::Serverless::SimpleTable');
    expect([table?.rule.status, table?.usedBy]).toEqual(['emulated', ['SampleTable']]);
    expect(row(rows, 'Resource properties', 'AWS::Serverless::SimpleTable PrimaryKey')?.rule.status).toBe(
      'emulated',
    );
    const policies = row(rows, 'Resource properties', 'AWS::Serverless::Function Policies');
    expect(policies?.rule.status).toBe('ignored');
    expect(sorted(policies?.usedBy)).toEqual(['getAllItemsFunction', 'getByIdFunction', 'putItemFunction']);
    const { output } = await runToExit(['explain', '--template', fixture('web-backend-js', 'template.yaml')]);
    expect(lineOf(output, 'AWS::Serverless::SimpleTable')).toMatch(
      /^emulated AWS::Serverless::SimpleTable a DynamoDB table/,
    );
    expect(lineOf(output, 'AWS::Serverless::Function Policies')).toMatch(
      /^ignored AWS::Serverless::Function Policies .*DynamoDBCrudPolicy/,
    );
    expect(lineOf(output, 'AWS::Serverless::Function Metadata.BuildMethod (none)')).toMatch(
      /^approximated AWS::Serverless::Function Metadata\.BuildMethod \(none\) .*runs in place.*@aws-sdk/,
    );
  });

  it('cognito-orders: the Cognito authorizer on the operations its DefaultAuthorizer covers, and the EventSourceMapping', () => {
    const rows = rowsOf('cognito-orders');
    const cognito = row(rows, 'API definition', 'COGNITO_USER_POOLS authorizer');
    expect(cognito?.rule.status).toBe('emulated');
    // Not /health (Authorizer NONE), not the preflights (AddDefaultAuthorizerToCorsPreflight: false).
    expect(sorted(cognito?.usedBy)).toEqual([
      'OrdersApi GET /profile',
      'OrdersApi GET /scoped',
      'OrdersApi POST /orders',
    ]);
    expect(row(rows, 'API definition', 'Lambda TOKEN authorizer')?.usedBy).toEqual([
      'OrdersApi GET /partner',
    ]);
    expect(row(rows, 'API definition', 'Lambda REQUEST authorizer')?.usedBy).toEqual([
      'OrdersApi GET /caller',
    ]);
    const mapping = row(rows, 'Resources', 'AWS::Lambda::EventSourceMapping');
    expect([mapping?.rule.status, mapping?.usedBy]).toEqual(['emulated', ['OrderConsumerMapping']]);
    expect(
      row(rows, 'Resource properties', 'AWS::Lambda::EventSourceMapping FunctionResponseTypes')?.rule.status,
    ).toBe('emulated');
    for (const property of ['Auth', 'Cors'])
      expect(
        row(rows, 'Resource properties', `AWS::Serverless::Api ${property} (generated definition)`)?.usedBy,
      ).toEqual(['OrdersApi']);
  });

  it("SAM's Auth and Cors: applied to a definition SAM generates, ignored on an API with its own", () => {
    const cors = { Cors: "'*'", Auth: { DefaultAuthorizer: 'NONE' } };
    const rows = explainTemplate({
      path: '/app/template.yaml',
      dir: '/app',
      raw: {},
      includes: [],
      Parameters: {},
      Globals: {},
      Outputs: {},
      Resources: {
        Own: {
          Type: 'AWS::Serverless::Api',
          Properties: { ...cors, StageName: 'v1', DefinitionBody: { openapi: '3.0.1', paths: {} } },
        },
        Generated: { Type: 'AWS::Serverless::Api', Properties: { ...cors, StageName: 'v1' } },
        Fn: {
          Type: 'AWS::Serverless::Function',
          Properties: {
            Handler: 'app.handler',
            Events: {
              Get: { Type: 'Api', Properties: { RestApiId: { Ref: 'Generated' }, Path: '/', Method: 'get' } },
            },
          },
        },
      },
    }).rows;
    for (const property of ['Auth', 'Cors']) {
      const own = row(rows, 'Resource properties', `AWS::Serverless::Api ${property}`);
      expect([own?.rule.status, own?.usedBy]).toEqual(['ignored', ['Own']]);
      expect(own?.rule.how).toMatch(/own DefinitionBody/);
      const generated = row(
        rows,
        'Resource properties',
        `AWS::Serverless::Api ${property} (generated definition)`,
      );
      expect([generated?.rule.status, generated?.usedBy]).toEqual(['emulated', ['Generated']]);
    }
  });
});

describe("the import check's findings", () => {
  it('are listed under the table, errors saying sam-local does not start', async () => {
    const { code, output } = await runToExit([
      'explain',
      '--template',
      fixture('api-import', 'template.yaml'),
    ]);
    expect(code).toBe(0);
    expect(output).toMatch(
      /IncludedApi \(definitions\/root-security\.yaml\): 2 error\(s\).*sam-local does not start/,
    );
    expect(output).toMatch(/^ {4}error root-security \/security: /m);
    expect(output).toMatch(/^ {4}accepted parameter-attribute-ignored /m);
    expect(output).toMatch(/S3Api: not checked/);
  });
});

describe('the table', () => {
  const all = [
    ...Object.values(RULES.resources).flatMap((t) => [t.rule, ...Object.values(t.properties)]),
    ...Object.values(RULES.eventSources).flatMap((t) => [t.rule, ...Object.values(t.properties)]),
    ...Object.values(RULES.apiFeatures),
    ...Object.values(RULES.gatewayResponses),
    ...Object.values(RULES.general),
  ];

  it('has one line of how for each rule, and AWS pages only', () => {
    for (const rule of all) {
      expect(rule.how).toMatch(/^\S.*\S$/);
      expect(rule.how).not.toContain('\n');
      if (rule.docUrl) expect(rule.docUrl).toMatch(/^https:\/\/docs\.aws\.amazon\.com\//);
    }
  });

  it('has every gateway response type, and every type the runner creates as emulated or approximated', () => {
    expect(Object.keys(RULES.gatewayResponses).sort()).toEqual(Object.keys(GATEWAY_RESPONSE_TYPES).sort());
    const resources: Record<string, { rule: { status: string } }> = RULES.resources;
    for (const type of [
      ...Object.keys(PROVISIONED_SERVICES),
      'AWS::Serverless::Function',
      'AWS::Serverless::Api',
      'AWS::Serverless::SimpleTable',
      'AWS::Lambda::EventSourceMapping',
    ])
      expect([type, resources[type]?.rule.status]).toEqual([
        type,
        expect.stringMatching(/^(emulated|approximated)$/),
      ]);
  });
});

it('--help and a bad option', async () => {
  expect((await runToExit(['explain', '--help'])).output).toMatch(/^Usage: sam-local explain/);
  const bad = await runToExit(['explain', '--nope'], { cwd: join(fixture(), '..') });
  expect(bad.code).toBe(2);
});
