/** autocannon at a fixed connection count, reduced to the figures the bench reports. */
import autocannon from 'autocannon';
import { perRequestUs, threadCpu } from './thread-cpu.js';

export interface LoadResult {
  requestsPerSecond: number;
  p50Ms: number;
  p99Ms: number;
  non2xx: number;
  errors: number;
  /** With `cpuOf`: that process's CPU per request of the measured load, main thread and the rest (thread-cpu.ts). */
  cpuUsPerRequest?: { mainThread: number; otherThreads: number };
}

export async function load(
  url: string,
  options: {
    connections: number;
    seconds: number;
    headers?: Record<string, string>;
    method?: 'GET' | 'POST';
    body?: string;
    /**
     * A load at the same concurrency run first and discarded, so the figures are those of a warm
     * server: the runner starts a function's workers on demand (one cold start each, as Lambda
     * does), and those belong to the coldStart and startup groups, not to a throughput figure.
     */
    warmupSeconds?: number;
    /** The server's pid: its CPU per request is reported too (Linux). */
    cpuOf?: number;
  },
): Promise<LoadResult> {
  const run = (duration: number) =>
    autocannon({
      url,
      connections: options.connections,
      duration,
      headers: options.headers ?? {},
      method: options.method ?? 'GET',
      ...(options.body === undefined ? {} : { body: options.body }),
    });
  if (options.warmupSeconds) await run(options.warmupSeconds);
  const before = options.cpuOf === undefined ? undefined : threadCpu(options.cpuOf);
  const result = await run(options.seconds);
  const after = options.cpuOf === undefined ? undefined : threadCpu(options.cpuOf);
  return {
    ...(before && after ? { cpuUsPerRequest: perRequestUs(before, after, result.requests.total) } : {}),
    requestsPerSecond: result.requests.average,
    p50Ms: result.latency.p50,
    p99Ms: result.latency.p99,
    non2xx: result.non2xx,
    errors: result.errors + result.timeouts,
  };
}
