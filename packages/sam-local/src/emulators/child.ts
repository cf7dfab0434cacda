/**
 * Runs an emulator as a child Node process that dies with its parent: the child gets an IPC channel
 * and exits on `disconnect`, which also happens when the runner is killed with SIGKILL (no orphan
 * keeps a port or a database lock). Its output is collected line by line for the caller.
 */
import { onLines } from '../lines.js';
import { spawn, type ChildProcess } from 'node:child_process';

export interface EmulatorProcess {
  name: string;
  child: ChildProcess;
  /** Resolves with the first line matching `pattern` (the emulator's "listening" line). */
  waitFor(pattern: RegExp, timeoutMs?: number): Promise<RegExpMatchArray>;
  stop(): Promise<void>;
}

export interface SpawnEmulatorOptions {
  name: string;
  /** CommonJS code the child runs (it requires the emulator by absolute path). */
  code: string;
  args?: string[];
  cwd?: string;
  env?: NodeJS.ProcessEnv;
  onLine?: (line: string) => void;
}

export function spawnEmulator(options: SpawnEmulatorOptions): EmulatorProcess {
  const code = `process.on('disconnect', () => process.exit(0));\n${options.code}`;
  const child = spawn(process.execPath, ['-e', code, '--', ...(options.args ?? [])], {
    cwd: options.cwd,
    env: options.env ?? process.env,
    stdio: ['ignore', 'pipe', 'pipe', 'ipc'],
  });
  const waiters: { pattern: RegExp; resolve: (m: RegExpMatchArray) => void }[] = [];
  let exited: Error | undefined;
  const failWaiters: ((e: Error) => void)[] = [];
  const onLine = (line: string) => {
    options.onLine?.(line);
    for (let i = waiters.length - 1; i >= 0; i--) {
      const w = waiters[i] as (typeof waiters)[number];
      const m = line.match(w.pattern);
      if (m) {
        waiters.splice(i, 1);
        w.resolve(m);
      }
    }
  };
  onLines(child.stdout as NodeJS.ReadableStream, onLine);
  onLines(child.stderr as NodeJS.ReadableStream, onLine);
  const exitPromise = new Promise<void>((resolve) => {
    child.on('exit', (code, signal) => {
      exited = new Error(`${options.name} exited (${signal ?? `code ${code}`})`);
      for (const f of failWaiters.splice(0)) f(exited);
      resolve();
    });
  });
  return {
    name: options.name,
    child,
    waitFor(pattern, timeoutMs = 15000) {
      if (exited) return Promise.reject(exited);
      return new Promise((resolve, reject) => {
        const timer = setTimeout(
          () => reject(new Error(`${options.name} did not start within ${timeoutMs} ms`)),
          timeoutMs,
        );
        waiters.push({
          pattern,
          resolve: (m) => {
            clearTimeout(timer);
            resolve(m);
          },
        });
        failWaiters.push((e) => {
          clearTimeout(timer);
          reject(e);
        });
      });
    },
    async stop() {
      if (exited || child.exitCode !== null) return;
      child.kill('SIGTERM');
      const timer = setTimeout(() => child.kill('SIGKILL'), 2000);
      await exitPromise;
      clearTimeout(timer);
    },
  };
}
