/**
 * Where ID tokens come from, read once from the environment. The same verifier runs in AWS and on
 * the local stack: only these values differ (the local stack points the issuer and the JWKS at its
 * Cognito emulator), never the code.
 */
import { ConfigError, optionalEnv, requireEnv } from '../lib/config.js';

export interface AuthorizerConfig {
  /** The exact `iss` claim a token must carry: `<issuer base>/<user pool id>`. */
  issuer: string;
  /** The app client id, which Cognito puts in an ID token's `aud`. */
  audience: string;
  jwksUri: string;
  /** Clock skew tolerated on `exp`, `nbf` and `iat`. */
  graceSeconds: number;
}

/** Small on purpose: enough for clock drift between Cognito and Lambda, not a longer token life. */
export const CLOCK_SKEW_SECONDS = 30;

// Cognito pool ids are `<region>_<id>` (cognito-local's are `local_<id>`): nothing that could bend a URL.
const USER_POOL_ID = /^[\w-]+_[0-9A-Za-z]+$/;

const withoutTrailingSlash = (url: string) => url.replace(/\/+$/, '');

export function authorizerConfigFromEnv(env: NodeJS.ProcessEnv = process.env): AuthorizerConfig {
  const region = requireEnv('AWS_REGION', env);
  const userPoolId = requireEnv('USER_POOL_ID', env);
  const clientId = requireEnv('USER_POOL_CLIENT_ID', env);
  if (!USER_POOL_ID.test(userPoolId)) {
    throw new ConfigError(`USER_POOL_ID "${userPoolId}" is not a Cognito user pool id`);
  }
  const issuerBase = withoutTrailingSlash(
    optionalEnv('COGNITO_ISSUER_BASE_URL', `https://cognito-idp.${region}.amazonaws.com`, env),
  );
  // The JWKS is served by whatever endpoint the SDK would call for Cognito (an emulator locally).
  const jwksBase = withoutTrailingSlash(
    optionalEnv(
      'AWS_ENDPOINT_URL_COGNITO_IDENTITY_PROVIDER',
      optionalEnv('AWS_ENDPOINT_URL', issuerBase, env),
      env,
    ),
  );
  return {
    issuer: `${issuerBase}/${userPoolId}`,
    audience: clientId,
    jwksUri: `${jwksBase}/${userPoolId}/.well-known/jwks.json`,
    graceSeconds: CLOCK_SKEW_SECONDS,
  };
}
