/**
 * Verifies Cognito ID tokens with aws-jwt-verify.
 *
 * Why the generic `JwtVerifier` and not `CognitoJwtVerifier`: the Cognito one pins the issuer and the
 * JWKS URL to `https://cognito-idp.<region>.amazonaws.com` and its fetcher refuses http://, so it
 * cannot verify the local emulator's tokens. The generic verifier gets the same checks from
 * configuration, and `customJwtCheck` adds the Cognito-specific ones (`token_use`, `aud`).
 *
 * The JWKS cache lives in the verifier, which the function entry builds once per container: the
 * JWKS is fetched on first use, reused across invocations, and fetched again only when a token
 * names an unknown `kid` (key rotation). aws-jwt-verify's SimplePenaltyBox then refuses further
 * unknown-kid fetches for 10 s, so random kids cannot make the authorizer hammer the JWKS endpoint.
 */
import { JwtVerifier } from 'aws-jwt-verify';
import type { Fetcher } from 'aws-jwt-verify/https';
import { SimpleJwksCache } from 'aws-jwt-verify/jwk';
import { decomposeUnverifiedJwt } from 'aws-jwt-verify/jwt';
import type { JwtPayload } from 'aws-jwt-verify/jwt-model';
import { systemClock, type Clock } from '../lib/clock.js';
import type { AuthorizerConfig } from './config.js';
import { RefusedError } from './refusal.js';

export interface VerifiedIdentity {
  sub: string;
  email: string;
  groups: string[];
}

export interface IdTokenVerifier {
  /** Resolves with the caller's identity, or rejects (with any error) when the token is not valid. */
  verify(token: string): Promise<VerifiedIdentity>;
}

/** A token that is well-formed enough to parse but breaks a rule this service adds. */
export class TokenRejectedError extends RefusedError {
  override readonly name = 'TokenRejectedError';
}

/** The JWKS endpoint could not be read (down, slow, not JSON): not the caller's fault, but still a 401. */
export class JwksUnavailableError extends Error {
  override readonly name = 'JwksUnavailableError';
}

/** Cognito signs with RS256 only; anything else (none, HS256, RS384, ES256...) is refused up front. */
const COGNITO_ALGORITHM = 'RS256';
const MAX_KID_LENGTH = 128;
const JWKS_TIMEOUT_MS = 3000;

/**
 * A JWKS fetcher on the global `fetch`: works against Cognito in AWS and against an http:// emulator
 * locally (aws-jwt-verify's own Node fetcher refuses http://).
 */
export function fetchJwksFetcher(timeoutMs = JWKS_TIMEOUT_MS): Fetcher {
  return {
    async fetch(uri: string): Promise<ArrayBuffer> {
      let response: Response;
      try {
        response = await fetch(uri, {
          headers: { accept: 'application/json' },
          redirect: 'error',
          signal: AbortSignal.timeout(timeoutMs),
        });
      } catch (error) {
        throw new JwksUnavailableError(`JWKS fetch failed: ${(error as Error).message}`);
      }
      if (!response.ok) throw new JwksUnavailableError(`JWKS endpoint answered ${response.status}`);
      return response.arrayBuffer();
    },
  };
}

function cognitoGroups(payload: JwtPayload): string[] {
  const groups = payload['cognito:groups'];
  if (!Array.isArray(groups)) return [];
  // The authorizer context carries groups comma-joined: a name with a comma could smuggle in another.
  return groups.filter((g): g is string => typeof g === 'string' && g !== '' && !g.includes(','));
}

export class CognitoIdTokenVerifier implements IdTokenVerifier {
  private readonly verifier: { verify(token: string): Promise<JwtPayload> };

  constructor(
    config: AuthorizerConfig,
    private readonly clock: Clock = systemClock,
    fetcher: Fetcher = fetchJwksFetcher(),
  ) {
    const { issuer, audience, jwksUri, graceSeconds } = config;
    this.verifier = JwtVerifier.create(
      {
        issuer,
        audience,
        jwksUri,
        graceSeconds,
        // Runs after the signature, `iss`, `aud`, `exp` and `nbf` checks pass.
        customJwtCheck: ({ payload }) => {
          if (payload.token_use !== 'id')
            throw new TokenRejectedError('not an ID token (token_use)', 'token-use');
          // Cognito ID tokens carry exactly one audience, the app client id.
          if (payload.aud !== audience)
            throw new TokenRejectedError('aud is not this app client', 'audience');
          // aws-jwt-verify checks exp only when present: a token that never expires is refused here.
          if (typeof payload.exp !== 'number') throw new TokenRejectedError('no exp claim', 'claims');
          if (typeof payload.iat !== 'number') throw new TokenRejectedError('no iat claim', 'claims');
          if (payload.iat > this.clock().getTime() / 1000 + graceSeconds)
            throw new TokenRejectedError('iat in the future', 'claims');
          if (typeof payload.sub !== 'string' || payload.sub === '')
            throw new TokenRejectedError('no sub claim', 'claims');
        },
      },
      { jwksCache: new SimpleJwksCache({ fetcher }) },
    );
  }

  async verify(token: string): Promise<VerifiedIdentity> {
    // Cheap header checks before any key lookup, so a hostile token never costs a JWKS fetch.
    const { header } = decomposeUnverifiedJwt(token);
    if (header.alg !== COGNITO_ALGORITHM)
      throw new TokenRejectedError(`alg ${String(header.alg)} refused`, 'signature');
    if (typeof header.kid !== 'string' || header.kid === '' || header.kid.length > MAX_KID_LENGTH) {
      throw new TokenRejectedError('no usable kid', 'signature');
    }
    const payload = await this.verifier.verify(token);
    return {
      sub: payload.sub as string,
      email: typeof payload.email === 'string' ? payload.email : '',
      groups: cognitoGroups(payload),
    };
  }
}
