/**
 * Durability under a crash: the runner is killed (kill -9) while objects are uploaded, messages sent
 * and a queue consumed, all concurrently, then restarted on the same data. Every write that was
 * acknowledged before the kill is there after it: each object with its content, each message still
 * queued or processed by the consumer.
 */
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { GetObjectCommand, ListBucketsCommand, PutObjectCommand, S3Client } from '@aws-sdk/client-s3';
import {
  DeleteMessageCommand,
  ListQueuesCommand,
  ReceiveMessageCommand,
  SendMessageCommand,
  SQSClient,
} from '@aws-sdk/client-sqs';
import { copyFixture } from '../support/paths.js';
import { startStack, type StackTarget } from '../../src/public/testing.js';

/** Writes of each kind started at once; the kill comes when half of all of them are acknowledged. */
const EACH = 30;

function clientsFor(awsEnv: Record<string, string>) {
  const base = {
    region: awsEnv.AWS_REGION,
    credentials: { accessKeyId: 'local', secretAccessKey: 'local' },
    maxAttempts: 1, // a request cut by the kill must fail, not be retried against the dead stack
  };
  return {
    s3: new S3Client({ ...base, endpoint: awsEnv.AWS_ENDPOINT_URL_S3, forcePathStyle: true }),
    sqs: new SQSClient({ ...base, endpoint: awsEnv.AWS_ENDPOINT_URL_SQS }),
  };
}

async function queueUrl(sqs: SQSClient, suffix: string): Promise<string> {
  const urls = (await sqs.send(new ListQueuesCommand({}))).QueueUrls ?? [];
  return urls.find((u) => u.endsWith(suffix)) as string;
}

/** Bodies the fixture's consumer logged as processed ("worker processed <body> ..."). */
const processedIn = (stack: StackTarget) =>
  new Set([...stack.logs().matchAll(/worker processed (\S+)/g)].map((m) => m[1] as string));

it('finds every acknowledged object and message after a kill -9 during concurrent writes and processing', async () => {
  const app = await mkdtemp(join(tmpdir(), 'local-stack-crash-app-'));
  const dataDir = await mkdtemp(join(tmpdir(), 'local-stack-crash-data-'));
  await copyFixture('sam-app', app);
  const template = join(app, 'template.yaml');
  // In-flight messages come back after 2 s instead of the queue's 30.
  const args = ['--sqs-visibility-timeout', '2'];
  try {
    const first = await startStack({ template, dataDir, args });
    const c = clientsFor(first.awsEnv);
    const bucket = ((await c.s3.send(new ListBucketsCommand({}))).Buckets ?? [])[0]?.Name as string;
    const work = await queueUrl(c.sqs, '-WorkQueue');
    const dlq = await queueUrl(c.sqs, '-WorkDlq'); // no consumer: messages wait there

    const objects: string[] = [];
    const workSent: string[] = [];
    const dlqSent: string[] = [];
    let acknowledged = 0;
    let killed = false;
    const kill = () => {
      if (killed || ++acknowledged < (3 * EACH) / 2) return;
      killed = true;
      process.kill(first.pid as number, 'SIGKILL');
    };
    const attempt = async (write: () => Promise<unknown>, record: () => void) => {
      try {
        await write();
        if (killed) return; // answered after the kill: cannot have been acknowledged before it
        record();
        kill();
      } catch {
        // cut by the kill: never acknowledged
      }
    };
    await Promise.all(
      Array.from({ length: EACH }, (_, i) => [
        attempt(
          () => c.s3.send(new PutObjectCommand({ Bucket: bucket, Key: `crash/${i}`, Body: `object ${i}` })),
          () => objects.push(`crash/${i}`),
        ),
        attempt(
          () => c.sqs.send(new SendMessageCommand({ QueueUrl: work, MessageBody: `work-${i}` })),
          () => workSent.push(`work-${i}`),
        ),
        attempt(
          () => c.sqs.send(new SendMessageCommand({ QueueUrl: dlq, MessageBody: `parked-${i}` })),
          () => dlqSent.push(`parked-${i}`),
        ),
      ]).flat(),
    );
    c.s3.destroy();
    c.sqs.destroy();
    expect(killed).toBe(true);
    await first.exited;
    const processedBefore = processedIn(first);

    const second = await startStack({ template, dataDir, fresh: false, args });
    const d = clientsFor(second.awsEnv);
    try {
      for (const key of objects) {
        const object = await d.s3.send(new GetObjectCommand({ Bucket: bucket, Key: key }));
        expect(await object.Body?.transformToString()).toBe(`object ${key.slice('crash/'.length)}`);
      }

      const parked = new Set<string>();
      for (;;) {
        const { Messages = [] } = await d.sqs.send(
          new ReceiveMessageCommand({ QueueUrl: dlq, MaxNumberOfMessages: 10, WaitTimeSeconds: 0 }),
        );
        if (Messages.length === 0) break;
        for (const m of Messages) {
          parked.add(m.Body as string);
          await d.sqs.send(new DeleteMessageCommand({ QueueUrl: dlq, ReceiptHandle: m.ReceiptHandle }));
        }
      }
      expect(dlqSent.filter((b) => !parked.has(b))).toEqual([]);

      // Each acknowledged work message was processed before the kill or is processed after it.
      const unprocessed = () =>
        workSent.filter((b) => !processedBefore.has(b) && !processedIn(second).has(b));
      const deadline = Date.now() + 30000;
      while (unprocessed().length > 0 && Date.now() < deadline) await new Promise((r) => setTimeout(r, 200));
      expect(unprocessed()).toEqual([]);
    } finally {
      d.s3.destroy();
      d.sqs.destroy();
      await second.stop();
    }
  } finally {
    await rm(app, { recursive: true, force: true });
    await rm(dataDir, { recursive: true, force: true });
  }
}, 120000);
