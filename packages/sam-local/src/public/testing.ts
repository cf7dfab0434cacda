/**
 * The `sam-local` command in a child process on free ports, for tests that only make sense locally:
 * they read its output (confirmation codes, function logs), inspect its emulators, stop it or kill
 * it. A suite that should also run against a deployed stack reaches any stack from its outputs
 * file instead (<data>/stack-outputs.json, --outputs-file).
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { appendFileSync, readFileSync } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

/** The `sam-local` command of this package. */
export const SAM_LOCAL_BIN = fileURLToPath(new URL('../../bin/sam-local.js', import.meta.url));

/**
 * Runs the command, without jest's NODE_OPTIONS (--experimental-vm-modules is not for the runner).
 * LOCAL_STACK_EXEC_ARGV adds Node flags to the runner's process (e.g. `--cpu-prof --cpu-prof-dir=DIR`
 * to profile it under a bench load), as LOCAL_STACK_WORKER_EXEC_ARGV does for its workers.
 */
function spawnSamLocal(args: string[], cwd: string, env: NodeJS.ProcessEnv): ChildProcess {
  const childEnv: NodeJS.ProcessEnv = { ...process.env, ...env };
  delete childEnv.NODE_OPTIONS;
  const nodeFlags = (childEnv.LOCAL_STACK_EXEC_ARGV ?? '').split(' ').filter(Boolean);
  return spawn(process.execPath, [...nodeFlags, SAM_LOCAL_BIN, ...args], {
    cwd,
    env: childEnv,
    stdio: ['ignore', 'pipe', 'pipe'],
  });
}

export interface StackTarget {
  baseUrl: string;
  /** Everything the stack printed so far. */
  logs(): string;
  /** Resolves with the first match of `pattern` in the stack's output, waiting for it if needed. */
  waitForLog(pattern: RegExp, timeoutMs?: number): Promise<RegExpMatchArray>;
  /** The latest code printed for `email` by the Cognito emulator. */
  confirmationCode(email: string, timeoutMs?: number): Promise<string>;
  /** The seeded admin the stack printed. */
  adminCredentials: { email: string; password: string };
  /** AWS_ENDPOINT_URL_* + region + credentials to reach the emulators. */
  awsEnv: Record<string, string>;
  /** Where the stack keeps its state (its stack-outputs.json among it). */
  dataDir: string;
  /** The runner's process id. */
  pid?: number;
  /** Resolves when the runner's process has exited. */
  exited: Promise<{ code: number | null; signal: NodeJS.Signals | null }>;
  stop(): Promise<void>;
}

export interface StartStackOptions {
  /** Where the command runs; its default template is ./template.yaml there (default: this process's cwd). */
  cwd?: string;
  /** Extra CLI arguments (e.g. ['--sqs-visibility-timeout', '2']). */
  args?: string[];
  /** Extra environment for the runner (e.g. AWS_ENDPOINT_URL for moto_server). */
  env?: Record<string, string>;
  /** The SAM template (default: template.yaml in cwd). */
  template?: string;
  /** Keep state here (default: a new temporary folder, removed on stop). */
  dataDir?: string;
  /** Start from empty state (default true). */
  fresh?: boolean;
  /** Rebuild functions when their sources change (default false: --no-watch). */
  watch?: boolean;
  /** How long to wait for the ready line (default 60 s). */
  timeoutMs?: number;
}

const READY = /Local stack ready at (http:\/\/\S+)/;
const escapeRegExp = (s: string) => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

export async function startStack(options: StartStackOptions = {}): Promise<StackTarget> {
  const ownDataDir = options.dataDir === undefined;
  const dataDir = options.dataDir ?? (await mkdtemp(join(tmpdir(), 'local-stack-')));
  const args = [
    '--port',
    '0',
    '--data',
    dataDir,
    ...(options.fresh === false ? [] : ['--fresh']),
    ...(options.watch ? [] : ['--no-watch']),
    ...(options.template ? ['--template', options.template] : []),
    ...(options.args ?? []),
  ];
  const child = spawnSamLocal(args, options.cwd ?? process.cwd(), options.env ?? {});

  let output = '';
  const listeners = new Set<() => void>();
  // LOCAL_STACK_LOG=<file> keeps a copy of everything the stack prints (for debugging a failed test).
  const copy = process.env.LOCAL_STACK_LOG;
  const onData = (chunk: Buffer) => {
    output += chunk.toString('utf8');
    if (copy) appendFileSync(copy, chunk);
    for (const l of [...listeners]) l();
  };
  child.stdout?.on('data', onData);
  child.stderr?.on('data', onData);
  let exited = false;
  const exit = new Promise<{ code: number | null; signal: NodeJS.Signals | null }>((resolve) =>
    child.on('exit', (code, signal) => {
      exited = true;
      for (const l of [...listeners]) l();
      resolve({ code, signal });
    }),
  );

  const waitForLog = (pattern: RegExp, timeoutMs = 30000): Promise<RegExpMatchArray> =>
    new Promise((resolve, reject) => {
      const check = () => {
        const m = output.match(pattern);
        if (m) {
          done();
          resolve(m);
        } else if (exited) {
          done();
          reject(new Error(`the local stack exited before printing ${pattern}:\n${output}`));
        }
      };
      const timer = setTimeout(() => {
        done();
        reject(
          new Error(
            `no ${pattern} in the local stack's output within ${timeoutMs} ms:\n${output.slice(-4000)}`,
          ),
        );
      }, timeoutMs);
      const done = () => {
        clearTimeout(timer);
        listeners.delete(check);
      };
      listeners.add(check);
      check();
    });

  const stop = async () => {
    if (!exited) {
      child.kill('SIGTERM');
      const killer = setTimeout(() => child.kill('SIGKILL'), 8000);
      await exit;
      clearTimeout(killer);
    }
    if (ownDataDir) await rm(dataDir, { recursive: true, force: true });
  };

  let ready: RegExpMatchArray;
  try {
    ready = await waitForLog(READY, options.timeoutMs ?? 60000);
  } catch (e) {
    await stop();
    throw e;
  }
  const awsEnv: Record<string, string> = {};
  for (const m of output.matchAll(/^\s*export (AWS_[A-Z0-9_]+)=(\S+)$/gm))
    awsEnv[m[1] as string] = m[2] as string;
  const seeded = /\[cognito\] seeded user (\S+) \/ (\S+) /.exec(output);

  return {
    baseUrl: ready[1] as string,
    logs: () => output,
    waitForLog,
    async confirmationCode(email, timeoutMs = 15000) {
      const pattern = new RegExp(`\\[cognito\\] confirmation code for ${escapeRegExp(email)}: (\\d+)`, 'g');
      await waitForLog(new RegExp(pattern.source), timeoutMs);
      const all = [...output.matchAll(pattern)];
      return (all[all.length - 1] as RegExpMatchArray)[1] as string;
    },
    adminCredentials: { email: seeded?.[1] ?? '', password: seeded?.[2] ?? '' },
    awsEnv,
    dataDir,
    pid: child.pid,
    exited: exit,
    stop,
  };
}

/** Runs `sam-local` with `args` until it exits (killed after `timeoutMs`): its exit code and output. */
export function runToExit(
  args: string[],
  options: { cwd?: string; timeoutMs?: number; env?: Record<string, string> } = {},
): Promise<{ code: number | null; output: string }> {
  const timeoutMs = options.timeoutMs ?? 10000;
  const child = spawnSamLocal(args, options.cwd ?? process.cwd(), options.env ?? {});
  let output = '';
  child.stdout?.on('data', (c: Buffer) => (output += c.toString()));
  child.stderr?.on('data', (c: Buffer) => (output += c.toString()));
  const killer = setTimeout(() => child.kill('SIGKILL'), timeoutMs);
  return new Promise((resolve) =>
    child.on('exit', (code) => {
      clearTimeout(killer);
      resolve({ code, output });
    }),
  );
}

/**
 * The private key cognito-local signs its tokens with (it publishes it in its npm package), as a
 * JWK: tests forge tokens the local stack's user pool would have issued, each breaking one rule.
 * Only the local stack accepts them: in AWS nobody holds a user pool's signing key.
 */
export function cognitoLocalSigningKey(): Record<string, string> {
  const require = createRequire(import.meta.url);
  const file = require.resolve('cognito-local/lib/keys/cognitoLocal.private.json');
  return (JSON.parse(readFileSync(file, 'utf8')) as { jwk: Record<string, string> }).jwk;
}
