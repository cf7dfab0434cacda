/**
 * api: GET /health and an authorized GET /job-status/{id} on the local stack at 10 connections
 * (autocannon), each against a raw Node http server answering the same bytes, in the same run.
 */
import type { StackTarget } from '../../support/stack.js';
import { load } from '../load.js';
import { capture, startRawServer } from '../raw-server.js';
import { check, type GroupResult } from '../report.js';
import { round } from '../stats.js';

const CONNECTIONS = 10;

async function compare(url: string, headers: Record<string, string>, seconds: number) {
  const raw = await startRawServer(await capture(url, headers));
  try {
    const path = new URL(url).pathname;
    const baseline = await load(raw.url + path, { connections: CONNECTIONS, seconds });
    const stack = await load(url, { connections: CONNECTIONS, seconds, headers });
    return { baseline, stack, ratio: stack.requestsPerSecond / baseline.requestsPerSecond };
  } finally {
    await raw.stop();
  }
}

export async function api(options: {
  stack: StackTarget;
  idToken: string;
  jobId: string;
  seconds: number;
}): Promise<GroupResult> {
  const health = await compare(`${options.stack.baseUrl}/health`, {}, options.seconds);
  const auth = { authorization: `Bearer ${options.idToken}` };
  const status = await compare(`${options.stack.baseUrl}/job-status/${options.jobId}`, auth, options.seconds);
  const fig = (r: typeof health) => ({
    stackReqPerSec: round(r.stack.requestsPerSecond, 0),
    rawReqPerSec: round(r.baseline.requestsPerSecond, 0),
    ratio: round(r.ratio, 2),
    stackP50Ms: r.stack.p50Ms,
    stackP99Ms: r.stack.p99Ms,
    rawP99Ms: r.baseline.p99Ms,
    stackNon2xx: r.stack.non2xx,
    stackErrors: r.stack.errors,
  });
  return {
    figures: {
      connections: CONNECTIONS,
      seconds: options.seconds,
      health: fig(health),
      authorizedJobStatus: fig(status),
    },
    checks: [
      check('GET /health x raw', round(health.ratio, 2), '>= 0.5', health.ratio >= 0.5),
      check('GET /job-status (authorized) x raw', round(status.ratio, 2), '>= 0.25', status.ratio >= 0.25),
      check('GET /job-status p99 ms', status.stack.p99Ms, '<= 20', status.stack.p99Ms <= 20),
      check(
        'errors + non-2xx under load',
        health.stack.non2xx + health.stack.errors + status.stack.non2xx + status.stack.errors,
        '0',
        health.stack.non2xx + health.stack.errors + status.stack.non2xx + status.stack.errors === 0,
      ),
    ],
  };
}
