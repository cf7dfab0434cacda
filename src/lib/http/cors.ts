import { once, optionalText, readConfig } from '../config.js';

/** What every API function reads for its responses (template.yaml Globals sets it for all). */
export const HTTP_SETTINGS = {
  /** The allowed browser origin, from the CorsAllowedOrigin template parameter. */
  corsOrigin: optionalText('CORS_ALLOWED_ORIGIN', '*', 'template'),
};

export const corsOrigin = once(() => readConfig(HTTP_SETTINGS).corsOrigin);
