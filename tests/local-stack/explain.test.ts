/**
 * `sam-local explain` on this service's template.yaml: the parts a developer of this service asks
 * about (the alias and canary, TTL, lifecycle rules, the authorizer, the gateway responses, what is
 * not emulated at all) each with its status, and the import check's verdict on api/gateway.yaml.
 */
import { runToExit } from 'sam-local/testing';
import { projectRoot } from '../support/paths.js';

let lines: string[];

beforeAll(async () => {
  const { code, output } = await runToExit(['explain'], { cwd: projectRoot, timeoutMs: 30000 });
  expect(code).toBe(0);
  lines = output.split('\n').map((l) => l.trim());
}, 40000);

const escape = (s: string) => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
/** The status of the table line for `subject` (padded: two spaces at least before its how). */
const statusOf = (subject: string) =>
  lines
    .map((l) => new RegExp(`^(emulated|approximated|ignored) +${escape(subject)} {2}`).exec(l)?.[1])
    .find(Boolean);

it.each([
  ['AWS::Serverless::Function AutoPublishAlias', 'approximated'],
  ['AWS::Serverless::Function DeploymentPreference', 'ignored'],
  ['AWS::Serverless::Function Policies', 'ignored'],
  ['AWS::DynamoDB::Table TimeToLiveSpecification', 'ignored'],
  ['AWS::S3::Bucket LifecycleConfiguration', 'ignored'],
  ['AWS::Serverless::Api MethodSettings', 'ignored'],
  ['AWS::CloudWatch::Alarm', 'ignored'],
  ['AWS::SQS::Queue', 'emulated'],
  ['SQS event FunctionResponseTypes', 'emulated'],
  ['SQS event ScalingConfig', 'approximated'],
  ['Lambda TOKEN authorizer', 'emulated'],
  ['integration mock', 'approximated'],
  ['response schemas', 'approximated'],
  ['UNAUTHORIZED', 'emulated'],
  ['THROTTLED', 'ignored'],
  ['Presigned URLs', 'ignored'],
  ['cognito-local signing key', 'ignored'],
])('%s: %s', (subject, status) => {
  expect(statusOf(subject)).toBe(status);
});

it("names the console's resources as not created (DeployConsole is false by default) and the import check's verdict", () => {
  expect(lines).toContainEqual(expect.stringMatching(/^Not created .*ConsoleDistribution/));
  expect(lines).toContain('Api (api/gateway.yaml): 0 error(s), 0 warning(s), 0 accepted');
});
