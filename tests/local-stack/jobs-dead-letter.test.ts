/**
 * A poison message on the local stack: with the results bucket gone, every attempt to store a
 * job's result fails retryably, so SQS delivers the message maxReceiveCount (3) times, moves it to
 * the dead-letter queue, and the DLQ consumer marks the job failed. A stack of its own, since it
 * breaks the bucket; SQS visibility is shortened to 2 s (a runner option) so this takes seconds.
 */
import { DeleteBucketCommand, ListObjectsV2Command, type S3Client } from '@aws-sdk/client-s3';
import { loggedLines, physicalId, s3For } from '../support/emulators.js';
import { eventually } from '../support/eventually.js';
import { startStack, type StackTarget } from '../support/stack.js';
import { apiAs, signUpConfirmAndLogin, type TestUser } from '../support/users.js';

let stack: StackTarget;
let user: TestUser;
let s3: S3Client;

beforeAll(async () => {
  stack = await startStack({ args: ['--sqs-visibility-timeout', '2'] });
  user = await signUpConfirmAndLogin(stack);
  s3 = s3For(stack);
}, 90000);

afterAll(async () => {
  s3?.destroy();
  await stack?.stop();
});

it('a job whose processing keeps failing ends in the DLQ and is marked failed', async () => {
  const bucket = physicalId(stack, 'ResultsBucket');
  expect((await s3.send(new ListObjectsV2Command({ Bucket: bucket }))).KeyCount ?? 0).toBe(0);
  await s3.send(new DeleteBucketCommand({ Bucket: bucket }));

  const api = apiAs(stack, user);
  const { data, response } = await api.POST('/submit-job-request', {
    body: { jobType: 'echo', payload: { doomed: true } },
  });
  expect(response.status).toBe(202);
  const jobId = data?.jobId ?? '';

  const job = await eventually(
    `job ${jobId} failed`,
    async () => {
      const res = await api.GET('/job-status/{jobId}', { params: { path: { jobId } } });
      return res.data?.jobStatus === 'failed' ? res.data : undefined;
    },
    { timeoutMs: 60000, intervalMs: 500 },
  );

  expect(job).toMatchObject({ jobId, jobStatus: 'failed', error: 'processing failed after 3 attempts' });
  expect(job).not.toHaveProperty('jobProcessedPayload');
  // Three deliveries, each started and each failed retryably; then the DLQ consumer, once.
  await stack.waitForLog(/record failed; it goes back to the queue .*receiveCount=3/);
  const attempts = await loggedLines(stack, new RegExp(`job processing jobId=${jobId}`));
  expect(attempts.map((l) => /attempt=(\d+)/.exec(l)?.[1])).toEqual(['1', '2', '3']);
  expect(await loggedLines(stack, /record failed; it goes back to the queue/)).toHaveLength(3);
  const marked = await loggedLines(stack, new RegExp(`dead-lettered job marked failed jobId=${jobId}`));
  expect(marked).toHaveLength(1);
}, 90000);
