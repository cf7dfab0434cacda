/**
 * openapi-fetch middleware that sends a request again after 429 (Too Many Requests) or 503 (Service
 * Unavailable), waiting what Retry-After asks (RFC 9110 section 10.2.3: seconds or an HTTP date), else
 * an exponential backoff with full jitter; a bounded number of attempts. Only requests that are safe
 * to repeat are repeated: the idempotent methods of RFC 9110 section 9.2.2, and a POST or PATCH only
 * when it carries an Idempotency-Key (this API answers a repeat with the same key and body with the
 * same job).
 *
 * Written by hand: openapi-fetch has no retry middleware, and fetch wrappers such as fetch-retry
 * neither keep the Request's body for a second send nor know about idempotency keys.
 * tests/unit/api/retry-middleware.test.ts covers it with a fake fetch and a fake clock.
 */
import type { Middleware } from 'openapi-fetch';

export interface RetryOptions {
  /** Attempts in all, the first included (default 3). */
  maxAttempts?: number;
  /** The backoff's first step, doubled each attempt (default 250 ms). */
  baseDelayMs?: number;
  /** The longest wait; a Retry-After asking for more is not waited for (default 10 s). */
  maxDelayMs?: number;
  /** Statuses worth another attempt (default 429 and 503). */
  statuses?: readonly number[];
  /** Waits `ms`; rejects when `signal` aborts (default: a timer). */
  sleep?: (ms: number, signal: AbortSignal) => Promise<void>;
  /** A number in [0, 1) for the jitter (default Math.random). */
  random?: () => number;
  /** The current time in ms, for Retry-After dates (default Date.now). */
  now?: () => number;
}

const IDEMPOTENT = new Set(['GET', 'HEAD', 'OPTIONS', 'TRACE', 'PUT', 'DELETE']);

/** Whether sending `request` twice has the effect of sending it once. */
export function isRepeatable(request: Request): boolean {
  return IDEMPOTENT.has(request.method.toUpperCase()) || request.headers.has('Idempotency-Key');
}

/** Retry-After in ms (RFC 9110 section 10.2.3), or undefined when absent or unreadable. */
export function retryAfterMs(value: string | null, now: number): number | undefined {
  if (value === null) return undefined;
  const text = value.trim();
  if (/^\d+$/.test(text)) return Number(text) * 1000;
  // Every HTTP-date form (IMF-fixdate, RFC 850, asctime) starts with the day's name.
  const date = /^[A-Za-z]{3}/.test(text) ? Date.parse(text) : Number.NaN;
  return Number.isNaN(date) ? undefined : Math.max(0, date - now);
}

const timerSleep = (ms: number, signal: AbortSignal) =>
  new Promise<void>((resolve, reject) => {
    if (signal.aborted) return reject(signal.reason as Error);
    const timer = setTimeout(() => {
      signal.removeEventListener('abort', abort);
      resolve();
    }, ms);
    const abort = () => {
      clearTimeout(timer);
      reject(signal.reason as Error);
    };
    signal.addEventListener('abort', abort, { once: true });
  });

export function retryMiddleware(options: RetryOptions = {}): Middleware {
  const {
    maxAttempts = 3,
    baseDelayMs = 250,
    maxDelayMs = 10_000,
    statuses = [429, 503],
    sleep = timerSleep,
    random = Math.random,
    now = Date.now,
  } = options;
  const unsent = new Map<string, Request>();

  return {
    onRequest({ request, id }) {
      if (maxAttempts > 1 && isRepeatable(request)) unsent.set(id, request.clone());
      return undefined;
    },
    async onResponse({ response, options: client, id }) {
      const original = unsent.get(id);
      unsent.delete(id);
      if (!original) return undefined;
      let current = response;
      for (let attempt = 1; attempt < maxAttempts && statuses.includes(current.status); attempt++) {
        const asked = retryAfterMs(current.headers.get('Retry-After'), now());
        const wait = asked ?? Math.floor(random() * Math.min(maxDelayMs, baseDelayMs * 2 ** (attempt - 1)));
        if (wait > maxDelayMs) break;
        await sleep(wait, original.signal);
        await current.body?.cancel().catch(() => undefined);
        current = await client.fetch(original.clone());
      }
      return current === response ? undefined : current;
    },
    onError({ id }) {
      unsent.delete(id);
      return undefined;
    },
  };
}
