/**
 * The IAM policy a TOKEN authorizer returns to API Gateway.
 *
 * API Gateway caches the result per token (authorizerResultTtlInSeconds in openapi.yaml) and reuses
 * it for every route the same token calls next. An Allow for only the current methodArn would make
 * that cached policy deny the caller's next, different route (a spurious 403). So the Allow covers
 * this API and this stage only (all methods and paths), and never another API or stage. What the
 * caller may do on a route (owner or admin) is decided by the handlers, from the context below.
 */
import type { APIGatewayAuthorizerResult } from 'aws-lambda';
import { RefusedError } from './refusal.js';
import type { VerifiedIdentity } from './verifier.js';

export class MalformedMethodArnError extends RefusedError {
  override readonly name = 'MalformedMethodArnError';
  constructor(message: string) {
    super(message, 'malformed');
  }
}

const SEGMENT = /^[\w$.-]+$/;

/** `arn:<partition>:execute-api:<region>:<account>:<apiId>/<stage>/*` + `/*` from a methodArn. */
export function apiStageResource(methodArn: unknown): string {
  if (typeof methodArn !== 'string') throw new MalformedMethodArnError('no methodArn');
  const parts = methodArn.split(':');
  const [arn, partition, service, region, account, resource] = parts;
  const [apiId, stage] = (resource ?? '').split('/');
  if (
    parts.length !== 6 ||
    arn !== 'arn' ||
    service !== 'execute-api' ||
    ![partition, region, account, apiId, stage].every((s) => s !== undefined && SEGMENT.test(s))
  ) {
    throw new MalformedMethodArnError('methodArn is not an execute-api method ARN');
  }
  return `arn:${partition}:execute-api:${region}:${account}:${apiId}/${stage}/*/*`;
}

export function allowPolicy(identity: VerifiedIdentity, resource: string): APIGatewayAuthorizerResult {
  return {
    principalId: identity.sub,
    policyDocument: {
      Version: '2012-10-17',
      Statement: [{ Action: 'execute-api:Invoke', Effect: 'Allow', Resource: resource }],
    },
    // Context values must be strings, numbers or booleans: groups travel comma-joined.
    context: { sub: identity.sub, email: identity.email, groups: identity.groups.join(',') },
  };
}
