import pkg from '../../package.json' with { type: 'json' };
import type { components } from '../../api/schema.js';
import * as validators from '../../api/validators.js';
import { httpHandler } from '../lib/http/handler.js';
import { json } from '../lib/http/response.js';

type Health = components['schemas']['Health'];

/** This function reads nothing from its environment beyond what every API function does. */
export const settings = {};

/** GET /health: liveness and the deployed version. */
export const handler = httpHandler(
  {
    getHealth: () => json(200, { status: 'ok', version: pkg.version } satisfies Health),
  },
  { getHealth: validators.getHealth },
);
