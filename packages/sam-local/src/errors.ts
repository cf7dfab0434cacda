/**
 * A reason the local stack cannot start that the user can act on: printed as one line, without a
 * stack trace (which would only bury the advice).
 */
export class StartError extends Error {
  override name = 'StartError';
}
