/**
 * src/lib/metrics.ts writes what the services record as CloudWatch EMF through Powertools: each
 * metric under its name, unit and dimensions from src/lib/metric-names.ts, in the namespace and with
 * the `service` dimension the environment names, read back here as CloudWatch Logs reads EMF.
 */
import type { Context } from 'aws-lambda';
import { authorizerHandler } from '../../../src/auth/authorize.js';
import { RefusedError } from '../../../src/auth/refusal.js';
import { DeadLetters } from '../../../src/jobs/dead-letter.js';
import { Uploads } from '../../../src/jobs/uploads.js';
import { JobProcessor } from '../../../src/jobs/process.js';
import { SubmitJobs } from '../../../src/jobs/submit.js';
import { METRICS, SERVICE_DIMENSION, type MetricName } from '../../../src/lib/metric-names.js';
import { PowertoolsMetrics, withMetrics } from '../../../src/lib/metrics.js';
import { emfMetricsIn, type EmfMetric } from '../../support/emf.js';
import { loadEvent } from '../../support/events.js';
import {
  fixedClock,
  InMemoryJobQueue,
  InMemoryJobStore,
  InMemoryResults,
  InMemoryUploads,
  jobRecord,
  OWNER,
} from '../../support/fakes/jobs.js';
import { captureStdout, metricsEnvironment } from '../../support/stdout.js';

const NAMESPACE = 'JobsServiceUnitTest';
const SERVICE = 'jobs-service-test';
const context = (functionName: string) => ({ functionName }) as Context;

let stdout: ReturnType<typeof captureStdout>;
let restoreEnv: () => void;
beforeEach(() => {
  restoreEnv = metricsEnvironment({ namespace: NAMESPACE, service: SERVICE });
  stdout = captureStdout();
});
afterEach(() => {
  stdout.restore();
  restoreEnv();
});

const written = (): EmfMetric[] => emfMetricsIn(stdout.lines());

describe('the metrics the services record', () => {
  it('reach stdout as EMF: every metric of metric-names.ts, with its unit and dimensions', async () => {
    const metrics = new PowertoolsMetrics();
    const store = new InMemoryJobStore();
    const clock = fixedClock('2026-11-25T02:11:00.000Z');
    const submit = new SubmitJobs({
      store,
      queue: new InMemoryJobQueue(),
      retentionDays: 1,
      clock,
      metrics,
      files: new InMemoryUploads(),
    });
    const processor = new JobProcessor({
      store,
      results: new InMemoryResults(),
      files: new InMemoryUploads(),
      clock,
      metrics,
    });
    const letters = new DeadLetters({ store, maxReceiveCount: 3, clock, metrics });
    const uploads = new Uploads({
      links: new InMemoryUploads(),
      maxBytes: 10,
      linkExpirySeconds: 60,
      clock,
      metrics,
    });
    const authorize = authorizerHandler(
      () => ({ verify: () => Promise.reject(new RefusedError('exp in the past', 'expired')) }),
      metrics,
    );
    const invocation = withMetrics(async () => {
      const { jobId } = await submit.submit({
        ownerId: OWNER,
        jobType: 'word-count',
        payload: { text: 'a b' },
      });
      await processor.process(JSON.stringify({ ownerId: OWNER, jobId }), {
        messageId: 'm1',
        receiveCount: 1,
      });
      store.seed(jobRecord({ jobId: 'bad', jobType: 'sha256', payload: '[1]' }), jobRecord({ jobId: 'dlq' }));
      await processor.process(JSON.stringify({ ownerId: OWNER, jobId: 'bad' }), {
        messageId: 'm2',
        receiveCount: 1,
      });
      await letters.fail(JSON.stringify({ ownerId: OWNER, jobId: 'dlq', jobType: 'echo' }), {
        messageId: 'm3',
        receiveCount: 4,
      });
      await authorize(loadEvent('authorizer')).catch(() => undefined);
      await uploads.create(OWNER, { contentType: 'text/plain', contentLength: 3 });
    }, metrics);
    await invocation({}, context('SubmitJobFunction'));

    const emitted = written();
    expect(new Set(emitted.map((m) => m.namespace))).toEqual(new Set([NAMESPACE]));
    const names = [...new Set(emitted.map((m) => m.name))].sort();
    expect(names).toEqual(Object.keys(METRICS).sort());
    for (const m of emitted) {
      const defined = METRICS[m.name as MetricName];
      expect({ metric: m.name, unit: m.unit }).toEqual({ metric: m.name, unit: defined.unit });
      expect({ metric: m.name, dimensions: Object.keys(m.dimensions).sort() }).toEqual({
        metric: m.name,
        dimensions: [SERVICE_DIMENSION, ...defined.dimensions].sort(),
      });
      expect(m.dimensions[SERVICE_DIMENSION]).toBe(SERVICE);
    }
    const find = (name: string) =>
      emitted.filter((m) => m.name === name).map(({ dimensions, values }) => ({ dimensions, values }));
    expect(find('ColdStart')).toEqual([
      { dimensions: { service: SERVICE, function_name: 'SubmitJobFunction' }, values: [1] },
    ]);
    expect(find('JobSubmitted')).toEqual([
      { dimensions: { service: SERVICE, jobType: 'word-count' }, values: [1] },
    ]);
    expect(find('JobCompleted')).toEqual([
      { dimensions: { service: SERVICE, jobType: 'word-count' }, values: [1] },
    ]);
    expect(find('JobFailed')).toEqual(
      expect.arrayContaining([
        { dimensions: { service: SERVICE, jobType: 'sha256' }, values: [1] },
        { dimensions: { service: SERVICE, jobType: 'echo' }, values: [1] },
      ]),
    );
    expect(find('QueueWait')).toEqual([{ dimensions: { service: SERVICE }, values: [0, 60_000] }]);
    expect(find('ProcessingDuration')).toEqual([{ dimensions: { service: SERVICE }, values: [0, 0] }]);
    expect(find('AuthorizerRefused')).toEqual([
      { dimensions: { service: SERVICE, reason: 'expired' }, values: [1] },
    ]);
  });
});

describe('PowertoolsMetrics', () => {
  it('writes nothing until the flush, then one line per set of dimension values, values batched', () => {
    const metrics = new PowertoolsMetrics();
    metrics.record('QueueWait', 5);
    metrics.record('JobCompleted', 1, { jobType: 'echo' });
    metrics.record('QueueWait', 7);
    metrics.record('JobFailed', 1, { jobType: 'echo' });
    metrics.record('JobCompleted', 1, { jobType: 'sha256' });
    expect(stdout.lines()).toEqual([]);
    metrics.flush();
    expect(stdout.lines()).toHaveLength(3);
    const lines = stdout.lines().map((l) => emfMetricsIn([l]).map((m) => `${m.name}=${m.values.join('+')}`));
    expect(lines).toEqual([['QueueWait=5+7'], ['JobCompleted=1', 'JobFailed=1'], ['JobCompleted=1']]);
    metrics.flush();
    expect(stdout.lines()).toHaveLength(3);
  });

  it('reports the cold start once per container, on its first invocation', async () => {
    const metrics = new PowertoolsMetrics();
    const handler = withMetrics(() => Promise.resolve('ok'), metrics);
    await handler({}, context('HealthFunction'));
    await handler({}, context('HealthFunction'));
    expect(written().filter((m) => m.name === 'ColdStart')).toHaveLength(1);
  });

  it('flushes when the handler throws, and a failing flush never changes the outcome', async () => {
    const metrics = new PowertoolsMetrics();
    const failing = withMetrics(() => {
      metrics.record('JobSubmitted', 1, { jobType: 'echo' });
      return Promise.reject(new Error('boom'));
    }, metrics);
    await expect(failing({}, context('SubmitJobFunction'))).rejects.toThrow('boom');
    expect(written().map((m) => m.name)).toEqual(['ColdStart', 'JobSubmitted']);

    const broken = new PowertoolsMetrics();
    broken.flush = () => {
      throw new Error('stdout closed');
    };
    await expect(withMetrics(() => Promise.resolve('answered'), broken)({}, context('X'))).resolves.toBe(
      'answered',
    );
  });

  it('refuses a name metric-names.ts does not define, a missing or extra dimension, and the cold start', () => {
    const metrics = new PowertoolsMetrics();
    // The compiler refuses each of these (tsc in npm run lint); the module refuses them at run time too.
    // @ts-expect-error: not a metric of metric-names.ts
    expect(() => metrics.record('JobsDone', 1)).toThrow('JobsDone is not a metric the service records');
    // @ts-expect-error: JobCompleted takes its jobType
    expect(() => metrics.record('JobCompleted', 1)).toThrow('JobCompleted takes the dimensions [jobType]');
    // @ts-expect-error: no metric takes a user id
    expect(() => metrics.record('JobCompleted', 1, { jobType: 'echo', userId: 'u-1' })).toThrow(
      'JobCompleted takes the dimensions [jobType]',
    );
    // @ts-expect-error: the cold start is Powertools' own
    expect(() => metrics.record('ColdStart', 1, { function_name: 'f' })).toThrow('ColdStart is not a metric');
    metrics.flush();
    expect(stdout.lines()).toEqual([]);
  });

  it('drops a value CloudWatch cannot store instead of failing the work it measures', () => {
    const metrics = new PowertoolsMetrics();
    metrics.record('QueueWait', Number.NaN);
    metrics.record('ProcessingDuration', -1);
    metrics.flush();
    expect(written()).toEqual([]);
  });
});
