/**
 * The local runner's life cycle on the fixture SAM app, copied to a temporary folder: a saved edit
 * is live without a restart (hot reload), Ctrl-C stops every child process, and state survives a
 * crash (kill -9) and a restart with the same --data.
 */
import { execFileSync } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { DynamoDBClient, GetItemCommand, ListTablesCommand, PutItemCommand } from '@aws-sdk/client-dynamodb';
import { GetObjectCommand, ListBucketsCommand, PutObjectCommand, S3Client } from '@aws-sdk/client-s3';
import { ListQueuesCommand, ReceiveMessageCommand, SendMessageCommand, SQSClient } from '@aws-sdk/client-sqs';
import { copyFixture } from '../support/paths.js';
import { startStack } from '../../src/public/testing.js';

let app: string;

beforeAll(async () => {
  app = await mkdtemp(join(tmpdir(), 'local-stack-app-'));
  await copyFixture('sam-app', app);
});

afterAll(async () => {
  await rm(app, { recursive: true, force: true });
});

/** Processes whose parent is `pid`. */
function childrenOf(pid: number): number[] {
  try {
    return execFileSync('ps', ['-o', 'pid=', '--ppid', String(pid)], { encoding: 'utf8' })
      .split('\n')
      .map((l) => Number(l.trim()))
      .filter((n) => n > 0);
  } catch {
    return []; // ps exits 1 when there are none
  }
}

/** Running, as opposed to gone or a zombie (exited, waiting for init to reap it). */
function alive(pid: number): boolean {
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
    return stat.slice(stat.lastIndexOf(')') + 2, stat.lastIndexOf(')') + 3) !== 'Z';
  } catch {
    return false;
  }
}

async function waitUntil(check: () => boolean, timeoutMs: number): Promise<boolean> {
  const end = Date.now() + timeoutMs;
  while (Date.now() < end) {
    if (check()) return true;
    await new Promise((r) => setTimeout(r, 100));
  }
  return check();
}

it('serves a saved edit of a function on the next request, without a restart', async () => {
  const stack = await startStack({ template: join(app, 'template.yaml'), watch: true });
  try {
    const first = (await (await fetch(`${stack.baseUrl}/hello`)).json()) as { message: string };
    expect(first.message).toBe('hello v1');

    const source = join(app, 'src', 'api.ts');
    await writeFile(
      source,
      (await readFile(source, 'utf8')).replace("const version = 'v1'", "const version = 'v2'"),
    );
    await stack.waitForLog(/\[reload\] ApiFunction rebuilt/, 20000);

    const second = (await (await fetch(`${stack.baseUrl}/hello`)).json()) as { message: string };
    expect(second.message).toBe('hello v2');
  } finally {
    await stack.stop();
  }
}, 60000);

it('stops every server and child process on Ctrl-C (SIGINT)', async () => {
  const stack = await startStack({ template: join(app, 'template.yaml') });
  const pid = stack.pid as number;
  const children = childrenOf(pid);
  // dynalite and cognito-local run as child processes of the runner.
  expect(children.length).toBeGreaterThanOrEqual(2);
  const outputsFile = join(stack.dataDir, 'stack-outputs.json');
  expect(existsSync(outputsFile)).toBe(true);

  process.kill(pid, 'SIGINT');
  const { code } = await (stack.exited as Promise<{ code: number | null }>);
  // Exit code 0: it stopped cleanly, within its own 5 s deadline (past it, it exits with 1).
  expect(code).toBe(0);
  expect(stack.logs()).toContain('stopped.');
  expect(children.filter(alive)).toEqual([]);
  await expect(fetch(`${stack.baseUrl}/hello`)).rejects.toThrow();
  // The outputs of a stopped stack would send clients to dead ports: they are removed.
  expect(existsSync(outputsFile)).toBe(false);
  await stack.stop();
}, 60000);

/** SDK clients for the emulators a local stack printed. */
function clientsFor(awsEnv: Record<string, string>) {
  const base = { region: awsEnv.AWS_REGION, credentials: { accessKeyId: 'local', secretAccessKey: 'local' } };
  return {
    sqs: new SQSClient({ ...base, endpoint: awsEnv.AWS_ENDPOINT_URL_SQS }),
    s3: new S3Client({ ...base, endpoint: awsEnv.AWS_ENDPOINT_URL_S3, forcePathStyle: true }),
    ddb: new DynamoDBClient({ ...base, endpoint: awsEnv.AWS_ENDPOINT_URL_DYNAMODB }),
    destroy() {
      this.sqs.destroy();
      this.s3.destroy();
      this.ddb.destroy();
    },
  };
}

it('keeps messages, objects and items, and leaves no process behind, when killed (kill -9) and restarted', async () => {
  const dataDir = await mkdtemp(join(tmpdir(), 'local-stack-data-'));
  try {
    const first = await startStack({ template: join(app, 'template.yaml'), dataDir });
    const pid = first.pid as number;
    const children = childrenOf(pid);
    let c = clientsFor(first.awsEnv);
    // The DLQ has no consumer in the fixture: a message sent there waits.
    const dlq = ((await c.sqs.send(new ListQueuesCommand({}))).QueueUrls ?? []).find((u) =>
      u.endsWith('-WorkDlq'),
    );
    await c.sqs.send(new SendMessageCommand({ QueueUrl: dlq, MessageBody: 'survivor' }));
    const bucket = ((await c.s3.send(new ListBucketsCommand({}))).Buckets ?? [])[0]?.Name;
    await c.s3.send(new PutObjectCommand({ Bucket: bucket, Key: 'kept/1.txt', Body: 'still here' }));
    const table = ((await c.ddb.send(new ListTablesCommand({}))).TableNames ?? [])[0];
    await c.ddb.send(new PutItemCommand({ TableName: table, Item: { id: { S: 'kept' } } }));
    c.destroy();

    process.kill(pid, 'SIGKILL');
    await first.exited;
    // The emulators notice their parent is gone and exit by themselves.
    expect(await waitUntil(() => children.every((child) => !alive(child)), 5000)).toBe(true);

    const second = await startStack({ template: join(app, 'template.yaml'), dataDir, fresh: false });
    c = clientsFor(second.awsEnv);
    try {
      const queue = ((await c.sqs.send(new ListQueuesCommand({}))).QueueUrls ?? []).find((u) =>
        u.endsWith('-WorkDlq'),
      );
      const { Messages = [] } = await c.sqs.send(
        new ReceiveMessageCommand({ QueueUrl: queue, WaitTimeSeconds: 1 }),
      );
      expect(Messages.map((m) => m.Body)).toEqual(['survivor']);
      const object = await c.s3.send(new GetObjectCommand({ Bucket: bucket, Key: 'kept/1.txt' }));
      expect(await object.Body?.transformToString()).toBe('still here');
      const { Item } = await c.ddb.send(new GetItemCommand({ TableName: table, Key: { id: { S: 'kept' } } }));
      expect(Item).toEqual({ id: { S: 'kept' } });
    } finally {
      c.destroy();
      await second.stop();
    }
  } finally {
    await rm(dataDir, { recursive: true, force: true });
  }
}, 90000);
