/**
 * Phase "event sources": Lambda's SQS event source mappings, one poller per `Events` entry of type
 * SQS or AWS::Lambda::EventSourceMapping resource on a queue (sqs/mapping-resources.ts), invoking the function with real SQS batch events. Other event types are named in warnings.
 * Stopping it stops polling.
 */
import type { SQSClient } from '@aws-sdk/client-sqs';
import type { ProvisionedResource } from '../../provision/types.js';
import { resolveIntrinsics, type IntrinsicContext } from '../../sam/intrinsics.js';
import { text, type JsonObject, type SamFunction, type SamTemplate } from '../../sam/template.js';
import { sqsMappingResources, type DeclaredSqsEvent } from '../../sqs/mapping-resources.js';
import { SqsPoller, type EventSourceMapping } from '../../sqs/event-source.js';
import { line } from '../../log.js';
import { started, type Started } from '../lifecycle.js';
import type { Invoke } from './functions.js';

/** The SQS event source mappings the template declares, against the queues the stack created. */
/** Concurrent invocations of an SQS event source without ScalingConfig.MaximumConcurrency. */
const LOCAL_DEFAULT_POLLERS = 2;

function sqsMappings(
  template: SamTemplate,
  functions: SamFunction[],
  intrinsics: IntrinsicContext,
  resources: ProvisionedResource[],
  warn: (message: string) => void,
): EventSourceMapping[] {
  const mappings: EventSourceMapping[] = [];
  // Both forms: a function's Events of type SQS, and AWS::Lambda::EventSourceMapping resources.
  const declared: DeclaredSqsEvent[] = [];
  for (const fn of functions) {
    const events = (fn.properties.Events ?? {}) as Record<string, JsonObject>;
    for (const [name, e] of Object.entries(events)) {
      if (e.Type === 'Api') continue; // the gateway's
      if (e.Type !== 'SQS') {
        warn(`${fn.logicalId} event ${name}: event type ${text(e.Type)} is not emulated`);
        continue;
      }
      declared.push({
        functionId: fn.logicalId,
        eventName: `${fn.logicalId}.${name}`,
        properties: (e.Properties ?? {}) as JsonObject,
      });
    }
  }
  declared.push(...sqsMappingResources(template, new Set(functions.map((f) => f.logicalId)), warn));
  for (const { functionId, eventName, properties: p } of declared) {
    if (p.Enabled === false) continue;
    try {
      const arn = text(resolveIntrinsics(p.Queue ?? null, intrinsics));
      const queue = resources.find((r) => r.type === 'AWS::SQS::Queue' && r.attributes.Arn === arn);
      if (!queue) throw new Error(`queue ${arn} is not one the local stack created`);
      const types = (p.FunctionResponseTypes ?? []) as string[];
      const scaling = (p.ScalingConfig ?? {}) as JsonObject;
      mappings.push({
        eventName,
        functionId,
        queueUrl: queue.ref,
        queueArn: arn,
        batchSize: Number(p.BatchSize ?? 10),
        windowSeconds: Number(p.MaximumBatchingWindowInSeconds ?? 0),
        reportBatchItemFailures: types.includes('ReportBatchItemFailures'),
        // Concurrent invocations: ScalingConfig.MaximumConcurrency when set (a parameter may give it:
        // resolved before use), else two locally (this is one machine). The function's worker pool
        // (ReservedConcurrentExecutions) bounds it too, as reserved concurrency does in Lambda.
        concurrency:
          scaling.MaximumConcurrency === undefined
            ? LOCAL_DEFAULT_POLLERS
            : Number(resolveIntrinsics(scaling.MaximumConcurrency, intrinsics)),
      });
    } catch (err) {
      warn(`${eventName}: not polled (${(err as Error).message})`);
    }
  }
  return mappings;
}

export function startEventSources(options: {
  template: SamTemplate;
  functions: SamFunction[];
  intrinsics: IntrinsicContext;
  resources: ProvisionedResource[];
  sqs?: SQSClient;
  region: string;
  invoke: Invoke;
  /** Resolves once the function's bundle is built (whether or not the build succeeded). */
  deployed: (functionId: string) => Promise<void>;
  warn: (message: string) => void;
}): Promise<Started<EventSourceMapping[]>> {
  const mappings = sqsMappings(
    options.template,
    options.functions,
    options.intrinsics,
    options.resources,
    options.warn,
  );
  const { sqs } = options;
  const pollers = sqs
    ? mappings.map(
        (m) =>
          new SqsPoller(m, {
            client: sqs,
            region: options.region,
            invoke: options.invoke,
            deployed: options.deployed,
            log: line,
          }),
      )
    : [];
  for (const p of pollers) p.start();
  return Promise.resolve(
    started(mappings, async () => {
      await Promise.all(pollers.map((p) => p.stop()));
    }),
  );
}
