/**
 * Domain errors: what a service says went wrong, in its own words, with no HTTP in it. Each error
 * belongs to one kind; src/lib/http/problems.ts is the one place that turns a kind into a status,
 * a problem type and headers. A feature adds an error by subclassing DomainError with an existing
 * kind; it never builds a response.
 */

/** What kind of failure this is, for whoever has to answer it (the API maps each to a status once). */
export type ErrorKind =
  /** The input breaks a rule; the caller must change it. */
  | 'invalid'
  /** The caller could not be identified (bad credentials, bad or expired token). */
  | 'unauthenticated'
  /** The caller is known but may not do this. */
  | 'forbidden'
  /** Nothing the caller may see has this id. */
  | 'not-found'
  /** It exists already. */
  | 'conflict'
  /** The input is over a documented size. */
  | 'too-large'
  /** The request contradicts an earlier one (an idempotency key reused with another body). */
  | 'mismatch'
  /** Too many attempts; the same request may work later. */
  | 'throttled'
  /** A dependency failed; the same request may work if retried now. */
  | 'unavailable';

/** One failing input field: a JSON pointer into the request as the contract names it, and what is wrong. */
export interface FieldError {
  pointer: string;
  message: string;
}

export abstract class DomainError extends Error {
  abstract readonly kind: ErrorKind;

  /** `detail` is shown to the caller: say what happened and what to do, never an internal. */
  constructor(
    readonly detail: string,
    readonly fields?: FieldError[],
  ) {
    super(detail);
  }
}

/** A domain error class whose every instance says the same: most are just that. */
export function domainError(name: string, kind: ErrorKind, detail: string, fields?: FieldError[]) {
  return class extends DomainError {
    override readonly name = name;
    readonly kind = kind;
    constructor() {
      super(detail, fields);
    }
  };
}

/** Input that breaks the contract or a rule of the service (every failing field, when known). */
export class InvalidInputError extends DomainError {
  override readonly name = 'InvalidInputError';
  readonly kind = 'invalid';
}

/** The verified identity a secured operation needs is absent. */
export class UnauthenticatedError extends DomainError {
  override readonly name = 'UnauthenticatedError';
  readonly kind = 'unauthenticated';
}

/** Nothing by this name: an unknown operation, or a resource the caller may not see. */
export class NotFoundError extends DomainError {
  override readonly name = 'NotFoundError';
  readonly kind = 'not-found';
}
