/**
 * The project's own stack (template.yaml + openapi.yaml) over real HTTP, through the generated
 * client: what the gateway itself answers (routes, validators, authorizer presence, CORS, gateway
 * responses) and what the local stack created. With API_BASE_URL set, the HTTP tests run against a
 * deployed stage; the emulator checks only make sense locally.
 */
import {
  CognitoIdentityProviderClient,
  ListUserPoolsCommand,
} from '@aws-sdk/client-cognito-identity-provider';
import { DynamoDBClient, DescribeTableCommand, ListTablesCommand } from '@aws-sdk/client-dynamodb';
import { ListBucketsCommand, S3Client } from '@aws-sdk/client-s3';
import { GetQueueAttributesCommand, ListQueuesCommand, SQSClient } from '@aws-sdk/client-sqs';
import { createApiClient, type ApiClient } from '../../../api/client.js';
import { startStack, type StackTarget } from '../../support/stack.js';

let stack: StackTarget;
let api: ApiClient;

beforeAll(async () => {
  stack = await startStack();
  api = createApiClient(stack.baseUrl);
}, 90000);

afterAll(async () => {
  await stack?.stop();
});

describe('the API served from openapi.yaml', () => {
  it('answers GET /health', async () => {
    const { data, response } = await api.GET('/health');
    expect(response.status).toBe(200);
    expect(data).toEqual({ status: 'ok', version: expect.any(String) });
  });

  it('serves the published spec at GET /openapi.json', async () => {
    const { data, response } = await api.GET('/openapi.json');
    expect(response.status).toBe(200);
    expect(data?.openapi).toMatch(/^3\./);
    expect(Object.keys(data?.paths ?? {})).toEqual(
      expect.arrayContaining(['/health', '/submit-job-request']),
    );
  });

  it("answers an unknown route with the spec's 404 problem+json (MISSING_AUTHENTICATION_TOKEN)", async () => {
    const response = await fetch(`${stack.baseUrl}/no/such/route`);
    expect(response.status).toBe(404);
    expect(response.headers.get('content-type')).toBe('application/problem+json');
    expect(await response.json()).toMatchObject({ status: 404, title: 'Not Found' });
  });

  it('answers an unknown method on a known path with the same 404, as API Gateway does', async () => {
    const response = await fetch(`${stack.baseUrl}/health`, { method: 'DELETE' });
    expect(response.status).toBe(404);
    expect(await response.json()).toMatchObject({ status: 404 });
  });

  it('rejects a sign-up body that breaks the schema at the gateway, without invoking the function', async () => {
    const before = stack.logs().length;
    const { error, response } = await api.POST('/auth/signup', {
      body: { email: 'someone@example.com' } as never,
    });
    expect(response.status).toBe(400);
    expect(response.headers.get('content-type')).toBe('application/problem+json');
    expect(error).toMatchObject({ status: 400, detail: 'Invalid request body' });
    expect(JSON.stringify(error)).toContain('password');
    if (stack.local) {
      // Locally the request log names who answered: the gateway's BAD_REQUEST_BODY, not the function.
      await stack.waitForLog(/POST \/auth\/signup -> 400 \(\d+ ms\) BAD_REQUEST_BODY/);
      expect(stack.logs().slice(before)).not.toContain('[IdentityFunction]');
    }
  });

  it('rejects a body that is not JSON with BAD_REQUEST_BODY', async () => {
    const response = await fetch(`${stack.baseUrl}/auth/login`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: '{"email": ',
    });
    expect(response.status).toBe(400);
    expect(await response.json()).toMatchObject({ status: 400, detail: 'Invalid request body' });
  });

  it("answers a CORS preflight from the spec's mock integration", async () => {
    const response = await fetch(`${stack.baseUrl}/submit-job-request`, {
      method: 'OPTIONS',
      headers: { Origin: 'http://localhost:5173', 'Access-Control-Request-Method': 'POST' },
    });
    expect(response.status).toBe(204);
    expect(response.headers.get('access-control-allow-origin')).toBeTruthy();
    expect(response.headers.get('access-control-allow-methods')).toContain('POST');
    expect(response.headers.get('access-control-allow-headers')).toContain('Authorization');
  });

  it("refuses a secured route without a token with the spec's 401, before any function runs", async () => {
    const { error, response } = await api.GET('/users/me');
    expect(response.status).toBe(401);
    expect(response.headers.get('www-authenticate')).toBe('Bearer');
    expect(error).toMatchObject({ status: 401, title: 'Unauthorized' });
  });

  it('refuses a body over the 10 MB payload limit with 413', async () => {
    const response = await fetch(`${stack.baseUrl}/submit-job-request`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', authorization: 'Bearer x' },
      body: 'x'.repeat(10 * 1024 * 1024 + 1),
    });
    expect(response.status).toBe(413);
    expect(await response.json()).toMatchObject({ status: 413 });
  });
});

// Only the local stack has emulators to inspect: against a deployed stage these are not registered.
const describeLocal = process.env.API_BASE_URL ? () => undefined : describe;

describeLocal('the resources created from template.yaml', () => {
  const local = () => {
    const env = stack.awsEnv;
    const base = {
      region: env.AWS_REGION,
      credentials: {
        accessKeyId: env.AWS_ACCESS_KEY_ID as string,
        secretAccessKey: env.AWS_SECRET_ACCESS_KEY as string,
      },
    };
    return { env, base };
  };

  it('has the tables with their keys and indexes', async () => {
    const { env, base } = local();
    const ddb = new DynamoDBClient({ ...base, endpoint: env.AWS_ENDPOINT_URL_DYNAMODB });
    const { TableNames } = await ddb.send(new ListTablesCommand({}));
    expect(TableNames).toEqual(
      expect.arrayContaining([expect.stringMatching(/-JobsTable$/), expect.stringMatching(/-UsersTable$/)]),
    );
    const jobs = TableNames?.find((t) => t.endsWith('-JobsTable'));
    const { Table } = await ddb.send(new DescribeTableCommand({ TableName: jobs }));
    expect(Table?.KeySchema).toEqual([
      { AttributeName: 'ownerId', KeyType: 'HASH' },
      { AttributeName: 'jobId', KeyType: 'RANGE' },
    ]);
    expect(Table?.GlobalSecondaryIndexes?.map((g) => g.IndexName)).toEqual(['ByOwnerCreatedAt']);
    ddb.destroy();
  });

  it('has the queue with its redrive policy to the DLQ, and the bucket', async () => {
    const { env, base } = local();
    const sqs = new SQSClient({ ...base, endpoint: env.AWS_ENDPOINT_URL_SQS });
    const { QueueUrls } = await sqs.send(new ListQueuesCommand({}));
    const queue = QueueUrls?.find((u) => u.endsWith('-JobsQueue'));
    const dlq = QueueUrls?.find((u) => u.endsWith('-JobsDlq'));
    expect(queue && dlq).toBeTruthy();
    const { Attributes } = await sqs.send(
      new GetQueueAttributesCommand({ QueueUrl: queue, AttributeNames: ['All'] }),
    );
    const { Attributes: dlqAttributes } = await sqs.send(
      new GetQueueAttributesCommand({ QueueUrl: dlq, AttributeNames: ['QueueArn'] }),
    );
    expect(JSON.parse(Attributes?.RedrivePolicy ?? '{}')).toEqual({
      deadLetterTargetArn: dlqAttributes?.QueueArn,
      maxReceiveCount: 3,
    });
    const s3 = new S3Client({ ...base, endpoint: env.AWS_ENDPOINT_URL_S3, forcePathStyle: true });
    const { Buckets } = await s3.send(new ListBucketsCommand({}));
    expect(Buckets?.map((b) => b.Name)).toContainEqual(expect.stringMatching(/-resultsbucket$/));
    sqs.destroy();
    s3.destroy();
  });

  it('has the user pool, and a seeded admin whose credentials were printed', async () => {
    const { env, base } = local();
    const cognito = new CognitoIdentityProviderClient({
      ...base,
      endpoint: env.AWS_ENDPOINT_URL_COGNITO_IDENTITY_PROVIDER,
    });
    const { UserPools } = await cognito.send(new ListUserPoolsCommand({ MaxResults: 10 }));
    expect(UserPools?.map((p) => p.Name)).toContainEqual(expect.stringMatching(/-dev-users$/));
    expect(stack.adminCredentials.email).toBe('admin@local.test');
    expect(stack.adminCredentials.password.length).toBeGreaterThanOrEqual(8);
    cognito.destroy();
  });
});
