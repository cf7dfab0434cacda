import type { APIGatewayProxyEvent } from 'aws-lambda';

const EXECUTE_API_HOST = /^[a-z0-9]+\.execute-api\.[a-z0-9-]+\.amazonaws\.com(\.cn)?$/;

/**
 * The job's status URL, absolute so a client can follow it as is (and `Location` means the same).
 * The host is API Gateway's own domainName, not the Host header. On an execute-api domain the
 * stage is the first path segment; on a custom domain (mapped at its root) and on the local stack
 * there is none. requestContext.path is not used for this: the local stack reports the
 * execute-api form (/<stage>/...) while serving at the root.
 */
export function statusUrl(event: APIGatewayProxyEvent, jobId: string): string {
  const ctx = event.requestContext;
  const host = ctx?.domainName ?? '';
  const forwarded = Object.entries(event.headers ?? {}).find(
    ([k]) => k.toLowerCase() === 'x-forwarded-proto',
  )?.[1];
  const proto = forwarded === 'http' ? 'http' : 'https';
  const prefix = EXECUTE_API_HOST.test(host) && ctx.stage ? `/${ctx.stage}` : '';
  return `${proto}://${host}${prefix}/job-status/${encodeURIComponent(jobId)}`;
}
