/**
 * The TOKEN authorizer: a verified Cognito ID token gets an Allow policy and the caller's identity as
 * context; everything else gets `Error('Unauthorized')`, the one error API Gateway turns into the 401
 * UNAUTHORIZED gateway response (problem+json, see openapi.yaml). Any other error escaping would be a
 * 500, so every failure, including a JWKS outage or bad configuration, is folded into that one.
 */
import type { APIGatewayAuthorizerResult, APIGatewayTokenAuthorizerEvent, Context } from 'aws-lambda';
import { JwtBaseError } from 'aws-jwt-verify/error';
import { logger } from '../lib/observability.js';
import { allowPolicy, apiStageResource, MalformedMethodArnError } from './policy.js';
import { extractToken } from './token.js';
import { JwksUnavailableError, TokenRejectedError, type IdTokenVerifier } from './verifier.js';

export const UNAUTHORIZED = 'Unauthorized';

class MissingTokenError extends Error {
  override readonly name = 'MissingTokenError';
}

/** Token problems are the caller's (info); anything else means the authorizer itself is unwell. */
function isCallerFault(error: unknown): boolean {
  if (error instanceof JwksUnavailableError) return false;
  return (
    error instanceof MissingTokenError ||
    error instanceof TokenRejectedError ||
    error instanceof MalformedMethodArnError ||
    error instanceof JwtBaseError
  );
}

export function authorizerHandler(verifier: () => IdTokenVerifier) {
  return async (
    event: APIGatewayTokenAuthorizerEvent,
    context?: Context,
  ): Promise<APIGatewayAuthorizerResult> => {
    if (context) logger.addContext(context);
    try {
      const resource = apiStageResource(event?.methodArn);
      const token = extractToken(event?.authorizationToken);
      if (!token) throw new MissingTokenError('no bearer token');
      const identity = await verifier().verify(token);
      logger.debug('token accepted', { caller: identity.sub });
      return allowPolicy(identity, resource);
    } catch (error) {
      // The reason, never the token.
      const reason = { reason: (error as Error | undefined)?.message ?? String(error) };
      if (isCallerFault(error)) logger.info('token refused', reason);
      else logger.error('authorizer failed; refusing the request', reason);
      throw new Error(UNAUTHORIZED, { cause: error });
    }
  };
}
