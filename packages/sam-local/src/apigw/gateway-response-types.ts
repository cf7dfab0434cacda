/**
 * API Gateway's gateway response types with their default status codes, as the "Gateway response
 * types" page lists them (AWS_DOCS.gatewayResponseTypes); the import check refuses any other type
 * and the local gateway renders these. `message` is API Gateway's built-in message for the types
 * the local gateway produces (the others never occur locally: no API keys, WAF, usage plans, SigV4).
 */
export const GATEWAY_RESPONSE_TYPES = {
  ACCESS_DENIED: { status: 403, message: 'User is not authorized to access this resource' },
  API_CONFIGURATION_ERROR: { status: 500, message: null },
  AUTHORIZER_CONFIGURATION_ERROR: { status: 500, message: null },
  AUTHORIZER_FAILURE: { status: 500, message: null },
  BAD_REQUEST_BODY: { status: 400, message: 'Invalid request body' },
  BAD_REQUEST_PARAMETERS: { status: 400, message: 'Missing required request parameters' },
  // DEFAULT_4XX/5XX have no status of their own: the type they stand in for keeps its own.
  DEFAULT_4XX: { status: 400, message: null },
  DEFAULT_5XX: { status: 500, message: 'Internal server error' },
  EXPIRED_TOKEN: { status: 403, message: null },
  INTEGRATION_FAILURE: { status: 504, message: 'Internal server error' },
  INTEGRATION_TIMEOUT: { status: 504, message: 'Endpoint request timed out' },
  INVALID_API_KEY: { status: 403, message: null },
  INVALID_SIGNATURE: { status: 403, message: null },
  MISSING_AUTHENTICATION_TOKEN: { status: 403, message: 'Missing Authentication Token' },
  QUOTA_EXCEEDED: { status: 429, message: null },
  REQUEST_TOO_LARGE: { status: 413, message: 'Request Too Long' },
  RESOURCE_NOT_FOUND: { status: 404, message: null },
  THROTTLED: { status: 429, message: null },
  UNAUTHORIZED: { status: 401, message: 'Unauthorized' },
  UNSUPPORTED_MEDIA_TYPE: { status: 415, message: 'Unsupported Media Type' },
  WAF_FILTERED: { status: 403, message: null },
} as const satisfies Record<string, { status: number; message: string | null }>;

export type ResponseType = keyof typeof GATEWAY_RESPONSE_TYPES;

export const isResponseType = (name: string): name is ResponseType =>
  Object.prototype.hasOwnProperty.call(GATEWAY_RESPONSE_TYPES, name);

/**
 * Types whose customization API Gateway does not apply: "Customizing the default gateway response
 * for 413 REQUEST_TOO_LARGE isn't currently supported" (AWS_DOCS.restImportNotes).
 */
export const NOT_CUSTOMIZABLE: ReadonlySet<ResponseType> = new Set(['REQUEST_TOO_LARGE']);
