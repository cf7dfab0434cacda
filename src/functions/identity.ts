import * as validators from '../../api/validators.js';
import { once, readConfig } from '../lib/config.js';
import { httpHandler } from '../lib/http/handler.js';
import { json, noContent } from '../lib/http/response.js';
import { IDENTITY_SETTINGS, identityService } from '../identity/composition.js';
import type { IdentityService } from '../identity/service.js';

/** What this function reads from its environment (template.yaml declares exactly these for it). */
export const settings = IDENTITY_SETTINGS;

/** POST /auth/*: public identity endpoints on the Cognito user pool. */
export function identityHandler(identity: () => IdentityService) {
  return httpHandler(
    {
      signUp: async ({ body }) => json(201, await identity().signUp(body)),
      confirmSignUp: async ({ body }) => {
        await identity().confirmSignUp(body);
        return noContent();
      },
      resendConfirmationCode: async ({ body }) => {
        await identity().resendConfirmationCode(body);
        return noContent();
      },
      login: async ({ body }) => json(200, await identity().login(body)),
      refreshTokens: async ({ body }) => json(200, await identity().refresh(body)),
    },
    {
      signUp: validators.signUp,
      confirmSignUp: validators.confirmSignUp,
      resendConfirmationCode: validators.resendConfirmationCode,
      login: validators.login,
      refreshTokens: validators.refreshTokens,
    },
  );
}

export const handler = identityHandler(once(() => identityService(readConfig(settings))));
