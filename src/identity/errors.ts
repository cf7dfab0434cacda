/**
 * The one place where Cognito's errors become API problems. It also absorbs the emulators'
 * differences (local-emulators.md): cognito-local answers a wrong password at login with
 * InvalidPasswordException (AWS: NotAuthorizedException) and an unknown user with
 * NotAuthorizedException; moto answers an unknown user with UserNotFoundException.
 *
 * No answer may tell a caller whether an account exists: a wrong password and an unknown user get
 * the same 401, and a confirmation problem the same 400, word for word. Cognito's own messages are
 * never passed on.
 */
import {
  badRequest,
  conflict,
  forbidden,
  HttpProblem,
  internalError,
  tooManyRequests,
  unauthorized,
} from '../lib/http/problem.js';
import { PASSWORD_POLICY_TEXT } from './password-policy.js';

export type IdentityOperation = 'signUp' | 'confirmSignUp' | 'resendConfirmationCode' | 'login' | 'refresh';

export const LOGIN_FAILED = 'Incorrect email or password.';
export const REFRESH_FAILED = 'The refresh token is invalid, expired or revoked.';
export const CODE_REFUSED =
  'The confirmation code is wrong or has expired, or the account cannot be confirmed.';
export const ACCOUNT_EXISTS = 'An account with this email already exists.';
export const NOT_CONFIRMED = 'This account is not confirmed yet: confirm it with the emailed code.';
export const TOO_MANY = 'Too many attempts; wait a little and try again.';
export const PARAMETERS_REFUSED = 'The identity provider refused these values.';

export const weakPassword = () =>
  badRequest(`The password does not meet the password policy. ${PASSWORD_POLICY_TEXT}`, [
    { pointer: '/password', message: PASSWORD_POLICY_TEXT },
  ]);

const THROTTLED = new Set([
  'TooManyRequestsException',
  'LimitExceededException',
  'TooManyFailedAttemptsException',
]);

/** Login failures that would reveal whether the account exists or its state if told apart. */
const LOGIN_REFUSED = new Set([
  'NotAuthorizedException',
  'UserNotFoundException',
  'InvalidPasswordException',
  'PasswordResetRequiredException',
]);
const REFRESH_REFUSED = new Set([
  'NotAuthorizedException',
  'UserNotFoundException',
  'RefreshTokenReuseException',
]);
const CONFIRM_REFUSED = new Set([
  'CodeMismatchException',
  'ExpiredCodeException',
  'NotAuthorizedException',
  'UserNotFoundException',
  'AliasExistsException',
]);

function errorName(error: unknown): string {
  const name = (error as { name?: unknown } | null)?.name;
  return typeof name === 'string' ? name : '';
}

/**
 * A resend for an unknown or already-confirmed account reports success like a real one
 * (Cognito says "already confirmed" with InvalidParameterException), as the spec documents.
 */
export function isSilentResendOutcome(error: unknown): boolean {
  return ['UserNotFoundException', 'InvalidParameterException'].includes(errorName(error));
}

export function identityProblem(operation: IdentityOperation, error: unknown): HttpProblem {
  if (error instanceof HttpProblem) return error;
  const name = errorName(error);
  if (THROTTLED.has(name)) return tooManyRequests(TOO_MANY);
  switch (operation) {
    case 'login':
      if (LOGIN_REFUSED.has(name)) return unauthorized(LOGIN_FAILED);
      if (name === 'UserNotConfirmedException') return forbidden(NOT_CONFIRMED);
      break;
    case 'refresh':
      if (REFRESH_REFUSED.has(name)) return unauthorized(REFRESH_FAILED);
      break;
    case 'signUp':
      if (name === 'UsernameExistsException' || name === 'AliasExistsException')
        return conflict(ACCOUNT_EXISTS);
      if (name === 'InvalidPasswordException') return weakPassword();
      break;
    case 'confirmSignUp':
      if (CONFIRM_REFUSED.has(name))
        return badRequest(CODE_REFUSED, [{ pointer: '/code', message: CODE_REFUSED }]);
      break;
    case 'resendConfirmationCode':
      break;
  }
  if (name === 'InvalidParameterException') return badRequest(PARAMETERS_REFUSED);
  return internalError();
}
