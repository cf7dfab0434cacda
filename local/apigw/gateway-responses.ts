/**
 * API Gateway's gateway responses: the errors that never reach a function (no route, bad request,
 * unauthorized, ...), shaped by the definition's x-amazon-apigateway-gateway-responses. Fallback as
 * in API Gateway: the specific type, else DEFAULT_4XX / DEFAULT_5XX (with the type's own status),
 * else API Gateway's built-in `{"message": ...}`. Templates are rendered by plain variable
 * substitution of the $context variables gateway responses use; no VTL engine is needed for them.
 */
import type { IntrinsicContext } from '../sam/intrinsics.js';
import { text, type JsonObject } from '../sam/template.js';
import { staticHeaders } from './definition.js';

export type ResponseType =
  | 'ACCESS_DENIED'
  | 'AUTHORIZER_CONFIGURATION_ERROR'
  | 'AUTHORIZER_FAILURE'
  | 'BAD_REQUEST_BODY'
  | 'BAD_REQUEST_PARAMETERS'
  | 'DEFAULT_4XX'
  | 'DEFAULT_5XX'
  | 'INTEGRATION_FAILURE'
  | 'INTEGRATION_TIMEOUT'
  | 'MISSING_AUTHENTICATION_TOKEN'
  | 'REQUEST_TOO_LARGE'
  | 'UNAUTHORIZED'
  | 'UNSUPPORTED_MEDIA_TYPE';

/** API Gateway's default status and message for each type. */
const DEFAULTS: Record<ResponseType, { status: number; message: string | null }> = {
  ACCESS_DENIED: { status: 403, message: 'User is not authorized to access this resource' },
  AUTHORIZER_CONFIGURATION_ERROR: { status: 500, message: null },
  AUTHORIZER_FAILURE: { status: 500, message: null },
  BAD_REQUEST_BODY: { status: 400, message: 'Invalid request body' },
  BAD_REQUEST_PARAMETERS: { status: 400, message: 'Missing required request parameters' },
  DEFAULT_4XX: { status: 400, message: null },
  DEFAULT_5XX: { status: 500, message: 'Internal server error' },
  INTEGRATION_FAILURE: { status: 504, message: 'Internal server error' },
  INTEGRATION_TIMEOUT: { status: 504, message: 'Endpoint request timed out' },
  MISSING_AUTHENTICATION_TOKEN: { status: 403, message: 'Missing Authentication Token' },
  REQUEST_TOO_LARGE: { status: 413, message: 'Request Too Long' },
  UNAUTHORIZED: { status: 401, message: 'Unauthorized' },
  UNSUPPORTED_MEDIA_TYPE: { status: 415, message: 'Unsupported Media Type' },
};

/** The x-amzn-ErrorType header API Gateway sends with each gateway response. */
const ERROR_TYPES: Partial<Record<ResponseType, string>> = {
  ACCESS_DENIED: 'AccessDeniedException',
  BAD_REQUEST_BODY: 'BadRequestException',
  BAD_REQUEST_PARAMETERS: 'BadRequestException',
  MISSING_AUTHENTICATION_TOKEN: 'MissingAuthenticationTokenException',
  REQUEST_TOO_LARGE: 'RequestTooLongException',
  UNAUTHORIZED: 'UnauthorizedException',
  UNSUPPORTED_MEDIA_TYPE: 'UnsupportedMediaTypeException',
};

interface Compiled {
  status?: number;
  headers: Record<string, string>;
  template?: string;
  contentType?: string;
}

export interface RenderedResponse {
  status: number;
  headers: Record<string, string>;
  body: string;
}

export interface ErrorDetails {
  requestId: string;
  /** Overrides the type's default message. */
  message?: string | null;
  validationError?: string;
  /** Overrides the status (DEFAULT_5XX for a failing function answers 502). */
  status?: number;
}

/** The text of `s` as it appears inside a JSON string literal. */
const jsonStringContent = (s: string) => JSON.stringify(s).slice(1, -1);

export class GatewayResponses {
  private readonly compiled = new Map<string, Compiled>();

  constructor(definitions: JsonObject, ctx: IntrinsicContext) {
    for (const [type, raw] of Object.entries(definitions)) {
      const def = raw as JsonObject;
      const templates = (def.responseTemplates ?? {}) as JsonObject;
      const contentType = Object.keys(templates).includes('application/json')
        ? 'application/json'
        : Object.keys(templates)[0];
      this.compiled.set(type, {
        status: def.statusCode === undefined ? undefined : Number(def.statusCode),
        headers: staticHeaders(def.responseParameters ?? null, 'gatewayresponse.header.', ctx),
        template: contentType ? text(templates[contentType]) : undefined,
        contentType,
      });
    }
  }

  render(type: ResponseType, details: ErrorDetails): RenderedResponse {
    const defaults = DEFAULTS[type];
    const own = this.compiled.get(type);
    const status = details.status ?? own?.status ?? defaults.status;
    const chosen = own ?? this.compiled.get(status >= 500 ? 'DEFAULT_5XX' : 'DEFAULT_4XX');
    const message = details.message === undefined ? defaults.message : details.message;
    const vars: Record<string, string> = {
      'error.messageString': JSON.stringify(message),
      'error.message': message ?? '',
      'error.validationErrorString': jsonStringContent(details.validationError ?? ''),
      'error.responseType': type,
      'error.statusCode': String(status),
      requestId: details.requestId,
      extendedRequestId: details.requestId,
    };
    const headers: Record<string, string> = { ...(chosen?.headers ?? {}) };
    if (!Object.keys(headers).some((h) => h.toLowerCase() === 'content-type'))
      headers['Content-Type'] = chosen?.contentType ?? 'application/json';
    headers['x-amzn-ErrorType'] =
      ERROR_TYPES[type] ?? (status >= 500 ? 'InternalServerErrorException' : 'BadRequestException');
    const template = chosen?.template ?? '{"message":$context.error.messageString}';
    const body = template.replace(
      /\$context\.([A-Za-z0-9_.]+[A-Za-z0-9_])/g,
      (_m, name: string) => vars[name] ?? '',
    );
    return { status, headers, body };
  }
}
