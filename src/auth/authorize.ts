/**
 * The TOKEN authorizer: a verified Cognito ID token gets an Allow policy and the caller's identity as
 * context; everything else gets `Error('Unauthorized')`, the one error API Gateway turns into the 401
 * UNAUTHORIZED gateway response (problem+json, see openapi.yaml). Any other error escaping would be a
 * 500, so every failure, including a JWKS outage or bad configuration, is folded into that one. Each
 * refusal is counted by its class (AuthorizerRefused, reason: src/auth/refusal.ts).
 */
import type { APIGatewayAuthorizerResult, APIGatewayTokenAuthorizerEvent, Context } from 'aws-lambda';
import type { MetricsRecorder } from '../lib/metrics-port.js';
import { logger } from '../lib/observability.js';
import { allowPolicy, apiStageResource } from './policy.js';
import { RefusedError, refusalReason, type RefusalReason } from './refusal.js';
import { extractToken } from './token.js';
import type { IdTokenVerifier } from './verifier.js';

export const UNAUTHORIZED = 'Unauthorized';

/** Nothing to read (no header, blank, a bare "Bearer") is missing; anything else unusable is malformed. */
function noTokenReason(header: unknown): RefusalReason {
  const value = typeof header === 'string' ? header.trim() : '';
  return value === '' || /^bearer$/i.test(value) ? 'missing' : 'malformed';
}

export function authorizerHandler(verifier: () => IdTokenVerifier, metrics: MetricsRecorder) {
  return async (
    event: APIGatewayTokenAuthorizerEvent,
    context?: Context,
  ): Promise<APIGatewayAuthorizerResult> => {
    if (context) logger.addContext(context);
    try {
      const resource = apiStageResource(event?.methodArn);
      const header: unknown = event?.authorizationToken;
      const token = extractToken(header);
      if (!token) throw new RefusedError('no usable bearer token', noTokenReason(header));
      const identity = await verifier().verify(token);
      logger.debug('token accepted', { caller: identity.sub });
      return allowPolicy(identity, resource);
    } catch (error) {
      // The reason, never the token. A refusal the authorizer could not decide is its own fault.
      const reason = refusalReason(error);
      const log = { reason, detail: (error as Error | undefined)?.message ?? String(error) };
      if (reason === 'unavailable') logger.error('authorizer failed; refusing the request', log);
      else logger.info('token refused', log);
      metrics.record('AuthorizerRefused', 1, { reason });
      throw new Error(UNAUTHORIZED, { cause: error });
    }
  };
}
