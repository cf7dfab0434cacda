import type { APIGatewayProxyEvent } from 'aws-lambda';
import { callerWith, type Caller } from '../caller.js';
import { UnauthenticatedError } from '../errors.js';

/**
 * Identity is read only from the authorizer's context, never from the token again: API Gateway
 * (or the local stack) has already verified it. Context values are strings; groups are
 * comma-separated, and their names are compared exactly as Cognito issued them: a group called
 * " admin" or "admin " is another group, not the admin one (no trimming, no case folding).
 */
export function callerOf(event: APIGatewayProxyEvent): Caller {
  const ctx: Record<string, unknown> | null | undefined = event.requestContext.authorizer;
  const sub = typeof ctx?.sub === 'string' ? ctx.sub : '';
  if (!sub) throw new UnauthenticatedError('No verified identity on this request.');
  const groups = typeof ctx?.groups === 'string' && ctx.groups !== '' ? ctx.groups.split(',') : [];
  return callerWith(sub, typeof ctx?.email === 'string' ? ctx.email : '', groups);
}
