/**
 * The raw token from the Authorization header: `Bearer <jwt>` or a bare `<jwt>`. Anything else,
 * and anything too long to be a Cognito ID token, is refused before any parsing or key lookup.
 */

/** Cognito ID tokens are 1-2 KB (more with many groups); API Gateway caps all headers at 10 KB. */
export const MAX_TOKEN_LENGTH = 8192;

const BEARER = /^Bearer[ \t]+(\S+)$/i;

export function extractToken(authorization: unknown): string | undefined {
  if (typeof authorization !== 'string') return undefined;
  const value = authorization.trim();
  if (value === '' || value.length > MAX_TOKEN_LENGTH + 'Bearer '.length) return undefined;
  const token = BEARER.exec(value)?.[1] ?? value;
  // A scheme without a token ("Bearer"), another scheme ("Basic x") or embedded whitespace.
  if (/\s/.test(token) || /^bearer$/i.test(token) || token.length > MAX_TOKEN_LENGTH) return undefined;
  return token;
}
