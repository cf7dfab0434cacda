/**
 * The project's own stack (template.yaml + openapi.yaml) on the local stack, for what only the local
 * stack can show: who answered a request (its log), the resources it created from the template, the
 * printed AWS CLI environment, and the stack outputs it writes. What the API answers over HTTP is the
 * black-box suite's (tests/deployed, run on the local stack by `npm run test:deployed:local`).
 */
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import {
  CognitoIdentityProviderClient,
  DescribeUserPoolClientCommand,
  ListUserPoolsCommand,
} from '@aws-sdk/client-cognito-identity-provider';
import { DynamoDBClient, DescribeTableCommand, ListTablesCommand } from '@aws-sdk/client-dynamodb';
import { HeadBucketCommand, ListBucketsCommand, S3Client } from '@aws-sdk/client-s3';
import { GetSecretValueCommand, SecretsManagerClient } from '@aws-sdk/client-secrets-manager';
import { GetQueueAttributesCommand, ListQueuesCommand, SQSClient } from '@aws-sdk/client-sqs';
import { createApiClient, type ApiClient } from '../../api/client.js';
import { resolveStackUnderTest } from '../deployed/support/target.js';
import { template } from '../support/project.js';
import { startStack, type StackTarget } from '../support/stack.js';

let stack: StackTarget;
let api: ApiClient;

beforeAll(async () => {
  stack = await startStack();
  api = createApiClient(stack.baseUrl);
}, 90000);

afterAll(async () => {
  await stack?.stop();
});

describe('the request log', () => {
  // The gateway validates parameters only: bodies are validated by the function, whose 400 names
  // each failing field (a gateway response cannot carry the validator's message as valid JSON).
  it('shows a sign-up body that breaks the schema answered by the function, naming each failing field', async () => {
    const { error, response } = await api.POST('/auth/signup', {
      body: { email: 'someone@example.com' } as never,
    });
    expect(response.status).toBe(400);
    expect(response.headers.get('content-type')).toBe('application/problem+json');
    expect(error).toMatchObject({ status: 400, detail: 'The request does not match the API contract.' });
    expect(error?.errors?.map((e) => e.pointer).sort()).toEqual(['/name', '/password']);
    // The request log names who answered: the function, not a gateway response.
    await stack.waitForLog(/POST \/auth\/signup -> 400 \(\d+ ms\) IdentityFunction/);
  });
});

describe('the resources created from template.yaml', () => {
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

  it('has the pagination secret in Secrets Manager, generated by its template rules and printed by ARN only', async () => {
    const { env, base } = local();
    const arn = /SecretsManager::Secret\s+PaginationSecret\s+(arn:aws:secretsmanager:\S+)/.exec(
      stack.logs(),
    )?.[1];
    expect(arn).toMatch(/:secret:[\w-]+-PaginationSecret-[A-Za-z0-9]{6}$/);
    const secrets = new SecretsManagerClient({ ...base, endpoint: env.AWS_ENDPOINT_URL_SECRETS_MANAGER });
    const { SecretString = '' } = await secrets.send(new GetSecretValueCommand({ SecretId: arn }));
    // template.yaml: PasswordLength 48, ExcludePunctuation.
    expect(SecretString).toMatch(/^[A-Za-z0-9]{48}$/);
    expect(stack.logs()).not.toContain(SecretString);
    expect(stack.logs()).toMatch(/Secrets Manager\s+http:\/\/127\.0\.0\.1:\d+\s+\(built in/);
    secrets.destroy();
  });
});

describe('the stack outputs file', () => {
  const outputsFile = () => join(stack.dataDir, 'stack-outputs.json');
  const read = async () =>
    JSON.parse(await readFile(outputsFile(), 'utf8')) as {
      Stacks: [{ Outputs: { OutputKey: string; OutputValue: string }[] }];
      Environment: Record<string, string>;
    };

  it("holds every output of template.yaml it can resolve, resolved to the local stack, and the emulators' environment", async () => {
    const document = await read();
    const outputs = Object.fromEntries(document.Stacks[0].Outputs.map((o) => [o.OutputKey, o.OutputValue]));
    // An output naming a resource the runner does not emulate (the SNS alarm topic) is left out,
    // with a warning naming it; every other output is there.
    const notEmulated = ['AlarmTopicArn'];
    // An output whose condition is false (the console's: DeployConsole defaults to false) does not
    // exist, as in CloudFormation, and is no warning.
    const conditional = Object.keys(template.Outputs).filter(
      (k) => template.Outputs[k]?.Condition !== undefined,
    );
    expect(conditional).toEqual(['ConsoleUrl', 'ConsoleBucketName', 'ConsoleDistributionId']);
    expect(Object.keys(outputs).sort()).toEqual(
      Object.keys(template.Outputs)
        .filter((k) => !notEmulated.includes(k) && !conditional.includes(k))
        .sort(),
    );
    for (const key of conditional) expect(stack.logs()).not.toContain(`output ${key}`);
    for (const key of notEmulated) expect(stack.logs()).toContain(`output ${key} is not in the outputs file`);
    expect(outputs.ApiUrl).toBe(stack.baseUrl);
    expect(document.Environment).toEqual(stack.awsEnv);

    const env = document.Environment;
    const base = { region: env.AWS_REGION, credentials: { accessKeyId: 'local', secretAccessKey: 'local' } };
    const cognito = new CognitoIdentityProviderClient({
      ...base,
      endpoint: env.AWS_ENDPOINT_URL_COGNITO_IDENTITY_PROVIDER,
    });
    const ddb = new DynamoDBClient({ ...base, endpoint: env.AWS_ENDPOINT_URL_DYNAMODB });
    const sqs = new SQSClient({ ...base, endpoint: env.AWS_ENDPOINT_URL_SQS });
    const s3 = new S3Client({ ...base, endpoint: env.AWS_ENDPOINT_URL_S3, forcePathStyle: true });
    try {
      const { UserPoolClient } = await cognito.send(
        new DescribeUserPoolClientCommand({
          UserPoolId: outputs.UserPoolId,
          ClientId: outputs.UserPoolClientId,
        }),
      );
      expect(UserPoolClient?.ClientId).toBe(outputs.UserPoolClientId);
      for (const table of [outputs.JobsTableName, outputs.UsersTableName])
        expect((await ddb.send(new DescribeTableCommand({ TableName: table }))).Table?.TableName).toBe(table);
      for (const queue of [outputs.JobsQueueUrl, outputs.JobsDlqUrl])
        expect(
          (await sqs.send(new GetQueueAttributesCommand({ QueueUrl: queue, AttributeNames: ['QueueArn'] })))
            .Attributes?.QueueArn,
        ).toBeTruthy();
      await expect(
        s3.send(new HeadBucketCommand({ Bucket: outputs.ResultsBucketName })),
      ).resolves.toBeDefined();
      expect(outputs.GetTokenCommand).toContain(`--client-id ${outputs.UserPoolClientId} `);
    } finally {
      for (const c of [cognito, ddb, sqs, s3]) c.destroy();
    }
  });

  it('is what the black-box suite reads: the API, the pool and the Cognito endpoint of this stack', async () => {
    const target = await resolveStackUnderTest({ STACK_OUTPUTS_FILE: outputsFile() });
    const outputs = Object.fromEntries(
      (await read()).Stacks[0].Outputs.map((o) => [o.OutputKey, o.OutputValue]),
    );
    expect(target).toMatchObject({
      baseUrl: stack.baseUrl,
      userPoolId: outputs.UserPoolId,
      userPoolClientId: outputs.UserPoolClientId,
      cognito: {
        region: stack.awsEnv.AWS_REGION,
        endpoint: stack.awsEnv.AWS_ENDPOINT_URL_COGNITO_IDENTITY_PROVIDER,
        credentials: { accessKeyId: 'local', secretAccessKey: 'local' },
      },
    });
  });
});
