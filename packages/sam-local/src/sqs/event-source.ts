/**
 * Lambda's SQS event source mapping, by hand (sqs-consumer needs Node >= 22 and does not build
 * Lambda's event shape): long-poll the queue, gather up to BatchSize records within
 * MaximumBatchingWindowInSeconds, invoke the function with a real SQS event, then delete what
 * succeeded: everything on success, all but batchItemFailures with ReportBatchItemFailures,
 * nothing when the function fails. Undeleted messages come back after the queue's visibility
 * timeout, and the queue's RedrivePolicy moves them to the DLQ after maxReceiveCount, as in AWS.
 */
import {
  DeleteMessageBatchCommand,
  ReceiveMessageCommand,
  type Message,
  type SQSClient,
} from '@aws-sdk/client-sqs';
import type { InvokeOptions, InvokeOutcome } from '../lambda/function.js';

export interface EventSourceMapping {
  eventName: string;
  functionId: string;
  queueUrl: string;
  queueArn: string;
  batchSize: number;
  windowSeconds: number;
  reportBatchItemFailures: boolean;
  /** Concurrent pollers (Lambda starts with several; ScalingConfig.MaximumConcurrency caps them). */
  concurrency: number;
}

export interface PollerOptions {
  client: SQSClient;
  region: string;
  /**
   * Resolves once the function can run (its bundle is built): polling starts then, as an event
   * source mapping polls for a function already deployed. A message received earlier would spend
   * its visibility timeout waiting for a local build, and come back while the first delivery runs.
   */
  deployed(functionId: string): Promise<void>;
  invoke(functionId: string, event: unknown, options: InvokeOptions): Promise<InvokeOutcome>;
  log(line: string): void;
}

type SqsRecord = Record<string, unknown> & { messageId: string; receiptHandle: string };

function toRecord(m: Message, mapping: EventSourceMapping, region: string): SqsRecord {
  const attributes: Record<string, string> = {};
  for (const [k, v] of Object.entries(m.Attributes ?? {})) if (v !== undefined) attributes[k] = v;
  const messageAttributes: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(m.MessageAttributes ?? {})) {
    messageAttributes[k] = {
      stringValue: v.StringValue,
      binaryValue: v.BinaryValue ? Buffer.from(v.BinaryValue).toString('base64') : undefined,
      stringListValues: v.StringListValues ?? [],
      binaryListValues: (v.BinaryListValues ?? []).map((b) => Buffer.from(b).toString('base64')),
      dataType: v.DataType,
    };
  }
  return {
    messageId: m.MessageId ?? '',
    receiptHandle: m.ReceiptHandle ?? '',
    body: m.Body ?? '',
    attributes,
    messageAttributes,
    md5OfBody: m.MD5OfBody ?? '',
    ...(m.MD5OfMessageAttributes ? { md5OfMessageAttributes: m.MD5OfMessageAttributes } : {}),
    eventSource: 'aws:sqs',
    eventSourceARN: mapping.queueArn,
    awsRegion: region,
  };
}

/** The records to delete after an invocation, as Lambda decides. */
export function recordsToDelete(
  records: SqsRecord[],
  outcome: InvokeOutcome,
  reportBatchItemFailures: boolean,
): { delete: SqsRecord[]; failed: number } {
  if (!outcome.ok) return { delete: [], failed: records.length };
  if (!reportBatchItemFailures) return { delete: records, failed: 0 };
  const result = outcome.result as { batchItemFailures?: unknown } | null;
  if (
    result === null ||
    typeof result !== 'object' ||
    result.batchItemFailures === undefined ||
    result.batchItemFailures === null
  )
    return { delete: records, failed: 0 };
  const failures = result.batchItemFailures;
  if (!Array.isArray(failures)) return { delete: [], failed: records.length };
  const ids = new Set<string>();
  for (const f of failures) {
    const id = (f as { itemIdentifier?: unknown } | null)?.itemIdentifier;
    // An identifier that is empty or not in the batch makes Lambda retry the whole batch.
    if (typeof id !== 'string' || !records.some((r) => r.messageId === id))
      return { delete: [], failed: records.length };
    ids.add(id);
  }
  return { delete: records.filter((r) => !ids.has(r.messageId)), failed: ids.size };
}

export class SqsPoller {
  private readonly abort = new AbortController();
  private readonly loops: Promise<void>[] = [];

  constructor(
    private readonly mapping: EventSourceMapping,
    private readonly options: PollerOptions,
  ) {}

  start(): void {
    for (let i = 0; i < this.mapping.concurrency; i++) this.loops.push(this.loop());
  }

  private async receive(max: number, waitSeconds: number): Promise<Message[]> {
    const out = await this.options.client.send(
      new ReceiveMessageCommand({
        QueueUrl: this.mapping.queueUrl,
        MaxNumberOfMessages: Math.min(max, 10),
        WaitTimeSeconds: waitSeconds,
        MessageSystemAttributeNames: ['All'],
        MessageAttributeNames: ['All'],
      }),
      { abortSignal: this.abort.signal },
    );
    return out.Messages ?? [];
  }

  private async loop(): Promise<void> {
    const { mapping } = this;
    await this.options.deployed(mapping.functionId);
    let backoff = 0;
    while (!this.abort.signal.aborted) {
      try {
        const batch = await this.receive(mapping.batchSize, 20);
        if (batch.length === 0) continue;
        // Gather more within the batching window, up to BatchSize.
        const windowEnds = Date.now() + mapping.windowSeconds * 1000;
        while (batch.length < mapping.batchSize && Date.now() < windowEnds && !this.abort.signal.aborted) {
          const wait = Math.floor((windowEnds - Date.now()) / 1000);
          const more = await this.receive(mapping.batchSize - batch.length, wait);
          batch.push(...more);
          if (more.length === 0 && wait === 0)
            await new Promise((r) => setTimeout(r, Math.max(0, windowEnds - Date.now())));
        }
        await this.process(batch);
        backoff = 0;
      } catch (e) {
        if (this.abort.signal.aborted) return;
        backoff = Math.min(backoff * 2 || 500, 10000);
        this.options.log(
          `[sqs] ${mapping.eventName}: ${(e as Error).name}: ${(e as Error).message} (retrying in ${backoff} ms)`,
        );
        await new Promise((r) => setTimeout(r, backoff));
      }
    }
  }

  private async process(messages: Message[]): Promise<void> {
    const { mapping } = this;
    const records = messages.map((m) => toRecord(m, mapping, this.options.region));
    const started = Date.now();
    const outcome = await this.options.invoke(
      mapping.functionId,
      { Records: records },
      { reportBatchItemFailures: mapping.reportBatchItemFailures },
    );
    const decided = recordsToDelete(records, outcome, mapping.reportBatchItemFailures);
    for (let i = 0; i < decided.delete.length; i += 10) {
      const chunk = decided.delete.slice(i, i + 10);
      await this.options.client.send(
        new DeleteMessageBatchCommand({
          QueueUrl: mapping.queueUrl,
          Entries: chunk.map((r, n) => ({ Id: String(n), ReceiptHandle: r.receiptHandle })),
        }),
      );
    }
    const why = outcome.ok ? '' : ` (${outcome.errorType}: ${outcome.errorMessage})`;
    this.options.log(
      `[sqs] ${mapping.queueUrl.split('/').pop()} -> ${mapping.functionId}: ${records.length} record(s), ` +
        `${decided.failed} failed${why} (${Date.now() - started} ms)`,
    );
  }

  /** Stops polling; an invocation in flight is not waited for beyond a second (its worker stops next). */
  async stop(): Promise<void> {
    this.abort.abort();
    await Promise.race([Promise.allSettled(this.loops), new Promise((r) => setTimeout(r, 1000).unref())]);
  }
}
