/**
 * DynamoJobStore against dynalite (in-process, 127.0.0.1, a free port), with the jobs table created
 * from template.yaml's own definition: the conditional writes and the owner index behave as the
 * services assume (the unit tests' in-memory fake is checked against the same expectations here).
 */
import type { Server } from 'node:http';
import { createRequire } from 'node:module';
import type { AddressInfo } from 'node:net';
import { CreateTableCommand, DynamoDBClient, type CreateTableCommandInput } from '@aws-sdk/client-dynamodb';
import { DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import { DynamoJobStore } from '../../src/jobs/aws/dynamo-job-store.js';
import { TRANSITIONS, type JobRecord, type JobStatus } from '../../src/jobs/model.js';
import { rawTemplate } from '../support/project.js';

// dynalite ships no types (it returns a node:http server), so it is loaded untyped and typed here.
const dynalite = createRequire(import.meta.url)('dynalite') as (options: { createTableMs: number }) => Server;
const server = dynalite({ createTableMs: 0 });
let store: DynamoJobStore;
let client: DynamoDBClient;

beforeAll(async () => {
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', () => resolve()));
  const { port } = server.address() as AddressInfo;
  client = new DynamoDBClient({
    endpoint: `http://127.0.0.1:${port}`,
    region: 'us-east-1',
    credentials: { accessKeyId: 'local', secretAccessKey: 'local' },
  });
  const table = (rawTemplate.Resources as Record<string, { Properties: Record<string, unknown> }>).JobsTable;
  const { AttributeDefinitions, KeySchema, GlobalSecondaryIndexes, BillingMode } = table?.Properties ?? {};
  await client.send(
    new CreateTableCommand({
      TableName: 'jobs',
      AttributeDefinitions,
      KeySchema,
      GlobalSecondaryIndexes,
      BillingMode,
    } as CreateTableCommandInput),
  );
  store = new DynamoJobStore(
    DynamoDBDocumentClient.from(client, { marshallOptions: { removeUndefinedValues: true } }),
    'jobs',
  );
});

afterAll(async () => {
  client.destroy();
  await new Promise((resolve) => server.close(resolve));
});

let n = 0;
function job(overrides: Partial<JobRecord> = {}): JobRecord {
  n += 1;
  return {
    ownerId: 'owner-1',
    jobId: `job-${n}`,
    jobType: 'echo',
    jobStatus: 'queued',
    payload: JSON.stringify({ n }),
    requestHash: 'hash',
    createdAt: new Date(Date.UTC(2026, 10, 25, 0, 0, n)).toISOString(),
    updatedAt: new Date(Date.UTC(2026, 10, 25, 0, 0, n)).toISOString(),
    expiresAt: 1798164600,
    attempts: 0,
    ...overrides,
  };
}

describe('DynamoJobStore on dynalite', () => {
  it('creates a job once: a second create with the same key changes nothing', async () => {
    const first = job();
    expect(await store.create(first)).toBe(true);
    expect(await store.create({ ...first, payload: '{"other":true}' })).toBe(false);
    expect(await store.get(first)).toEqual(first);
  });

  it('keeps owners apart: the same job id under another owner is another (absent) job', async () => {
    const mine = job();
    await store.create(mine);
    expect(await store.get({ ownerId: 'owner-2', jobId: mine.jobId })).toBeUndefined();
    expect(await store.summary({ ownerId: 'owner-2', jobId: mine.jobId })).toBeUndefined();
  });

  it('reads a summary without the payload or the request hash', async () => {
    const j = job();
    await store.create(j);
    const summary = await store.summary(j);
    expect(summary).toEqual({
      ownerId: j.ownerId,
      jobId: j.jobId,
      jobType: 'echo',
      jobStatus: 'queued',
      createdAt: j.createdAt,
      updatedAt: j.updatedAt,
    });
  });

  const statuses = Object.keys(TRANSITIONS) as JobStatus[];
  const pairs = statuses.flatMap((from) => statuses.map((to) => [from, to] as const));
  it.each(pairs)('moves %s -> %s only if the model allows it', async (from, to) => {
    const j = job({ jobStatus: from });
    await store.create(j);
    const allowed = TRANSITIONS[from].includes(to);
    const sources = statuses.filter((s) => TRANSITIONS[s].includes(to));
    const moved = await store.move(j, { from: sources, to, at: 'later', error: 'why' });
    expect(moved).toBe(allowed);
    const after = await store.get(j);
    expect(after?.jobStatus).toBe(allowed ? to : from);
    expect(after?.updatedAt).toBe(allowed ? 'later' : j.updatedAt);
  });

  it('counts attempts on each move to processing, and records the result key on completion', async () => {
    const j = job();
    await store.create(j);
    expect(await store.move(j, { from: ['queued', 'processing'], to: 'processing', at: 't1' })).toBe(true);
    expect(await store.move(j, { from: ['queued', 'processing'], to: 'processing', at: 't2' })).toBe(true);
    expect(
      await store.move(j, { from: ['processing'], to: 'complete', at: 't3', resultKey: 'results/k' }),
    ).toBe(true);
    expect(await store.get(j)).toMatchObject({ jobStatus: 'complete', attempts: 2, resultKey: 'results/k' });
    // A late failure never overwrites the completed job.
    expect(
      await store.move(j, { from: ['queued', 'processing'], to: 'failed', at: 't4', error: 'late' }),
    ).toBe(false);
    expect(await store.get(j)).toMatchObject({ jobStatus: 'complete', updatedAt: 't3' });
  });

  it('never creates a job by moving one that does not exist', async () => {
    const key = { ownerId: 'owner-1', jobId: 'never-created' };
    expect(await store.move(key, { from: ['queued', 'processing'], to: 'failed', at: 't', error: 'x' })).toBe(
      false,
    );
    expect(await store.get(key)).toBeUndefined();
  });

  it("lists one owner's jobs newest first, in pages, without payloads", async () => {
    const owner = 'lister';
    const created = [];
    for (let i = 0; i < 5; i++) {
      const j = job({ ownerId: owner });
      created.push(j);
      await store.create(j);
    }
    await store.create(job({ ownerId: 'someone-else' }));

    const seen: string[] = [];
    let startKey: Record<string, string | number> | undefined;
    let pages = 0;
    do {
      const page = await store.listByOwner(owner, { limit: 2, startKey });
      for (const item of page.items) expect(item).not.toHaveProperty('payload');
      seen.push(...page.items.map((i) => i.jobId));
      startKey = page.lastKey;
      pages += 1;
    } while (startKey && pages < 10);

    expect(seen).toEqual(created.map((j) => j.jobId).reverse());
  });
});
