/** CloudFormation intrinsics (Ref, Fn::GetAtt, Fn::Sub, Fn::Join, ...) resolved against known values. */
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
