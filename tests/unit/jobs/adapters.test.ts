import { GetObjectCommand, HeadObjectCommand, PutObjectCommand, S3Client } from '@aws-sdk/client-s3';
import { SendMessageCommand, SQSClient } from '@aws-sdk/client-sqs';
import { mockClient } from 'aws-sdk-client-mock';
import { S3ResultLinks, S3ResultWriter } from '../../../src/jobs/aws/s3-results.js';
import { S3UploadFiles, S3UploadLinks } from '../../../src/jobs/aws/s3-uploads.js';
import { SqsJobQueue } from '../../../src/jobs/aws/sqs-job-queue.js';
import { canonicalJson } from '../../../src/jobs/canonical-json.js';
import {
  MalformedMessageError,
  NonRetryableJobError,
  UploadUnreadableError,
} from '../../../src/jobs/errors.js';
import { parseJobMessage, serializeJobMessage } from '../../../src/jobs/message.js';
import { operationUrl } from '../../../src/lib/http/urls.js';
import { apiEvent } from '../../support/events.js';
import { jobRecord } from '../../support/fakes/jobs.js';

const credentials = { accessKeyId: 'AKIAIOSFODNN7EXAMPLE', secretAccessKey: 'secret' };

describe('S3 results', () => {
  const saved = { ...process.env };
  afterEach(() => {
    process.env = { ...saved };
  });

  it('presigns a virtual-hosted HTTPS GET on AWS, for the given lifetime', async () => {
    delete process.env.AWS_ENDPOINT_URL;
    delete process.env.AWS_ENDPOINT_URL_S3;
    const store = new S3ResultLinks(new S3Client({ region: 'eu-west-1', credentials }), 'my-results');
    const url = new URL(await store.presignGet('results/u1/j1.json', 120));
    expect(url.origin).toBe('https://my-results.s3.eu-west-1.amazonaws.com');
    expect(url.pathname).toBe('/results/u1/j1.json');
    expect(url.searchParams.get('X-Amz-Expires')).toBe('120');
  });

  it('addresses the bucket path-style by itself for an IP endpoint from the environment (the local stack)', async () => {
    // No endpoint or forcePathStyle in code: AWS_ENDPOINT_URL_S3 alone, as the local stack sets it.
    process.env.AWS_ENDPOINT_URL_S3 = 'http://127.0.0.1:4599';
    const store = new S3ResultLinks(new S3Client({ region: 'us-east-1', credentials }), 'my-results');
    const url = new URL(await store.presignGet('results/u1/j1.json', 900));
    expect(url.origin).toBe('http://127.0.0.1:4599');
    expect(url.pathname).toBe('/my-results/results/u1/j1.json');
  });

  it('stores results as JSON objects', async () => {
    const s3 = mockClient(S3Client);
    await new S3ResultWriter(new S3Client({ region: 'us-east-1', credentials }), 'b').put(
      'results/u/j.json',
      '{}',
    );
    expect(s3.commandCalls(PutObjectCommand)[0]?.args[0].input).toEqual({
      Bucket: 'b',
      Key: 'results/u/j.json',
      Body: '{}',
      ContentType: 'application/json',
    });
    s3.restore();
  });
});

describe('SqsJobQueue', () => {
  it('sends the job key and type, nothing else (never the payload)', async () => {
    const sqs = mockClient(SQSClient);
    const job = jobRecord({ ownerId: 'u1', jobId: 'j1', jobType: 'word-count' });
    await new SqsJobQueue(new SQSClient({ region: 'us-east-1', credentials }), 'https://q').send(job);
    expect(sqs.commandCalls(SendMessageCommand)[0]?.args[0].input).toEqual({
      QueueUrl: 'https://q',
      MessageBody: '{"ownerId":"u1","jobId":"j1","jobType":"word-count"}',
    });
    sqs.restore();
  });
});

describe('job messages', () => {
  it('round-trip a key and type and drop anything else', () => {
    const extra = jobRecord({ ownerId: 'u1', jobId: 'j-1', jobType: 'sha256' });
    expect(parseJobMessage(serializeJobMessage(extra))).toEqual({
      ownerId: 'u1',
      jobId: 'j-1',
      jobType: 'sha256',
    });
  });

  it('leave out a type that is missing or not a job type (a message queued before types, or forged)', () => {
    expect(parseJobMessage('{"ownerId":"u1","jobId":"j-1"}')).toEqual({ ownerId: 'u1', jobId: 'j-1' });
    for (const jobType of ['"resize"', '""', '42', 'null', '"__proto__"', '"constructor"'])
      expect(parseJobMessage(`{"ownerId":"u1","jobId":"j-1","jobType":${jobType}}`)).toEqual({
        ownerId: 'u1',
        jobId: 'j-1',
      });
  });

  it.each([
    '',
    'null',
    '[]',
    '{"ownerId":"u1"}',
    '{"ownerId":"","jobId":"j"}',
    '{"ownerId":"u","jobId":"../x"}',
  ])('refuse %p', (body) => {
    expect(() => parseJobMessage(body)).toThrow(MalformedMessageError);
  });
});

describe('canonical JSON', () => {
  it('sorts keys at every depth and keeps array order', () => {
    expect(canonicalJson({ b: 1, a: { d: [2, 1], c: null } })).toBe('{"a":{"c":null,"d":[2,1]},"b":1}');
  });
});

describe('operation URLs (a job status link)', () => {
  const sample = apiEvent('submit-job');
  const statusUrl = (event: typeof sample) => operationUrl(event, 'getJobStatus', { jobId: 'j1' });
  const withContext = (ctx: Record<string, unknown>, headers: Record<string, string> = {}) =>
    apiEvent('submit-job', { requestContext: { ...sample.requestContext, ...ctx }, headers });

  it('on an execute-api domain are absolute HTTPS URLs with the stage', () => {
    expect(statusUrl(sample)).toBe('https://abc123.execute-api.us-east-1.amazonaws.com/dev/job-status/j1');
  });

  it('on a custom domain have no stage, and use the domain API Gateway reports, not the Host header', () => {
    const event = withContext({ domainName: 'api.example.com' }, { Host: 'evil.example' });
    expect(statusUrl(event)).toBe('https://api.example.com/job-status/j1');
  });

  it('on the local stack are plain HTTP at the root, though requestContext.path carries the stage', () => {
    const event = withContext(
      { domainName: '127.0.0.1:3000', path: '/dev/submit-job-request' },
      { 'X-Forwarded-Proto': 'http' },
    );
    expect(statusUrl(event)).toBe('http://127.0.0.1:3000/job-status/j1');
  });

  it('never take a protocol other than http or https from the request', () => {
    const event = withContext({}, { 'X-Forwarded-Proto': 'javascript' });
    expect(statusUrl(event)).toMatch(/^https:\/\//);
  });
});

describe('S3 uploads', () => {
  const client = () => new S3Client({ region: 'eu-west-1', credentials });

  it('makes a presigned POST whose policy binds the key, the Content-Type, the exact size and the expiry', async () => {
    const { url, fields } = await new S3UploadLinks(client(), 'my-results').presignPost({
      key: 'uploads/u1/x',
      contentType: 'text/csv',
      bytes: 1234,
      expiresInSeconds: 600,
    });
    expect(url).toBe('https://my-results.s3.eu-west-1.amazonaws.com/');
    expect(fields).toMatchObject({ key: 'uploads/u1/x', 'Content-Type': 'text/csv', bucket: 'my-results' });
    const policy = JSON.parse(Buffer.from(fields.Policy!, 'base64').toString()) as {
      expiration: string;
      conditions: unknown[];
    };
    expect(policy.conditions).toEqual(
      expect.arrayContaining([
        ['content-length-range', 1234, 1234],
        { 'Content-Type': 'text/csv' },
        { key: 'uploads/u1/x' },
        { bucket: 'my-results' },
      ]),
    );
    // Signed at X-Amz-Date, valid until exactly the lifetime after it.
    const signedAt = fields['X-Amz-Date']!.replace(
      /^(\d{4})(\d{2})(\d{2})T(\d{2})(\d{2})(\d{2})Z$/,
      '$1-$2-$3T$4:$5:$6Z',
    );
    expect(Date.parse(policy.expiration) - Date.parse(signedAt)).toBe(600_000);
  });

  it("reads an upload's content type, and none for a missing object (HeadObject answers NotFound)", async () => {
    const s3 = mockClient(S3Client);
    s3.on(HeadObjectCommand, { Key: 'uploads/u1/there' }).resolves({ ContentType: 'text/csv' });
    s3.on(HeadObjectCommand, { Key: 'uploads/u1/gone' }).rejects(
      Object.assign(new Error('nf'), { name: 'NotFound' }),
    );
    s3.on(HeadObjectCommand, { Key: 'uploads/u1/down' }).rejects(
      Object.assign(new Error('x'), { name: 'SlowDown' }),
    );
    const files = new S3UploadFiles(client(), 'b');
    await expect(files.contentTypeOf('uploads/u1/there')).resolves.toBe('text/csv');
    await expect(files.contentTypeOf('uploads/u1/gone')).resolves.toBeUndefined();
    await expect(files.contentTypeOf('uploads/u1/down')).rejects.toMatchObject({ name: 'SlowDown' });
    s3.restore();
  });

  it('fails a file gone or forbidden with the reason (not retried), and lets any other error be retried', async () => {
    const s3 = mockClient(S3Client);
    const named = (name: string) => Object.assign(new Error(name), { name });
    s3.on(GetObjectCommand, { Key: 'gone' }).rejects(named('NoSuchKey'));
    s3.on(GetObjectCommand, { Key: 'denied' }).rejects(named('AccessDenied'));
    s3.on(GetObjectCommand, { Key: 'down' }).rejects(named('InternalError'));
    const files = new S3UploadFiles(client(), 'b');
    await expect(files.open('gone')).rejects.toThrow(
      new UploadUnreadableError('it is gone (expired or deleted)'),
    );
    await expect(files.open('denied')).rejects.toBeInstanceOf(NonRetryableJobError);
    const down = files.open('down');
    await expect(down).rejects.toMatchObject({ name: 'InternalError' });
    await expect(down).rejects.not.toBeInstanceOf(NonRetryableJobError);
    s3.restore();
  });
});
