/** The IAM statements of a role in a parsed template (inline policies, both branches of an Fn::If). */
import type { Json, JsonObject } from 'sam-local/template';
import { isObject, text } from './json.js';

const list = (v: Json | undefined): Json[] => (Array.isArray(v) ? v : v === undefined ? [] : [v]);

export interface Statement {
  policy: string;
  sid: string;
  effect: string;
  actions: string[];
  resources: Json[];
  condition?: Json;
}

/** The values an `Fn::If` may take (both branches, AWS::NoValue dropped); other values as they are. */
export function branches(value: Json): Json[] {
  if (isObject(value) && Array.isArray(value['Fn::If'])) {
    return value['Fn::If'].slice(1).flatMap((b) => branches(b));
  }
  if (isObject(value) && value.Ref === 'AWS::NoValue') return [];
  return [value];
}

export function roleStatements(role: JsonObject | undefined): Statement[] {
  const props = isObject(role?.Properties) ? role.Properties : {};
  return list(props.Policies)
    .flatMap(branches)
    .flatMap((policy) => {
      const p = isObject(policy) ? policy : {};
      const doc = isObject(p.PolicyDocument) ? p.PolicyDocument : {};
      return list(doc.Statement).map((s, i) => {
        const st = isObject(s) ? s : {};
        return {
          policy: text(p.PolicyName),
          sid: typeof st.Sid === 'string' ? st.Sid : `#${i}`,
          effect: text(st.Effect),
          actions: list(st.Action).map(String),
          resources: list(st.Resource),
          ...(st.Condition !== undefined ? { condition: st.Condition } : {}),
        };
      });
    });
}

/** The service principals a role's trust policy admits. */
export function trustedServices(role: JsonObject | undefined): string[] {
  const props = isObject(role?.Properties) ? role.Properties : {};
  const doc = isObject(props.AssumeRolePolicyDocument) ? props.AssumeRolePolicyDocument : {};
  return list(doc.Statement).flatMap((s) => {
    const principal = isObject(s) && isObject(s.Principal) ? s.Principal : {};
    return list(principal.Service).map(String);
  });
}
