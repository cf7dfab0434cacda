/**
 * AWS_ENDPOINT_URL pointing at a running moto_server (moto's standalone server, Python): the local
 * stack starts no emulator of its own, creates the template's resources in moto, and serves the
 * API with no code change. moto_server must be on PATH (`pip install "moto[server]"`).
 */
import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { createServer } from 'node:net';
import { DynamoDBClient, ListTablesCommand } from '@aws-sdk/client-dynamodb';
import { GetSecretValueCommand, SecretsManagerClient } from '@aws-sdk/client-secrets-manager';
import { ListQueuesCommand, SQSClient } from '@aws-sdk/client-sqs';
import { createApiClient } from '../../api/client.js';
import { startStack, type StackTarget } from '../support/stack.js';

let moto: ChildProcess | undefined;
let motoUrl: string;
let stack: StackTarget;

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.on('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      server.close(() => resolve(typeof address === 'object' && address ? address.port : 0));
    });
  });
}

async function waitForHttp(url: string, timeoutMs: number): Promise<void> {
  const end = Date.now() + timeoutMs;
  for (;;) {
    try {
      await fetch(url);
      return;
    } catch (e) {
      if (Date.now() > end) throw new Error(`moto_server did not answer at ${url}`, { cause: e });
      await new Promise((r) => setTimeout(r, 100));
    }
  }
}

beforeAll(async () => {
  if (spawnSync('moto_server', ['--help'], { stdio: 'ignore' }).error) {
    throw new Error(
      'moto_server is not on PATH: install it with `pip install "moto[server]"` to run this test',
    );
  }
  const port = await freePort();
  motoUrl = `http://127.0.0.1:${port}`;
  moto = spawn('moto_server', ['-H', '127.0.0.1', '-p', String(port)], { stdio: 'ignore' });
  await waitForHttp(motoUrl, 20000);
  stack = await startStack({ env: { AWS_ENDPOINT_URL: motoUrl } });
}, 90000);

afterAll(async () => {
  await stack?.stop();
  moto?.kill('SIGTERM');
});

const client = <T>(Client: new (config: object) => T): T =>
  new Client({
    region: 'us-east-1',
    endpoint: motoUrl,
    credentials: { accessKeyId: 'test', secretAccessKey: 'test' },
  });

it('uses moto for every service instead of starting emulators', () => {
  for (const service of ['DynamoDB', 'SQS', 'S3', 'Cognito', 'Secrets Manager']) {
    expect(stack.logs()).toMatch(
      new RegExp(`${service}\\s+${motoUrl.replace(/\./g, '\\.')}\\s+\\(from your AWS_ENDPOINT_URL\\)`),
    );
  }
  expect(stack.logs()).not.toMatch(/\(dynalite\)|\(fauxqs\)|\(cognito-local\)|\(built in/);
});

it("creates the template's tables and queues in moto", async () => {
  const ddb = client(DynamoDBClient);
  const sqs = client(SQSClient);
  try {
    const { TableNames = [] } = await ddb.send(new ListTablesCommand({}));
    expect(TableNames).toEqual(
      expect.arrayContaining([expect.stringMatching(/-JobsTable$/), expect.stringMatching(/-UsersTable$/)]),
    );
    const { QueueUrls = [] } = await sqs.send(new ListQueuesCommand({}));
    expect(QueueUrls).toEqual(
      expect.arrayContaining([expect.stringMatching(/-JobsQueue$/), expect.stringMatching(/-JobsDlq$/)]),
    );
  } finally {
    ddb.destroy();
    sqs.destroy();
  }
});

it("generates the template's secret in moto's Secrets Manager by the same rules", async () => {
  const arn = /SecretsManager::Secret\s+PaginationSecret\s+(arn:aws:secretsmanager:\S+)/.exec(
    stack.logs(),
  )?.[1];
  expect(arn).toBeDefined();
  const secrets = client(SecretsManagerClient);
  try {
    const { SecretString } = await secrets.send(new GetSecretValueCommand({ SecretId: arn }));
    expect(SecretString).toMatch(/^[A-Za-z0-9]{48}$/);
  } finally {
    secrets.destroy();
  }
});

it('serves the API with the functions talking to moto', async () => {
  const api = createApiClient(stack.baseUrl);
  const health = await api.GET('/health');
  expect(health.response.status).toBe(200);
  const spec = await api.GET('/openapi.json');
  expect(spec.response.status).toBe(200);
  expect(stack.logs()).toMatch(/\[cognito\] seeded user admin@local\.test \/ \S+ \(groups: admin\)/);
});
