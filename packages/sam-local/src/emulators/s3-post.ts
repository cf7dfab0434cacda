/**
 * What fauxqs 1.9.2 lacks for browser uploads, added on its app: POST Object (an HTML form upload to
 * a presigned POST policy) and bucket CORS (PutBucketCors, preflights, and CORS headers on answers).
 *
 * POST Object, as https://docs.aws.amazon.com/AmazonS3/latest/API/RESTObjectPOST.html and the policy
 * rules of https://docs.aws.amazon.com/AmazonS3/latest/API/sigv4-HTTPPOSTConstructPolicy.html state:
 * the policy must not have expired (403), every condition must hold for the form's fields (exact,
 * `eq`, `starts-with`; 403), every form field but the policy, the signature, `file` and `x-ignore-*`
 * must be named by a condition (403), and the file's size must be within `content-length-range`
 * (400 EntityTooSmall / EntityTooLarge). Answered 204, or `success_action_status`. Not checked: the
 * signature and credential (as no emulator checks presigned-URL signatures), and that `file` is the
 * last field. The form is read whole into memory (a local stack's files are small).
 *
 * CORS, as https://docs.aws.amazon.com/AmazonS3/latest/userguide/cors.html states: a preflight is
 * answered for the first rule that allows its origin, method and every requested header (403
 * otherwise), and an answer to a request with an Origin carries Access-Control-Allow-Origin when a
 * rule allows it (`*` for a `*` rule, else the origin). Rules come from PutBucketCors, which the
 * runner sends for a bucket's CorsConfiguration; they are kept in memory (provisioning sends them
 * again at each start).
 */
import { Readable } from 'node:stream';

/** The part of Fastify (fauxqs's app) used here; fastify is fauxqs's dependency, not ours. */
interface Request {
  method: string;
  url: string;
  headers: Record<string, string | string[] | undefined>;
  raw: NodeJS.ReadableStream;
}
interface Reply {
  status(code: number): Reply;
  header(name: string, value: string): Reply;
  send(body?: string): Reply;
}
export interface PostableApp {
  addHook(name: 'onRequest', hook: (request: Request, reply: Reply) => Promise<Reply | undefined>): unknown;
  addHook(
    name: 'onSend',
    hook: (request: Request, reply: Reply, payload: unknown) => Promise<unknown>,
  ): unknown;
}
export interface PutObjectStore {
  hasBucket(name: string): boolean;
  putObject(
    bucket: string,
    key: string,
    body: Buffer,
    contentType: string,
    metadata: Record<string, string>,
  ): unknown;
}

export interface CorsRule {
  origins: string[];
  methods: string[];
  headers: string[];
  exposeHeaders: string[];
  maxAgeSeconds?: number;
}

class S3Refusal extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
  ) {
    super(message);
  }
}

const escapeXml = (s: string) => s.replace(/[<>&'"]/g, (c) => `&#${c.charCodeAt(0)};`);
const errorXml = (code: string, message: string) =>
  `<?xml version="1.0" encoding="UTF-8"?>\n<Error><Code>${code}</Code><Message>${escapeXml(message)}</Message></Error>`;

/** `/bucket` or `/bucket/` (bucket-level), with the query. */
function bucketPath(url: string): { bucket: string; query: URLSearchParams } | undefined {
  const parsed = new URL(url, 'http://local');
  const match = /^\/([^/]+)\/?$/.exec(parsed.pathname);
  return match ? { bucket: decodeURIComponent(match[1]!), query: parsed.searchParams } : undefined;
}
const bucketOf = (url: string) => /^\/([^/?]+)/.exec(url)?.[1];
const header = (r: Request, name: string) => {
  const v = r.headers[name];
  return Array.isArray(v) ? v[0] : v;
};

/** A CORS pattern: at most one `*`, matching any run of characters (case-insensitive for headers). */
function matches(pattern: string, value: string, ignoreCase = false): boolean {
  const [p, v] = ignoreCase ? [pattern.toLowerCase(), value.toLowerCase()] : [pattern, value];
  const star = p.indexOf('*');
  if (star < 0) return p === v;
  return v.length >= p.length - 1 && v.startsWith(p.slice(0, star)) && v.endsWith(p.slice(star + 1));
}

/** The first rule allowing this origin and method and every requested header. */
export function corsRuleFor(
  rules: CorsRule[],
  origin: string,
  method: string,
  requestedHeaders: string[] = [],
): CorsRule | undefined {
  return rules.find(
    (r) =>
      r.origins.some((o) => matches(o, origin)) &&
      r.methods.includes(method) &&
      requestedHeaders.every((h) => r.headers.some((a) => matches(a, h, true))),
  );
}

/** The CORSConfiguration XML of PutBucketCors, read with the few elements it has. */
export function parseCorsXml(xml: string): CorsRule[] {
  const all = (block: string, tag: string) =>
    [...block.matchAll(new RegExp(`<${tag}>([\\s\\S]*?)</${tag}>`, 'g'))].map((m) => m[1]!.trim());
  return all(xml, 'CORSRule').map((rule) => {
    const maxAge = all(rule, 'MaxAgeSeconds')[0];
    return {
      origins: all(rule, 'AllowedOrigin'),
      methods: all(rule, 'AllowedMethod'),
      headers: all(rule, 'AllowedHeader'),
      exposeHeaders: all(rule, 'ExposeHeader'),
      ...(maxAge ? { maxAgeSeconds: Number(maxAge) } : {}),
    };
  });
}

type Condition = ['eq' | 'starts-with', string, string] | ['content-length-range', number, number];

/** The policy's conditions, each as one form: exact matches become `eq`. */
function conditionsOf(policy: { conditions?: unknown[] }): Condition[] {
  return (policy.conditions ?? []).flatMap((c): Condition[] => {
    if (Array.isArray(c)) {
      const [op, a, b] = c as [string, unknown, unknown];
      if (op === 'content-length-range') return [[op, Number(a), Number(b)]];
      if (op === 'eq' || op === 'starts-with') return [[op, String(a).replace(/^\$/, ''), String(b)]];
      throw new S3Refusal(
        400,
        'InvalidPolicyDocument',
        `Invalid Policy: Invalid Condition: ${JSON.stringify(c)}`,
      );
    }
    return Object.entries(c as Record<string, unknown>).map(([k, v]): Condition => ['eq', k, String(v)]);
  });
}

/** What AWS checks of a form against its policy; the file's size last. */
export function checkPostPolicy(
  bucket: string,
  fields: Map<string, string>,
  fileSize: number,
  now = new Date(),
): void {
  const encoded = fields.get('policy');
  if (encoded === undefined)
    throw new S3Refusal(403, 'AccessDenied', 'Access Denied (no policy: only a presigned POST may upload)');
  let policy: { expiration?: string; conditions?: unknown[] };
  try {
    policy = JSON.parse(Buffer.from(encoded, 'base64').toString('utf8')) as typeof policy;
  } catch {
    throw new S3Refusal(400, 'InvalidPolicyDocument', 'Invalid Policy: Invalid JSON.');
  }
  if (!policy.expiration || !(Date.parse(policy.expiration) > now.getTime()))
    throw new S3Refusal(403, 'AccessDenied', 'Invalid according to Policy: Policy expired.');
  const withBucket = new Map(fields).set('bucket', bucket);
  const conditions = conditionsOf(policy);
  const covered = new Set(['policy', 'x-amz-signature', 'file', 'bucket']);
  let range: [number, number] | undefined;
  for (const c of conditions) {
    if (c[0] === 'content-length-range') {
      range = [c[1], c[2]];
      continue;
    }
    const [op, name, expected] = c;
    const field = name.toLowerCase();
    covered.add(field);
    const value = withBucket.get(field) ?? '';
    if (op === 'eq' ? value !== expected : !value.startsWith(expected))
      throw new S3Refusal(
        403,
        'AccessDenied',
        `Invalid according to Policy: Policy Condition failed: ${JSON.stringify(c)}`,
      );
  }
  const extra = [...fields.keys()].filter((f) => !covered.has(f) && !f.startsWith('x-ignore-'));
  if (extra.length > 0)
    throw new S3Refusal(
      403,
      'AccessDenied',
      `Invalid according to Policy: Extra input fields: ${extra.join(', ')}`,
    );
  if (range && fileSize < range[0])
    throw new S3Refusal(
      400,
      'EntityTooSmall',
      'Your proposed upload is smaller than the minimum allowed size',
    );
  if (range && fileSize > range[1])
    throw new S3Refusal(400, 'EntityTooLarge', 'Your proposed upload exceeds the maximum allowed size');
}

async function readForm(request: Request): Promise<FormData> {
  // Node's fetch Request parses multipart/form-data (undici): no hand-written parser.
  const body = Readable.toWeb(Readable.from(request.raw as AsyncIterable<Uint8Array>)) as ReadableStream;
  const contentType = header(request, 'content-type') ?? '';
  return new globalThis.Request('http://local/', {
    method: 'POST',
    headers: { 'content-type': contentType },
    body,
    duplex: 'half',
  }).formData();
}

async function postObject(
  request: Request,
  reply: Reply,
  bucket: string,
  store: PutObjectStore,
): Promise<Reply> {
  if (!store.hasBucket(bucket))
    throw new S3Refusal(404, 'NoSuchBucket', 'The specified bucket does not exist');
  const form = await readForm(request);
  const fields = new Map<string, string>();
  let file: Blob | undefined;
  for (const [name, value] of form) {
    if (name.toLowerCase() === 'file' && typeof value !== 'string') file = value;
    else if (typeof value === 'string') fields.set(name.toLowerCase(), value);
  }
  if (!file)
    throw new S3Refusal(400, 'InvalidArgument', 'POST requires exactly one file upload per request.');
  checkPostPolicy(bucket, fields, file.size);
  const name = file instanceof File ? file.name : '';
  const key = (fields.get('key') ?? '').replace('${filename}', name);
  if (!key) throw new S3Refusal(400, 'InvalidArgument', 'Bucket POST must contain a field named key.');
  const contentType = fields.get('content-type') ?? 'binary/octet-stream';
  store.putObject(bucket, key, Buffer.from(await file.arrayBuffer()), contentType, {});
  const status = Number(fields.get('success_action_status') ?? 204);
  return reply.status([200, 201].includes(status) ? status : 204).send();
}

/** Adds POST Object and bucket CORS to fauxqs's app (before it listens). */
export function attachPostUploads(app: PostableApp, store: PutObjectStore): void {
  const cors = new Map<string, CorsRule[]>();

  // An async hook that answered returns the reply, so that Fastify stops there (a route, or the
  // not-found handler, would answer again): https://fastify.dev/docs/latest/Reference/Hooks/#respond-to-a-request-from-a-hook
  app.addHook('onRequest', async (request, reply) => {
    const path = bucketPath(request.url);
    const origin = header(request, 'origin');
    try {
      if (request.method === 'PUT' && path?.query.has('cors')) {
        let xml = '';
        for await (const chunk of request.raw) xml += String(chunk);
        cors.set(path.bucket, parseCorsXml(xml));
        return reply.status(200).send();
      } else if (request.method === 'OPTIONS' && origin !== undefined) {
        const method = header(request, 'access-control-request-method') ?? '';
        const asked = (header(request, 'access-control-request-headers') ?? '')
          .split(',')
          .map((h) => h.trim())
          .filter(Boolean);
        const rule = corsRuleFor(cors.get(bucketOf(request.url) ?? '') ?? [], origin, method, asked);
        if (!rule)
          throw new S3Refusal(403, 'AccessForbidden', 'CORSResponse: This CORS request is not allowed.');
        reply
          .header('Access-Control-Allow-Methods', rule.methods.join(', '))
          .header('Vary', 'Origin, Access-Control-Request-Headers, Access-Control-Request-Method');
        if (asked.length > 0) reply.header('Access-Control-Allow-Headers', asked.join(', '));
        if (rule.maxAgeSeconds !== undefined)
          reply.header('Access-Control-Max-Age', String(rule.maxAgeSeconds));
        return reply.status(200).send();
      } else if (
        request.method === 'POST' &&
        path &&
        (header(request, 'content-type') ?? '').startsWith('multipart/form-data')
      ) {
        return await postObject(request, reply, path.bucket, store);
      }
      return undefined; // not ours: fauxqs answers it
    } catch (error) {
      if (!(error instanceof S3Refusal)) throw error;
      return reply
        .status(error.status)
        .header('content-type', 'application/xml')
        .send(errorXml(error.code, error.message));
    }
  });

  // Every answer to a request with an Origin a rule allows carries the CORS headers (preflights too).
  app.addHook('onSend', (request, reply, payload) => {
    const origin = header(request, 'origin');
    const method =
      request.method === 'OPTIONS'
        ? (header(request, 'access-control-request-method') ?? '')
        : request.method;
    const rule =
      origin === undefined
        ? undefined
        : corsRuleFor(cors.get(bucketOf(request.url) ?? '') ?? [], origin, method);
    if (rule && origin !== undefined) {
      reply.header('Access-Control-Allow-Origin', rule.origins.includes('*') ? '*' : origin);
      if (rule.exposeHeaders.length > 0)
        reply.header('Access-Control-Expose-Headers', rule.exposeHeaders.join(', '));
    }
    return Promise.resolve(payload);
  });
}
