import { meetsPasswordPolicy, PASSWORD_POLICY } from '../../../src/identity/password-policy.js';
import { rawTemplate } from '../../support/project.js';

describe('the password policy', () => {
  it("is the user pool's policy in template.yaml (they cannot drift apart)", () => {
    const pool = (rawTemplate.Resources as Record<string, { Properties: Record<string, unknown> }>).UserPool;
    const policy = (pool?.Properties.Policies as { PasswordPolicy: Record<string, unknown> }).PasswordPolicy;
    expect({
      minimumLength: policy.MinimumLength,
      requireLowercase: policy.RequireLowercase,
      requireUppercase: policy.RequireUppercase,
      requireNumbers: policy.RequireNumbers,
      requireSymbols: policy.RequireSymbols,
    }).toEqual(PASSWORD_POLICY);
  });

  it('accepts a password with 8+ characters, upper, lower and a number; refuses one missing any', () => {
    expect(meetsPasswordPolicy('Abcdefg1')).toBe(true);
    for (const weak of ['Abcdef1', 'abcdefg1', 'ABCDEFG1', 'Abcdefgh', 'Ábcdéfg1'.toLowerCase(), '']) {
      expect(meetsPasswordPolicy(weak)).toBe(false);
    }
  });
});
