import { extractToken, MAX_TOKEN_LENGTH } from '../../../src/auth/token.js';

const jwt = 'eyJhbGciOiJSUzI1NiJ9.eyJzdWIiOiJ4In0.c2ln';

describe('extracting the token from the Authorization header', () => {
  it('accepts "Bearer <jwt>" in any case and a bare jwt, trimming outer spaces', () => {
    for (const header of [`Bearer ${jwt}`, `bearer ${jwt}`, `BEARER\t${jwt}`, jwt, `  Bearer  ${jwt} `]) {
      expect(extractToken(header)).toBe(jwt);
    }
  });

  it('refuses empty values, other schemes, extra words and non-strings', () => {
    for (const header of [
      '',
      '   ',
      'Bearer',
      'Bearer ',
      'Basic dXNlcjpwYXNz',
      `Bearer ${jwt} extra`,
      `Bearer Bearer ${jwt}`,
      `Token ${jwt}`,
    ]) {
      expect(extractToken(header)).toBeUndefined();
    }
    for (const value of [undefined, null, 42, {}, [jwt]]) expect(extractToken(value)).toBeUndefined();
  });

  it('refuses a token over the size limit without parsing it', () => {
    expect(extractToken('a'.repeat(MAX_TOKEN_LENGTH))).toHaveLength(MAX_TOKEN_LENGTH);
    expect(extractToken('a'.repeat(MAX_TOKEN_LENGTH + 1))).toBeUndefined();
    expect(extractToken(`Bearer ${'a'.repeat(MAX_TOKEN_LENGTH + 1)}`)).toBeUndefined();
  });
});
