/** autocannon at a fixed connection count, reduced to the figures the bench reports. */
import autocannon from 'autocannon';
import { perRequestUs, threadCpu, type CpuPerRequest } from './thread-cpu.js';

export interface LoadResult {
  requestsPerSecond: number;
  p50Ms: number;
  p99Ms: number;
  non2xx: number;
  errors: number;
  /** Seconds of discarded warm-up load before the measured one. */
  warmedUpSeconds: number;
  /** With `cpuOf`: that process's CPU per request of the measured load, main thread and the rest (thread-cpu.ts). */
  cpuUsPerRequest?: CpuPerRequest;
}

/** A warm-up window at most 10% faster than the one before: the server is warm. */
const STEADY = 0.1;
const MAX_WARMUP_WINDOWS = 6;

export async function load(
  url: string,
  options: {
    connections: number;
    seconds: number;
    headers?: Record<string, string>;
    method?: 'GET' | 'POST';
    body?: string;
    /**
     * Loads at the same concurrency run first and discarded, so the figures are those of a warm
     * server: the runner starts a function's workers on demand (one cold start each, as Lambda
     * does), and those belong to the coldStart and startup groups, not to a throughput figure; and
     * each worker is its own V8 isolate, whose JIT warms up separately (an SDK-using route's rate
     * roughly doubles over its first 15-20 s on 2 cores). Warm-up windows of this length repeat
     * until the rate stops rising: a window no more than STEADY above the one before (or
     * MAX_WARMUP_WINDOWS have run).
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
  let warmedUpSeconds = 0;
  if (options.warmupSeconds) {
    let previous: number | undefined;
    for (let window = 0; window < MAX_WARMUP_WINDOWS; window++) {
      const rate = (await run(options.warmupSeconds)).requests.average;
      warmedUpSeconds += options.warmupSeconds;
      if (previous !== undefined && rate <= previous * (1 + STEADY)) break;
      previous = rate;
    }
  }
  const before = options.cpuOf === undefined ? undefined : threadCpu(options.cpuOf);
  const result = await run(options.seconds);
  const after = options.cpuOf === undefined ? undefined : threadCpu(options.cpuOf);
  return {
    ...(before && after ? { cpuUsPerRequest: perRequestUs(before, after, result.requests.total) } : {}),
    warmedUpSeconds,
    requestsPerSecond: result.requests.average,
    p50Ms: result.latency.p50,
    p99Ms: result.latency.p99,
    non2xx: result.non2xx,
    errors: result.errors + result.timeouts,
  };
}
