/**
 * Disk persistence for fauxqs, which has none: written by hand against fauxqs 1.9.2's stores.
 * - SQS: the whole store (queues, attributes, ready / delayed / in-flight messages with their
 *   receive counts and visibility deadlines) as one JSON snapshot, rewritten (coalesced, atomically
 *   by rename) before the response to any mutating SQS call is sent. So a message is on disk before
 *   SendMessage returns, and a receive or delete is on disk before the poller learns of it.
 * - S3: one file per object (a line of JSON metadata, then the body), written to a temporary file
 *   and renamed into place, or removed, before PutObject / DeleteObject / CompleteMultipartUpload
 *   answer. Every S3 answer waits for every write queued before it, whoever queued it: a write
 *   batch taken by a concurrent request still covers this one. Multipart uploads in progress are
 *   not kept.
 * A kill -9 at any instant leaves each file either whole or absent (rename is atomic on one file
 * system), so a restart finds every acknowledged write. Files are not fsync'ed: a process crash
 * loses nothing, a machine crash may (this is a development stack).
 */
import { createHash, randomUUID } from 'node:crypto';
import { mkdir, readFile, readdir, rename, rm, writeFile } from 'node:fs/promises';
import { join } from 'node:path';

interface SqsMessage {
  messageId: string;
  messageGroupId?: string;
  [key: string]: unknown;
}
interface InflightEntry {
  message: SqsMessage;
  receiptHandle: string;
  visibilityDeadline: number;
}
interface SqsQueue {
  name: string;
  url: string;
  arn: string;
  attributes: Record<string, string>;
  tags: Map<string, string>;
  messages: SqsMessage[];
  delayedMessages: SqsMessage[];
  inflightMessages: Map<string, InflightEntry>;
  fifoMessages: Map<string, SqsMessage[]>;
  fifoDelayed: Map<string, SqsMessage[]>;
  sequenceCounter: number;
  isFifo(): boolean;
}
interface S3Object {
  key: string;
  body: Buffer;
  contentType: string;
  contentLength: number;
  etag: string;
  lastModified: Date;
  metadata: Record<string, string>;
}
export interface FauxqsStores {
  sqsStore: {
    host: string;
    queues: Map<string, SqsQueue>;
    getQueue(url: string): SqsQueue | undefined;
    getQueueByName(name: string): SqsQueue | undefined;
    createQueue(
      name: string,
      url: string,
      arn: string,
      attributes: Record<string, string>,
      tags: Record<string, string>,
    ): SqsQueue;
  };
  snsStore: object;
  s3Store: {
    buckets: Map<string, Map<string, S3Object>>;
    multipartUploads: Map<string, { bucket: string; key: string }>;
    createBucket(name: string): void;
    deleteBucket(name: string): void;
    putObject(...args: unknown[]): S3Object;
    deleteObject(bucket: string, key: string): void;
    completeMultipartUpload(uploadId: string, parts: unknown): S3Object;
  };
}

/** The part of Fastify we use (fauxqs's app); fastify is fauxqs's dependency, not ours. */
interface HookableApp {
  addHook(
    name: 'onSend',
    hook: (
      request: { method: string; headers: Record<string, unknown> },
      reply: unknown,
      payload: unknown,
    ) => Promise<unknown>,
  ): unknown;
}

interface QueueSnapshot {
  name: string;
  arn: string;
  attributes: Record<string, string>;
  tags: Record<string, string>;
  sequenceCounter: number;
  ready: SqsMessage[];
  delayed: SqsMessage[];
  inflight: { message: SqsMessage; visibilityDeadline: number }[];
}

const READ_ONLY_SQS = /^AmazonSQS\.(Get|List)/;

/** Runs `task` so that every caller's mutation is covered by a write that started after it. */
function coalescing(task: () => Promise<void>): () => Promise<void> {
  let running: Promise<void> | undefined;
  let queued: Promise<void> | undefined;
  const run = (): Promise<void> => {
    // task() snapshots synchronously (before its first await), so it covers every mutation so far.
    running = task().finally(() => {
      running = undefined;
    });
    return running;
  };
  return () => {
    if (queued) return queued;
    if (!running) return run();
    queued = running
      .catch(() => undefined)
      .then(() => {
        queued = undefined;
        return run();
      });
    return queued;
  };
}

function snapshotQueue(q: SqsQueue): QueueSnapshot {
  const ready = q.isFifo() ? [...q.fifoMessages.values()].flat() : q.messages;
  const delayed = q.isFifo() ? [...q.fifoDelayed.values()].flat() : q.delayedMessages;
  return {
    name: q.name,
    arn: q.arn,
    attributes: q.attributes,
    tags: Object.fromEntries(q.tags),
    sequenceCounter: q.sequenceCounter,
    ready,
    delayed,
    inflight: [...q.inflightMessages.values()].map((e) => ({
      message: e.message,
      visibilityDeadline: e.visibilityDeadline,
    })),
  };
}

function restoreQueue(store: FauxqsStores['sqsStore'], s: QueueSnapshot, endpoint: string): void {
  const url = `${endpoint}/${s.arn.split(':')[4] ?? '000000000000'}/${s.name}`;
  const q = store.createQueue(s.name, url, s.arn, s.attributes, s.tags);
  q.sequenceCounter = s.sequenceCounter ?? 0;
  if (q.isFifo()) {
    // In-flight FIFO messages go back to the front of their group (their group lock died with the poller).
    for (const m of [...s.inflight.map((e) => e.message), ...s.ready]) {
      const group = m.messageGroupId ?? '__default';
      q.fifoMessages.set(group, [...(q.fifoMessages.get(group) ?? []), m]);
    }
    for (const m of s.delayed) {
      const group = m.messageGroupId ?? '__default';
      q.fifoDelayed.set(group, [...(q.fifoDelayed.get(group) ?? []), m]);
    }
    return;
  }
  q.messages = s.ready;
  q.delayedMessages = s.delayed;
  // Messages that were being processed stay invisible until their deadline, as in SQS.
  for (const e of s.inflight) {
    const receiptHandle = randomUUID();
    q.inflightMessages.set(receiptHandle, {
      message: e.message,
      receiptHandle,
      visibilityDeadline: e.visibilityDeadline,
    });
  }
}

const objectFile = (key: string) => createHash('sha256').update(key).digest('hex');

/** Where an object of `bucket` is kept under the emulator's data dir (one file: metadata line + body). */
export const objectPath = (dataDir: string, bucket: string, key: string) =>
  join(dataDir, 's3', bucket, `${objectFile(key)}.obj`);

/** Writes `data` to `file` so that a crash leaves the old file or the new one, never a part. */
async function writeAtomically(file: string, data: string | Buffer): Promise<void> {
  const tmp = `${file}.${process.pid}.${randomUUID()}.tmp`;
  await writeFile(tmp, data);
  await rename(tmp, file);
}

function encodeObject(obj: S3Object): Buffer {
  const { body, ...meta } = obj;
  return Buffer.concat([Buffer.from(`${JSON.stringify(meta)}\n`), body]);
}

function decodeObject(data: Buffer): S3Object {
  const newline = data.indexOf(0x0a);
  if (newline < 0) throw new Error('no metadata line');
  const meta = JSON.parse(data.subarray(0, newline).toString('utf8')) as Omit<S3Object, 'body'> & {
    lastModified: string;
  };
  return { ...meta, body: data.subarray(newline + 1), lastModified: new Date(meta.lastModified) };
}

export async function attachPersistence(app: unknown, stores: FauxqsStores, dataDir: string) {
  const sqsFile = join(dataDir, 'sqs.json');
  const s3Dir = join(dataDir, 's3');
  await mkdir(s3Dir, { recursive: true });

  let lastWritten = '';
  const writeSqs = coalescing(async () => {
    const text = JSON.stringify({
      version: 1,
      queues: [...stores.sqsStore.queues.values()].map(snapshotQueue),
    });
    if (text === lastWritten) return;
    await writeAtomically(sqsFile, text);
    lastWritten = text;
  });

  // S3: remember what changed; write it out (in order) before the response goes.
  const pending = new Map<string, { bucket: string; key?: string; deleted: boolean }>();
  const s3 = stores.s3Store;
  const mark = (bucket: string, key: string | undefined, deleted: boolean) =>
    pending.set(`${bucket}\u0000${key ?? ''}`, { bucket, key, deleted });
  const original = {
    createBucket: s3.createBucket.bind(s3),
    deleteBucket: s3.deleteBucket.bind(s3),
    putObject: s3.putObject.bind(s3),
    deleteObject: s3.deleteObject.bind(s3),
    completeMultipartUpload: s3.completeMultipartUpload.bind(s3),
  };
  s3.createBucket = (name) => {
    original.createBucket(name);
    mark(name, undefined, false);
  };
  s3.deleteBucket = (name) => {
    original.deleteBucket(name);
    mark(name, undefined, true);
  };
  s3.putObject = (...args: unknown[]) => {
    const obj = original.putObject(...args);
    mark(args[0] as string, obj.key, false);
    return obj;
  };
  s3.deleteObject = (bucket, key) => {
    original.deleteObject(bucket, key);
    mark(bucket, key, true);
  };
  s3.completeMultipartUpload = (uploadId, parts) => {
    const upload = s3.multipartUploads.get(uploadId);
    const obj = original.completeMultipartUpload(uploadId, parts);
    if (upload) mark(upload.bucket, upload.key, false);
    return obj;
  };

  let s3Chain: Promise<void> = Promise.resolve();
  const flushS3 = () => {
    const batch = [...pending.values()];
    pending.clear();
    // A failed batch fails the requests that wait for it (their write is not on disk), not later ones.
    s3Chain = s3Chain
      .catch(() => undefined)
      .then(async () => {
        for (const change of batch) {
          const dir = join(s3Dir, change.bucket);
          if (change.key === undefined) {
            if (change.deleted) await rm(dir, { recursive: true, force: true });
            else await mkdir(dir, { recursive: true });
            continue;
          }
          const file = objectPath(dataDir, change.bucket, change.key);
          const obj = s3.buckets.get(change.bucket)?.get(change.key);
          if (change.deleted || !obj) {
            await rm(file, { force: true });
            continue;
          }
          await mkdir(dir, { recursive: true });
          await writeAtomically(file, encodeObject(obj));
        }
      });
    return s3Chain;
  };

  (app as HookableApp).addHook('onSend', async (request, _reply, payload) => {
    const target = request.headers['x-amz-target'];
    if (typeof target === 'string') {
      if (target.startsWith('AmazonSQS.') && !READ_ONLY_SQS.test(target)) await writeSqs();
    } else {
      // This request's change may already be in a batch another request started writing: wait for
      // the whole chain, not only for what is still pending.
      if (pending.size > 0) void flushS3();
      await s3Chain;
    }
    return payload;
  });

  return {
    async restore(endpoint: string, _region: string) {
      const text = await readFile(sqsFile, 'utf8').catch(() => '');
      if (text) {
        const snapshot = JSON.parse(text) as { queues: QueueSnapshot[] };
        for (const q of snapshot.queues) restoreQueue(stores.sqsStore, q, endpoint);
        lastWritten = '';
      }
      for (const bucket of await readdir(s3Dir).catch(() => [] as string[])) {
        original.createBucket(bucket);
        const objects = s3.buckets.get(bucket);
        const dir = join(s3Dir, bucket);
        for (const file of await readdir(dir)) {
          // A temporary file is a write that never finished, so it was never acknowledged.
          if (file.endsWith('.tmp')) await rm(join(dir, file), { force: true });
          if (!file.endsWith('.obj')) continue;
          const obj = decodeObject(await readFile(join(dir, file)));
          objects?.set(obj.key, obj);
        }
      }
    },
    async flush() {
      await writeSqs();
      await flushS3();
    },
  };
}
