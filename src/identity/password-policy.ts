/**
 * The user pool's password policy. template.yaml UserPool.Policies.PasswordPolicy and the contract's
 * Password schema (minLength, description) must say the same: tests/unit/identity/password-policy.test.ts
 * ties the three. The service checks it before calling Cognito so that a weak password gets the same
 * 400 naming the policy everywhere, including on emulators that do not enforce a policy.
 */
export const PASSWORD_POLICY = {
  minimumLength: 8,
  requireLowercase: true,
  requireUppercase: true,
  requireNumbers: true,
  requireSymbols: false,
} as const;

export type PasswordPolicy = {
  [K in keyof typeof PASSWORD_POLICY]: (typeof PASSWORD_POLICY)[K] extends number ? number : boolean;
};

/** Cognito's character classes are the basic Latin ones; its symbols are ASCII punctuation and space. */
const CLASSES = [
  { flag: 'requireUppercase', pattern: /[A-Z]/, name: 'an upper-case letter' },
  { flag: 'requireLowercase', pattern: /[a-z]/, name: 'a lower-case letter' },
  { flag: 'requireNumbers', pattern: /[0-9]/, name: 'a number' },
  { flag: 'requireSymbols', pattern: /[\x20-\x2F\x3A-\x40\x5B-\x60\x7B-\x7E]/, name: 'a symbol' },
] as const;

/** The policy in words, e.g. "at least 8 characters with an upper-case letter, a lower-case letter and a number". */
export function describePasswordPolicy(policy: PasswordPolicy = PASSWORD_POLICY): string {
  const required = CLASSES.filter((c) => policy[c.flag]).map((c) => c.name);
  const list =
    required.length > 1 ? `${required.slice(0, -1).join(', ')} and ${required.at(-1)}` : (required[0] ?? '');
  return `at least ${policy.minimumLength} characters${list ? ` with ${list}` : ''}`;
}

export const PASSWORD_POLICY_TEXT = `Passwords need ${describePasswordPolicy()}.`;

export function meetsPasswordPolicy(password: string, policy: PasswordPolicy = PASSWORD_POLICY): boolean {
  return (
    [...password].length >= policy.minimumLength &&
    CLASSES.every((c) => !policy[c.flag] || c.pattern.test(password))
  );
}
