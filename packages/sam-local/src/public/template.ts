/** Reading a SAM template as SAM does: CloudFormation YAML tags, AWS::Include inlined, Globals merged. */
export { parseCloudFormationYaml } from '../sam/cfn-yaml.js';
export {
  functionsOf,
  loadTemplate,
  mergeGlobals,
  text,
  type Json,
  type JsonObject,
  type Resource,
  type SamFunction,
  type SamTemplate,
} from '../sam/template.js';
