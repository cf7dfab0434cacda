/**
 * Runs inside a worker thread, one per function: loads the function's bundle (as Lambda's Node
 * runtime loads the Handler file) and answers invocations from the runner. It is bundled by
 * esbuild at start and loaded without tsx, so a worker starts as fast as plain Node allows.
 * Results cross back as JSON text, since Lambda serialises a handler's result as JSON too.
 */
import { parentPort, workerData } from 'node:worker_threads';
import { pathToFileURL } from 'node:url';
import { invokeWithFaults } from './faults.js';

export interface WorkerData {
  handlerFile: string;
  handlerExport: string;
  functionName: string;
  memorySize: number;
  invokedFunctionArn: string;
  logGroupName: string;
  logStreamName: string;
  sourceMaps: boolean;
  /** --fault: the probability of an injected failure around the handler (0: none). */
  faultRate: number;
}

export interface InvokeMessage {
  type: 'invoke';
  id: number;
  /** The event as JSON text (Lambda hands events over as JSON; a string is also cheaper to post). */
  event: string;
  awsRequestId: string;
  deadline: number;
  /** Sent by an SQS event source mapping with ReportBatchItemFailures (how an injected record failure is reported). */
  reportBatchItemFailures: boolean;
}

/** Output the function wrote, handed over with the result (or on its own, for output between invocations). */
export interface Output {
  stdout?: string;
  stderr?: string;
}

/** Failures --fault injected into the invocation, in words. */
export interface Injected {
  faults?: string[];
}

export type ResultMessage =
  | ({ type: 'result'; id: number; ok: true; json: string } & Output & Injected)
  | ({
      type: 'result';
      id: number;
      ok: false;
      errorType: string;
      errorMessage: string;
      stack?: string[];
    } & Output &
      Injected)
  | ({ type: 'output' } & Output);

type Handler = (
  event: unknown,
  context: object,
  callback?: (err: unknown, value?: unknown) => void,
) => unknown;

const data = workerData as WorkerData;
if (data.sourceMaps) process.setSourceMapsEnabled(true);

// The function's stdout / stderr ride along with its results: a worker's own process.stdout sends
// one message per write to the parent, which costs the API real throughput under load.
const buffered: Required<Output> = { stdout: '', stderr: '' };
let outputTimer: NodeJS.Timeout | undefined;
function takeOutput(): Output {
  const out: Output = {};
  if (buffered.stdout) out.stdout = buffered.stdout;
  if (buffered.stderr) out.stderr = buffered.stderr;
  buffered.stdout = '';
  buffered.stderr = '';
  return out;
}
for (const name of ['stdout', 'stderr'] as const) {
  process[name].write = (chunk: string | Uint8Array, encoding?: unknown, callback?: unknown) => {
    buffered[name] += typeof chunk === 'string' ? chunk : Buffer.from(chunk).toString('utf8');
    // Output written outside an invocation (init, timers) is sent shortly after.
    outputTimer ??= setTimeout(() => {
      outputTimer = undefined;
      const out = takeOutput();
      if (out.stdout || out.stderr)
        parentPort?.postMessage({ type: 'output', ...out } satisfies ResultMessage);
    }, 50).unref();
    const cb = typeof encoding === 'function' ? encoding : callback;
    if (typeof cb === 'function') (cb as () => void)();
    return true;
  };
}

let handler: Handler | undefined;
let initError: { errorType: string; errorMessage: string; stack?: string[] } | undefined;

function describe(error: unknown) {
  const e = error instanceof Error ? error : new Error(String(error));
  return {
    errorType: e.name,
    errorMessage: e.message,
    stack: e.stack
      ?.split('\n')
      .slice(1)
      .map((l) => l.trim()),
  };
}

const loaded = import(pathToFileURL(data.handlerFile).href).then(
  (mod: Record<string, unknown>) => {
    const fromDefault = (mod.default as Record<string, unknown> | undefined)?.[data.handlerExport];
    const found = mod[data.handlerExport] ?? fromDefault;
    if (typeof found !== 'function') {
      initError = {
        errorType: 'Runtime.HandlerNotFound',
        errorMessage: `${data.handlerFile} does not export a function named ${data.handlerExport}`,
      };
    } else handler = found as Handler;
  },
  (error: unknown) => {
    initError = { ...describe(error), errorType: 'Runtime.ImportModuleError' };
    console.error(JSON.stringify({ level: 'ERROR', message: 'Init Error', ...initError }));
  },
);

function call(h: Handler, event: unknown, context: object): Promise<unknown> {
  if (h.length >= 3) {
    // A callback-style handler, as the Node runtime still supports.
    return new Promise((resolve, reject) => {
      const returned = h(event, context, (err, value) =>
        err ? reject(err instanceof Error ? err : new Error(JSON.stringify(err))) : resolve(value),
      );
      if (returned && typeof (returned as Promise<unknown>).then === 'function')
        (returned as Promise<unknown>).then(resolve, reject);
    });
  }
  return Promise.resolve().then(() => h(event, context));
}

parentPort?.on('message', (message: InvokeMessage) => {
  void (async () => {
    await loaded;
    const reply = (m: ResultMessage) => parentPort?.postMessage({ ...m, ...takeOutput() });
    const h = handler;
    if (initError || !h) {
      reply({ type: 'result', id: message.id, ok: false, ...(initError ?? describe('no handler')) });
      return;
    }
    const context = {
      functionName: data.functionName,
      functionVersion: '$LATEST',
      invokedFunctionArn: data.invokedFunctionArn,
      memoryLimitInMB: String(data.memorySize),
      awsRequestId: message.awsRequestId,
      logGroupName: data.logGroupName,
      logStreamName: data.logStreamName,
      callbackWaitsForEmptyEventLoop: true,
      getRemainingTimeInMillis: () => Math.max(0, message.deadline - Date.now()),
    };
    const faults: string[] = [];
    const run = (event: unknown) => call(h, event, context);
    try {
      const event = JSON.parse(message.event) as unknown;
      const result =
        data.faultRate > 0
          ? await invokeWithFaults(event, run, {
              rate: data.faultRate,
              random: Math.random,
              reportBatchItemFailures: message.reportBatchItemFailures,
              report: (description) => faults.push(description),
            })
          : await run(event);
      reply({ type: 'result', id: message.id, ok: true, json: JSON.stringify(result ?? null), faults });
    } catch (error) {
      const described = describe(error);
      // The Lambda runtime logs an unhandled error as "Invoke Error" before reporting it.
      console.error(
        JSON.stringify({
          level: 'ERROR',
          message: 'Invoke Error',
          requestId: message.awsRequestId,
          ...described,
        }),
      );
      reply({ type: 'result', id: message.id, ok: false, ...described, faults });
    }
  })();
});
