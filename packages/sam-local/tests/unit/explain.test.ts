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
    expect(lineOf(output, 'COGNITO_USER_POOLS authorizer')).toMatch(/^ignored /);
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
