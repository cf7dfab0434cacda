/**
 * Evaluates a Lambda authorizer's IAM policy against a method ARN as API Gateway does: statements
 * whose Action covers execute-api:Invoke and whose Resource matches (with * and ? wildcards) decide;
 * an explicit Deny wins over any Allow; no matching Allow is a deny. Written by hand: no npm
 * library evaluates execute-api policies.
 */
export interface CompiledPolicy {
  allow: RegExp[];
  deny: RegExp[];
}

export type PolicyDecision = 'allow' | 'deny' | 'explicit-deny';

const asList = (v: unknown): unknown[] => (Array.isArray(v) ? v : v === undefined ? [] : [v]);

function wildcard(pattern: string): RegExp {
  const escaped = pattern
    .replace(/[.+^${}()|[\]\\]/g, '\\$&')
    .replace(/\*/g, '.*')
    .replace(/\?/g, '.');
  return new RegExp(`^${escaped}$`);
}

const INVOKE_ACTIONS = [/^\*$/, /^execute-api:\*$/i, /^execute-api:invoke$/i];

/** Compiles a policy document; throws if it is not one (the authorizer's result is then malformed). */
export function compilePolicy(document: unknown): CompiledPolicy {
  if (typeof document !== 'object' || document === null) throw new Error('policyDocument is not an object');
  const statements = asList((document as { Statement?: unknown }).Statement);
  if (statements.length === 0) throw new Error('policyDocument has no Statement');
  const policy: CompiledPolicy = { allow: [], deny: [] };
  for (const s of statements) {
    const st = s as { Effect?: unknown; Action?: unknown; Resource?: unknown };
    const effect = typeof st.Effect === 'string' ? st.Effect.toLowerCase() : '';
    if (effect !== 'allow' && effect !== 'deny')
      throw new Error(`statement Effect ${JSON.stringify(st.Effect)}`);
    const coversInvoke = asList(st.Action).some((a) => INVOKE_ACTIONS.some((re) => re.test(String(a))));
    if (!coversInvoke) continue;
    for (const r of asList(st.Resource))
      (effect === 'allow' ? policy.allow : policy.deny).push(wildcard(String(r)));
  }
  return policy;
}

export function evaluatePolicy(policy: CompiledPolicy, methodArn: string): PolicyDecision {
  if (policy.deny.some((re) => re.test(methodArn))) return 'explicit-deny';
  return policy.allow.some((re) => re.test(methodArn)) ? 'allow' : 'deny';
}
