/**
 * API Gateway's COGNITO_USER_POOLS authorizer (REST APIs), verifying tokens against the local user
 * pool (cognito-local's JWKS) with aws-jwt-verify:
 *
 * - The token is the whole value of the identity source header (`Authorization` unless the scheme
 *   names another): a missing header, a token that does not verify (signature, issuer, expiry),
 *   or one that fails the identity validation expression is 401 `Unauthorized`
 *   (https://docs.aws.amazon.com/apigateway/latest/developerguide/apigateway-integrate-with-cognito.html).
 * - Without OAuth scopes on the method, the token must be an ID token. With scopes, it must be an
 *   access token whose `scope` claim holds at least one of them: "The method invocation is
 *   authorized if any method scopes matches a claimed scope in the access token ... When the method
 *   scope is configured, the client must provide an access token instead of an identity token"
 *   (https://docs.aws.amazon.com/apigateway/latest/api/API_Method.html#apigw-Type-Method-authorizationScopes).
 * - Any app client of the pool is accepted (the authorizer names pools, not clients).
 * - The token's claims reach the function as `requestContext.authorizer.claims`, as strings
 *   (https://docs.aws.amazon.com/apigateway/latest/developerguide/apigateway-enable-cognito-user-pool.html).
 *
 * aws-jwt-verify's generic JwtVerifier, not CognitoJwtVerifier: the latter pins the issuer to
 * https://cognito-idp.<region>.amazonaws.com and its fetcher refuses http://; the local pool's
 * issuer is http://127.0.0.1:<port>/<poolId>.
 */
import { JwtVerifier } from 'aws-jwt-verify';
import { JwtExpiredError } from 'aws-jwt-verify/error';
import type { Fetcher } from 'aws-jwt-verify/https';
import { SimpleJwksCache } from 'aws-jwt-verify/jwk';
import type { JwtPayload } from 'aws-jwt-verify/jwt-model';

export type CognitoDecision = { ok: true; claims: Record<string, string> } | { ok: false; message: string };

/** The pool id of a user pool ARN (`arn:aws:cognito-idp:<region>:<account>:userpool/<id>`). */
export function userPoolIdOf(arn: string): string | undefined {
  return /:userpool\/([^/]+)$/.exec(arn)?.[1];
}

/** JWKS over the global fetch: the local pool answers http:// (aws-jwt-verify's own fetcher refuses it). */
const fetchJwks: Fetcher = {
  async fetch(uri: string): Promise<ArrayBuffer> {
    const response = await fetch(uri, { signal: AbortSignal.timeout(3000) });
    if (!response.ok) throw new Error(`JWKS ${uri} answered ${response.status}`);
    return response.arrayBuffer();
  },
};

/** A claim as API Gateway hands it on: text (lists space-separated, as Cognito writes `scope`). */
function claimText(value: unknown): string {
  if (Array.isArray(value)) return value.map(String).join(' ');
  if (value !== null && typeof value === 'object') return JSON.stringify(value);
  return String(value);
}

export class CognitoAuthorizers {
  private readonly verifiers = new Map<string, { verify(token: string): Promise<JwtPayload> }>();
  private readonly jwksCache = new SimpleJwksCache({ fetcher: fetchJwks });

  /** `issuerBase`: the local pool's issuer before `/<poolId>`, undefined when no Cognito emulator runs. */
  constructor(private readonly issuerBase: string | undefined) {}

  private verifierFor(userPoolArns: string[]) {
    const key = userPoolArns.join(',');
    let verifier = this.verifiers.get(key);
    if (!verifier) {
      const base = this.issuerBase;
      const issuers = userPoolArns
        .map(userPoolIdOf)
        .filter((id): id is string => id !== undefined)
        .map((id) => `${base}/${id}`);
      if (!base || issuers.length === 0) return undefined;
      const configs = issuers.map((issuer) => ({
        issuer,
        jwksUri: `${issuer}/.well-known/jwks.json`,
        audience: null,
      }));
      verifier = JwtVerifier.create(configs as [(typeof configs)[number], ...typeof configs], {
        jwksCache: this.jwksCache,
      });
      this.verifiers.set(key, verifier);
    }
    return verifier;
  }

  async authorize(token: string, userPoolArns: string[], scopes: string[]): Promise<CognitoDecision> {
    const verifier = this.verifierFor(userPoolArns);
    if (!verifier) return { ok: false, message: 'Unauthorized' };
    let payload: JwtPayload;
    try {
      payload = await verifier.verify(token);
    } catch (e) {
      const expired = e instanceof JwtExpiredError;
      return { ok: false, message: expired ? 'The incoming token has expired' : 'Unauthorized' };
    }
    if (scopes.length === 0) {
      if (payload.token_use !== 'id') return { ok: false, message: 'Unauthorized' };
    } else {
      const claimed = typeof payload.scope === 'string' ? payload.scope.split(' ') : [];
      if (payload.token_use !== 'access' || !scopes.some((s) => claimed.includes(s)))
        return { ok: false, message: 'Unauthorized' };
    }
    const claims: Record<string, string> = {};
    for (const [k, v] of Object.entries(payload)) if (v !== undefined) claims[k] = claimText(v);
    return { ok: true, claims };
  }
}
