/**
 * The DynamoDB emulator's own GetItem rate at a given concurrency: one GetItem signed by the SDK
 * (captured on its way out, after signing), replayed by autocannon, so the figure has no SDK or
 * service code in it. Also a standalone dynalite, on disk (LevelDB, as the local stack runs it) or
 * in memory, holding a copy of one table and item, to compare the two modes in the same run.
 */
import { spawn } from 'node:child_process';
import { once } from 'node:events';
import { mkdtempSync, rmSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import {
  waitUntilTableExists,
  CreateTableCommand,
  DescribeTableCommand,
  DynamoDBClient,
  GetItemCommand,
  PutItemCommand,
  type AttributeValue,
} from '@aws-sdk/client-dynamodb';
import { projectRoot } from '../support/paths.js';
import { load, type LoadResult } from './load.js';

export interface TableItem {
  table: string;
  key: Record<string, AttributeValue>;
}

const client = (env: Record<string, string>, endpoint: string) =>
  new DynamoDBClient({
    region: env.AWS_REGION ?? 'us-east-1',
    credentials: {
      accessKeyId: env.AWS_ACCESS_KEY_ID ?? 'local',
      secretAccessKey: env.AWS_SECRET_ACCESS_KEY ?? 'local',
    },
    endpoint,
  });

/** Autocannon at `connections` replaying one consistent GetItem of `item` against `endpoint`. */
export async function getItemLoad(
  env: Record<string, string>,
  endpoint: string,
  item: TableItem,
  options: { connections: number; seconds: number; warmupSeconds?: number },
): Promise<LoadResult & { found: boolean }> {
  const ddb = client(env, endpoint);
  let captured: { path: string; headers: Record<string, string>; body: string } | undefined;
  ddb.middlewareStack.add(
    (next) => async (args) => {
      const r = (args as { request: { path: string; headers: Record<string, string>; body: unknown } })
        .request;
      const body = typeof r.body === 'string' ? r.body : new TextDecoder().decode(r.body as Uint8Array);
      captured = { path: r.path, headers: { ...r.headers }, body };
      return next(args);
    },
    { step: 'deserialize', name: 'benchCaptureSignedRequest' },
  );
  try {
    const { Item } = await ddb.send(
      new GetItemCommand({ TableName: item.table, Key: item.key, ConsistentRead: true }),
    );
    if (!captured) throw new Error('no GetItem request captured');
    const headers = Object.fromEntries(
      Object.entries(captured.headers).filter(([k]) => !['host', 'content-length'].includes(k.toLowerCase())),
    );
    const result = await load(`${endpoint}${captured.path}`, {
      ...options,
      method: 'POST',
      headers,
      body: captured.body,
    });
    return { ...result, found: Item !== undefined };
  } finally {
    ddb.destroy();
  }
}

/** A dynalite of its own, on disk (a temporary LevelDB folder) or in memory, with a copy of `item`. */
export async function standaloneDynalite(
  env: Record<string, string>,
  source: { endpoint: string; item: TableItem },
  mode: 'disk' | 'memory',
): Promise<{ endpoint: string; item: TableItem; stop(): Promise<void> }> {
  const require = createRequire(join(projectRoot, 'package.json'));
  const dir = mode === 'disk' ? mkdtempSync(join(tmpdir(), 'bench-dynalite-')) : undefined;
  const options = { ...(dir ? { path: dir } : {}), createTableMs: 0 };
  const code = `const s = require(${JSON.stringify(require.resolve('dynalite'))})(${JSON.stringify(options)}); s.listen(0, '127.0.0.1', () => console.log(s.address().port));`;
  const child = spawn(process.execPath, ['-e', code], { stdio: ['ignore', 'pipe', 'inherit'] });
  const [chunk] = (await once(child.stdout, 'data')) as [Buffer];
  const endpoint = `http://127.0.0.1:${chunk.toString().trim()}`;

  const from = client(env, source.endpoint);
  const to = client(env, endpoint);
  try {
    const { Table } = await from.send(new DescribeTableCommand({ TableName: source.item.table }));
    const { Item } = await from.send(
      new GetItemCommand({ TableName: source.item.table, Key: source.item.key, ConsistentRead: true }),
    );
    await to.send(
      new CreateTableCommand({
        TableName: source.item.table,
        KeySchema: Table!.KeySchema,
        AttributeDefinitions: Table!.AttributeDefinitions!.filter((a) =>
          Table!.KeySchema!.some((k) => k.AttributeName === a.AttributeName),
        ),
        BillingMode: 'PAY_PER_REQUEST',
      }),
    );
    // A new table is CREATING until dynalite marks it ACTIVE (a timer, even with createTableMs 0).
    await waitUntilTableExists({ client: to, maxWaitTime: 30 }, { TableName: source.item.table });
    await to.send(new PutItemCommand({ TableName: source.item.table, Item: Item ?? source.item.key }));
  } finally {
    from.destroy();
    to.destroy();
  }
  return {
    endpoint,
    item: source.item,
    stop: async () => {
      child.kill('SIGTERM');
      await once(child, 'exit');
      if (dir) rmSync(dir, { recursive: true, force: true });
    },
  };
}
