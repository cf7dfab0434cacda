/**
 * Lambda authorizers as API Gateway runs them (TOKEN and REQUEST types): a missing identity source
 * is 401 without invoking; the function's `Error('Unauthorized')` is 401; its policy is evaluated
 * against the method ARN (403 on deny); any other failure is 500. Results are cached per identity
 * for authorizerResultTtlInSeconds (the policy is cached, then evaluated for each method ARN, as in
 * API Gateway); errors are not cached. The context reaches the integration as
 * requestContext.authorizer with principalId, values as strings (as REST APIs pass them).
 */
import type { InvokeOutcome } from '../lambda/function.js';
import { CognitoAuthorizers } from './cognito-authorizer.js';
import type { AuthorizerConfig } from './definition.js';
import type { ResponseType } from './gateway-responses.js';
import { compilePolicy, evaluatePolicy, type CompiledPolicy } from './policy.js';

export type AuthorizerDecision =
  | { ok: true; authorizer: Record<string, unknown> }
  | { ok: false; type: ResponseType; message?: string | null };

interface CacheEntry {
  expires: number;
  policy: CompiledPolicy;
  authorizer: Record<string, unknown>;
}

export interface AuthorizationRequest {
  /** Lower-cased header names, last value. */
  headers: Record<string, string>;
  query: Record<string, string>;
  methodArn: string;
  /** The REQUEST authorizer's event (built only when needed). */
  requestEvent(): Record<string, unknown>;
}

const MAX_CACHE_ENTRIES = 10000;

export class Authorizers {
  private readonly caches = new Map<string, Map<string, CacheEntry>>();

  constructor(
    private readonly invoke: (functionId: string, event: unknown) => Promise<InvokeOutcome>,
    /** COGNITO_USER_POOLS authorizers (cognito-authorizer.ts), against the local user pool. */
    private readonly cognito = new CognitoAuthorizers(undefined),
  ) {}

  /** Forgets cached results (after the authorizer function is rebuilt). */
  clear(): void {
    this.caches.clear();
  }

  async authorize(config: AuthorizerConfig, request: AuthorizationRequest): Promise<AuthorizerDecision> {
    if (config.type === 'cognito_user_pools') {
      const source = config.identity[0];
      const token = source ? request.headers[source.name] : undefined;
      if (!token || (config.identityValidation && !config.identityValidation.test(token)))
        return { ok: false, type: 'UNAUTHORIZED' };
      const decision = await this.cognito.authorize(token, config.userPoolArns ?? [], config.scopes ?? []);
      return decision.ok
        ? { ok: true, authorizer: { claims: decision.claims } }
        : { ok: false, type: 'UNAUTHORIZED', message: decision.message };
    }
    const values: string[] = [];
    for (const source of config.identity) {
      const v = source.in === 'header' ? request.headers[source.name] : request.query[source.name];
      if (!v) return { ok: false, type: 'UNAUTHORIZED' };
      values.push(v);
    }
    if (values.length === 0) return { ok: false, type: 'UNAUTHORIZED' };
    const token = values[0] as string;
    if (config.type === 'token' && config.identityValidation && !config.identityValidation.test(token))
      return { ok: false, type: 'UNAUTHORIZED' };

    const key = values.join('\u0000');
    let cache = this.caches.get(config.name);
    if (!cache) this.caches.set(config.name, (cache = new Map<string, CacheEntry>()));
    const now = Date.now();
    let entry = config.ttlSeconds > 0 ? cache.get(key) : undefined;
    if (entry && entry.expires <= now) {
      cache.delete(key);
      entry = undefined;
    }
    if (!entry) {
      const event =
        config.type === 'token'
          ? { type: 'TOKEN', authorizationToken: token, methodArn: request.methodArn }
          : { type: 'REQUEST', methodArn: request.methodArn, ...request.requestEvent() };
      const started = Date.now();
      const outcome = await this.invoke(config.functionId, event);
      if (!outcome.ok) {
        // API Gateway's contract: the exact message "Unauthorized" means 401; anything else is a failure.
        if (outcome.kind === 'error' && outcome.errorMessage === 'Unauthorized')
          return { ok: false, type: 'UNAUTHORIZED' };
        return { ok: false, type: 'AUTHORIZER_FAILURE' };
      }
      const built = this.entryFrom(outcome.result, Date.now() - started, now + config.ttlSeconds * 1000);
      if (!built) return { ok: false, type: 'AUTHORIZER_CONFIGURATION_ERROR' };
      entry = built;
      if (config.ttlSeconds > 0) {
        if (cache.size >= MAX_CACHE_ENTRIES) cache.delete(cache.keys().next().value as string);
        cache.set(key, entry);
      }
    }
    const decision = evaluatePolicy(entry.policy, request.methodArn);
    if (decision === 'allow') return { ok: true, authorizer: entry.authorizer };
    return {
      ok: false,
      type: 'ACCESS_DENIED',
      message:
        decision === 'explicit-deny'
          ? 'User is not authorized to access this resource with an explicit deny'
          : 'User is not authorized to access this resource',
    };
  }

  /** The cache entry for a valid authorizer result; undefined if the result is malformed. */
  private entryFrom(result: unknown, latencyMs: number, expires: number): CacheEntry | undefined {
    if (typeof result !== 'object' || result === null) return undefined;
    const r = result as { principalId?: unknown; policyDocument?: unknown; context?: unknown };
    if (typeof r.principalId !== 'string' && typeof r.principalId !== 'number') return undefined;
    let policy: CompiledPolicy;
    try {
      policy = compilePolicy(r.policyDocument);
    } catch {
      return undefined;
    }
    const authorizer: Record<string, unknown> = {};
    if (r.context !== undefined && r.context !== null) {
      if (typeof r.context !== 'object' || Array.isArray(r.context)) return undefined;
      for (const [k, v] of Object.entries(r.context)) {
        // Only strings, numbers and booleans are allowed; REST APIs hand them on as strings.
        if (!['string', 'number', 'boolean'].includes(typeof v)) return undefined;
        authorizer[k] = String(v as string);
      }
    }
    authorizer.principalId = String(r.principalId);
    authorizer.integrationLatency = latencyMs;
    return { expires, policy, authorizer };
  }
}
