/**
 * Opaque, tamper-evident page tokens. A DynamoDB LastEvaluatedKey is encoded as base64url JSON and
 * signed with HMAC-SHA256 over the payload and a scope (e.g. the caller and the listing), so a
 * client can neither forge a cursor nor replay another user's. Hand-written: it is a dozen lines
 * of node:crypto, and no pagination library signs cursors.
 */
import { createHmac, timingSafeEqual } from 'node:crypto';
import { domainError } from './errors.js';

export type PageKey = Record<string, string | number>;

export interface PageTokenCodec {
  encode(key: PageKey | undefined, scope: string): string | undefined;
  decode(token: string | undefined, scope: string): PageKey | undefined;
}

/** The codec as a listing service gets it: on first use, its key read then (src/lib/pagination-secret.ts). */
export type PageTokens = () => Promise<PageTokenCodec>;

/** A nextToken this listing did not issue (forged, tampered, another listing's or another caller's). */
export const InvalidPageTokenError = domainError(
  'InvalidPageTokenError',
  'invalid',
  'nextToken is not valid for this listing.',
  [{ pointer: '/query/nextToken', message: 'is not a token this listing issued' }],
);

const MIN_SECRET_LENGTH = 16;

export function pageTokenCodec(secret: string): PageTokenCodec {
  if (secret.length < MIN_SECRET_LENGTH) {
    throw new Error(`The pagination secret must be at least ${MIN_SECRET_LENGTH} characters`);
  }
  const sign = (payload: string, scope: string) =>
    createHmac('sha256', secret).update(scope).update('\0').update(payload).digest('base64url');

  return {
    encode(key, scope) {
      if (!key) return undefined;
      const payload = Buffer.from(JSON.stringify(key)).toString('base64url');
      return `${payload}.${sign(payload, scope)}`;
    },
    decode(token, scope) {
      if (token === undefined) return undefined;
      const invalid = () => new InvalidPageTokenError();
      const [payload, signature, ...rest] = token.split('.');
      if (!payload || !signature || rest.length > 0) throw invalid();
      const expected = Buffer.from(sign(payload, scope));
      const given = Buffer.from(signature);
      if (expected.length !== given.length || !timingSafeEqual(expected, given)) throw invalid();
      try {
        const key = JSON.parse(Buffer.from(payload, 'base64url').toString('utf8')) as unknown;
        if (!key || typeof key !== 'object' || Array.isArray(key)) throw invalid();
        return key as PageKey;
      } catch {
        throw invalid();
      }
    },
  };
}
