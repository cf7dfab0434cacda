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
  it('the submitter may write and read its table, send to its queue, and put and read uploads only', () => {
    expect(actions('SubmitJobFunction')).toEqual([
      'dynamodb:GetItem',
      'dynamodb:PutItem',
      'dynamodb:UpdateItem',
      's3:GetObject',
      's3:PutObject',
      'sqs:SendMessage',
    ]);
    expect(policyTemplates('SubmitJobFunction')).toEqual([]);
    expect(statements('SubmitJobFunction').map((s) => s.Resource)).toEqual([
      { 'Fn::GetAtt': ['JobsTable', 'Arn'] },
      { 'Fn::GetAtt': ['JobsQueue', 'Arn'] },
      { 'Fn::Sub': '${ResultsBucket.Arn}/uploads/*' },
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

  it('the processor may get and update jobs, put result objects under results/ and read uploads/ only', () => {
    expect(actions('JobProcessorFunction')).toEqual([
      'dynamodb:GetItem',
      'dynamodb:UpdateItem',
      's3:GetObject',
      's3:PutObject',
    ]);
    expect(policyTemplates('JobProcessorFunction')).toEqual([]);
    expect(statements('JobProcessorFunction').map((s) => [s.Action, s.Resource])).toEqual([
      [['dynamodb:GetItem', 'dynamodb:UpdateItem'], { 'Fn::GetAtt': ['JobsTable', 'Arn'] }],
      ['s3:PutObject', { 'Fn::Sub': '${ResultsBucket.Arn}/results/*' }],
      ['s3:GetObject', { 'Fn::Sub': '${ResultsBucket.Arn}/uploads/*' }],
    ]);
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

/**
 * One maxReceiveCount: the JobMaxReceiveCount parameter feeds both the queue's RedrivePolicy (how
 * many deliveries) and the DLQ consumer's JOB_MAX_RECEIVE_COUNT (what the failed job says).
 */
function maxReceiveCountProblems(template: typeof rawTemplate): string[] {
  const res = template.Resources as Record<string, { Properties?: Record<string, unknown> }>;
  const redrive = (res.JobsQueue?.Properties?.RedrivePolicy ?? {}) as Record<string, unknown>;
  const env =
    (res.JobDlqFunction?.Properties?.Environment as { Variables?: Record<string, unknown> } | undefined)
      ?.Variables ?? {};
  const parameter = { Ref: 'JobMaxReceiveCount' };
  const problems: string[] = [];
  if (JSON.stringify(redrive.maxReceiveCount) !== JSON.stringify(parameter))
    problems.push('JobsQueue RedrivePolicy.maxReceiveCount is not !Ref JobMaxReceiveCount');
  if (JSON.stringify(env.JOB_MAX_RECEIVE_COUNT) !== JSON.stringify(parameter))
    problems.push('JobDlqFunction JOB_MAX_RECEIVE_COUNT is not !Ref JobMaxReceiveCount');
  if (!(template.Parameters as Record<string, unknown>).JobMaxReceiveCount)
    problems.push('no JobMaxReceiveCount parameter');
  return problems;
}

describe('jobs queue, table and bucket', () => {
  it('processes in batches with partial failures, visibility >= 6x the timeout, then a DLQ', () => {
    const event = prop('JobProcessorFunction', 'Events', 'JobsQueue', 'Properties');
    expect(event).toMatchObject({
      BatchSize: expect.any(Number),
      MaximumBatchingWindowInSeconds: expect.any(Number),
      FunctionResponseTypes: ['ReportBatchItemFailures'],
    });
    expect(prop<number>('JobsQueue', 'VisibilityTimeout')).toBeGreaterThanOrEqual(
      6 * prop<number>('JobProcessorFunction', 'Timeout'),
    );
    expect(prop('JobsQueue', 'RedrivePolicy', 'deadLetterTargetArn')).toEqual({
      'Fn::GetAtt': ['JobsDlq', 'Arn'],
    });
    expect(prop('JobDlqFunction', 'Events', 'JobsDlq', 'Properties', 'FunctionResponseTypes')).toEqual([
      'ReportBatchItemFailures',
    ]);
  });

  it("takes maxReceiveCount from one parameter, for the queue and the DLQ consumer's message alike", () => {
    expect(maxReceiveCountProblems(rawTemplate)).toEqual([]);
    expect((rawTemplate.Parameters as Record<string, { Default: number }>).JobMaxReceiveCount?.Default).toBe(
      3,
    );
  });

  it('would catch a maxReceiveCount written again as a number in either place', () => {
    const broken = structuredClone(rawTemplate) as typeof rawTemplate & {
      Resources: Record<string, { Properties: Record<string, Record<string, unknown>> }>;
    };
    broken.Resources.JobsQueue!.Properties.RedrivePolicy!.maxReceiveCount = 3;
    (
      broken.Resources.JobDlqFunction!.Properties.Environment as { Variables: Record<string, unknown> }
    ).Variables.JOB_MAX_RECEIVE_COUNT = '3';
    expect(maxReceiveCountProblems(broken)).toEqual([
      'JobsQueue RedrivePolicy.maxReceiveCount is not !Ref JobMaxReceiveCount',
      'JobDlqFunction JOB_MAX_RECEIVE_COUNT is not !Ref JobMaxReceiveCount',
    ]);
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
