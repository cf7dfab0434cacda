/**
 * Each function's IAM policy is exactly what its code sends: every AWS SDK command reachable from
 * its handler needs its action in the function's Policies, and the Policies allow nothing else.
 * How commands are found: tests/delivery/lib/sdk-calls.ts.
 */
import { join } from 'node:path';
import { build } from 'esbuild';
import { functionBuild } from 'sam-local/esbuild';
import { functionBundles } from '../support/function-bundles.js';
import { text, type SamFunction } from 'sam-local/template';
import { projectRoot } from '../support/paths.js';
import { samFunctions, template } from '../support/project.js';
import { policyProblems } from './lib/function-policies.js';
import { SdkCallFinder, type Analysis } from './lib/sdk-calls.js';

const entryOf = (fn: SamFunction): string =>
  (fn.metadata.BuildProperties as { EntryPoints: string[] }).EntryPoints[0] ?? '';
const exportOf = (fn: SamFunction) => text(fn.properties.Handler).split('.').pop() ?? '';
const fixture = (file: string) => join('tests/fixtures/iam-audit', file);

let finder: SdkCallFinder;
const analyses = new Map<string, Analysis>();
const actions = (a: Analysis | undefined) => [...new Set(a?.calls.flatMap((c) => c.action ?? []))].sort();

beforeAll(async () => {
  finder = new SdkCallFinder(projectRoot, [
    ...samFunctions.map(entryOf),
    fixture('handler-save.ts'),
    fixture('handler-remove.ts'),
    fixture('handler-eager-client.ts'),
  ]);
  for (const fn of samFunctions) analyses.set(fn.logicalId, await finder.analyse(entryOf(fn), exportOf(fn)));
}, 120000);

describe("each function's Policies match the AWS calls its code makes", () => {
  it.each(samFunctions.map((fn) => [fn.logicalId, fn] as const))('%s', (id, fn) => {
    const analysis = analyses.get(id);
    expect(analysis?.problems).toEqual([]);
    expect(policyProblems(fn, analysis?.calls ?? [])).toEqual([]);
  });

  it('needs no IAM action for the public Cognito operations the identity function calls', () => {
    const calls = analyses.get('IdentityFunction')?.calls ?? [];
    expect(calls.map((c) => [c.command, c.action ?? 'none']).sort()).toEqual([
      ['ConfirmSignUpCommand', 'none'],
      ['InitiateAuthCommand', 'none'],
      ['ResendConfirmationCodeCommand', 'none'],
      ['SignUpCommand', 'none'],
    ]);
  });

  it('finds the calls the functions make (what the policies above are checked against)', () => {
    expect(
      Object.fromEntries(samFunctions.map((fn) => [fn.logicalId, actions(analyses.get(fn.logicalId))])),
    ).toEqual({
      HealthFunction: [],
      OpenApiFunction: [],
      AuthorizerFunction: [],
      // SignUp, ConfirmSignUp, ResendConfirmationCode, InitiateAuth: public Cognito operations.
      IdentityFunction: [],
      UsersFunction: [
        'dynamodb:DeleteItem',
        'dynamodb:GetItem',
        'dynamodb:PutItem',
        'dynamodb:Scan',
        'dynamodb:UpdateItem',
        'secretsmanager:GetSecretValue',
      ],
      // UpdateItem: a job that could not be queued (no Idempotency-Key) is marked failed (src/jobs/submit.ts).
      // s3:PutObject: the upload links (a presigned POST); s3:GetObject: HeadObject of an upload at submit.
      SubmitJobFunction: [
        'dynamodb:GetItem',
        'dynamodb:PutItem',
        'dynamodb:UpdateItem',
        's3:GetObject',
        's3:PutObject',
        'sqs:SendMessage',
      ],
      JobStatusFunction: [
        'dynamodb:GetItem',
        'dynamodb:Query',
        's3:GetObject',
        'secretsmanager:GetSecretValue',
      ],
      JobProcessorFunction: ['dynamodb:GetItem', 'dynamodb:UpdateItem', 's3:GetObject', 's3:PutObject'],
      JobDlqFunction: ['dynamodb:UpdateItem'],
      // Invoke is authorized as lambda:InvokeFunction.
      PreTrafficHookFunction: ['codedeploy:PutLifecycleEventHookExecutionStatus', 'lambda:InvokeFunction'],
    });
  });
});

/** The AWS SDK client packages a function's bundle carries code of (esbuild's metafile, as `sam build` bundles). */
async function bundledClients(fn: SamFunction, entry?: string): Promise<string[]> {
  let inputs: [string, { bytesInOutput: number }][];
  if (entry) {
    const plan = functionBuild(template, fn, join(projectRoot, 'dist', '.clients-check', fn.logicalId));
    const out = await build({ ...plan.options, entryPoints: [join(projectRoot, entry)], write: false });
    inputs = Object.values(out.metafile?.outputs ?? {}).flatMap((o) => Object.entries(o.inputs));
  } else inputs = Object.entries((await functionBundles()).get(fn.logicalId)!.inputs);
  const clients = inputs
    .filter(([, i]) => i.bytesInOutput > 0)
    .map(([file]) => /node_modules\/@aws-sdk\/(client-[\w-]+)\//.exec(file)?.[1])
    .filter((c): c is string => c !== undefined);
  return [...new Set(clients)].sort();
}

/**
 * The client packages the code calls: lib-dynamodb's commands run on client-dynamodb, and
 * s3-presigned-post signs with the S3 client's configuration.
 */
const calledClients = (a: Analysis | undefined) =>
  [
    ...new Set(
      a?.calls.map((c) =>
        c.sdkPackage
          .replace('@aws-sdk/', '')
          .replace('lib-dynamodb', 'client-dynamodb')
          .replace('s3-presigned-post', 'client-s3'),
      ),
    ),
  ].sort();

describe('each bundle carries only the AWS SDK clients its code calls (src/lib/aws-clients.ts)', () => {
  it.each(samFunctions.map((fn) => [fn.logicalId, fn] as const))('%s', async (id, fn) => {
    expect(await bundledClients(fn)).toEqual(calledClients(analyses.get(id)));
  });

  it('would catch a client built at import that the code never calls', async () => {
    const entry = fixture('handler-eager-client.ts');
    const eager = await finder.analyse(entry, 'handler');
    expect(calledClients(eager)).toEqual(['client-dynamodb']);
    expect(await bundledClients(samFunctions[0]!, entry)).toEqual(['client-dynamodb', 'client-s3']);
  });
});

describe('would catch a mistake', () => {
  const submit = samFunctions.find((f) => f.logicalId === 'SubmitJobFunction') as SamFunction;
  const withStatements = (fn: SamFunction, statements: object[]): SamFunction => ({
    ...fn,
    properties: { ...fn.properties, Policies: [{ Statement: statements }] as never },
  });

  it('a policy missing an action the code needs', () => {
    const broken = withStatements(submit, [
      {
        Effect: 'Allow',
        Action: ['dynamodb:PutItem', 'dynamodb:GetItem', 'dynamodb:UpdateItem', 's3:GetObject'],
        Resource: '*',
      },
    ]);
    expect(policyProblems(broken, analyses.get('SubmitJobFunction')?.calls ?? [])).toEqual([
      'SubmitJobFunction: its code sends SendMessageCommand (src/jobs/aws/sqs-job-queue.ts), which needs sqs:SendMessage; its Policies do not allow it',
      'SubmitJobFunction: its code sends createPresignedPost (src/jobs/aws/s3-uploads.ts), which needs s3:PutObject; its Policies do not allow it',
    ]);
  });

  it('a policy allowing what the code never sends', () => {
    const broken = withStatements(submit, [
      {
        Effect: 'Allow',
        Action: ['dynamodb:PutItem', 'dynamodb:GetItem', 'dynamodb:UpdateItem', 'dynamodb:DeleteItem'],
        Resource: '*',
      },
      { Effect: 'Allow', Action: 'sqs:SendMessage', Resource: '*' },
      { Effect: 'Allow', Action: ['s3:PutObject', 's3:GetObject'], Resource: '*' },
    ]);
    expect(policyProblems(broken, analyses.get('SubmitJobFunction')?.calls ?? [])).toEqual([
      'SubmitJobFunction: its Policies allow dynamodb:DeleteItem, which its code never sends',
    ]);
  });

  it('a SAM policy template, which cannot be compared', () => {
    const broken = {
      ...submit,
      properties: { ...submit.properties, Policies: [{ DynamoDBCrudPolicy: {} }] },
    };
    expect(policyProblems(broken as SamFunction, [])).toEqual([
      'SubmitJobFunction: policy DynamoDBCrudPolicy cannot be compared with the code; write its Statement instead',
    ]);
  });

  it('counts only the methods a handler calls through an interface, and no action for public Cognito calls', async () => {
    const save = await finder.analyse(fixture('handler-save.ts'), 'handler');
    expect(save.problems).toEqual([]);
    expect(save.calls.map((c) => [c.command, c.action ?? 'none'])).toEqual(
      expect.arrayContaining([
        ['PutItemCommand', 'dynamodb:PutItem'],
        ['SignUpCommand', 'none'],
      ]),
    );
    expect(actions(save)).toEqual(['dynamodb:PutItem']);
    // The other method of the same class, and a function nobody calls, need nothing here...
    const remove = await finder.analyse(fixture('handler-remove.ts'), 'handler');
    // ...but count for the handler that calls them; lib-dynamodb's GetCommand is GetItem.
    expect(actions(remove)).toEqual(['dynamodb:DeleteItem', 'dynamodb:GetItem']);
  });
});
