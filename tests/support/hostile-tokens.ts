/**
 * A corpus of hostile Authorization header values, every one of which the authorizer must refuse
 * with 401 (never a 5xx). Built from a valid signing setup so that the forged tokens are otherwise
 * perfect: each breaks exactly one rule. The unit tests run it against the authorizer; the
 * reliability suite replays it over HTTP on every secured route.
 */
import { createPublicKey, KeyObject, sign as cryptoSign } from 'node:crypto';
import { exportJWK, generateKeyPair, SignJWT, type JWTPayload } from 'jose';
import { MAX_TOKEN_LENGTH } from '../../src/auth/token.js';
import { createSigningSetup, idTokenClaims, nowSeconds, signToken, type SigningSetup } from './signing.js';

export interface HostileToken {
  name: string;
  /** The whole Authorization header value (most `Bearer <jwt>`, some bare or broken on purpose). */
  token: string;
}

const b64url = (value: unknown) =>
  Buffer.from(typeof value === 'string' ? value : JSON.stringify(value)).toString('base64url');
const unsigned = (header: object, payload: object, signature = '') =>
  `${b64url(header)}.${b64url(payload)}.${signature}`;

/** Another user pool's id on the same issuer host (`.../us-east-1_Abc` -> `.../us-east-1_OtherPool9`). */
function anotherPoolIssuer(issuer: string): string {
  return issuer.replace(/\/[^/]+$/, (last) =>
    last.includes('_') ? `${last.split('_')[0]}_OtherPool9` : '/local_OtherPool9',
  );
}

export async function hostileTokens(setup: SigningSetup): Promise<HostileToken[]> {
  const now = nowSeconds();
  const claims = (overrides: JWTPayload = {}) => idTokenClaims(setup, overrides);
  const sign = (payload: JWTPayload, header: Record<string, unknown> = {}) =>
    signToken(setup, payload, header);
  const valid = await sign(claims());
  const [header, payload, signature = ''] = valid.split('.');

  const attacker = await generateKeyPair('RS256', { extractable: true });
  const ecAttacker = await generateKeyPair('ES256', { extractable: true });
  const otherPool = await createSigningSetup({
    issuer: anotherPoolIssuer(setup.issuer),
    audience: 'another-app-client-id',
    kid: 'other-pool-key',
  });
  const publicPem = createPublicKey({ key: setup.publicJwk as never, format: 'jwk' }).export({
    type: 'spki',
    format: 'pem',
  }) as string;

  // WebCrypto keys are bound to one hash: sign with node:crypto to use the right key with another.
  const signedWithHash = (hdr: object, body: object, hash: string) => {
    const input = `${b64url(hdr)}.${b64url(body)}`;
    const key = KeyObject.from(setup.privateKey);
    return `${input}.${cryptoSign(hash, Buffer.from(input), key).toString('base64url')}`;
  };
  const forged = async (name: string, jwt: Promise<string> | string, bare = false) => ({
    name,
    token: bare ? await jwt : `Bearer ${await jwt}`,
  });
  const tamperedPayload = b64url({ ...claims(), sub: 'someone-else', 'cognito:groups': ['admin'] });
  const flipped = signature.slice(0, -4) + (signature.endsWith('AAAA') ? 'BBBB' : 'AAAA');

  return Promise.all([
    // Signature and algorithm
    forged('bad signature (last bytes changed)', `${header}.${payload}.${flipped}`),
    forged(
      'tampered payload with the original signature (sub changed, admin added)',
      `${header}.${tamperedPayload}.${signature}`,
    ),
    forged('truncated signature', `${header}.${payload}.${signature.slice(0, 20)}`),
    forged(
      'signed by another key under the right kid',
      new SignJWT(claims()).setProtectedHeader({ alg: 'RS256', kid: setup.kid }).sign(attacker.privateKey),
    ),
    forged(
      'attacker key embedded in the header (jwk) under the right kid',
      new SignJWT(claims())
        .setProtectedHeader({ alg: 'RS256', kid: setup.kid, jwk: await exportJWK(attacker.publicKey) })
        .sign(attacker.privateKey),
    ),
    forged(
      'jku header pointing elsewhere, signed by another key',
      new SignJWT(claims())
        .setProtectedHeader({ alg: 'RS256', kid: setup.kid, jku: 'http://127.0.0.1:1/jwks.json' })
        .sign(attacker.privateKey),
    ),
    forged('alg none, empty signature', unsigned({ alg: 'none', kid: setup.kid }, claims())),
    forged('alg none, with a signature', unsigned({ alg: 'none', kid: setup.kid }, claims(), signature)),
    forged('alg "None" (case trick)', unsigned({ alg: 'None', kid: setup.kid }, claims(), 'c2ln')),
    forged(
      'HS256 signed with the public key (PEM) as the HMAC secret',
      new SignJWT(claims())
        .setProtectedHeader({ alg: 'HS256', kid: setup.kid })
        .sign(new TextEncoder().encode(publicPem)),
    ),
    forged(
      'RS384 signed by the right key',
      signedWithHash({ alg: 'RS384', kid: setup.kid }, claims(), 'sha384'),
    ),
    forged(
      'ES256 signed by another key under the right kid',
      new SignJWT(claims()).setProtectedHeader({ alg: 'ES256', kid: setup.kid }).sign(ecAttacker.privateKey),
    ),
    // Time
    forged('expired an hour ago', sign(claims({ iat: now - 7200, exp: now - 3600 }))),
    forged('not yet valid (nbf in an hour)', sign(claims({ nbf: now + 3600 }))),
    forged('issued in the future (iat in an hour)', sign(claims({ iat: now + 3600, exp: now + 7200 }))),
    forged('no exp (never expires)', sign(claims({ exp: undefined }))),
    forged('no iat', sign(claims({ iat: undefined }))),
    forged('exp is a string', sign({ ...claims(), exp: String(now + 3600) } as unknown as JWTPayload)),
    // Issuer, audience, token kind
    forged(
      'wrong issuer',
      sign(claims({ iss: 'https://cognito-idp.us-east-1.amazonaws.com/us-east-1_Attacker1' })),
    ),
    forged('issuer with a trailing slash', sign(claims({ iss: `${setup.issuer}/` }))),
    forged('no issuer', sign(claims({ iss: undefined }))),
    forged('wrong audience (another app client)', sign(claims({ aud: 'another-app-client-id' }))),
    forged('no audience', sign(claims({ aud: undefined }))),
    forged(
      'audience list with the right client and another',
      sign(claims({ aud: [setup.audience, 'another-app-client-id'] })),
    ),
    forged(
      'access token (token_use access, client_id, no aud)',
      sign(
        claims({
          token_use: 'access',
          aud: undefined,
          client_id: setup.audience,
          scope: 'aws.cognito.signin.user.admin',
        }),
      ),
    ),
    forged(
      'access token that also carries the right aud',
      sign(claims({ token_use: 'access', client_id: setup.audience })),
    ),
    forged('no token_use (a refresh-token-like JWT)', sign(claims({ token_use: undefined }))),
    forged('no sub', sign(claims({ sub: undefined }))),
    forged(
      'token from another user pool (its own key, kid, issuer and client)',
      signToken(otherPool, idTokenClaims(otherPool)),
    ),
    forged('another pool issuer signed with the right key', sign(claims({ iss: otherPool.issuer }))),
    // Key id
    forged('no kid', new SignJWT(claims()).setProtectedHeader({ alg: 'RS256' }).sign(setup.privateKey)),
    forged('unknown kid', sign(claims(), { kid: 'no-such-key' })),
    forged('kid is a number', unsigned({ alg: 'RS256', kid: 42 }, claims(), signature)),
    forged('kid with path traversal', sign(claims(), { kid: '../../../etc/passwd' })),
    // Structure
    forged('empty Bearer', ''),
    forged('empty header', '', true),
    forged('only spaces', '   ', true),
    forged('Bearer and nothing else', 'Bearer', true),
    forged('Basic scheme', `Basic ${Buffer.from('admin:admin').toString('base64')}`, true),
    forged('garbage', 'not-a-jwt'),
    forged('malformed base64 in the header', `${header}!!.${payload}.${signature}`),
    forged('header is valid base64 but not JSON', `${b64url('not json')}.${payload}.${signature}`),
    forged('payload is valid base64 but not JSON', `${header}.${b64url('{"sub":')}.${signature}`),
    forged('payload is a JSON array', `${header}.${b64url([1, 2])}.${signature}`),
    forged('two segments', `${header}.${payload}`),
    forged('four segments', `${valid}.${signature}`),
    forged(
      'five segments (JWE-shaped, like a Cognito refresh token)',
      `${header}.${b64url('key')}.${b64url('iv')}.${payload}.${b64url('tag')}`,
    ),
    forged('whitespace inside the token', `${header}. ${payload}.${signature}`),
    forged(
      'huge header (over the size limit)',
      unsigned({ alg: 'RS256', kid: setup.kid, pad: 'A'.repeat(MAX_TOKEN_LENGTH) }, claims(), signature),
    ),
    forged('huge token (over the size limit)', `${valid}${'A'.repeat(MAX_TOKEN_LENGTH)}`),
    forged('valid token after two Bearer prefixes', `Bearer Bearer ${valid}`, true),
  ]);
}
