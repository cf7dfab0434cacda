/**
 * A SAM function's IAM permissions as written in its `Policies`, compared both ways with the
 * actions its code needs: a missing action fails in AWS (AccessDenied), an extra one is privilege
 * nobody uses. Only inline `Statement`s can be compared; a SAM policy template or managed policy
 * is reported, so the comparison never passes by not looking.
 */
import type { Json, SamFunction } from 'sam-local/template';
import { isObject, text } from './json.js';
import type { SdkCall } from './sdk-calls.js';

const list = (v: Json | undefined): Json[] => (Array.isArray(v) ? v : v === undefined ? [] : [v]);

export function grantedActions(fn: SamFunction): { actions: string[]; problems: string[] } {
  const actions = new Set<string>();
  const problems: string[] = [];
  for (const policy of list(fn.properties.Policies)) {
    if (!isObject(policy) || !('Statement' in policy)) {
      problems.push(
        `${fn.logicalId}: policy ${text(isObject(policy) ? Object.keys(policy)[0] : policy)} cannot be compared with the code; write its Statement instead`,
      );
      continue;
    }
    for (const statement of list(policy.Statement)) {
      if (!isObject(statement)) continue;
      if (statement.Effect !== 'Allow') continue;
      for (const action of list(statement.Action)) actions.add(text(action));
    }
  }
  return { actions: [...actions].sort(), problems };
}

export function policyProblems(fn: SamFunction, calls: SdkCall[]): string[] {
  const { actions: granted, problems } = grantedActions(fn);
  const needed = new Map<string, SdkCall>();
  for (const c of calls) if (c.action && !needed.has(c.action)) needed.set(c.action, c);
  for (const [action, call] of needed)
    if (!granted.includes(action))
      problems.push(
        `${fn.logicalId}: its code sends ${call.command} (${call.where}), which needs ${action}; its Policies do not allow it`,
      );
  for (const action of granted)
    if (!needed.has(action))
      problems.push(`${fn.logicalId}: its Policies allow ${action}, which its code never sends`);
  return problems;
}
