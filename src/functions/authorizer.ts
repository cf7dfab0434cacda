import { authorizerHandler } from '../auth/authorize.js';
import { AUTHORIZER_SETTINGS, authorizerConfig } from '../auth/config.js';
import { CognitoIdTokenVerifier } from '../auth/verifier.js';
import { once, readConfig } from '../lib/config.js';
import { metrics, withMetrics } from '../lib/metrics.js';

/** What this function reads from its environment (template.yaml declares the `template` ones for it). */
export const settings = AUTHORIZER_SETTINGS;

/**
 * Lambda TOKEN authorizer for every secured route. One verifier (and JWKS cache) per container; its
 * refusals are counted, and the metrics flushed at each invocation's end.
 */
export const handler = withMetrics(
  authorizerHandler(
    once(() => new CognitoIdTokenVerifier(authorizerConfig(readConfig(settings)))),
    metrics,
  ),
);
