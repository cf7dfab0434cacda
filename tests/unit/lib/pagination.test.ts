import { InvalidPageTokenError, pageTokenCodec } from '../../../src/lib/pagination.js';

const codec = pageTokenCodec('a-test-secret-of-enough-length');
const key = { ownerId: 'u1', jobId: 'j9', createdAt: '2026-11-25T00:00:00.000Z' };

describe('page tokens', () => {
  it('round-trip a key within the same scope', () => {
    const token = codec.encode(key, 'jobs:u1');
    expect(token).toEqual(expect.any(String));
    expect(codec.decode(token, 'jobs:u1')).toEqual(key);
  });

  it('have no token for the last page, and no key for no token', () => {
    expect(codec.encode(undefined, 'jobs:u1')).toBeUndefined();
    expect(codec.decode(undefined, 'jobs:u1')).toBeUndefined();
  });

  it("refuse another scope's token (no replaying another user's cursor)", () => {
    const token = codec.encode(key, 'jobs:u1');
    expect(() => codec.decode(token, 'jobs:u2')).toThrow(InvalidPageTokenError);
  });

  it('refuse a tampered payload, a forged signature, garbage and extra segments', () => {
    const token = codec.encode(key, 'jobs:u1') ?? '';
    const [payload, signature] = token.split('.');
    const forgedPayload = Buffer.from(JSON.stringify({ ...key, ownerId: 'u2' })).toString('base64url');
    for (const bad of [
      `${forgedPayload}.${signature}`,
      `${payload}.${'A'.repeat(signature?.length ?? 43)}`,
      'not-a-token',
      `${token}.extra`,
      '',
      '.',
    ]) {
      expect(() => codec.decode(bad, 'jobs:u1')).toThrow(InvalidPageTokenError);
    }
  });

  it('refuses a short secret at start-up', () => {
    expect(() => pageTokenCodec('short')).toThrow(/at least 16/);
  });

  it('signed with another secret is refused', () => {
    const other = pageTokenCodec('another-secret-of-enough-length');
    expect(() => codec.decode(other.encode(key, 'jobs:u1'), 'jobs:u1')).toThrow(InvalidPageTokenError);
  });
});
