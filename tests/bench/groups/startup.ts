/**
 * startup: `npm start` from launch to the first 200 on GET /health, every emulator ready (the
 * runner prints its ready line only after the emulators answer); median of a few launches. In the
 * full run also a soak: 5 minutes at 10 connections on the same stack, req/s and the stack's RSS
 * (runner and every child process) in the last minute against the first.
 */
import { execFileSync, spawn } from 'node:child_process';
import { once } from 'node:events';
import { mkdtempSync, rmSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { projectRoot } from '../../support/paths.js';
import { load } from '../load.js';
import { check, type GroupResult } from '../report.js';
import { median, round } from '../stats.js';

const STARTUP_GOAL_MS = 3000;

async function freePort(): Promise<number> {
  const server = createServer().listen(0, '127.0.0.1');
  await once(server, 'listening');
  const { port } = server.address() as { port: number };
  server.close();
  await once(server, 'close');
  return port;
}

function treeRssKb(pid: number): number {
  const pids = [pid];
  try {
    const out = execFileSync('ps', ['-e', '-o', 'pid=,ppid=,rss='], { encoding: 'utf8' });
    const rows = out
      .trim()
      .split('\n')
      .map((l) => l.trim().split(/\s+/).map(Number));
    for (let grew = true; grew;) {
      grew = false;
      for (const [p, pp] of rows) {
        if (pids.includes(pp!) && !pids.includes(p!)) {
          pids.push(p!);
          grew = true;
        }
      }
    }
    return rows.filter(([p]) => pids.includes(p!)).reduce((sum, r) => sum + (r[2] ?? 0), 0);
  } catch {
    return NaN;
  }
}

async function launch() {
  const port = await freePort();
  const data = mkdtempSync(join(tmpdir(), 'bench-startup-'));
  const started = performance.now();
  const child = spawn(
    'npm',
    ['start', '--', '--port', String(port), '--fresh', '--data', data, '--no-watch'],
    {
      cwd: projectRoot,
      detached: true,
      stdio: 'ignore',
      env: { ...process.env, NO_COLOR: '1' },
    },
  );
  const url = `http://127.0.0.1:${port}/health`;
  let readyMs = NaN;
  while (performance.now() - started < 60_000) {
    const ok = await fetch(url).then(
      (r) => r.status === 200,
      () => false,
    );
    if (ok) {
      readyMs = performance.now() - started;
      break;
    }
    await new Promise((r) => setTimeout(r, 25));
  }
  const stop = async () => {
    try {
      process.kill(-child.pid!, 'SIGTERM');
    } catch {
      // already gone
    }
    await Promise.race([once(child, 'exit'), new Promise((r) => setTimeout(r, 8000))]);
    rmSync(data, { recursive: true, force: true });
  };
  return { readyMs, url, pid: child.pid!, stop };
}

export async function startup(options: { launches: number; soakMinutes: number }): Promise<GroupResult> {
  const times: number[] = [];
  for (let i = 0; i < options.launches; i++) {
    const l = await launch();
    times.push(l.readyMs);
    await l.stop();
  }
  const ms = median(times);
  const figures: Record<string, unknown> = {
    launchToHealthyMs: times.map((t) => round(t, 0)),
    medianMs: round(ms, 0),
  };
  const checks = [
    check('npm start -> 200 /health (ms)', round(ms, 0), `<= ${STARTUP_GOAL_MS}`, ms <= STARTUP_GOAL_MS),
  ];
  const notes: string[] = [];

  if (options.soakMinutes > 0) {
    const l = await launch();
    try {
      const minutes = [];
      for (let m = 0; m < options.soakMinutes; m++) {
        const r = await load(l.url, { connections: 10, seconds: 60 });
        minutes.push({
          reqPerSec: round(r.requestsPerSecond, 0),
          p99Ms: r.p99Ms,
          rssMB: round(treeRssKb(l.pid) / 1024, 1),
          errors: r.errors + r.non2xx,
        });
      }
      const first = minutes[0]!;
      const last = minutes[minutes.length - 1]!;
      const rateChange = last.reqPerSec / first.reqPerSec - 1;
      const rssChange = last.rssMB / first.rssMB - 1;
      figures.soak = { minutes };
      checks.push(
        check(
          'soak req/s last vs first minute',
          round(rateChange * 100, 1),
          'within ±10 %',
          Math.abs(rateChange) <= 0.1,
        ),
      );
      checks.push(
        check(
          'soak RSS growth last vs first minute (%)',
          round(rssChange * 100, 1),
          '<= 10 %',
          rssChange <= 0.1,
        ),
      );
    } finally {
      await l.stop();
    }
  } else {
    notes.push('soak: full run only (npm run bench without --quick)');
  }
  return { figures, checks, notes };
}
