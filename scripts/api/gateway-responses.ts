/**
 * The gateway responses: problem+json (with CORS) for the errors API Gateway answers itself.
 *
 * Gateway response templates get simple `$context` substitution, no VTL and no escaping
 * (https://docs.aws.amazon.com/apigateway/latest/developerguide/api-gateway-swagger-extensions-gateway-responses.responseTemplates.html),
 * and `$context.error.message`, `messageString` and `validationErrorString` carry text with double
 * quotes (a validator's `[object has missing required properties (["email"])]`), which would break
 * the JSON. So every body here is fixed text: the only variable is `$context.error.responseType`,
 * whose values are API Gateway's response type names. There is no status variable
 * (`$context.error.statusCode` does not exist), so a type gets a literal status in its body only
 * together with an explicit statusCode; the DEFAULT_4XX / DEFAULT_5XX fallbacks, which serve many
 * statuses, carry none. REQUEST_TOO_LARGE is left to API Gateway: customizing it is not supported
 * (https://docs.aws.amazon.com/apigateway/latest/developerguide/api-gateway-known-issues.html).
 * Types and default statuses: https://docs.aws.amazon.com/apigateway/latest/developerguide/supported-gateway-response-types.html
 */
import { PROBLEM_TYPES, problemTypeUri, type ProblemType } from '../../src/lib/http/problems.js';
import type { JsonMap } from './contract.js';

/** A problem type the handlers use (src/lib/http/problems.ts): the same status, type and title. */
const handlers = (type: ProblemType) => ({ status: type.status, slug: type.slug, title: type.title });

interface ProblemResponse {
  /** Sent status; also repeated in the body. Absent for the DEFAULT_* fallbacks. */
  status?: number;
  slug: string;
  title: string;
  detail: string;
  headers?: Record<string, string>;
}

/** The response types this API answers with its own problem+json, and what each says. */
export const PROBLEM_RESPONSES: Record<string, ProblemResponse> = {
  // Only parameters are validated at the gateway (bodies by the handlers, with field pointers).
  BAD_REQUEST_PARAMETERS: {
    ...handlers(PROBLEM_TYPES.invalid),
    detail: 'A required request parameter is missing.',
  },
  BAD_REQUEST_BODY: {
    ...handlers(PROBLEM_TYPES.invalid),
    detail: 'The request body does not match the API contract.',
  },
  UNAUTHORIZED: {
    ...handlers(PROBLEM_TYPES.unauthenticated),
    detail: 'A valid Cognito ID token is required in the Authorization header.',
    headers: { 'WWW-Authenticate': 'Bearer' },
  },
  ACCESS_DENIED: {
    ...handlers(PROBLEM_TYPES.forbidden),
    detail: 'The token does not allow this request.',
  },
  // API Gateway answers an unknown route or method with this type (default 403); 404 says what happened.
  MISSING_AUTHENTICATION_TOKEN: {
    ...handlers(PROBLEM_TYPES['not-found']),
    detail: 'No route matches this method and path.',
  },
  UNSUPPORTED_MEDIA_TYPE: {
    status: 415,
    slug: 'unsupported-media-type',
    title: 'Unsupported Media Type',
    detail: 'The request Content-Type is not accepted.',
  },
  THROTTLED: {
    ...handlers(PROBLEM_TYPES.throttled),
    detail: 'The request rate limit of this API is exceeded; retry later.',
    headers: { 'Retry-After': '1' },
  },
  AUTHORIZER_FAILURE: {
    ...handlers(PROBLEM_TYPES.internal),
    detail: 'The authorizer could not check the request.',
  },
  AUTHORIZER_CONFIGURATION_ERROR: {
    ...handlers(PROBLEM_TYPES.internal),
    detail: 'The authorizer could not be reached.',
  },
  // A function error arrives as INTEGRATION_FAILURE with status 502, not the type's documented 504
  // (seen in deployed access logs: https://github.com/DataBiosphere/azul/issues/7470); the explicit
  // statusCode makes the sent status and the body's the same whatever API Gateway would pick.
  INTEGRATION_FAILURE: {
    status: 502,
    slug: 'bad-gateway',
    title: 'Bad Gateway',
    detail: 'The function behind this route failed.',
  },
  INTEGRATION_TIMEOUT: {
    status: 504,
    slug: 'gateway-timeout',
    title: 'Gateway Timeout',
    detail: 'The function behind this route did not answer in time.',
  },
  DEFAULT_4XX: {
    slug: 'request-refused',
    title: 'Request Refused',
    detail: 'API Gateway refused the request ($context.error.responseType); the HTTP status says why.',
  },
  DEFAULT_5XX: {
    slug: 'internal',
    title: 'Internal Server Error',
    detail: 'The service could not complete the request ($context.error.responseType).',
  },
};

/** The headers every gateway response sends, as the handlers' responses do (src/lib/http/response.ts). */
const COMMON_HEADERS = {
  'Content-Type': 'application/problem+json',
  'Cache-Control': 'no-store',
  'X-Content-Type-Options': 'nosniff',
};

/** A header value in a responseParameters map is a quoted literal: 'value'. */
const literal = (value: string) => `'${value}'`;

/** x-amazon-apigateway-gateway-responses for the definition; `corsOrigin` is the Allow-Origin mapping value. */
export function gatewayResponses(corsOrigin: unknown): JsonMap {
  return Object.fromEntries(
    Object.entries(PROBLEM_RESPONSES).map(([type, r]) => {
      const headers = { ...COMMON_HEADERS, ...r.headers };
      const body = {
        type: problemTypeUri(r),
        title: r.title,
        ...(r.status ? { status: r.status } : {}),
        detail: r.detail,
      };
      return [
        type,
        {
          ...(r.status ? { statusCode: String(r.status) } : {}),
          responseParameters: {
            'gatewayresponse.header.Access-Control-Allow-Origin': corsOrigin,
            ...Object.fromEntries(
              Object.entries(headers).map(([name, value]) => [
                `gatewayresponse.header.${name}`,
                literal(value),
              ]),
            ),
          },
          responseTemplates: { 'application/json': JSON.stringify(body) },
        },
      ];
    }),
  );
}
