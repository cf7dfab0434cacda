/**
 * The api group's "where the CPU went" figures: per-thread CPU of a process from /proc, split into
 * its main thread and the rest, per request.
 */
import { Worker } from 'node:worker_threads';
import { perRequestUs, threadCpu } from '../../bench/thread-cpu.js';

const linux = process.platform === 'linux';

/**
 * Spins the calling thread until the process has used `ms` more CPU time (as source, for a worker
 * too). The process's figure includes any other thread's, so the assertions leave room for V8's own.
 */
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
    spin(300);
    const after = threadCpu(process.pid)!;
    // /proc counts in 10 ms ticks; most of the 300 ms is this thread's, little the others'.
    const main = after.mainMs - before!.mainMs;
    expect(main).toBeGreaterThanOrEqual(150);
    expect(after.otherMs - before!.otherMs).toBeLessThan(main);
  });

  it("charges a worker thread's work to the other threads, also once the thread has ended", async () => {
    const before = threadCpu(process.pid);
    if (!linux) return expect(before).toBeUndefined();
    const worker = new Worker(`${SPIN(300)}; require('node:worker_threads').parentPort.postMessage('done')`, {
      eval: true,
    });
    await new Promise((resolve) => worker.once('message', resolve));
    await worker.terminate();
    const after = threadCpu(process.pid)!;
    const others = after.otherMs - before!.otherMs;
    expect(others).toBeGreaterThanOrEqual(150);
    expect(after.mainMs - before!.mainMs).toBeLessThan(others);
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
