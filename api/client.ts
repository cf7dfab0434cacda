// Generated from openapi.yaml by `npm run generate`. Do not edit.
import createClient, { type ClientOptions } from 'openapi-fetch';
import { authMiddleware, type TokenProvider } from './auth-middleware.js';
import { retryMiddleware, type RetryOptions } from './retry-middleware.js';
import type { paths, JobType, JobStatus, UploadContentType } from './schema.js';

// paths, components, operations and every schema by name (Job, User, Problem, ...).
export type * from './schema.js';
export { authMiddleware, type AuthMiddlewareOptions, type TokenProvider } from './auth-middleware.js';
export { isRepeatable, retryAfterMs, retryMiddleware, type RetryOptions } from './retry-middleware.js';

/** The values of JobType, in the contract's order. */
export const jobTypeValues = [
  'echo',
  'word-count',
  'sha256',
  'csv-stats',
] as const satisfies readonly JobType[];

/** The values of JobStatus, in the contract's order. */
export const jobStatusValues = [
  'queued',
  'processing',
  'complete',
  'failed',
  'cancelled',
] as const satisfies readonly JobStatus[];

/** The values of UploadContentType, in the contract's order. */
export const uploadContentTypeValues = [
  'text/plain',
  'text/csv',
  'text/markdown',
  'application/json',
  'application/octet-stream',
] as const satisfies readonly UploadContentType[];

/** The operations that need a token (their `security` is not empty), as `METHOD /path`. */
export const securedOperations: ReadonlySet<string> = new Set([
  'GET /users/me',
  'GET /users',
  'POST /users',
  'GET /users/{userId}',
  'PUT /users/{userId}',
  'DELETE /users/{userId}',
  'POST /submit-job-request',
  'POST /uploads',
  'GET /job-status/{jobId}',
  'GET /jobs',
  'POST /jobs/{jobId}/retry',
  'POST /jobs/{jobId}/cancel',
]);

export const isSecured = (method: string, schemaPath: string) =>
  securedOperations.has(`${method.toUpperCase()} ${schemaPath}`);

export interface ApiClientOptions extends Omit<ClientOptions, 'baseUrl'> {
  /** Sends its token on secured operations, and refreshes once on a 401 (api/auth-middleware.ts). */
  tokens?: TokenProvider;
  /** Retries 429 and 503 on repeatable requests (api/retry-middleware.ts); `false` turns it off. */
  retry?: RetryOptions | false;
}

/** A typed client for this API: every path, parameter, body and response comes from openapi.yaml. */
export function createApiClient(baseUrl: string, options: ApiClientOptions = {}) {
  const { tokens, retry = {}, ...clientOptions } = options;
  const client = createClient<paths>({ baseUrl, ...clientOptions });
  // Auth first: its onRequest sets the header before the retry middleware keeps a copy to resend.
  if (tokens) client.use(authMiddleware(tokens, { secured: isSecured }));
  if (retry) client.use(retryMiddleware(retry));
  return client;
}

export type ApiClient = ReturnType<typeof createApiClient>;
