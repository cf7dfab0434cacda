/**
 * The Lambda proxy integration's two halves for REST APIs (payload format 1.0): the request as an
 * API Gateway proxy event, and the function's proxy result checked and turned into the response.
 * Hand-written: @types/aws-lambda gives the shapes, no library builds them from an HTTP request.
 */
export interface RequestFacts {
  method: string;
  /** The path as requested (percent-encoding kept), without the query string. */
  rawPath: string;
  rawQuery: string;
  rawHeaders: string[];
  sourceIp: string;
  body: Buffer | null;
  requestId: string;
  startedAt: number;
  /** Who answered, for the request log: a function's logical id, 'mock', or a gateway response type. */
  outcome?: string;
}

export interface ApiFacts {
  apiId: string;
  stage: string;
  accountId: string;
  binaryMediaTypes: string[];
  port: number;
}

function safeDecode(s: string): string {
  try {
    return decodeURIComponent(s);
  } catch {
    return s;
  }
}

const MONTHS = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];
const pad = (n: number) => String(n).padStart(2, '0');
let lastSecond = -1;
let lastTime = '';
/** API Gateway's requestTime format: 25/Nov/2026:02:10:00 +0000 (formatted once per second). */
function requestTime(ms: number): string {
  const second = Math.floor(ms / 1000);
  if (second !== lastSecond) {
    const d = new Date(ms);
    lastSecond = second;
    lastTime = `${pad(d.getUTCDate())}/${MONTHS[d.getUTCMonth()]}/${d.getUTCFullYear()}:${pad(d.getUTCHours())}:${pad(d.getUTCMinutes())}:${pad(d.getUTCSeconds())} +0000`;
  }
  return lastTime;
}

export interface ParsedHeaders {
  /** Original header names, last value. */
  single: Record<string, string>;
  multi: Record<string, string[]>;
  /** Lower-cased names, last value (for lookups). */
  lower: Record<string, string>;
}

export function parseHeaders(raw: string[]): ParsedHeaders {
  const single: Record<string, string> = {};
  const multi: Record<string, string[]> = {};
  const lower: Record<string, string> = {};
  for (let i = 0; i < raw.length; i += 2) {
    const name = raw[i] as string;
    const value = raw[i + 1] as string;
    single[name] = value;
    (multi[name] ??= []).push(value);
    lower[name.toLowerCase()] = value;
  }
  return { single, multi, lower };
}

export interface ParsedQuery {
  single: Record<string, string> | null;
  multi: Record<string, string[]> | null;
}

export function parseQuery(rawQuery: string): ParsedQuery {
  if (!rawQuery) return { single: null, multi: null };
  const single: Record<string, string> = {};
  const multi: Record<string, string[]> = {};
  for (const [k, v] of new URLSearchParams(rawQuery)) {
    single[k] = v;
    (multi[k] ??= []).push(v);
  }
  return Object.keys(single).length ? { single, multi } : { single: null, multi: null };
}

function isBinary(contentType: string | undefined, binaryTypes: string[]): boolean {
  if (!contentType || binaryTypes.length === 0) return false;
  const type = (contentType.split(';')[0] as string).trim().toLowerCase();
  return binaryTypes.some((t) => {
    const pattern = t.toLowerCase();
    if (pattern === '*/*') return true;
    if (pattern.endsWith('/*')) return type.startsWith(pattern.slice(0, -1));
    return pattern === type;
  });
}

export function proxyEvent(
  req: RequestFacts,
  api: ApiFacts,
  route: { resourcePath: string; resourceId: string; operationId?: string },
  headers: ParsedHeaders,
  query: ParsedQuery,
  pathParameters: Record<string, string> | null,
  authorizer: Record<string, unknown> | null,
): Record<string, unknown> {
  const path = safeDecode(req.rawPath);
  const binary = req.body !== null && isBinary(headers.lower['content-type'], api.binaryMediaTypes);
  // API Gateway adds the forwarding headers its own edge would (the parsed headers are this request's own).
  const h = headers.single;
  const mh = headers.multi;
  if (!('x-forwarded-for' in headers.lower)) {
    h['X-Forwarded-For'] = req.sourceIp;
    mh['X-Forwarded-For'] = [req.sourceIp];
  }
  if (!('x-forwarded-proto' in headers.lower)) {
    h['X-Forwarded-Proto'] = 'http';
    mh['X-Forwarded-Proto'] = ['http'];
  }
  if (!('x-forwarded-port' in headers.lower)) {
    h['X-Forwarded-Port'] = String(api.port);
    mh['X-Forwarded-Port'] = [String(api.port)];
  }
  const host = headers.lower.host ?? `127.0.0.1:${api.port}`;
  return {
    resource: route.resourcePath,
    path,
    httpMethod: req.method,
    headers: h,
    multiValueHeaders: mh,
    queryStringParameters: query.single,
    multiValueQueryStringParameters: query.multi,
    pathParameters,
    stageVariables: null,
    requestContext: {
      accountId: api.accountId,
      apiId: api.apiId,
      authorizer,
      domainName: host,
      domainPrefix: host.split('.')[0],
      extendedRequestId: req.requestId,
      httpMethod: req.method,
      identity: {
        accessKey: null,
        accountId: null,
        caller: null,
        cognitoAuthenticationProvider: null,
        cognitoAuthenticationType: null,
        cognitoIdentityId: null,
        cognitoIdentityPoolId: null,
        principalOrgId: null,
        sourceIp: req.sourceIp,
        user: null,
        userAgent: headers.lower['user-agent'] ?? null,
        userArn: null,
        apiKey: null,
        apiKeyId: null,
        clientCert: null,
      },
      operationName: route.operationId,
      path: `/${api.stage}${path}`,
      protocol: 'HTTP/1.1',
      requestId: req.requestId,
      requestTime: requestTime(req.startedAt),
      requestTimeEpoch: req.startedAt,
      resourceId: route.resourceId,
      resourcePath: route.resourcePath,
      stage: api.stage,
    },
    body: req.body === null ? null : binary ? req.body.toString('base64') : req.body.toString('utf8'),
    isBase64Encoded: binary,
  };
}

export interface HttpResponse {
  status: number;
  headers: Record<string, string | string[]>;
  body: Buffer | string;
}

/** The proxy result as an HTTP response, or undefined when API Gateway would call it malformed. */
export function proxyResponse(result: unknown): HttpResponse | undefined {
  if (typeof result !== 'object' || result === null || Array.isArray(result)) return undefined;
  const r = result as Record<string, unknown>;
  const status =
    typeof r.statusCode === 'string' && /^\d+$/.test(r.statusCode) ? Number(r.statusCode) : r.statusCode;
  if (typeof status !== 'number' || !Number.isInteger(status) || status < 100 || status > 599)
    return undefined;
  if (r.body !== undefined && r.body !== null && typeof r.body !== 'string') return undefined;
  const headers: Record<string, string | string[]> = {};
  const lowerNames = new Map<string, string>();
  const add = (name: string, value: unknown) => {
    const key = lowerNames.get(name.toLowerCase()) ?? name;
    lowerNames.set(name.toLowerCase(), key);
    const v = String(value);
    const existing = headers[key];
    headers[key] = existing === undefined ? v : Array.isArray(existing) ? [...existing, v] : [existing, v];
  };
  if (r.headers !== undefined && r.headers !== null) {
    if (typeof r.headers !== 'object' || Array.isArray(r.headers)) return undefined;
    for (const [k, v] of Object.entries(r.headers)) add(k, v);
  }
  if (r.multiValueHeaders !== undefined && r.multiValueHeaders !== null) {
    if (typeof r.multiValueHeaders !== 'object' || Array.isArray(r.multiValueHeaders)) return undefined;
    for (const [k, list] of Object.entries(r.multiValueHeaders)) {
      if (!Array.isArray(list)) return undefined;
      for (const v of list) add(k, v);
    }
  }
  if (!lowerNames.has('content-type')) headers['Content-Type'] = 'application/json';
  const text = r.body ?? '';
  return { status, headers, body: r.isBase64Encoded === true ? Buffer.from(text, 'base64') : text };
}
