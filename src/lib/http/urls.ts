import type { APIGatewayProxyEvent } from 'aws-lambda';
import { operationEntry, type OperationId } from '../operations.js';

const EXECUTE_API_HOST = /^[a-z0-9]+\.execute-api\.[a-z0-9-]+\.amazonaws\.com(\.cn)?$/;

/**
 * The absolute URL of another operation of this API (its path from the contract, through the
 * operations table), so a client can follow it as is and `Location` means the same.
 * The host is API Gateway's own domainName, not the Host header. On an execute-api domain the
 * stage is the first path segment; on a custom domain (mapped at its root) and on the local stack
 * there is none. requestContext.path is not used for this: the local stack reports the
 * execute-api form (/<stage>/...) while serving at the root.
 */
export function operationUrl(
  event: APIGatewayProxyEvent,
  operationId: OperationId,
  pathParameters: Record<string, string>,
): string {
  const template = operationEntry(operationId)?.path;
  if (!template) throw new Error(`No operation ${operationId} in the operations table`);
  const path = template.replace(/\{([^}]+)\}/g, (_, name: string) => {
    const value = pathParameters[name];
    if (value === undefined) throw new Error(`${operationId} needs the path parameter ${name}`);
    return encodeURIComponent(value);
  });
  const ctx = event.requestContext;
  const host = ctx?.domainName ?? '';
  const forwarded = Object.entries(event.headers ?? {}).find(
    ([k]) => k.toLowerCase() === 'x-forwarded-proto',
  )?.[1];
  const proto = forwarded === 'http' ? 'http' : 'https';
  const prefix = EXECUTE_API_HOST.test(host) && ctx.stage ? `/${ctx.stage}` : '';
  return `${proto}://${host}${prefix}${path}`;
}
