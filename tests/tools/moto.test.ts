/**
 * AWS_ENDPOINT_URL pointing at a running moto_server (moto's standalone server, Python): the local
 * stack starts no emulator of its own, creates the template's resources in moto, and serves the
 * API with no code change. Part of `npm run test:tools`: moto_server must be on PATH.
 */
import { DynamoDBClient, ListTablesCommand } from '@aws-sdk/client-dynamodb';
import { GetSecretValueCommand, SecretsManagerClient } from '@aws-sdk/client-secrets-manager';
import { ListQueuesCommand, SQSClient } from '@aws-sdk/client-sqs';
import { createApiClient } from '../../api/client.js';
import { startStack, type StackTarget } from '../support/stack.js';
import { motoCredentials, motoRegion, startMoto, type Moto } from './support/moto.js';

let moto: Moto | undefined;
let motoUrl: string;
let stack: StackTarget;

beforeAll(async () => {
  moto = await startMoto();
  motoUrl = moto.url;
  stack = await startStack({ env: { AWS_ENDPOINT_URL: motoUrl } });
}, 90000);

afterAll(async () => {
  await stack?.stop();
  moto?.stop();
});

const client = <T>(Client: new (config: object) => T): T =>
  new Client({
    region: motoRegion,
    endpoint: motoUrl,
    credentials: motoCredentials,
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
