/** The jobs resources in template.yaml: least privilege, encryption, and the queue settings Lambda needs. */
import { rawTemplate } from '../../support/project.js';

type Statement = { Effect: string; Action: string | string[]; Resource: unknown };
const resources = rawTemplate.Resources as Record<string, { Properties?: unknown }>;

/** A value inside a resource's Properties, by path (untyped YAML: the assertions check its shape). */
function prop<T = unknown>(id: string, ...path: (string | number)[]): T {
  let node: unknown = resources[id]?.Properties;
  for (const key of path) node = (node as Record<string | number, unknown> | undefined)?.[key];
  return node as T;
}

function statements(id: string): Statement[] {
  return prop<{ Statement?: Statement[] }[]>(id, 'Policies').flatMap((p) => p.Statement ?? []);
}
const actions = (id: string) =>
  statements(id)
    .flatMap((s) => [s.Action].flat())
    .sort();
const policyTemplates = (id: string) =>
  prop<Record<string, unknown>[]>(id, 'Policies').flatMap((p) =>
    Object.keys(p).filter((k) => k !== 'Statement'),
  );

describe('jobs functions: least privilege', () => {
  it('the submitter may write and read its table and send to its queue, nothing else', () => {
    expect(actions('SubmitJobFunction')).toEqual([
      'dynamodb:GetItem',
      'dynamodb:PutItem',
      'dynamodb:UpdateItem',
      'sqs:SendMessage',
    ]);
    expect(policyTemplates('SubmitJobFunction')).toEqual([]);
    expect(statements('SubmitJobFunction').map((s) => s.Resource)).toEqual([
      { 'Fn::GetAtt': ['JobsTable', 'Arn'] },
      { 'Fn::GetAtt': ['JobsQueue', 'Arn'] },
    ]);
  });

  it('the status function may get items, query the owner index, read result objects and its pagination key', () => {
    expect(actions('JobStatusFunction')).toEqual([
      'dynamodb:GetItem',
      'dynamodb:Query',
      's3:GetObject',
      'secretsmanager:GetSecretValue',
    ]);
    expect(policyTemplates('JobStatusFunction')).toEqual([]);
    expect(JSON.stringify(statements('JobStatusFunction'))).toContain('/index/ByOwnerCreatedAt');
    expect(JSON.stringify(statements('JobStatusFunction'))).toContain('${ResultsBucket.Arn}/results/*');
  });

  it('the processor may get and update jobs and put result objects under results/ only', () => {
    expect(actions('JobProcessorFunction')).toEqual([
      'dynamodb:GetItem',
      'dynamodb:UpdateItem',
      's3:PutObject',
    ]);
    expect(policyTemplates('JobProcessorFunction')).toEqual([]);
    expect(JSON.stringify(statements('JobProcessorFunction'))).toContain('${ResultsBucket.Arn}/results/*');
  });

  it('the DLQ consumer may only update jobs', () => {
    expect(actions('JobDlqFunction')).toEqual(['dynamodb:UpdateItem']);
    expect(policyTemplates('JobDlqFunction')).toEqual([]);
  });

  it('no jobs function claims to be local', () => {
    for (const id of ['SubmitJobFunction', 'JobStatusFunction', 'JobProcessorFunction', 'JobDlqFunction']) {
      const vars = Object.keys(prop<object | undefined>(id, 'Environment', 'Variables') ?? {});
      expect(vars).not.toContain('AWS_SAM_LOCAL');
    }
  });
});

describe('jobs queue, table and bucket', () => {
  const maxReceiveCount = prop<number>('JobsQueue', 'RedrivePolicy', 'maxReceiveCount');

  it('processes in batches with partial failures, visibility >= 6x the timeout, a DLQ after 3 receives', () => {
    const event = prop('JobProcessorFunction', 'Events', 'JobsQueue', 'Properties');
    expect(event).toMatchObject({
      BatchSize: expect.any(Number),
      MaximumBatchingWindowInSeconds: expect.any(Number),
      FunctionResponseTypes: ['ReportBatchItemFailures'],
    });
    expect(prop<number>('JobsQueue', 'VisibilityTimeout')).toBeGreaterThanOrEqual(
      6 * prop<number>('JobProcessorFunction', 'Timeout'),
    );
    expect(prop('JobsQueue', 'RedrivePolicy')).toEqual({
      deadLetterTargetArn: { 'Fn::GetAtt': ['JobsDlq', 'Arn'] },
      maxReceiveCount: 3,
    });
    expect(prop('JobDlqFunction', 'Events', 'JobsDlq', 'Properties', 'FunctionResponseTypes')).toEqual([
      'ReportBatchItemFailures',
    ]);
  });

  it("the DLQ consumer's JOB_MAX_RECEIVE_COUNT matches the queue's redrive policy", () => {
    expect(Number(prop('JobDlqFunction', 'Environment', 'Variables', 'JOB_MAX_RECEIVE_COUNT'))).toBe(
      maxReceiveCount,
    );
  });

  it('encrypts the queues, the table and the bucket at rest', () => {
    expect(prop('JobsQueue', 'SqsManagedSseEnabled')).toBe(true);
    expect(prop('JobsDlq', 'SqsManagedSseEnabled')).toBe(true);
    expect(prop('JobsTable', 'SSESpecification')).toEqual({ SSEEnabled: true });
    expect(
      prop(
        'ResultsBucket',
        'BucketEncryption',
        'ServerSideEncryptionConfiguration',
        0,
        'ServerSideEncryptionByDefault',
      ),
    ).toMatchObject({ SSEAlgorithm: expect.stringMatching(/^(AES256|aws:kms)$/) });
  });

  it('keeps the bucket private and refuses plain HTTP', () => {
    expect(prop('ResultsBucket', 'PublicAccessBlockConfiguration')).toEqual({
      BlockPublicAcls: true,
      BlockPublicPolicy: true,
      IgnorePublicAcls: true,
      RestrictPublicBuckets: true,
    });
    const policy = prop<unknown[]>('ResultsBucketPolicy', 'PolicyDocument', 'Statement');
    expect(policy).toContainEqual(
      expect.objectContaining({
        Effect: 'Deny',
        Principal: '*',
        Action: 's3:*',
        Condition: { Bool: { 'aws:SecureTransport': 'false' } },
      }),
    );
  });

  it('expires jobs with a TTL and lists them from an owner/createdAt index', () => {
    expect(prop('JobsTable', 'TimeToLiveSpecification')).toEqual({
      AttributeName: 'expiresAt',
      Enabled: true,
    });
    expect(prop('JobsTable', 'GlobalSecondaryIndexes', 0)).toMatchObject({
      IndexName: 'ByOwnerCreatedAt',
      KeySchema: [
        { AttributeName: 'ownerId', KeyType: 'HASH' },
        { AttributeName: 'createdAt', KeyType: 'RANGE' },
      ],
    });
  });
});
