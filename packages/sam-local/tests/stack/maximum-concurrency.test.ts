/**
 * An SQS event source's ScalingConfig.MaximumConcurrency bounds how many invocations of its function
 * run at once ("Limits the number of concurrent instances that the Amazon SQS event source can
 * invoke", https://docs.aws.amazon.com/AWSCloudFormation/latest/TemplateReference/aws-properties-lambda-eventsourcemapping-scalingconfig.html;
 * https://docs.aws.amazon.com/lambda/latest/dg/services-sqs-scaling.html): on the fixture app with
 * one record per batch, a worker pool larger than the limit, and records that take 400 ms each, the
 * invocations overlap up to the limit and never beyond it.
 */
import { ListQueuesCommand, SendMessageBatchCommand, SQSClient } from '@aws-sdk/client-sqs';
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { startStack } from '../../src/public/testing.js';
import { copyFixture } from '../support/paths.js';

const LIMIT = 3;
const RECORDS = 9;

/** The most invocations that were running at the same instant, from their began/ended log lines. */
function maxOverlap(logs: string): number {
  const events = [...logs.matchAll(/worker (began|ended) \S+ at (\d+)/g)]
    .map((m) => ({ at: Number(m[2]), delta: m[1] === 'began' ? 1 : -1 }))
    // At the same millisecond, count an end before a start: they did not overlap.
    .sort((a, b) => a.at - b.at || a.delta - b.delta);
  let running = 0;
  let most = 0;
  for (const e of events) most = Math.max(most, (running += e.delta));
  return most;
}

it(`runs at most MaximumConcurrency (${LIMIT}) invocations of an SQS-triggered function at once`, async () => {
  const app = await mkdtemp(join(tmpdir(), 'sam-local-concurrency-'));
  try {
    await copyFixture('sam-app', app);
    const template = join(app, 'template.yaml');
    const yaml = (await readFile(template, 'utf8'))
      .replace(
        '      Handler: worker.handler\n',
        '      Handler: worker.handler\n      ReservedConcurrentExecutions: 8\n',
      )
      .replace(
        '            BatchSize: 5\n            MaximumBatchingWindowInSeconds: 1\n',
        `            BatchSize: 1\n            ScalingConfig:\n              MaximumConcurrency: ${LIMIT}\n`,
      );
    expect(yaml).toContain(`MaximumConcurrency: ${LIMIT}`);
    await writeFile(template, yaml);

    const stack = await startStack({ template });
    const env = stack.awsEnv;
    const sqs = new SQSClient({
      region: env.AWS_REGION,
      endpoint: env.AWS_ENDPOINT_URL_SQS,
      credentials: { accessKeyId: 'local', secretAccessKey: 'local' },
    });
    try {
      const { QueueUrls = [] } = await sqs.send(new ListQueuesCommand({}));
      const queue = QueueUrls.find((u) => u.endsWith('-WorkQueue')) as string;
      await sqs.send(
        new SendMessageBatchCommand({
          QueueUrl: queue,
          Entries: Array.from({ length: RECORDS }, (_, i) => ({ Id: `m${i}`, MessageBody: `slow-${i}` })),
        }),
      );
      for (let i = 0; i < RECORDS; i++) await stack.waitForLog(new RegExp(`worker ended slow-${i} `), 20000);
      expect(maxOverlap(stack.logs())).toBe(LIMIT);
    } finally {
      sqs.destroy();
      await stack.stop();
    }
  } finally {
    await rm(app, { recursive: true, force: true });
  }
}, 90000);
