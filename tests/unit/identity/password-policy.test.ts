/**
 * The password policy, one value in code (PASSWORD_POLICY), tied to the two other places that must
 * say the same: the user pool's PasswordPolicy in template.yaml (what Cognito enforces) and the
 * contract's Password schema (its minLength and the policy in words, what clients read).
 */
import {
  describePasswordPolicy,
  meetsPasswordPolicy,
  PASSWORD_POLICY,
  type PasswordPolicy,
} from '../../../src/identity/password-policy.js';
import { rawTemplate, spec } from '../../support/project.js';

type Pool = { Properties: { Policies: { PasswordPolicy: Record<string, unknown> } } };

function passwordPolicyProblems(
  template: typeof rawTemplate,
  contract: typeof spec,
  policy: PasswordPolicy,
): string[] {
  const pool = (template.Resources as Record<string, Pool>).UserPool!.Properties.Policies.PasswordPolicy;
  const problems: string[] = [];
  const inTemplate = {
    minimumLength: pool.MinimumLength,
    requireLowercase: pool.RequireLowercase,
    requireUppercase: pool.RequireUppercase,
    requireNumbers: pool.RequireNumbers,
    requireSymbols: pool.RequireSymbols,
  };
  for (const [key, value] of Object.entries(policy))
    if (inTemplate[key as keyof PasswordPolicy] !== value)
      problems.push(
        `template.yaml UserPool ${key} is ${String(inTemplate[key as keyof PasswordPolicy])}, not ${String(value)}`,
      );
  const password = contract.components.schemas?.Password as { minLength: number; description: string };
  if (password.minLength !== policy.minimumLength)
    problems.push(`openapi.yaml Password minLength is ${password.minLength}, not ${policy.minimumLength}`);
  if (!password.description.includes(describePasswordPolicy(policy)))
    problems.push(`openapi.yaml Password description does not say "${describePasswordPolicy(policy)}"`);
  return problems;
}

describe('the password policy', () => {
  it('is the same in the code, the user pool and the contract', () => {
    expect(passwordPolicyProblems(rawTemplate, spec, PASSWORD_POLICY)).toEqual([]);
  });

  describe('would catch a mistake', () => {
    it('a user pool that asks for more than the code checks', () => {
      const broken = structuredClone(rawTemplate);
      (broken.Resources as Record<string, Pool>).UserPool!.Properties.Policies.PasswordPolicy.MinimumLength =
        12;
      expect(passwordPolicyProblems(broken, spec, PASSWORD_POLICY)).toEqual([
        'template.yaml UserPool minimumLength is 12, not 8',
      ]);
    });

    it('a code policy the contract does not describe', () => {
      expect(passwordPolicyProblems(rawTemplate, spec, { ...PASSWORD_POLICY, requireSymbols: true })).toEqual(
        [
          'template.yaml UserPool requireSymbols is false, not true',
          'openapi.yaml Password description does not say "at least 8 characters with an upper-case letter, a lower-case letter, a number and a symbol"',
        ],
      );
    });

    it('a contract whose minLength disagrees', () => {
      const broken = structuredClone(spec);
      (broken.components.schemas?.Password as { minLength: number }).minLength = 6;
      expect(passwordPolicyProblems(rawTemplate, broken, PASSWORD_POLICY)).toEqual([
        'openapi.yaml Password minLength is 6, not 8',
      ]);
    });
  });

  it('accepts a password with 8+ characters, upper, lower and a number; refuses one missing any', () => {
    expect(meetsPasswordPolicy('Abcdefg1')).toBe(true);
    for (const weak of ['Abcdef1', 'abcdefg1', 'ABCDEFG1', 'Abcdefgh', 'Ábcdéfg1'.toLowerCase(), '']) {
      expect(meetsPasswordPolicy(weak)).toBe(false);
    }
    expect(meetsPasswordPolicy('Abcdefg1', { ...PASSWORD_POLICY, requireSymbols: true })).toBe(false);
    expect(meetsPasswordPolicy('Abcdefg1!', { ...PASSWORD_POLICY, requireSymbols: true })).toBe(true);
  });
});
