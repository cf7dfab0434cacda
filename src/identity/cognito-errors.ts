/**
 * Which Cognito error is which identity error. It also absorbs the emulators' differences
 * (docs/local-emulators.md): cognito-local answers a wrong password at login with
 * InvalidPasswordException (AWS: NotAuthorizedException) and an unknown user with
 * NotAuthorizedException; moto answers an unknown user with UserNotFoundException.
 * Cognito's own messages are never passed on; an error not named here stays what it is (a 500).
 */
import {
  AccountExistsError,
  CodeRefusedError,
  LoginFailedError,
  NotConfirmedError,
  RefreshFailedError,
  TooManyAttemptsError,
  ValuesRefusedError,
  WeakPasswordError,
} from './errors.js';

export type IdentityOperation = 'signUp' | 'confirmSignUp' | 'resendConfirmationCode' | 'login' | 'refresh';

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
 * (Cognito says "already confirmed" with InvalidParameterException), as the contract documents.
 */
export function isSilentResendOutcome(error: unknown): boolean {
  return ['UserNotFoundException', 'InvalidParameterException'].includes(errorName(error));
}

/** The identity error for a Cognito error, or the error itself when it is none of them. */
export function identityErrorOf(operation: IdentityOperation, error: unknown): unknown {
  const name = errorName(error);
  if (THROTTLED.has(name)) return new TooManyAttemptsError();
  switch (operation) {
    case 'login':
      if (LOGIN_REFUSED.has(name)) return new LoginFailedError();
      if (name === 'UserNotConfirmedException') return new NotConfirmedError();
      break;
    case 'refresh':
      if (REFRESH_REFUSED.has(name)) return new RefreshFailedError();
      break;
    case 'signUp':
      if (name === 'UsernameExistsException' || name === 'AliasExistsException')
        return new AccountExistsError();
      if (name === 'InvalidPasswordException') return new WeakPasswordError();
      break;
    case 'confirmSignUp':
      if (CONFIRM_REFUSED.has(name)) return new CodeRefusedError();
      break;
    case 'resendConfirmationCode':
      break;
  }
  if (name === 'InvalidParameterException') return new ValuesRefusedError();
  return error;
}
