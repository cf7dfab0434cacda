/**
 * Where ID tokens come from, read once from the environment. The same verifier runs in AWS and on
 * the local stack: only these values differ (the local stack points the issuer and the JWKS at its
 * Cognito emulator), never the code.
 */
import { ConfigError, optionalText, readConfig, text, type Config } from '../lib/config.js';

export interface AuthorizerConfig {
  /** The exact `iss` claim a token must carry: `<issuer base>/<user pool id>`. */
  issuer: string;
  /** The app client id, which Cognito puts in an ID token's `aud`. */
  audience: string;
  jwksUri: string;
  /** Clock skew tolerated on `exp`, `nbf` and `iat`. */
  graceSeconds: number;
}

/** What the authorizer reads from its environment. */
export const AUTHORIZER_SETTINGS = {
  region: text('AWS_REGION', 'lambda'),
  userPoolId: text('USER_POOL_ID'),
  clientId: text('USER_POOL_CLIENT_ID'),
  /** The local stack's Cognito emulator issues tokens under its own URL. */
  issuerBase: optionalText('COGNITO_ISSUER_BASE_URL', '', 'local'),
  /** The endpoints the SDK would call for Cognito (an emulator's locally): the JWKS is served there. */
  cognitoEndpoint: optionalText('AWS_ENDPOINT_URL_COGNITO_IDENTITY_PROVIDER', '', 'local'),
  endpoint: optionalText('AWS_ENDPOINT_URL', '', 'local'),
};

/** Small on purpose: enough for clock drift between Cognito and Lambda, not a longer token life. */
export const CLOCK_SKEW_SECONDS = 30;

// Cognito pool ids are `<region>_<id>` (cognito-local's are `local_<id>`): nothing that could bend a URL.
const USER_POOL_ID = /^[\w-]+_[0-9A-Za-z]+$/;

const withoutTrailingSlash = (url: string) => url.replace(/\/+$/, '');

export function authorizerConfig(settings: Config<typeof AUTHORIZER_SETTINGS>): AuthorizerConfig {
  const { region, userPoolId, clientId } = settings;
  if (!USER_POOL_ID.test(userPoolId)) {
    throw new ConfigError(`USER_POOL_ID "${userPoolId}" is not a Cognito user pool id`);
  }
  const issuerBase = withoutTrailingSlash(
    settings.issuerBase || `https://cognito-idp.${region}.amazonaws.com`,
  );
  const jwksBase = withoutTrailingSlash(settings.cognitoEndpoint || settings.endpoint || issuerBase);
  return {
    issuer: `${issuerBase}/${userPoolId}`,
    audience: clientId,
    jwksUri: `${jwksBase}/${userPoolId}/.well-known/jwks.json`,
    graceSeconds: CLOCK_SKEW_SECONDS,
  };
}

export const authorizerConfigFromEnv = (env: NodeJS.ProcessEnv): AuthorizerConfig =>
  authorizerConfig(readConfig(AUTHORIZER_SETTINGS, env));
