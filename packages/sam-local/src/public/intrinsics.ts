/** CloudFormation intrinsics (Ref, Fn::GetAtt, Fn::Sub, Fn::Join, Fn::If, ...) resolved against known values. */
export {
  parameterValues,
  referencedIds,
  referencesAny,
  resolveIntrinsics,
  resolveToString,
  Unresolvable,
  type IntrinsicContext,
  type ResourceValues,
} from '../sam/intrinsics.js';
/** Template Conditions evaluated from parameter values, and the template CloudFormation would create under them. */
export { activeTemplate, evaluateConditions } from '../sam/conditions.js';
