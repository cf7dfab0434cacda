/**
 * SQS and S3: fauxqs 1.9.2 in this process, bound to 127.0.0.1 (its own startFauxqs binds 0.0.0.0,
 * so we build the app and listen ourselves). fauxqs keeps state in memory only; fauxqs-state.ts
 * writes it to the data dir before each mutating call is answered, so an acknowledged SendMessage
 * or PutObject survives a crash (kill -9) and a restart.
 */
import type { FastifyInstance } from 'fastify';
import { attachPersistence, type FauxqsStores } from './fauxqs-state.js';
import { attachPostUploads, type PutObjectStore } from './s3-post.js';
import type { RunningEmulator } from './dynalite.js';

/** fauxqs exports only buildApp; its store classes live beside it (pinned version: stable layout). */
async function storeClasses() {
  const base = import.meta.resolve('fauxqs');
  const load = async <T>(path: string, name: string): Promise<T> =>
    ((await import(new URL(path, base).href)) as Record<string, T>)[name] as T;
  type Ctor = new () => object;
  return {
    SqsStore: await load<Ctor>('./sqs/sqsStore.js', 'SqsStore'),
    SnsStore: await load<Ctor>('./sns/snsStore.js', 'SnsStore'),
    S3Store: await load<Ctor>('./s3/s3Store.js', 'S3Store'),
  };
}

export interface FauxqsOptions {
  /** Where state is kept; undefined keeps it in memory only. */
  dataDir?: string;
  region: string;
  /** 0 (default): any free port. */
  port?: number;
}

export async function startFauxqs(options: FauxqsOptions): Promise<RunningEmulator & { port: number }> {
  // Loaded here, not at the top: start-up imports fastify only when SQS or S3 is emulated.
  const { buildApp } = await import('fauxqs');
  const { SqsStore, SnsStore, S3Store } = await storeClasses();
  const stores = {
    sqsStore: new SqsStore(),
    snsStore: new SnsStore(),
    s3Store: new S3Store(),
  } as unknown as FauxqsStores;
  // Queue URLs are built from the request's Host (http://127.0.0.1:PORT/000000000000/name), not from
  // a sqs.<region>.localhost name that not every resolver knows.
  stores.sqsStore.host = '';
  // Find a queue by its name when the URL's host or port differs (a URL from before a restart).
  const byUrl = stores.sqsStore.getQueue.bind(stores.sqsStore);
  stores.sqsStore.getQueue = (url: string) =>
    byUrl(url) ?? stores.sqsStore.getQueueByName(url.slice(url.lastIndexOf('/') + 1));

  const app = buildApp({
    logger: false,
    defaultRegion: options.region,
    stores: stores as never,
  }) as unknown as FastifyInstance;
  const persistence = options.dataDir ? await attachPersistence(app, stores, options.dataDir) : undefined;
  // Browser uploads (POST Object) and bucket CORS, which fauxqs lacks; objects go through the store,
  // so the persistence above writes them like any other.
  attachPostUploads(app, stores.s3Store as unknown as PutObjectStore);
  await app.listen({ host: '127.0.0.1', port: options.port ?? 0 });
  const address = app.server.address();
  const port = typeof address === 'object' && address ? address.port : 0;
  const endpoint = `http://127.0.0.1:${port}`;
  await persistence?.restore(endpoint, options.region);
  return {
    endpoint,
    port,
    async stop() {
      await persistence?.flush();
      await app.close();
    },
  };
}
