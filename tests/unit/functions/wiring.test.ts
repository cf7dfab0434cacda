/**
 * The function entries as Lambda loads them: settings read once from the environment, failing fast
 * with every missing variable named; services built once per container on the shared clients (the
 * pagination key read from Secrets Manager once). AWS is mocked at the SDK.
 */
import { GetSecretValueCommand, SecretsManagerClient } from '@aws-sdk/client-secrets-manager';
import { GetCommand, DynamoDBDocumentClient, QueryCommand } from '@aws-sdk/lib-dynamodb';
import { mockClient } from 'aws-sdk-client-mock';
import type { SQSEvent } from 'aws-lambda';
import { handler as dlqHandler } from '../../../src/functions/job-dlq.js';
import { handler as statusHandler } from '../../../src/functions/job-status.js';
import { handler as usersHandler } from '../../../src/functions/users.js';
import { loadEvent } from '../../support/events.js';

const SECRET_ARN = 'arn:aws:secretsmanager:us-east-1:123456789012:secret:PaginationSecret-AbCdEf';
const secrets = mockClient(SecretsManagerClient);
const ddb = mockClient(DynamoDBDocumentClient);
const saved = { ...process.env };
afterEach(() => {
  process.env = { ...saved };
  secrets.reset();
  ddb.reset();
});

describe('configuration', () => {
  it('a function without its variables answers 500, naming none of them to the caller, and calls no AWS', async () => {
    delete process.env.USERS_TABLE_NAME;
    delete process.env.PAGINATION_SECRET_ARN;
    const result = await usersHandler(loadEvent('users'));
    expect(result.statusCode).toBe(500);
    expect(result.body).not.toMatch(/USERS_TABLE_NAME|PAGINATION/);
    expect(secrets.calls()).toHaveLength(0);
    expect(ddb.calls()).toHaveLength(0);
  });

  it('an SQS function without its variables fails the batch, naming each missing and malformed variable', async () => {
    delete process.env.JOBS_TABLE_NAME;
    process.env.JOB_MAX_RECEIVE_COUNT = 'three';
    await expect(dlqHandler(loadEvent<SQSEvent>('job-dlq'))).rejects.toThrow(
      'Missing required environment variable JOBS_TABLE_NAME (template.yaml sets it for this function); ' +
        'Environment variable JOB_MAX_RECEIVE_COUNT must be an integer from 1 to 1000, got "three"',
    );
    expect(ddb.calls()).toHaveLength(0);
  });
});

describe('built once per container', () => {
  it('reads the pagination key from Secrets Manager by its ARN once, for the first listing, not from the environment', async () => {
    Object.assign(process.env, {
      JOBS_TABLE_NAME: 'jobs-table',
      RESULTS_BUCKET_NAME: 'results-bucket',
      PRESIGNED_URL_EXPIRY_SECONDS: '900',
      PAGINATION_SECRET_ARN: SECRET_ARN,
    });
    secrets.on(GetSecretValueCommand, { SecretId: SECRET_ARN }).resolves({ SecretString: 'x'.repeat(48) });
    ddb.on(GetCommand).resolves({});
    ddb.on(QueryCommand).resolves({ Items: [] });
    // A status read signs no page token: the container does not wait on Secrets Manager for it.
    for (let i = 0; i < 3; i++) expect((await statusHandler(loadEvent('job-status'))).statusCode).toBe(404);
    expect(secrets.commandCalls(GetSecretValueCommand)).toHaveLength(0);
    for (let i = 0; i < 3; i++) expect((await statusHandler(loadEvent('list-jobs'))).statusCode).toBe(200);
    expect(secrets.commandCalls(GetSecretValueCommand).map((c) => c.args[0].input)).toEqual([
      { SecretId: SECRET_ARN },
    ]);
    // The status read goes to the table the environment names, by the caller's key.
    expect(ddb.commandCalls(GetCommand)[0]?.args[0].input).toMatchObject({
      TableName: 'jobs-table',
      Key: { ownerId: expect.any(String), jobId: loadEvent('job-status').pathParameters?.jobId },
    });
  });
});
