/**
 * openapi-fetch middleware that sends a bearer token on secured operations and, when one answers
 * 401, asks the token provider for a fresh token once and sends the request once more.
 *
 * Written by hand (not generated, not a library): openapi-fetch ships the Middleware interface but
 * no auth middleware, and none on npm refreshes on a 401 and retries with the request's own body.
 * tests/unit/api/auth-middleware.test.ts covers it with a fake fetch.
 */
import type { Middleware } from 'openapi-fetch';

/** Where the middleware gets tokens from (a login session, a test user, a CLI's cache, ...). */
export interface TokenProvider {
  /** The token to send now; undefined sends the request without one. */
  token(): string | undefined | Promise<string | undefined>;
  /**
   * Called after a 401: a fresh token, or undefined when none can be had (the 401 then stands).
   * Concurrent 401s share one call.
   */
  refresh(): Promise<string | undefined>;
}

export interface AuthMiddlewareOptions {
  /** Whether an operation needs the token (`GET`, `/users/{userId}`); default: every operation. */
  secured?: (method: string, schemaPath: string) => boolean;
  /** The header's value for a token (default `Bearer <token>`). */
  scheme?: (token: string) => string;
}

export function authMiddleware(tokens: TokenProvider, options: AuthMiddlewareOptions = {}): Middleware {
  const secured = options.secured ?? (() => true);
  const header = options.scheme ?? ((token: string) => `Bearer ${token}`);
  // The request as first sent (with its body, which fetch consumes), kept until its response.
  const unsent = new Map<string, Request>();
  let refreshing: Promise<string | undefined> | undefined;
  const refreshOnce = () => {
    refreshing ??= tokens.refresh().finally(() => (refreshing = undefined));
    return refreshing;
  };

  return {
    async onRequest({ request, schemaPath, id }) {
      if (!secured(request.method, schemaPath)) return undefined;
      const token = await tokens.token();
      if (token !== undefined) request.headers.set('Authorization', header(token));
      unsent.set(id, request.clone());
      return request;
    },
    async onResponse({ response, options: client, id }) {
      const original = unsent.get(id);
      unsent.delete(id);
      if (!original || response.status !== 401) return undefined;
      const fresh = await refreshOnce().catch(() => undefined);
      if (fresh === undefined) return undefined;
      await response.body?.cancel().catch(() => undefined);
      original.headers.set('Authorization', header(fresh));
      return client.fetch(original);
    },
    onError({ id }) {
      unsent.delete(id);
      return undefined;
    },
  };
}
