import type { APIGatewayProxyEvent } from 'aws-lambda';

/**
 * The job's status URL, root-relative so it resolves against whatever URL the client called: API
 * Gateway's execute-api URL carries the stage (/dev/...), a custom domain its base path, the local
 * stack none. The prefix is what requestContext.path has in front of the resource path.
 */
export function statusPath(event: APIGatewayProxyEvent, jobId: string): string {
  const full = event.requestContext?.path ?? '';
  const prefix =
    event.path && full.endsWith(event.path) ? full.slice(0, full.length - event.path.length) : '';
  return `${prefix}/job-status/${encodeURIComponent(jobId)}`;
}
