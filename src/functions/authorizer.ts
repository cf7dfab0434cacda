import { authorizerConfigFromEnv } from '../auth/config.js';
import { createAuthorizer } from '../auth/authorize.js';
import { createIdTokenVerifier } from '../auth/verifier.js';
import { once } from '../lib/config.js';

/** Lambda TOKEN authorizer for every secured route. One verifier (and JWKS cache) per container. */
export const handler = createAuthorizer(once(() => createIdTokenVerifier(authorizerConfigFromEnv())));
