import type { APIGatewayProxyEvent } from 'aws-lambda';
import { unauthorized } from './problem.js';

/** Who is calling, as the Lambda authorizer put it in `requestContext.authorizer`. */
export interface Caller {
  sub: string;
  email: string;
  groups: string[];
  isAdmin: boolean;
}

export const ADMIN_GROUP = 'admin';

/**
 * Identity is read only from the authorizer's context, never from the token again: API Gateway
 * (or the local stack) has already verified it. Context values are strings; groups are
 * comma-separated, and their names are compared exactly as Cognito issued them: a group called
 * " admin" or "admin " is another group, not the admin one (no trimming, no case folding).
 */
export function callerOf(event: APIGatewayProxyEvent): Caller {
  const ctx: Record<string, unknown> | null | undefined = event.requestContext.authorizer;
  const sub = typeof ctx?.sub === 'string' ? ctx.sub : '';
  if (!sub) throw unauthorized('No verified identity on this request.');
  const groups = typeof ctx?.groups === 'string' && ctx.groups !== '' ? ctx.groups.split(',') : [];
  return {
    sub,
    email: typeof ctx?.email === 'string' ? ctx.email : '',
    groups,
    isAdmin: groups.includes(ADMIN_GROUP),
  };
}
