/**
 * The local runner on a small SAM app of its own (tests/fixtures/sam-app), which proves it knows SAM
 * and API Gateway rather than this project: the TOKEN authorizer's outcomes and cache, the proxy
 * event and the function environment, the SQS event source with a partial batch failure reaching
 * the DLQ, the stack outputs it writes, template Conditions, and static files beside the API (--static).
 * Local only: a fixture app is never deployed.
 */
import { mkdir, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import {
  CognitoIdentityProviderClient,
  DescribeUserPoolClientCommand,
} from '@aws-sdk/client-cognito-identity-provider';
import { DescribeTableCommand, DynamoDBClient } from '@aws-sdk/client-dynamodb';
import {
  GetQueueAttributesCommand,
  ListQueuesCommand,
  ReceiveMessageCommand,
  SendMessageBatchCommand,
  SQSClient,
} from '@aws-sdk/client-sqs';
import { tmpdir } from 'node:os';
import { fixture } from '../support/paths.js';
import { startStack, type StackTarget } from '../../src/public/testing.js';

const template = fixture('sam-app', 'template.yaml');
let stack: StackTarget;
let outputsDir: string;
const SITE_PAGE = '<!doctype html><title>fixture site</title>';

beforeAll(async () => {
  outputsDir = await mkdtemp(join(tmpdir(), 'stack-outputs-'));
  const site = join(outputsDir, 'site');
  await mkdir(site);
  await writeFile(join(site, 'index.html'), SITE_PAGE);
  // A short visibility timeout so a failed record is retried within seconds (the fixture says 30 s).
  stack = await startStack({
    template,
    args: [
      '--sqs-visibility-timeout',
      '3',
      '--outputs-file',
      join(outputsDir, 'outputs.json'),
      '--static',
      `/site/=${site}`,
      '--static-config',
      '/site/config.json',
    ],
  });
}, 90000);

afterAll(async () => {
  await stack?.stop();
  await rm(outputsDir, { recursive: true, force: true });
});

const get = (path: string, token?: string) =>
  fetch(`${stack.baseUrl}${path}`, { headers: token === undefined ? {} : { Authorization: token } });
const invocations = (token: string, from = 0) =>
  stack
    .logs()
    .slice(from)
    .split('\n')
    .filter((l) => l.includes(`authorizer invoked for ${token}`)).length;

let probes = 0;
/**
 * The authorizer's output arrives asynchronously: invoke it once more with a fresh token and wait
 * for that line, so every earlier line of its (ordered) output is in the logs.
 */
async function settleAuthorizerLogs(): Promise<void> {
  const token = `probe-${++probes}`;
  await get('/secret/probe', token);
  await stack.waitForLog(new RegExp(`authorizer invoked for ${token}\\b`));
}

describe('a TOKEN authorizer', () => {
  it('passes an allowed caller on, with its principal and context as requestContext.authorizer', async () => {
    const response = await get('/secret/bob', 'Bearer allow');
    expect(response.status).toBe(200);
    const body = (await response.json()) as Record<string, unknown>;
    expect(body).toMatchObject({
      operationName: 'secret',
      resource: '/secret/{name}',
      pathParameters: { name: 'bob' },
      stage: 'test',
      authorizer: { principalId: 'user-allow', plan: 'gold', level: '3' },
    });
  });

  it('caches the policy per token for the TTL: a second call does not invoke the authorizer', async () => {
    await get('/secret/ann', 'Bearer allow');
    await get('/secret/joe', 'Bearer allow');
    await settleAuthorizerLogs();
    expect(invocations('allow')).toBe(1);
  });

  it('answers 403 when the policy denies the method', async () => {
    const response = await get('/secret/bob', 'deny');
    expect(response.status).toBe(403);
    expect(await response.json()).toEqual({
      message: 'User is not authorized to access this resource with an explicit deny',
    });
  });

  it('answers 401 when the authorizer throws Unauthorized', async () => {
    const response = await get('/secret/bob', 'Bearer stolen');
    expect(response.status).toBe(401);
    expect(await response.json()).toEqual({ message: 'Unauthorized' });
    await settleAuthorizerLogs();
    expect(invocations('stolen')).toBe(1);
  });

  it('answers 401 without invoking the authorizer when the Authorization header is missing', async () => {
    await settleAuthorizerLogs();
    const before = stack.logs().length;
    const response = await get('/secret/bob');
    expect(response.status).toBe(401);
    await settleAuthorizerLogs();
    // Only the probe's own line appeared since: the request without a header invoked nothing.
    expect(invocations('', before)).toBe(1);
    expect(stack.logs().slice(before)).toMatch(/GET \/secret\/bob -> 401 \(\d+ ms\) UNAUTHORIZED/);
  });

  it('answers 500 when the authorizer fails otherwise', async () => {
    const response = await get('/secret/bob', 'explode');
    expect(response.status).toBe(500);
  });

  it('leaves public operations alone', async () => {
    const response = await get('/hello');
    expect(response.status).toBe(200);
    expect(await response.json()).toMatchObject({ message: 'hello v1', authorizer: null });
  });
});

describe('the API Gateway import check at start', () => {
  it("prints the definition's warnings, with rule, path and AWS page, but not those the template accepts", () => {
    expect(stack.logs()).toMatch(
      /^warning: Api parameter-attribute-ignored \/paths\/~1secret~1\{name\}\/get\/parameters\/0\/schema\/maxLength: .*\(https:\/\/docs\.aws\.amazon\.com\/apigateway\/.*\)$/m,
    );
    expect(stack.logs()).not.toContain('schema/pattern');
  });
});

describe('execution environments', () => {
  it('run one invocation at a time each; concurrent calls get more workers, up to the reserved concurrency', async () => {
    const answers = await Promise.all(
      Array.from({ length: 6 }, () =>
        get('/slow').then((r) => r.json() as Promise<{ overlapped: boolean; threadId: number }>),
      ),
    );
    expect(answers.filter((a) => a.overlapped)).toEqual([]);
    const workers = new Set(answers.map((a) => a.threadId));
    expect(workers.size).toBeGreaterThanOrEqual(1);
    expect(workers.size).toBeLessThanOrEqual(2);
  });
});

describe('the function environment', () => {
  it('points template references at the emulated resources, and takes the rest from env.json', async () => {
    const body = (await (await get('/hello')).json()) as { env: Record<string, string> };
    expect(body.env.TABLE_NAME).toMatch(/-ItemsTable$/); // not env.json's deployed name
    expect(body.env.QUEUE_URL).toMatch(/^http:\/\/127\.0\.0\.1:\d+\/\d+\/.*-WorkQueue$/);
    expect(body.env.SECRET_FROM_ENV_JSON).toBe('from-env-json');
    expect(body.env.AWS_LAMBDA_FUNCTION_NAME).toMatch(/-ApiFunction$/);
  });

  it('resolves Fn::If from the template Conditions, and leaves a variable that is AWS::NoValue unset', async () => {
    const body = (await (await get('/hello')).json()) as { env: Record<string, string> };
    expect(body.env.STORAGE_MODE).toBe('plain');
    expect(body.env).not.toHaveProperty('ARCHIVE_QUEUE_URL');
  });

  it('names the resource types it does not emulate', () => {
    expect(stack.logs()).toMatch(/warning: not emulated: AWS::SNS::Topic Topic/);
  });
});

describe('an SQS event source with ReportBatchItemFailures', () => {
  it('deletes the records that succeeded and sends the failing one to the DLQ after maxReceiveCount', async () => {
    const env = stack.awsEnv;
    const sqs = new SQSClient({
      region: env.AWS_REGION,
      endpoint: env.AWS_ENDPOINT_URL_SQS,
      credentials: { accessKeyId: 'local', secretAccessKey: 'local' },
    });
    try {
      const { QueueUrls = [] } = await sqs.send(new ListQueuesCommand({}));
      // ArchiveQueue's condition is false: CloudFormation would not create it.
      expect(QueueUrls.filter((u) => u.endsWith('-ArchiveQueue'))).toEqual([]);
      const queue = QueueUrls.find((u) => u.endsWith('-WorkQueue')) as string;
      const dlq = QueueUrls.find((u) => u.endsWith('-WorkDlq')) as string;
      await sqs.send(
        new SendMessageBatchCommand({
          QueueUrl: queue,
          Entries: ['ok-a', 'fail-b', 'ok-c'].map((body, i) => ({ Id: String(i), MessageBody: body })),
        }),
      );
      // The failing record is received twice (maxReceiveCount 2), then moved to the DLQ.
      await stack.waitForLog(/worker failed fail-b \(receive 2\)/, 30000);
      let dead: string[] = [];
      for (let i = 0; i < 20 && dead.length === 0; i++) {
        const { Messages = [] } = await sqs.send(
          new ReceiveMessageCommand({ QueueUrl: dlq, WaitTimeSeconds: 2 }),
        );
        dead = Messages.map((m) => m.Body as string);
      }
      expect(dead).toEqual(['fail-b']);
      expect(stack.logs()).toMatch(/worker processed ok-a \(receive 1\)/);
      expect(stack.logs()).toMatch(/worker processed ok-c \(receive 1\)/);
      expect(stack.logs()).not.toMatch(/worker processed ok-a \(receive 2\)/);
      const { Attributes } = await sqs.send(
        new GetQueueAttributesCommand({
          QueueUrl: queue,
          AttributeNames: ['ApproximateNumberOfMessages', 'ApproximateNumberOfMessagesNotVisible'],
        }),
      );
      expect(Attributes).toEqual({
        ApproximateNumberOfMessages: '0',
        ApproximateNumberOfMessagesNotVisible: '0',
      });
    } finally {
      sqs.destroy();
    }
  }, 60000);
});

describe('the stack outputs', () => {
  type Document = {
    Stacks: [
      { StackName: string; Outputs: { OutputKey: string; OutputValue: string; Description?: string }[] },
    ];
    Environment: Record<string, string>;
  };
  const read = async (file: string) => JSON.parse(await readFile(file, 'utf8')) as Document;

  it('are written to --outputs-file and to the data folder alike, in the shape describe-stacks prints', async () => {
    const written = await read(join(outputsDir, 'outputs.json'));
    expect(await read(join(stack.dataDir, 'stack-outputs.json'))).toEqual(written);
    expect(written.Stacks[0].StackName).toBe('sam-app');
    expect(written.Stacks[0].Outputs[0]).toEqual({
      OutputKey: 'ApiEndpoint',
      OutputValue: stack.baseUrl,
      Description: "The stage's invoke URL",
    });
    expect(written.Environment).toEqual(stack.awsEnv);
  });

  it('resolve Ref, GetAtt and Sub to the local resources, and an invoke URL to the local API', async () => {
    const document = await read(join(outputsDir, 'outputs.json'));
    const outputs = Object.fromEntries(document.Stacks[0].Outputs.map((o) => [o.OutputKey, o.OutputValue]));
    const env = document.Environment;
    const base = { region: env.AWS_REGION, credentials: { accessKeyId: 'local', secretAccessKey: 'local' } };
    const sqs = new SQSClient({ ...base, endpoint: env.AWS_ENDPOINT_URL_SQS });
    const ddb = new DynamoDBClient({ ...base, endpoint: env.AWS_ENDPOINT_URL_DYNAMODB });
    const cognito = new CognitoIdentityProviderClient({
      ...base,
      endpoint: env.AWS_ENDPOINT_URL_COGNITO_IDENTITY_PROVIDER,
    });
    try {
      const hello = await fetch(outputs.HelloUrl ?? '');
      expect(hello.status).toBe(200);
      expect(outputs.Greeting).toBe('hello from sam-app');
      expect(outputs.ApiFunctionArn).toMatch(
        /^arn:aws:lambda:[a-z0-9-]+:\d{12}:function:sam-app-ApiFunction$/,
      );
      const { Attributes } = await sqs.send(
        new GetQueueAttributesCommand({ QueueUrl: outputs.WorkQueueUrl, AttributeNames: ['RedrivePolicy'] }),
      );
      expect(JSON.parse(Attributes?.RedrivePolicy ?? '{}')).toMatchObject({
        deadLetterTargetArn: outputs.WorkDlqArn,
      });
      const { Table } = await ddb.send(new DescribeTableCommand({ TableName: outputs.ItemsTableName }));
      expect(Table?.TableName).toBe(outputs.ItemsTableName);
      const { UserPoolClient } = await cognito.send(
        new DescribeUserPoolClientCommand({ UserPoolId: outputs.PoolId, ClientId: outputs.PoolClientId }),
      );
      expect(UserPoolClient?.UserPoolId).toBe(outputs.PoolId);
    } finally {
      for (const c of [sqs, ddb, cognito]) c.destroy();
    }
  });

  it('leave out, with a warning, an output of a resource that is not emulated', async () => {
    const document = await read(join(outputsDir, 'outputs.json'));
    expect(document.Stacks[0].Outputs.map((o) => o.OutputKey)).not.toContain('TopicArn');
    expect(stack.logs()).toMatch(/warning: output TopicArn is not in the outputs file: Ref Topic/);
  });

  it('have no output whose condition is false, and no warning for it (as CloudFormation)', async () => {
    const document = await read(join(outputsDir, 'outputs.json'));
    expect(document.Stacks[0].Outputs.map((o) => o.OutputKey)).not.toContain('ArchiveQueueUrl');
    expect(stack.logs()).not.toContain('ArchiveQueue');
  });
});

describe('static files (--static, --static-config)', () => {
  it('serves the folder under its prefix on the API port, and the config file naming the API', async () => {
    const page = await get('/site/');
    expect(page.status).toBe(200);
    expect(await page.text()).toBe(SITE_PAGE);
    expect(await (await get('/site/config.json')).json()).toEqual({ apiUrl: stack.baseUrl });
    expect(stack.logs()).toMatch(/GET \/site\/ -> 200 \(\d+ ms\) static/);
  });

  it('lists them at start as local only, and leaves the API as it was', async () => {
    expect(stack.logs()).toContain(
      "Static files on the API's port (local only, not API Gateway; GET and HEAD):",
    );
    expect(stack.logs()).toContain(`${stack.baseUrl}/site/config.json -> {"apiUrl": "${stack.baseUrl}"}`);
    expect((await get('/hello')).status).toBe(200);
  });
});
