import { CognitoIdentityProviderClient } from '@aws-sdk/client-cognito-identity-provider';
import { cognitoIdentityProvider } from '../identity/cognito-identity-provider.js';
import { identityService } from '../identity/service.js';
import { once, requireEnv } from '../lib/config.js';
import { httpHandler } from '../lib/http/handler.js';
import { json, noContent } from '../lib/http/response.js';
import { traced } from '../lib/observability.js';

const service = once(() =>
  identityService(
    cognitoIdentityProvider(traced(new CognitoIdentityProviderClient({})), requireEnv('USER_POOL_CLIENT_ID')),
  ),
);

/** POST /auth/*: public identity endpoints on the Cognito user pool. */
export const handler = httpHandler({
  signUp: async ({ body }) => json(201, await service().signUp(body)),
  confirmSignUp: async ({ body }) => {
    await service().confirmSignUp(body);
    return noContent();
  },
  resendConfirmationCode: async ({ body }) => {
    await service().resendConfirmationCode(body);
    return noContent();
  },
  login: async ({ body }) => json(200, await service().login(body)),
  refreshTokens: async ({ body }) => json(200, await service().refresh(body)),
});
