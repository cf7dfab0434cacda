/**
 * In-memory stand-ins for the jobs ports. They implement the port's behaviour, not an adapter's
 * requests: tests/integration/job-store.test.ts runs one contract suite against InMemoryJobStore and
 * the DynamoDB adapter alike, so the services' tests on these fakes hold for the real table.
 */
import type { Clock } from '../../../src/lib/clock.js';
import {
  SUMMARY_FIELDS,
  type JobKey,
  type JobMessage,
  type JobRecord,
  type JobSummary,
} from '../../../src/jobs/model.js';
import type {
  JobMove,
  JobPage,
  JobPageRequest,
  JobQueue,
  JobStore,
  ResultLinks,
  ResultWriter,
  UploadFiles,
  UploadLinkRequest,
  UploadLinks,
} from '../../../src/jobs/ports.js';
import { UploadUnreadableError } from '../../../src/jobs/errors.js';

type Method = 'create' | 'get' | 'summary' | 'move' | 'listByOwner';

const idOf = (key: JobKey) => `${key.ownerId}\0${key.jobId}`;

export class InMemoryJobStore implements JobStore {
  private readonly items = new Map<string, JobRecord>();
  private readonly failures: { method: Method; error: Error }[] = [];
  /** Every call, in order, as `method jobId` (what a test asserts was or was not read or written). */
  readonly calls: string[] = [];
  /** Runs before a move is applied: lets a test play "another worker" in between. */
  beforeMove?: (key: JobKey, move: JobMove) => void;

  /** The next call of `method` fails with `error` (a throttled or unavailable table). */
  failNext(method: Method, error = new Error(`${method} failed`)): void {
    this.failures.push({ method, error });
  }

  /** Puts a record as it stands, bypassing the rules (a test's starting state). */
  seed(...jobs: JobRecord[]): void {
    for (const job of jobs) this.items.set(idOf(job), structuredClone(job));
  }

  /** The stored record, for assertions and for a test to change behind the services' back. */
  record(ownerId: string, jobId: string): JobRecord | undefined {
    return this.items.get(idOf({ ownerId, jobId }));
  }

  all(): JobRecord[] {
    return [...this.items.values()];
  }

  async create(job: JobRecord): Promise<boolean> {
    this.enter('create', job.jobId);
    if (this.items.has(idOf(job))) return false;
    this.items.set(idOf(job), structuredClone(job));
    return true;
  }

  async get(key: JobKey): Promise<JobRecord | undefined> {
    this.enter('get', key.jobId);
    const item = this.items.get(idOf(key));
    return item && structuredClone(item);
  }

  async summary(key: JobKey): Promise<JobSummary | undefined> {
    this.enter('summary', key.jobId);
    const item = this.items.get(idOf(key));
    return item && summaryOf(item);
  }

  async move(key: JobKey, move: JobMove): Promise<boolean> {
    this.enter('move', key.jobId);
    this.beforeMove?.(key, move);
    const item = this.items.get(idOf(key));
    if (!item || !move.from.includes(item.jobStatus)) return false;
    item.jobStatus = move.to;
    item.updatedAt = move.at;
    if (move.resultKey !== undefined) item.resultKey = move.resultKey;
    if (move.error !== undefined) item.error = move.error;
    if (move.clearError) delete item.error;
    if (move.to === 'processing') item.attempts = (item.attempts ?? 0) + 1;
    return true;
  }

  async listByOwner(ownerId: string, page: JobPageRequest): Promise<JobPage> {
    this.enter('listByOwner', ownerId);
    const sorted = [...this.items.values()]
      .filter((i) => i.ownerId === ownerId)
      .sort((a, b) => b.createdAt.localeCompare(a.createdAt) || b.jobId.localeCompare(a.jobId));
    const after = page.startKey;
    const start = after
      ? sorted.findIndex((i) => i.ownerId === after.ownerId && i.jobId === after.jobId) + 1
      : 0;
    const items = sorted.slice(start, start + page.limit);
    const last = items.at(-1);
    const more = start + items.length < sorted.length;
    return {
      items: items.map(summaryOf),
      ...(more && last
        ? { lastKey: { ownerId: last.ownerId, jobId: last.jobId, createdAt: last.createdAt } }
        : {}),
    };
  }

  private enter(method: Method, what: string): void {
    this.calls.push(`${method} ${what}`);
    const at = this.failures.findIndex((f) => f.method === method);
    if (at >= 0) throw this.failures.splice(at, 1)[0]!.error;
  }
}

function summaryOf(item: JobRecord): JobSummary {
  const fields = SUMMARY_FIELDS.filter((f) => item[f] !== undefined).map((f) => [f, item[f]]);
  return structuredClone(Object.fromEntries(fields)) as JobSummary;
}

export class InMemoryJobQueue implements JobQueue {
  readonly sent: JobMessage[] = [];
  private failures: Error[] = [];

  /** The next `count` sends fail (the queue is unavailable). */
  failNext(count = 1, error = new Error('queue unavailable')): void {
    this.failures = [...this.failures, ...Array<Error>(count).fill(error)];
  }

  async send(message: JobMessage): Promise<void> {
    const failure = this.failures.shift();
    if (failure) throw failure;
    this.sent.push({ ownerId: message.ownerId, jobId: message.jobId, jobType: message.jobType });
  }
}

/** Results in memory; links are fake URLs that name the key and lifetime they were signed for. */
export class InMemoryResults implements ResultWriter, ResultLinks {
  readonly objects = new Map<string, string>();
  readonly puts: string[] = [];
  private readonly failing = new Set<string>();
  private readonly hanging = new Set<string>();
  /** Runs before each put: lets a test record the order of writes and moves. */
  beforePut?: (key: string) => void;

  /** Every put of `key` fails (S3 unavailable for it). */
  failPutsOf(key: string): void {
    this.failing.add(key);
  }

  /** Every put of `key` never answers (a hung connection). */
  hangPutsOf(key: string): void {
    this.hanging.add(key);
  }

  async put(key: string, body: string): Promise<void> {
    this.beforePut?.(key);
    if (this.hanging.has(key)) return new Promise(() => undefined);
    if (this.failing.has(key))
      throw Object.assign(new Error('Service Unavailable'), { name: 'ServiceUnavailable' });
    this.puts.push(key);
    this.objects.set(key, body);
  }

  async presignGet(key: string, expiresInSeconds: number): Promise<string> {
    return `https://results.example/${key}?expires=${expiresInSeconds}`;
  }
}

/** A clock that says what the test tells it to. */
export function fixedClock(iso = '2026-11-25T02:10:00.000Z'): Clock & { set(iso: string): void } {
  let now = new Date(iso);
  const clock = () => new Date(now);
  return Object.assign(clock, { set: (next: string) => (now = new Date(next)) });
}

export const OWNER = '3f1c2b7e-8a4d-4c1e-9b2a-6d5e4f3a2b1c';
export const OTHER_OWNER = 'a9b8c7d6-e5f4-4a3b-8c2d-1e0f9a8b7c6d';

/** A job record as submit writes it, with overrides. */
export function jobRecord(overrides: Partial<JobRecord> & Pick<JobRecord, 'jobId'>): JobRecord {
  return {
    ownerId: OWNER,
    jobType: 'echo',
    jobStatus: 'queued',
    payload: JSON.stringify({ hello: 'world' }),
    requestHash: 'h',
    createdAt: '2026-11-25T02:10:00.000Z',
    updatedAt: '2026-11-25T02:10:00.000Z',
    expiresAt: 1798164600,
    attempts: 0,
    ...overrides,
  };
}

/**
 * Uploaded files in memory, and the links to them. A link names what it was signed for; `post`
 * plays the browser posting a file to it and refuses what S3's policy would (another size or type).
 */
export class InMemoryUploads implements UploadFiles, UploadLinks {
  readonly objects = new Map<string, { contentType: string; body: Buffer }>();
  readonly links: UploadLinkRequest[] = [];
  /** How many bytes each `open` hands out per chunk: small, so a test crosses chunk boundaries. */
  chunkSize = 7;

  async presignPost(request: UploadLinkRequest) {
    this.links.push(request);
    return {
      url: 'https://uploads.example/bucket',
      fields: { key: request.key, 'Content-Type': request.contentType },
    };
  }

  /** What posting `body` to the link for `key` does: stored when the policy allows it. */
  post(key: string, body: Buffer | string): boolean {
    const link = this.links.find((l) => l.key === key);
    const bytes = Buffer.from(body);
    if (!link || bytes.length !== link.bytes) return false;
    this.objects.set(key, { contentType: link.contentType, body: bytes });
    return true;
  }

  /** Puts a file directly (a test's starting state). */
  put(key: string, contentType: string, body: Buffer | string): void {
    this.objects.set(key, { contentType, body: Buffer.from(body) });
  }

  async contentTypeOf(key: string): Promise<string | undefined> {
    return this.objects.get(key)?.contentType;
  }

  async open(key: string): Promise<AsyncIterable<Uint8Array>> {
    const object = this.objects.get(key);
    if (!object) throw new UploadUnreadableError('it is gone (expired or deleted)');
    const { body } = object;
    const size = this.chunkSize;
    return (async function* () {
      for (let at = 0; at < body.length; at += size) yield body.subarray(at, at + size);
    })();
  }
}
