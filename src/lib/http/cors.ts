import { once, optionalEnv } from '../config.js';

/** The allowed browser origin, from the CorsAllowedOrigin template parameter. */
export const corsOrigin = once(() => optionalEnv('CORS_ALLOWED_ORIGIN', '*'));
