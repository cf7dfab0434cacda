/**
 * RFC 9457 problem details: every error this service returns has this shape and the
 * application/problem+json media type. Services throw HttpProblem; `toProblem` maps anything
 * else to a 500 that carries no internals.
 */
import type { components } from '../../../api/schema.js';

export type Problem = components['schemas']['Problem'];
export type FieldError = components['schemas']['FieldError'];

const TYPE_BASE = 'https://problems.jobs-service.dev/';

export class HttpProblem extends Error {
  override readonly name = 'HttpProblem';
  constructor(
    readonly status: number,
    readonly slug: string,
    readonly title: string,
    readonly detail: string,
    readonly errors?: FieldError[],
    readonly headers: Record<string, string> = {},
  ) {
    super(`${status} ${title}: ${detail}`);
  }

  toJSON(): Problem {
    return {
      type: TYPE_BASE + this.slug,
      title: this.title,
      status: this.status,
      detail: this.detail,
      ...(this.errors ? { errors: this.errors } : {}),
    };
  }
}

export const badRequest = (detail: string, errors?: FieldError[]) =>
  new HttpProblem(400, 'validation', 'Bad Request', detail, errors);
export const unauthorized = (detail = 'Authentication failed.') =>
  new HttpProblem(401, 'unauthorized', 'Unauthorized', detail, undefined, { 'WWW-Authenticate': 'Bearer' });
export const forbidden = (detail: string) => new HttpProblem(403, 'forbidden', 'Forbidden', detail);
export const notFound = (detail: string) => new HttpProblem(404, 'not-found', 'Not Found', detail);
export const conflict = (detail: string) => new HttpProblem(409, 'conflict', 'Conflict', detail);
export const payloadTooLarge = (detail: string) =>
  new HttpProblem(413, 'payload-too-large', 'Payload Too Large', detail);
export const unprocessable = (detail: string) =>
  new HttpProblem(422, 'unprocessable', 'Unprocessable Content', detail);
export const tooManyRequests = (detail: string) =>
  new HttpProblem(429, 'too-many-requests', 'Too Many Requests', detail, undefined, { 'Retry-After': '30' });
export const serviceUnavailable = (detail: string) =>
  new HttpProblem(503, 'service-unavailable', 'Service Unavailable', detail, undefined, {
    'Retry-After': '1',
  });

export const internalError = () =>
  new HttpProblem(500, 'internal', 'Internal Server Error', 'The service could not complete the request.');

/** Known problems pass through; anything else becomes a generic 500 (the caller logs the cause). */
export function toProblem(error: unknown): HttpProblem {
  return error instanceof HttpProblem ? error : internalError();
}
