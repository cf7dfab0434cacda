/**
 * Test-only token issuer: an RSA key pair with a kid, its JWKS, and ID tokens shaped like Cognito's
 * (RS256, `token_use: id`, `aud` = app client id, `cognito:groups`), signed with jose.
 */
import { randomUUID } from 'node:crypto';
import {
  exportJWK,
  generateKeyPair,
  importJWK,
  SignJWT,
  type CryptoKey,
  type JWK,
  type JWTPayload,
} from 'jose';

export interface SigningSetup {
  /** Signs valid tokens. */
  privateKey: CryptoKey;
  /** The public half as published in the JWKS (kid, alg RS256, use sig). */
  publicJwk: JWK;
  kid: string;
  /** The issuer the verifier expects (`<base>/<poolId>`). */
  issuer: string;
  /** The app client id the verifier expects in `aud`. */
  audience: string;
}

export interface TokenParties {
  issuer: string;
  audience: string;
  kid?: string;
}

export async function createSigningSetup({
  issuer,
  audience,
  kid = 'test-key-1',
}: TokenParties): Promise<SigningSetup> {
  const { privateKey, publicKey } = await generateKeyPair('RS256', { extractable: true });
  const publicJwk = { ...(await exportJWK(publicKey)), kid, alg: 'RS256', use: 'sig' };
  return { privateKey, publicJwk, kid, issuer, audience };
}

/** A setup from an existing private JWK, e.g. cognito-local's published key, to forge its tokens in tests. */
export async function signingSetupFromJwk(privateJwk: JWK, parties: TokenParties & { kid: string }) {
  const privateKey = (await importJWK(privateJwk, 'RS256')) as CryptoKey;
  const { d: _d, p: _p, q: _q, dp: _dp, dq: _dq, qi: _qi, ...publicJwk } = privateJwk;
  return { privateKey, publicJwk: { ...publicJwk, kid: parties.kid, alg: 'RS256', use: 'sig' }, ...parties };
}

export const jwksOf = (...setups: SigningSetup[]) => ({ keys: setups.map((s) => s.publicJwk) });

export const nowSeconds = () => Math.floor(Date.now() / 1000);

/** The claims of a fresh Cognito ID token for this setup. */
export function idTokenClaims(setup: SigningSetup, claims: JWTPayload = {}): JWTPayload {
  const now = nowSeconds();
  const sub = randomUUID();
  return {
    sub,
    email: `${sub.slice(0, 8)}@example.com`,
    email_verified: true,
    'cognito:username': sub,
    'cognito:groups': [],
    token_use: 'id',
    auth_time: now,
    iss: setup.issuer,
    aud: setup.audience,
    iat: now,
    exp: now + 3600,
    jti: randomUUID(),
    ...claims,
  };
}

/**
 * Signs exactly the given payload (claims set to `undefined` are left out) with the setup's key,
 * or with `key` and any header.
 */
export async function signToken(
  setup: SigningSetup,
  payload: JWTPayload,
  header: Record<string, unknown> = {},
  key: CryptoKey | Uint8Array = setup.privateKey,
): Promise<string> {
  const clean = JSON.parse(JSON.stringify(payload)) as JWTPayload;
  return new SignJWT(clean).setProtectedHeader({ alg: 'RS256', kid: setup.kid, ...header }).sign(key);
}

/** A valid ID token; `claims` override or (with `undefined`) remove the defaults. */
export const signIdToken = (setup: SigningSetup, claims: JWTPayload = {}) =>
  signToken(setup, idTokenClaims(setup, claims));
