/**
 * An in-memory stand-in for the jobs table behind aws-sdk-client-mock, interpreting exactly the
 * requests DynamoJobStore makes (conditional Put, consistent Get, conditional state-move Update,
 * newest-first GSI Query), so service tests see real conditional-write outcomes. The same requests
 * run against dynalite in tests/integration/job-store.test.ts, which keeps this fake honest.
 */
import { ConditionalCheckFailedException } from '@aws-sdk/client-dynamodb';
import {
  DynamoDBDocumentClient,
  GetCommand,
  PutCommand,
  QueryCommand,
  UpdateCommand,
  type GetCommandInput,
  type PutCommandInput,
  type QueryCommandInput,
  type UpdateCommandInput,
} from '@aws-sdk/lib-dynamodb';
import { mockClient } from 'aws-sdk-client-mock';
import type { JobRecord } from '../../../src/jobs/model.js';

type Item = Record<string, unknown>;

const conditionFailed = () =>
  new ConditionalCheckFailedException({ message: 'The conditional request failed', $metadata: {} });

export function fakeJobsTable() {
  const ddb = mockClient(DynamoDBDocumentClient);
  const items = new Map<string, Item>();
  const id = (key: Item) => `${String(key.ownerId)}\0${String(key.jobId)}`;
  /** Runs before each request is applied: lets a test interleave "another worker". */
  const hooks: { beforeUpdate?: (input: UpdateCommandInput) => void } = {};

  ddb.on(PutCommand).callsFake((input: PutCommandInput) => {
    const item = structuredClone(input.Item ?? {});
    if (input.ConditionExpression === 'attribute_not_exists(jobId)' && items.has(id(item)))
      throw conditionFailed();
    items.set(id(item), item);
    return {};
  });

  ddb.on(GetCommand).callsFake((input: GetCommandInput) => {
    const item = items.get(id(input.Key ?? {}));
    if (!item) return {};
    if (!input.ProjectionExpression) return { Item: structuredClone(item) };
    const names = input.ExpressionAttributeNames ?? {};
    const fields = input.ProjectionExpression.split(', ').map((n) => names[n] ?? n);
    const projected: Item = Object.fromEntries(fields.filter((f) => f in item).map((f) => [f, item[f]]));
    return { Item: projected };
  });

  ddb.on(UpdateCommand).callsFake((input: UpdateCommandInput) => {
    hooks.beforeUpdate?.(input);
    const values: Record<string, unknown> = input.ExpressionAttributeValues ?? {};
    const item = items.get(id(input.Key ?? {}));
    const allowed = Object.entries(values)
      .filter(([k]) => k.startsWith(':from'))
      .map(([, v]) => v);
    if (!item || !allowed.includes(item.jobStatus)) throw conditionFailed();
    item.jobStatus = values[':to'];
    item.updatedAt = values[':at'];
    if (':resultKey' in values) item.resultKey = values[':resultKey'];
    if (':error' in values) item.error = values[':error'];
    if (':one' in values) item.attempts = Number(item.attempts ?? 0) + 1;
    return {};
  });

  ddb.on(QueryCommand).callsFake((input: QueryCommandInput) => {
    const owner = input.ExpressionAttributeValues?.[':ownerId'];
    const sorted = [...items.values()]
      .filter((i) => i.ownerId === owner)
      .sort((a, b) => String(b.createdAt).localeCompare(String(a.createdAt)));
    const start = input.ExclusiveStartKey
      ? sorted.findIndex((i) => id(i) === id(input.ExclusiveStartKey ?? {})) + 1
      : 0;
    const page = sorted.slice(start, start + (input.Limit ?? sorted.length));
    const last = page.at(-1);
    const more = start + page.length < sorted.length;
    return {
      Items: page.map(({ payload: _p, requestHash: _h, ...rest }) => rest),
      ...(more && last
        ? { LastEvaluatedKey: { ownerId: last.ownerId, jobId: last.jobId, createdAt: last.createdAt } }
        : {}),
    };
  });

  return {
    ddb,
    hooks,
    put: (job: JobRecord) => items.set(id(job as unknown as Item), structuredClone(job) as unknown as Item),
    get: (ownerId: string, jobId: string) => items.get(id({ ownerId, jobId })) as JobRecord | undefined,
    all: () => [...items.values()] as unknown as JobRecord[],
  };
}

export const OWNER = '3f1c2b7e-8a4d-4c1e-9b2a-6d5e4f3a2b1c';
export const OTHER_OWNER = 'a9b8c7d6-e5f4-4a3b-8c2d-1e0f9a8b7c6d';

/** A job record as submit writes it, with overrides. */
export function jobRecord(overrides: Partial<JobRecord> & Pick<JobRecord, 'jobId'>): JobRecord {
  return {
    ownerId: OWNER,
    jobType: 'echo',
    jobStatus: 'queued',
    payload: JSON.stringify({ hello: 'world' }),
    requestHash: 'h',
    createdAt: '2026-11-25T02:10:00.000Z',
    updatedAt: '2026-11-25T02:10:00.000Z',
    expiresAt: 1798164600,
    attempts: 0,
    ...overrides,
  };
}
