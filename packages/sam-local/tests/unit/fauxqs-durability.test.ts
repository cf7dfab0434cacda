/**
 * The SQS/S3 emulator's promise: an acknowledged write is on disk before its answer, and a crash at
 * any instant leaves nothing half-written that a restart would trip on.
 */
import { existsSync } from 'node:fs';
import { mkdtemp, readdir, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { CreateBucketCommand, GetObjectCommand, PutObjectCommand, S3Client } from '@aws-sdk/client-s3';
import { objectPath } from '../../src/emulators/fauxqs-state.js';
import { startFauxqs } from '../../src/emulators/fauxqs.js';

const region = 'us-east-1';
const s3For = (endpoint: string) =>
  new S3Client({
    region,
    endpoint,
    forcePathStyle: true,
    credentials: { accessKeyId: 'local', secretAccessKey: 'local' },
  });

let dataDir: string;
beforeEach(async () => {
  dataDir = await mkdtemp(join(tmpdir(), 'fauxqs-durability-'));
});
afterEach(async () => {
  await rm(dataDir, { recursive: true, force: true });
});

it('has every one of 50 concurrent PutObjects on disk when its answer arrives', async () => {
  const emulator = await startFauxqs({ dataDir, region });
  const s3 = s3For(emulator.endpoint);
  try {
    await s3.send(new CreateBucketCommand({ Bucket: 'race' }));
    const missingAtAnswer: string[] = [];
    await Promise.all(
      Array.from({ length: 50 }, async (_, i) => {
        const key = `objects/${i}.txt`;
        await s3.send(new PutObjectCommand({ Bucket: 'race', Key: key, Body: `body ${i}` }));
        // Checked synchronously in the same tick as the answer: nothing may still be in flight.
        if (!existsSync(objectPath(dataDir, 'race', key))) missingAtAnswer.push(key);
      }),
    );
    expect(missingAtAnswer).toEqual([]);
  } finally {
    s3.destroy();
    await emulator.stop();
  }
}, 30000);

it('restarts on data a crash left behind (a temporary file mid-write) with every acknowledged object', async () => {
  const first = await startFauxqs({ dataDir, region });
  let s3 = s3For(first.endpoint);
  await s3.send(new CreateBucketCommand({ Bucket: 'kept' }));
  await s3.send(new PutObjectCommand({ Bucket: 'kept', Key: 'a.bin', Body: Buffer.from([0, 10, 13, 255]) }));
  s3.destroy();
  await first.stop();
  // What a kill -9 during a write leaves: a partial temporary file beside the finished ones.
  await writeFile(`${objectPath(dataDir, 'kept', 'b.txt')}.123.tmp`, '{"key":"b.t');

  const second = await startFauxqs({ dataDir, region });
  s3 = s3For(second.endpoint);
  try {
    const object = await s3.send(new GetObjectCommand({ Bucket: 'kept', Key: 'a.bin' }));
    expect(Buffer.from(await object.Body!.transformToByteArray())).toEqual(Buffer.from([0, 10, 13, 255]));
    await expect(s3.send(new GetObjectCommand({ Bucket: 'kept', Key: 'b.txt' }))).rejects.toThrow();
    expect((await readdir(join(dataDir, 's3', 'kept'))).filter((f) => f.endsWith('.tmp'))).toEqual([]);
  } finally {
    s3.destroy();
    await second.stop();
  }
}, 30000);
