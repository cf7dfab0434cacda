/**
 * One Lambda function: worker threads running its bundle with its own process.env (Worker `env`),
 * each an execution environment. As in Lambda, a worker runs one invocation at a time (module-level
 * state such as Powertools' BatchProcessor relies on that); concurrent invocations get more workers,
 * started on demand (a cold start each) up to the function's concurrency, and wait beyond it. A
 * worker is replaced after a rebuild, a timeout or a crash.
 */
import { randomUUID } from 'node:crypto';
import { dirname } from 'node:path';
import { Worker } from 'node:worker_threads';
import { onLines } from '../lines.js';
import type { FunctionRuntimeInfo } from './environment.js';
import type { InvokeMessage, ResultMessage, WorkerData } from './worker-host.js';

export type InvokeOutcome =
  | { ok: true; result: unknown; durationMs: number }
  | {
      ok: false;
      /** error: the handler threw; timeout: the function's Timeout; integration-timeout: the caller's limit. */
      kind: 'error' | 'timeout' | 'integration-timeout';
      errorType: string;
      errorMessage: string;
      durationMs: number;
    };

export interface InvokeOptions {
  /**
   * The caller's own limit (API Gateway's 29 s): past it the caller gets an integration timeout
   * while the function runs on to its own Timeout, as in AWS.
   */
  limitMs?: number;
  /** Invoked by an SQS event source mapping with ReportBatchItemFailures. */
  reportBatchItemFailures?: boolean;
}

export interface FunctionBundle {
  handlerFile: string;
  handlerExport: string;
  /** LAMBDA_TASK_ROOT (default: the handler file's folder, the bundle's root). */
  taskRoot?: string;
}

interface Pending {
  resolve(outcome: InvokeOutcome): void;
  started: number;
  timers: NodeJS.Timeout[];
}

interface RunningWorker {
  worker: Worker;
  /** The invocation it is running (at most one, as a Lambda execution environment). */
  pending: Map<number, Pending>;
  retiring: boolean;
  bundle: FunctionBundle;
}

export interface LocalFunctionOptions {
  logicalId: string;
  runtime: FunctionRuntimeInfo;
  env: Record<string, string>;
  hostFile: string;
  region: string;
  accountId: string;
  /** Where the worker's stdout / stderr lines go. */
  onOutput(line: string, stream: 'stdout' | 'stderr'): void;
  /** Resolves once no rebuild of this function is pending; rejects if it has no bundle. */
  bundle(): Promise<FunctionBundle>;
  /** How many invocations may run at once (workers), as ReservedConcurrentExecutions. */
  concurrency: number;
  /** --fault: the probability of an injected failure around the handler (0: none). */
  faultRate?: number;
  /** Told of each failure --fault injected. */
  onFault?(description: string): void;
}

let nextId = 1;

export class LocalFunction {
  readonly logicalId: string;
  private currentBundle?: FunctionBundle;
  private readonly all = new Set<RunningWorker>();
  private idle: RunningWorker[] = [];
  private readonly waiting: ((running: RunningWorker) => void)[] = [];

  constructor(private readonly options: LocalFunctionOptions) {
    this.logicalId = options.logicalId;
  }

  get runtime(): FunctionRuntimeInfo {
    return this.options.runtime;
  }

  /** Retires every worker (busy ones after their invocation) so the next call loads the bundle anew. */
  reload(): void {
    for (const running of this.all) this.retire(running);
    this.idle = [];
  }

  private retire(running: RunningWorker): void {
    running.retiring = true;
    if (running.pending.size === 0) this.discard(running);
  }

  /** Forgets a worker and stops it; a call waiting for a worker may now start one. */
  private discard(running: RunningWorker): void {
    if (this.all.delete(running)) void running.worker.terminate();
    this.idle = this.idle.filter((w) => w !== running);
    const next = this.waiting.shift();
    if (next && this.currentBundle) next(this.start(this.currentBundle));
  }

  /** An idle worker of the current bundle, a new one within the concurrency, or the next one freed. */
  private acquire(bundle: FunctionBundle): Promise<RunningWorker> {
    const idle = this.idle.pop();
    if (idle) return Promise.resolve(idle);
    if (this.all.size < Math.max(1, this.options.concurrency)) return Promise.resolve(this.start(bundle));
    return new Promise((resolve) => this.waiting.push(resolve));
  }

  /** After an invocation: hand the worker to a waiting call, keep it idle, or stop it if retired. */
  private release(running: RunningWorker): void {
    if (running.retiring || running.bundle !== this.currentBundle || !this.all.has(running)) {
      this.discard(running);
      return;
    }
    const next = this.waiting.shift();
    if (next) next(running);
    else this.idle.push(running);
  }

  private start(bundle: FunctionBundle): RunningWorker {
    const { runtime } = this.options;
    const workerData: WorkerData = {
      handlerFile: bundle.handlerFile,
      handlerExport: bundle.handlerExport,
      functionName: runtime.functionName,
      memorySize: runtime.memorySize,
      invokedFunctionArn: `arn:aws:lambda:${this.options.region}:${this.options.accountId}:function:${runtime.functionName}`,
      logGroupName: runtime.logGroupName,
      logStreamName: `local/[$LATEST]${this.logicalId}`,
      sourceMaps: (this.options.env.NODE_OPTIONS ?? '').includes('--enable-source-maps'),
      faultRate: this.options.faultRate ?? 0,
    };
    const taskRoot = bundle.taskRoot ?? dirname(bundle.handlerFile);
    const worker = new Worker(this.options.hostFile, {
      workerData,
      env: { ...this.options.env, LAMBDA_TASK_ROOT: taskRoot, LAMBDA_RUNTIME_DIR: taskRoot },
      stdout: true,
      stderr: true,
      // Plain Node (no tsx) in workers; LOCAL_STACK_WORKER_EXEC_ARGV adds flags (e.g. --cpu-prof) for profiling.
      execArgv: (process.env.LOCAL_STACK_WORKER_EXEC_ARGV ?? '').split(' ').filter(Boolean),
      name: this.logicalId,
      // The function's MemorySize as the heap limit: a function that outgrows it fails here too.
      resourceLimits: { maxOldGenerationSizeMb: Math.max(runtime.memorySize, 128) },
    });
    const running: RunningWorker = { worker, pending: new Map(), retiring: false, bundle };
    onLines(worker.stdout, (l) => this.options.onOutput(l, 'stdout'));
    onLines(worker.stderr, (l) => this.options.onOutput(l, 'stderr'));
    worker.on('message', (m: ResultMessage) => {
      if (m.stdout) for (const l of m.stdout.split('\n')) if (l) this.options.onOutput(l, 'stdout');
      if (m.stderr) for (const l of m.stderr.split('\n')) if (l) this.options.onOutput(l, 'stderr');
      if (m.type !== 'result') return;
      for (const f of m.faults ?? []) this.options.onFault?.(f);
      const p = running.pending.get(m.id);
      if (!p) return;
      running.pending.delete(m.id);
      p.timers.forEach(clearTimeout);
      const durationMs = Date.now() - p.started;
      if (m.ok) p.resolve({ ok: true, result: JSON.parse(m.json) as unknown, durationMs });
      else
        p.resolve({
          ok: false,
          kind: 'error',
          errorType: m.errorType,
          errorMessage: m.errorMessage,
          durationMs,
        });
      this.release(running);
    });
    const fail = (errorType: string, errorMessage: string) => {
      for (const p of running.pending.values()) {
        p.timers.forEach(clearTimeout);
        p.resolve({ ok: false, kind: 'error', errorType, errorMessage, durationMs: Date.now() - p.started });
      }
      running.pending.clear();
      if (this.all.has(running)) this.discard(running);
    };
    worker.on('error', (e) => {
      this.options.onOutput(`worker crashed: ${e.name}: ${e.message}`, 'stderr');
      fail('Runtime.ExitError', `${e.name}: ${e.message}`);
    });
    worker.on('exit', (code) => fail('Runtime.ExitError', `RequestId: worker exited with code ${code}`));
    this.all.add(running);
    return running;
  }

  /** Invokes the function with `event`. Past the function's Timeout its worker is stopped and replaced. */
  async invoke(event: unknown, options: InvokeOptions = {}): Promise<InvokeOutcome> {
    const { limitMs } = options;
    const bundle = await this.options.bundle();
    if (bundle !== this.currentBundle) {
      this.currentBundle = bundle;
      this.reload();
    }
    const running = await this.acquire(bundle);
    const id = nextId++;
    const started = Date.now();
    const timeoutMs = this.options.runtime.timeoutSeconds * 1000;
    const message: InvokeMessage = {
      type: 'invoke',
      id,
      event: JSON.stringify(event),
      awsRequestId: randomUUID(),
      deadline: started + timeoutMs,
      reportBatchItemFailures: options.reportBatchItemFailures ?? false,
    };
    return new Promise<InvokeOutcome>((resolve) => {
      const pending: Pending = { resolve, started, timers: [] };
      pending.timers.push(
        setTimeout(() => {
          running.pending.delete(id);
          const seconds = this.options.runtime.timeoutSeconds.toFixed(2);
          this.options.onOutput(`Task timed out after ${seconds} seconds: restarting the worker`, 'stderr');
          pending.resolve({
            ok: false,
            kind: 'timeout',
            errorType: 'Sandbox.Timedout',
            errorMessage: `Task timed out after ${seconds} seconds`,
            durationMs: Date.now() - started,
          });
          this.discard(running);
        }, timeoutMs),
      );
      if (limitMs !== undefined && limitMs < timeoutMs) {
        pending.timers.push(
          setTimeout(() => {
            // The caller stops waiting; the invocation runs on (its result is dropped).
            pending.resolve = () => undefined;
            resolve({
              ok: false,
              kind: 'integration-timeout',
              errorType: 'IntegrationTimeout',
              errorMessage: `no response within ${limitMs} ms`,
              durationMs: Date.now() - started,
            });
          }, limitMs),
        );
      }
      running.pending.set(id, pending);
      running.worker.postMessage(message);
    });
  }

  async stop(): Promise<void> {
    const workers = [...this.all];
    this.all.clear();
    this.idle = [];
    await Promise.all(workers.map((w) => w.worker.terminate()));
  }
}
