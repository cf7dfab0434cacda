/**
 * startup: `npm start` from launch to the first 200 on GET /health, every emulator ready (the
 * runner prints its ready line only after the emulators answer); median of a few launches, each:
 * - fresh: empty data folder and empty build cache, as on a fresh clone (every function is built;
 *   /health waits for HealthFunction's build);
 * - restart: the data folder and build cache of an earlier run whose background builds finished
 *   (no function is rebuilt).
 * In the full run also a soak: 5 minutes at 10 connections on the same stack, once it is warm, req/s
 * and the stack's RSS (runner and every child process) in the last minute against the first.
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

const FRESH_GOAL_MS = 3000;
const RESTART_GOAL_MS = 2000;

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

/** Folders a launch keeps its state and its build cache in. */
interface Folders {
  data: string;
  cache: string;
}

const newFolders = (): Folders => ({
  data: mkdtempSync(join(tmpdir(), 'bench-startup-data-')),
  cache: mkdtempSync(join(tmpdir(), 'bench-startup-cache-')),
});

async function launch(folders: Folders, fresh: boolean) {
  const port = await freePort();
  const started = performance.now();
  const child = spawn(
    'npm',
    [
      'start',
      '--',
      '--port',
      String(port),
      ...(fresh ? ['--fresh'] : []),
      '--data',
      folders.data,
      '--cache',
      folders.cache,
      '--no-watch',
    ],
    {
      cwd: projectRoot,
      detached: true,
      stdio: ['ignore', 'pipe', 'ignore'],
      env: { ...process.env, NO_COLOR: '1' },
    },
  );
  let output = '';
  child.stdout?.on('data', (c: Buffer) => (output += c.toString()));
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
  /** Resolves once the runner says its background builds are done (or after `timeoutMs`). */
  const builds = async (timeoutMs = 60_000) => {
    const end = performance.now() + timeoutMs;
    while (!/\[build\] background builds done/.test(output) && performance.now() < end)
      await new Promise((r) => setTimeout(r, 100));
  };
  const stop = async () => {
    try {
      process.kill(-child.pid!, 'SIGTERM');
    } catch {
      // already gone
    }
    await Promise.race([once(child, 'exit'), new Promise((r) => setTimeout(r, 8000))]);
  };
  return { readyMs, url, pid: child.pid!, builds, stop };
}

const removeFolders = (f: Folders) => {
  rmSync(f.data, { recursive: true, force: true });
  rmSync(f.cache, { recursive: true, force: true });
};

const SOAK_WARMUP_WINDOW_SECONDS = 10;

export async function startup(options: { launches: number; soakMinutes: number }): Promise<GroupResult> {
  const fresh: number[] = [];
  for (let i = 0; i < options.launches; i++) {
    const folders = newFolders();
    const l = await launch(folders, true);
    fresh.push(l.readyMs);
    await l.stop();
    removeFolders(folders);
  }
  const restart: number[] = [];
  const kept = newFolders();
  try {
    const first = await launch(kept, true);
    await first.builds();
    await first.stop();
    for (let i = 0; i < options.launches; i++) {
      const l = await launch(kept, false);
      restart.push(l.readyMs);
      await l.stop();
    }
  } finally {
    removeFolders(kept);
  }
  const freshMs = median(fresh);
  const restartMs = median(restart);
  const figures: Record<string, unknown> = {
    freshLaunchToHealthyMs: fresh.map((t) => round(t, 0)),
    freshMedianMs: round(freshMs, 0),
    restartLaunchToHealthyMs: restart.map((t) => round(t, 0)),
    restartMedianMs: round(restartMs, 0),
  };
  const checks = [
    check(
      'npm start -> 200 /health, fresh (ms)',
      round(freshMs, 0),
      `<= ${FRESH_GOAL_MS}`,
      freshMs <= FRESH_GOAL_MS,
    ),
    check(
      'npm start -> 200 /health, restart (ms)',
      round(restartMs, 0),
      `<= ${RESTART_GOAL_MS}`,
      restartMs <= RESTART_GOAL_MS,
    ),
  ];
  const notes: string[] = [];

  if (options.soakMinutes > 0) {
    const folders = newFolders();
    const l = await launch(folders, true);
    try {
      const minutes = [];
      for (let m = 0; m < options.soakMinutes; m++) {
        // The soak looks for drift over time: it starts once the stack is warm (load.ts), so the JIT's
        // warming of the first minute does not read as a change.
        const r = await load(l.url, {
          connections: 10,
          seconds: 60,
          ...(m === 0 ? { warmupSeconds: SOAK_WARMUP_WINDOW_SECONDS } : {}),
        });
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
      removeFolders(folders);
    }
  } else {
    notes.push('soak: full run only (npm run bench without --quick)');
  }
  return { figures, checks, notes };
}
