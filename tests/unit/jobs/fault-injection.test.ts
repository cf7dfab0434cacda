import { ConfigError } from '../../../src/lib/config.js';
import { faultInjectionRate } from '../../../src/jobs/config.js';
import { InjectedFaultError } from '../../../src/jobs/errors.js';
import { JobProcessor, type JobProcessorDeps } from '../../../src/jobs/process.js';
import type { JobStore, ResultWriter } from '../../../src/jobs/ports.js';
import { RecordedMetrics } from '../../support/fakes/metrics.js';

describe('the fault-injection switch (JOB_FAULT_INJECTION_RATE) is local-only', () => {
  it('is off by default, on the local stack or not', () => {
    expect(faultInjectionRate({})).toBe(0);
    expect(faultInjectionRate({ AWS_SAM_LOCAL: 'true' })).toBe(0);
    expect(faultInjectionRate({ JOB_FAULT_INJECTION_RATE: '' })).toBe(0);
  });

  it('is honoured on the local stack (AWS_SAM_LOCAL=true)', () => {
    expect(faultInjectionRate({ AWS_SAM_LOCAL: 'true', JOB_FAULT_INJECTION_RATE: '0.25' })).toBe(0.25);
    expect(faultInjectionRate({ AWS_SAM_LOCAL: 'true', JOB_FAULT_INJECTION_RATE: '1' })).toBe(1);
  });

  it('refuses to start when set anywhere else, whatever the value', () => {
    for (const env of [
      { JOB_FAULT_INJECTION_RATE: '0.5' },
      { JOB_FAULT_INJECTION_RATE: '0' },
      { JOB_FAULT_INJECTION_RATE: '0.5', AWS_SAM_LOCAL: 'false' },
      { JOB_FAULT_INJECTION_RATE: '0.5', AWS_SAM_LOCAL: 'TRUE' },
    ]) {
      expect(() => faultInjectionRate(env)).toThrow(ConfigError);
      expect(() => faultInjectionRate(env)).toThrow(/local-stack test switch/);
    }
  });

  it('refuses a rate outside 0..1 or not a number', () => {
    for (const rate of ['1.5', '-0.1', 'half', 'NaN', 'Infinity']) {
      expect(() => faultInjectionRate({ AWS_SAM_LOCAL: 'true', JOB_FAULT_INJECTION_RATE: rate })).toThrow(
        /must be a number from 0 to 1/,
      );
    }
  });
});

describe('an injected fault', () => {
  const calls: string[] = [];
  const store: JobStore = {
    create: () => Promise.resolve(true),
    get: (key) => {
      calls.push(`get ${key.jobId}`);
      return Promise.resolve(undefined);
    },
    summary: () => Promise.resolve(undefined),
    move: () => {
      calls.push('move');
      return Promise.resolve(true);
    },
    listByOwner: () => Promise.resolve({ items: [] }),
  };
  const results: ResultWriter = {
    put: () => {
      calls.push('put');
      return Promise.resolve();
    },
  };
  const body = JSON.stringify({ ownerId: 'u1', jobId: 'job-1' });
  const delivery = { messageId: 'm1', receiveCount: 1 };
  const deps = (rate: number, draw: number): JobProcessorDeps => ({
    store,
    results,
    clock: () => new Date(),
    metrics: new RecordedMetrics(),
    faults: { rate, random: () => draw },
  });
  const processJobMessage = (d: JobProcessorDeps, b: string, m: typeof delivery) =>
    new JobProcessor(d).process(b, m);

  beforeEach(() => (calls.length = 0));

  it('fails the record retryably before any read or write', async () => {
    await expect(processJobMessage(deps(0.5, 0.49), body, delivery)).rejects.toThrow(InjectedFaultError);
    expect(calls).toEqual([]);
  });

  it('spares the records drawn above the rate, and every record at rate 0', async () => {
    await expect(processJobMessage(deps(0.5, 0.5), body, delivery)).resolves.toBe('missing');
    await expect(processJobMessage(deps(0, 0), body, delivery)).resolves.toBe('missing');
    expect(calls).toEqual(['get job-1', 'get job-1']);
  });
});
