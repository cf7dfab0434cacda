/**
 * Why the authorizer refused a request, as a small closed set: the `reason` dimension of the
 * AuthorizerRefused metric (src/lib/metric-names.ts). Every error the authorizer can meet maps to one
 * class; the message, which may quote the token's claims, never becomes a dimension.
 */
import {
  CognitoJwtInvalidClientIdError,
  CognitoJwtInvalidTokenUseError,
  JwkInvalidKtyError,
  JwkInvalidUseError,
  JwtExpiredError,
  JwtInvalidAudienceError,
  JwtInvalidClaimError,
  JwtInvalidSignatureAlgorithmError,
  JwtInvalidSignatureError,
  JwtParseError,
  JwtWithoutValidKidError,
  KidNotFoundInJwksError,
  WaitPeriodNotYetEndedJwkError,
} from 'aws-jwt-verify/error';

export const REFUSAL_REASONS = [
  /** No token: no Authorization header, a blank one, or "Bearer" alone. */
  'missing',
  /** Not a JWT: another scheme, too long, not three base64url JSON parts (or an event API Gateway never sends). */
  'malformed',
  /** Past its exp. */
  'expired',
  /** Not signed by a key of the pool's JWKS: bad signature, another algorithm, an unknown or no kid. */
  'signature',
  /** Issued for another app client (aud). */
  'audience',
  /** An access token where an ID token is required (token_use). */
  'token-use',
  /** Another claim rule: issuer, not yet valid, no exp, iat or sub, iat in the future. */
  'claims',
  /** The authorizer could not decide: the JWKS unreachable or invalid, a misconfiguration. */
  'unavailable',
] as const;

export type RefusalReason = (typeof REFUSAL_REASONS)[number];

/** A refusal whose class the authorizer's own code decides (the checks aws-jwt-verify does not make). */
export class RefusedError extends Error {
  constructor(
    message: string,
    readonly reason: RefusalReason,
  ) {
    super(message);
  }
}

/** Error classes of aws-jwt-verify, most specific first (JwtExpiredError is a JwtInvalidClaimError). */
const LIBRARY_ERRORS: [abstract new (...args: never[]) => Error, RefusalReason][] = [
  [JwtParseError, 'malformed'],
  [JwtExpiredError, 'expired'],
  [JwtInvalidSignatureError, 'signature'],
  [JwtInvalidSignatureAlgorithmError, 'signature'],
  [KidNotFoundInJwksError, 'signature'],
  [JwtWithoutValidKidError, 'signature'],
  [WaitPeriodNotYetEndedJwkError, 'signature'],
  [JwkInvalidUseError, 'signature'],
  [JwkInvalidKtyError, 'signature'],
  [JwtInvalidAudienceError, 'audience'],
  [CognitoJwtInvalidClientIdError, 'audience'],
  [CognitoJwtInvalidTokenUseError, 'token-use'],
  [JwtInvalidClaimError, 'claims'],
];

export function refusalReason(error: unknown): RefusalReason {
  if (error instanceof RefusedError) return error.reason;
  for (const [type, reason] of LIBRARY_ERRORS) if (error instanceof type) return reason;
  return 'unavailable';
}
