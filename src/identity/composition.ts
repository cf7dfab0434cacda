/**
 * How the identity function is put together: its settings and a builder for its service on the
 * shared AWS clients (see src/jobs/composition.ts for the pattern every feature follows).
 */
import { cognitoClient } from '../lib/aws-clients.js';
import { systemClock } from '../lib/clock.js';
import { text, type Config } from '../lib/config.js';
import { CognitoIdentityProvider } from './cognito-identity-provider.js';
import { IdentityService } from './service.js';

export const IDENTITY_SETTINGS = {
  /** The app client (no secret) that signs users up and in; the email is the username. */
  clientId: text('USER_POOL_CLIENT_ID'),
};

export function identityService(config: Config<typeof IDENTITY_SETTINGS>): IdentityService {
  return new IdentityService({
    provider: new CognitoIdentityProvider(cognitoClient(), config.clientId, systemClock),
  });
}
