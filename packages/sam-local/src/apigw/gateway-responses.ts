/**
 * API Gateway's gateway responses: the errors that never reach a function (no route, bad request,
 * unauthorized, ...), shaped by the definition's x-amazon-apigateway-gateway-responses. Fallback as
 * in API Gateway (https://docs.aws.amazon.com/apigateway/latest/developerguide/supported-gateway-response-types.html):
 * the specific type, else DEFAULT_4XX / DEFAULT_5XX (with the type's own status), else API Gateway's
 * built-in `{"message": ...}`. REQUEST_TOO_LARGE always answers the built-in response: "Customizing
 * the default gateway response for 413 REQUEST_TOO_LARGE isn't currently supported"
 * (https://docs.aws.amazon.com/apigateway/latest/developerguide/api-gateway-known-issues.html).
 *
 * Templates are "not processed by the VTL engine" and support "only simple variable substitution"
 * (https://docs.aws.amazon.com/apigateway/latest/developerguide/api-gateway-swagger-extensions-gateway-responses.responseTemplates.html):
 * each documented `$context` variable (context-variables.ts) is replaced by its value as is, with no
 * escaping. `$context.error.messageString` is "the quoted value of $context.error.message", so it
 * is the message between double quotes; `$context.error.validationErrorString` is the raw message
 * and contains double quotes, so inside a JSON string literal it breaks the JSON, as in AWS.
 * A reference to a variable AWS does not document (`$context.error.statusCode`, `$stageVariables.*`
 * locally) becomes the empty string: the docs do not say what AWS does with one; the closest
 * documented behaviour is that of a documented variable with no value for the request ("this
 * variable is null"), which simple substitution renders as nothing. The import check refuses such
 * references, so the choice only matters for definitions it has not seen.
 */
import type { IntrinsicContext } from '../sam/intrinsics.js';
import { text, type JsonObject } from '../sam/template.js';
import {
  CONTEXT_REFERENCE,
  isDocumentedContextVariable,
  STAGE_VARIABLE_REFERENCE,
} from './context-variables.js';
import { staticHeaders } from './definition.js';
import { GATEWAY_RESPONSE_TYPES, NOT_CUSTOMIZABLE, type ResponseType } from './gateway-response-types.js';

export type { ResponseType } from './gateway-response-types.js';

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
  /**
   * The request's own `$context` values (`resourcePath`, `identity.sourceIp`, `authorizer.principalId`,
   * ...), by name without the `$context.` prefix. Names AWS does not document are ignored.
   */
  context?: Record<string, string>;
}

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
    const defaults = GATEWAY_RESPONSE_TYPES[type];
    const message = details.message === undefined ? defaults.message : details.message;
    const customizable = !NOT_CUSTOMIZABLE.has(type);
    const own = customizable ? this.compiled.get(type) : undefined;
    const status = customizable ? (details.status ?? own?.status ?? defaults.status) : defaults.status;
    const chosen = customizable
      ? (own ?? this.compiled.get(status >= 500 ? 'DEFAULT_5XX' : 'DEFAULT_4XX'))
      : undefined;
    const headers: Record<string, string> = { ...(chosen?.headers ?? {}) };
    if (!Object.keys(headers).some((h) => h.toLowerCase() === 'content-type'))
      headers['Content-Type'] = chosen?.contentType ?? 'application/json';
    headers['x-amzn-ErrorType'] =
      ERROR_TYPES[type] ?? (status >= 500 ? 'InternalServerErrorException' : 'BadRequestException');
    if (chosen?.template === undefined) return { status, headers, body: JSON.stringify({ message }) };

    const vars: Record<string, string> = {
      ...details.context,
      requestId: details.requestId,
      extendedRequestId: details.context?.extendedRequestId ?? details.requestId,
      'error.message': message ?? '',
      'error.messageString': `"${message ?? ''}"`,
      'error.responseType': type,
      'error.validationErrorString': details.validationError ?? '',
    };
    const body = chosen.template
      .replace(CONTEXT_REFERENCE, (_m, name: string) =>
        isDocumentedContextVariable(name) ? (vars[name] ?? '') : '',
      )
      .replace(STAGE_VARIABLE_REFERENCE, ''); // the local stack has no stage variables
    return { status, headers, body };
  }
}
