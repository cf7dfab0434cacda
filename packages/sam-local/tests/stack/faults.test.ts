/**
 * `--fault Function=RATE` on the fixture app, at rate 1 so every outcome is certain: an API
 * function's invocation fails (API Gateway's 502 for a failed Lambda integration), and every record
 * of the SQS consumer (which reports batch item failures) fails before its handler sees it, returns
 * to the queue, and reaches the DLQ after maxReceiveCount. The runner names each injected failure.
 */
import { ListQueuesCommand, ReceiveMessageCommand, SendMessageCommand, SQSClient } from '@aws-sdk/client-sqs';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { runToExit, startStack, type StackTarget } from '../../src/public/testing.js';
import { fixture } from '../support/paths.js';

const template = fixture('sam-app', 'template.yaml');
let stack: StackTarget;

beforeAll(async () => {
  stack = await startStack({
    template,
    args: ['--fault', 'ApiFunction=1', '--fault', 'WorkerFunction=1', '--sqs-visibility-timeout', '1'],
  });
}, 90000);

afterAll(() => stack?.stop());

it('says at start which functions fail on purpose', () => {
  expect(stack.logs()).toMatch(/^\[fault\] ApiFunction: .*probability 1 \(--fault\)$/m);
  expect(stack.logs()).toMatch(/^\[fault\] WorkerFunction: .*probability 1 \(--fault\)$/m);
});

it("fails an API function's invocation: the gateway answers 502, as for a function error", async () => {
  const response = await fetch(`${stack.baseUrl}/hello`);
  expect(response.status).toBe(502);
  await stack.waitForLog(/\[fault\] ApiFunction: invocation failed on purpose/);
  // Logged as the Lambda runtime logs a handler's error.
  await stack.waitForLog(/\[ApiFunction\] ERROR Invoke Error .*errorType=InjectedFault/);
});

it('fails each SQS record before the handler: it comes back and reaches the DLQ after maxReceiveCount', async () => {
  const env = stack.awsEnv;
  const sqs = new SQSClient({
    region: env.AWS_REGION,
    endpoint: env.AWS_ENDPOINT_URL_SQS,
    credentials: { accessKeyId: 'local', secretAccessKey: 'local' },
  });
  try {
    const { QueueUrls = [] } = await sqs.send(new ListQueuesCommand({}));
    const queue = QueueUrls.find((u) => u.endsWith('-WorkQueue')) as string;
    const dlq = QueueUrls.find((u) => u.endsWith('-WorkDlq')) as string;
    const { MessageId } = await sqs.send(
      new SendMessageCommand({ QueueUrl: queue, MessageBody: 'ok-faulted' }),
    );
    // maxReceiveCount 2 in the fixture: two deliveries, two injected failures, then the DLQ.
    await stack.waitForLog(
      new RegExp(`\\[fault\\] WorkerFunction: record ${MessageId} failed on purpose \\(receive count 2\\)`),
      30000,
    );
    let dead: string[] = [];
    for (let i = 0; i < 20 && dead.length === 0; i++) {
      const { Messages = [] } = await sqs.send(
        new ReceiveMessageCommand({ QueueUrl: dlq, WaitTimeSeconds: 2 }),
      );
      dead = Messages.map((m) => m.Body as string);
    }
    expect(dead).toEqual(['ok-faulted']);
    expect(stack.logs()).toMatch(
      /\[fault\] WorkerFunction: record \S+ failed on purpose \(receive count 1\)/,
    );
    expect(stack.logs()).not.toMatch(/worker processed ok-faulted/);
  } finally {
    sqs.destroy();
  }
}, 60000);

it('refuses a --fault naming no function of the template, or a rate outside 0..1', async () => {
  const dataDir = await mkdtemp(join(tmpdir(), 'local-stack-fault-'));
  try {
    const base = ['--port', '0', '--no-watch', '--data', dataDir, '--template', template];
    const unknown = await runToExit([...base, '--fault', 'NoSuchFunction=0.5'], { timeoutMs: 60000 });
    expect(unknown.code).toBe(1);
    expect(unknown.output).toMatch(
      /^error: --fault names NoSuchFunction, which is not a function of the template$/m,
    );
    const rate = await runToExit([...base, '--fault', 'ApiFunction=1.5']);
    expect(rate.code).toBe(2);
    expect(rate.output).toMatch(
      /--fault ApiFunction=1\.5: expected FunctionLogicalId=RATE with RATE from 0 to 1/,
    );
  } finally {
    await rm(dataDir, { recursive: true, force: true });
  }
}, 90000);
