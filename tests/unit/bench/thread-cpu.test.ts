/**
 * The api group's "where the CPU went" figures: per-thread CPU of a process from /proc, split into
 * its main thread and the rest, per request.
 */
import { Worker } from 'node:worker_threads';
import { perRequestUs, threadCpu } from '../../bench/thread-cpu.js';

const linux = process.platform === 'linux';

/** Spins the calling thread until it has used `ms` of CPU time (as source, for a worker too). */
const SPIN = (ms: number) =>
  `const start = process.cpuUsage(); while ((process.cpuUsage(start).user + process.cpuUsage(start).system) / 1000 < ${ms});`;
function spin(ms: number): void {
  const start = process.cpuUsage();
  while ((process.cpuUsage(start).user + process.cpuUsage(start).system) / 1000 < ms);
}

describe('threadCpu', () => {
  it("charges the main thread's work to the main thread (nothing is reported without /proc)", () => {
    const before = threadCpu(process.pid);
    if (!linux) return expect(before).toBeUndefined();
    spin(200);
    const after = threadCpu(process.pid)!;
    // /proc counts in 10 ms ticks: 200 ms of spinning shows as at least 150.
    expect(after.mainMs - before!.mainMs).toBeGreaterThanOrEqual(150);
  });

  it("charges a worker thread's work to the other threads, also once the thread has ended", async () => {
    const before = threadCpu(process.pid);
    if (!linux) return expect(before).toBeUndefined();
    const worker = new Worker(`${SPIN(200)}; require('node:worker_threads').parentPort.postMessage('done')`, {
      eval: true,
    });
    await new Promise((resolve) => worker.once('message', resolve));
    await worker.terminate();
    const after = threadCpu(process.pid)!;
    expect(after.otherMs - before!.otherMs).toBeGreaterThanOrEqual(150);
  });

  it('reports nothing for a process that does not exist', () => {
    expect(threadCpu(2 ** 22 + 12345)).toBeUndefined();
  });
});

describe('perRequestUs', () => {
  it('divides each side by the requests, in microseconds', () => {
    expect(perRequestUs({ mainMs: 100, otherMs: 50 }, { mainMs: 1100, otherMs: 2050 }, 10_000)).toEqual({
      mainThread: 100,
      otherThreads: 200,
    });
  });
});
