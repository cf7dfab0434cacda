import { httpHandler } from '../lib/http/handler.js';
import { json } from '../lib/http/response.js';
import { openApiDocument } from '../lib/spec.js';

/** GET /openapi.json: the published contract, the same document the handlers validate against. */
export const handler = httpHandler({
  getOpenApi: () => json(200, openApiDocument, { 'Cache-Control': 'public, max-age=300' }),
});
