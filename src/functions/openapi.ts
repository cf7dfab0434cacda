import document from '../../api/openapi.json' with { type: 'json' };
import * as validators from '../../api/validators.js';
import { httpHandler } from '../lib/http/handler.js';
import { json } from '../lib/http/response.js';

/** This function reads nothing from its environment beyond what every API function does. */
export const settings = {};

/** GET /openapi.json: the published contract. The only function that carries the document. */
export const handler = httpHandler(
  {
    getOpenApi: () => json(200, document, { 'Cache-Control': 'public, max-age=300' }),
  },
  { getOpenApi: validators.getOpenApi },
);
