/**
 * The user pool's password policy (template.yaml UserPool.Policies.PasswordPolicy; a unit test keeps
 * the two equal). The service checks it before calling Cognito so that a weak password gets the same
 * 400 naming the policy everywhere, including on emulators that do not enforce a policy.
 */
export const PASSWORD_POLICY = {
  minimumLength: 8,
  requireLowercase: true,
  requireUppercase: true,
  requireNumbers: true,
  requireSymbols: false,
} as const;

export const PASSWORD_POLICY_TEXT =
  `Passwords need at least ${PASSWORD_POLICY.minimumLength} characters, ` +
  'including an upper-case letter, a lower-case letter and a number.';

/** Cognito's character classes are the basic Latin ones. */
export function meetsPasswordPolicy(password: string): boolean {
  return (
    [...password].length >= PASSWORD_POLICY.minimumLength &&
    (!PASSWORD_POLICY.requireLowercase || /[a-z]/.test(password)) &&
    (!PASSWORD_POLICY.requireUppercase || /[A-Z]/.test(password)) &&
    (!PASSWORD_POLICY.requireNumbers || /[0-9]/.test(password))
  );
}
