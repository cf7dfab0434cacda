/**
 * The one place where errors become RFC 9457 problem details (application/problem+json). Services
 * throw domain errors (src/lib/errors.ts), each of one kind; this table answers each kind with one
 * status, problem type and title. Anything that is not a domain error is a 500 that carries no
 * internals (the handler logs the cause).
 */
import type { components } from '../../../api/schema.js';
import { DomainError, type ErrorKind } from '../errors.js';

export type Problem = components['schemas']['Problem'];

const TYPE_BASE = 'https://problems.jobs-service.dev/';

export interface ProblemType {
  status: number;
  /** The last segment of the problem's `type` URI. */
  slug: string;
  title: string;
  headers?: Record<string, string>;
}

export const PROBLEM_TYPES: Readonly<Record<ErrorKind | 'internal', ProblemType>> = {
  invalid: { status: 400, slug: 'validation', title: 'Bad Request' },
  unauthenticated: {
    status: 401,
    slug: 'unauthorized',
    title: 'Unauthorized',
    headers: { 'WWW-Authenticate': 'Bearer' },
  },
  forbidden: { status: 403, slug: 'forbidden', title: 'Forbidden' },
  'not-found': { status: 404, slug: 'not-found', title: 'Not Found' },
  conflict: { status: 409, slug: 'conflict', title: 'Conflict' },
  'too-large': { status: 413, slug: 'payload-too-large', title: 'Payload Too Large' },
  mismatch: { status: 422, slug: 'unprocessable', title: 'Unprocessable Content' },
  // Cognito's attempt limits last minutes, not seconds.
  throttled: {
    status: 429,
    slug: 'too-many-requests',
    title: 'Too Many Requests',
    headers: { 'Retry-After': '30' },
  },
  // A dependency that failed once (a queue send) usually works on the next try.
  unavailable: {
    status: 503,
    slug: 'service-unavailable',
    title: 'Service Unavailable',
    headers: { 'Retry-After': '1' },
  },
  internal: { status: 500, slug: 'internal', title: 'Internal Server Error' },
};

export const problemTypeUri = (type: Pick<ProblemType, 'slug'>) => TYPE_BASE + type.slug;

export interface ProblemAnswer {
  status: number;
  headers: Record<string, string>;
  body: Problem;
}

const INTERNAL_DETAIL = 'The service could not complete the request.';

/** The problem a caller gets for `error`: its kind's, or a generic 500. */
export function problemFor(error: unknown): ProblemAnswer {
  const known = error instanceof DomainError;
  const type = PROBLEM_TYPES[known ? error.kind : 'internal'];
  return {
    status: type.status,
    headers: type.headers ?? {},
    body: {
      type: problemTypeUri(type),
      title: type.title,
      status: type.status,
      detail: known ? error.detail : INTERNAL_DETAIL,
      ...(known && error.fields ? { errors: error.fields } : {}),
    },
  };
}
