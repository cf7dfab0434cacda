import { allowPolicy, apiStageResource, MalformedMethodArnError } from '../../../src/auth/policy.js';

describe('the Allow policy', () => {
  it('covers every method and path of the called API stage, and nothing else', () => {
    expect(apiStageResource('arn:aws:execute-api:us-east-1:123456789012:abc123/dev/GET/users/me')).toBe(
      'arn:aws:execute-api:us-east-1:123456789012:abc123/dev/*/*',
    );
    expect(
      apiStageResource('arn:aws-us-gov:execute-api:us-gov-west-1:123456789012:a1/prod/DELETE/users/x'),
    ).toBe('arn:aws-us-gov:execute-api:us-gov-west-1:123456789012:a1/prod/*/*');
  });

  it('refuses methodArns that are not execute-api method ARNs or that carry wildcards', () => {
    for (const arn of [
      undefined,
      '',
      'arn:aws:execute-api:us-east-1:123456789012:abc123',
      'arn:aws:execute-api:us-east-1:123456789012:abc123/',
      'arn:aws:lambda:us-east-1:123456789012:function:x',
      'arn:aws:execute-api:us-east-1:123456789012:*/dev/GET/x',
      'arn:aws:execute-api:us-east-1:*:abc123/dev/GET/x',
      'arn:aws:execute-api:us-east-1:123456789012:abc123/*/GET/x',
      'arn:aws:execute-api:us-east-1:123456789012:abc:123/dev/GET/x',
    ]) {
      expect(() => apiStageResource(arn)).toThrow(MalformedMethodArnError);
    }
  });

  it("carries the caller's sub, email and comma-joined groups as context", () => {
    const result = allowPolicy({ sub: 's-1', email: 'e@example.com', groups: ['admin', 'staff'] }, 'arn:x');
    expect(result.principalId).toBe('s-1');
    expect(result.context).toEqual({ sub: 's-1', email: 'e@example.com', groups: 'admin,staff' });
  });
});
