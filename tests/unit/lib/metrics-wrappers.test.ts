/**
 * The shared handler wrappers (src/lib/http/handler.ts, src/lib/sqs.ts, the authorizer's entry) run
 * each invocation through src/lib/metrics.ts: the container's cold start on its first invocation, and
 * what the invocation recorded written once, when it ends. The modules are imported after the
 * environment is set, as Lambda sets it before loading a function: the container's recorder reads it
 * when it is built.
 */
import type { Context, SQSEvent, SQSRecord } from 'aws-lambda';
import { emfMetricsIn } from '../../support/emf.js';
import { apiEvent, loadEvent } from '../../support/events.js';
import {
  fixedClock,
  InMemoryJobStore,
  InMemoryResults,
  InMemoryUploads,
  jobRecord,
  OWNER,
} from '../../support/fakes/jobs.js';
import { captureStdout, metricsEnvironment } from '../../support/stdout.js';

const context = (functionName: string) =>
  ({ functionName, awsRequestId: 'r', getRemainingTimeInMillis: () => 10_000 }) as unknown as Context;
let restoreEnv: () => void;
beforeAll(() => {
  restoreEnv = metricsEnvironment({ namespace: 'JobsServiceWrapperTest', service: 'jobs-service' });
});
afterAll(() => restoreEnv());

/** The metrics written while `run` runs, as `Name{dimension=value}=values`, service left out. */
async function writtenBy(
  run: (stdout: ReturnType<typeof captureStdout>) => Promise<unknown>,
): Promise<string[]> {
  const stdout = captureStdout();
  try {
    await run(stdout);
  } finally {
    stdout.restore();
  }
  return emfMetricsIn(stdout.lines()).map(({ name, dimensions, values }) => {
    const dims = Object.entries(dimensions)
      .filter(([k]) => k !== 'service')
      .map(([k, v]) => `${k}=${v}`);
    return `${name}{${dims.join(',')}}=${values.join('+')}`;
  });
}

it('one container: the cold start once, then each invocation flushes what it recorded when it ends', async () => {
  const { handler: health } = await import('../../../src/functions/health.js');
  const { jobProcessorHandler } = await import('../../../src/functions/job-processor.js');
  const { handler: authorizer } = await import('../../../src/functions/authorizer.js');
  const { JobProcessor } = await import('../../../src/jobs/process.js');
  const { metrics } = await import('../../../src/lib/metrics.js');

  // httpHandler: the container's first invocation reports its cold start, the next does not.
  expect(await writtenBy(() => health(apiEvent('health'), context('HealthFunction')))).toEqual([
    'ColdStart{function_name=HealthFunction}=1',
  ]);
  expect(await writtenBy(() => health(apiEvent('health'), context('HealthFunction')))).toEqual([]);

  // sqsBatchHandler: a batch's metrics are written once, after its last record, on one line per type.
  const store = new InMemoryJobStore();
  const results = new InMemoryResults();
  const batch = loadEvent<SQSEvent>('job-processor');
  const jobIds = batch.Records.map((r: SQSRecord) => (JSON.parse(r.body) as { jobId: string }).jobId);
  store.seed(...jobIds.map((jobId) => jobRecord({ jobId, createdAt: '2026-11-25T02:10:59.000Z' })));
  const duringBatch: number[] = [];
  const processor = jobProcessorHandler(
    () =>
      new JobProcessor({
        store,
        results,
        files: new InMemoryUploads(),
        clock: fixedClock('2026-11-25T02:11:00.000Z'),
        metrics,
      }),
  );
  const written = await writtenBy((stdout) => {
    results.beforePut = () => duringBatch.push(stdout.lines().length);
    return processor(batch, context('JobProcessorFunction'));
  });
  expect(duringBatch).toEqual([0, 0, 0]);
  expect(written).toEqual([
    'QueueWait{}=1000+1000+1000',
    'ProcessingDuration{}=0+0+0',
    'JobCompleted{jobType=echo}=1+1+1',
  ]);
  expect(store.all().every((j) => j.jobStatus === 'complete' && j.ownerId === OWNER)).toBe(true);

  // The authorizer's entry: a refusal is counted by its class.
  const refused = { ...loadEvent('authorizer'), authorizationToken: '' };
  expect(
    await writtenBy(() => authorizer(refused as never, context('AuthorizerFunction')).catch(() => 0)),
  ).toEqual(['AuthorizerRefused{reason=missing}=1']);
});
