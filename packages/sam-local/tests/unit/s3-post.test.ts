/**
 * Browser uploads on the S3 emulator: a form POST is stored only when its policy allows it, as S3
 * enforces (https://docs.aws.amazon.com/AmazonS3/latest/API/sigv4-HTTPPOSTConstructPolicy.html), and
 * the bucket's CORS rules answer preflights and mark answers
 * (https://docs.aws.amazon.com/AmazonS3/latest/userguide/cors.html).
 */
import { CreateBucketCommand, GetObjectCommand, PutBucketCorsCommand, S3Client } from '@aws-sdk/client-s3';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { startFauxqs } from '../../src/emulators/fauxqs.js';

const region = 'us-east-1';
let endpoint: string;
let stop: () => Promise<void>;
let s3: S3Client;

let dataDir: string;

beforeAll(async () => {
  // With a data folder, as the runner starts it: its persistence hook answers asynchronously, which
  // is where an answer from a hook that did not stop Fastify was overwritten by the not-found handler.
  dataDir = await mkdtemp(join(tmpdir(), 's3-post-'));
  const emulator = await startFauxqs({ region, dataDir });
  endpoint = emulator.endpoint;
  stop = () => emulator.stop();
  s3 = new S3Client({
    region,
    endpoint,
    forcePathStyle: true,
    credentials: { accessKeyId: 'local', secretAccessKey: 'local' },
  });
  await s3.send(new CreateBucketCommand({ Bucket: 'uploads' }));
  await s3.send(
    new PutBucketCorsCommand({
      Bucket: 'uploads',
      CORSConfiguration: {
        CORSRules: [
          {
            AllowedOrigins: ['http://127.0.0.1:*'],
            AllowedMethods: ['POST', 'GET'],
            AllowedHeaders: ['*'],
            MaxAgeSeconds: 60,
          },
        ],
      },
    }),
  );
});
afterAll(async () => {
  s3.destroy();
  await stop();
  await rm(dataDir, { recursive: true, force: true });
});

/** The fields a presigned POST carries (as @aws-sdk/s3-presigned-post writes them), for `key` and exactly `size` bytes. */
function fields(
  key: string,
  size: number,
  expiresInMs = 60_000,
  contentType = 'text/plain',
): Record<string, string> {
  const policy = {
    expiration: new Date(Date.now() + expiresInMs).toISOString(),
    conditions: [
      ['content-length-range', size, size],
      { 'Content-Type': contentType },
      { bucket: 'uploads' },
      { 'X-Amz-Algorithm': 'AWS4-HMAC-SHA256' },
      { key },
    ],
  };
  return {
    'Content-Type': contentType,
    bucket: 'uploads',
    'X-Amz-Algorithm': 'AWS4-HMAC-SHA256',
    key,
    Policy: Buffer.from(JSON.stringify(policy)).toString('base64'),
    'X-Amz-Signature': 'not-checked-locally',
  };
}

async function post(form: Record<string, string>, body: string, headers: Record<string, string> = {}) {
  const data = new FormData();
  for (const [k, v] of Object.entries(form)) data.append(k, v);
  data.append('file', new Blob([body]), 'f.txt');
  const response = await fetch(`${endpoint}/uploads`, { method: 'POST', body: data, headers });
  return { status: response.status, text: await response.text(), headers: response.headers };
}

const stored = async (key: string) => {
  const object = await s3.send(new GetObjectCommand({ Bucket: 'uploads', Key: key }));
  return { contentType: object.ContentType, body: await object.Body?.transformToString() };
};

describe('POST Object', () => {
  it('stores a file the policy allows, with its Content-Type, and answers 204', async () => {
    const r = await post(fields('uploads/u1/a', 5), 'hello');
    expect(r.status).toBe(204);
    await expect(stored('uploads/u1/a')).resolves.toEqual({ contentType: 'text/plain', body: 'hello' });
  });

  it('refuses a file larger or smaller than content-length-range with 400, storing nothing', async () => {
    const large = await post(fields('uploads/u1/large', 5), 'hello!');
    expect(large.status).toBe(400);
    expect(large.text).toContain('<Code>EntityTooLarge</Code>');
    const small = await post(fields('uploads/u1/small', 5), 'hell');
    expect(small.status).toBe(400);
    expect(small.text).toContain('<Code>EntityTooSmall</Code>');
    await expect(stored('uploads/u1/large')).rejects.toMatchObject({ name: 'NoSuchKey' });
  });

  it('refuses an expired policy, a field against a condition, and a field no condition names, with 403', async () => {
    const expired = await post(fields('uploads/u1/b', 5, -1000), 'hello');
    expect([expired.status, expired.text]).toEqual([403, expect.stringContaining('Policy expired')]);
    const otherType = { ...fields('uploads/u1/b', 5), 'Content-Type': 'text/csv' };
    expect((await post(otherType, 'hello')).text).toContain('Policy Condition failed');
    const otherKey = { ...fields('uploads/u1/b', 5), key: 'uploads/someone-else/b' };
    expect((await post(otherKey, 'hello')).status).toBe(403);
    const extra = { ...fields('uploads/u1/b', 5), acl: 'public-read' };
    expect((await post(extra, 'hello')).text).toContain('Extra input fields: acl');
    const { Policy: _, ...unsigned } = fields('uploads/u1/b', 5);
    expect((await post(unsigned, 'hello')).status).toBe(403);
    await expect(stored('uploads/u1/b')).rejects.toMatchObject({ name: 'NoSuchKey' });
  });
});

describe('bucket CORS', () => {
  const preflight = (origin: string, method = 'POST') =>
    fetch(`${endpoint}/uploads`, {
      method: 'OPTIONS',
      headers: {
        Origin: origin,
        'Access-Control-Request-Method': method,
        'Access-Control-Request-Headers': 'content-type',
      },
    });

  it('answers a preflight a rule allows, and refuses one it does not with 403', async () => {
    const allowed = await preflight('http://127.0.0.1:8080');
    expect(allowed.status).toBe(200);
    expect(allowed.headers.get('access-control-allow-origin')).toBe('http://127.0.0.1:8080');
    expect(allowed.headers.get('access-control-allow-methods')).toBe('POST, GET');
    expect(allowed.headers.get('access-control-max-age')).toBe('60');
    expect((await preflight('https://evil.example')).status).toBe(403);
    expect((await preflight('http://127.0.0.1:8080', 'DELETE')).status).toBe(403);
  });

  it("marks the answer to an allowed origin's upload, and no other", async () => {
    const ok = await post(fields('uploads/u1/c', 2), 'hi', { Origin: 'http://127.0.0.1:8080' });
    expect([ok.status, ok.headers.get('access-control-allow-origin')]).toEqual([
      204,
      'http://127.0.0.1:8080',
    ]);
    const other = await post(fields('uploads/u1/d', 2), 'hi', { Origin: 'https://evil.example' });
    expect(other.headers.get('access-control-allow-origin')).toBeNull();
  });
});
