/**
 * Which template functions are published with SAM's AutoPublishAlias, and the logical id of the
 * alias SAM generates for each: `<Function>Alias<alias-name>`, whose Ref is the alias ARN
 * (https://docs.aws.amazon.com/serverless-application-model/latest/developerguide/sam-specification-generated-resources-function.html#sam-specification-generated-resources-function-autopublishalias).
 * The generated API definition invokes such a function through its alias, so a CodeDeploy traffic
 * shift (DeploymentPreference) applies to API Gateway's calls too. template.yaml is the one place
 * that says which functions have an alias.
 */
import { readFileSync } from 'node:fs';
import { parseCloudFormationYaml } from 'sam-local/template';

const isMap = (v: unknown): v is Record<string, unknown> =>
  typeof v === 'object' && v !== null && !Array.isArray(v);

/**
 * The alias's logical id. The docs give `MyFunctionAliaslive` for `live`; alias names may also hold
 * `-` and `_`, which SAM spells `D` and `U` in the id (samtranslator's SamFunction._construct_alias).
 */
export function aliasLogicalId(functionId: string, aliasName: string): string {
  if (!/^(?!\d+$)[A-Za-z0-9_-]+$/.test(aliasName))
    throw new Error(`${functionId}: AutoPublishAlias "${aliasName}" is not a name SAM accepts`);
  return `${functionId}Alias${aliasName.replace(/-/g, 'D').replace(/_/g, 'U')}`;
}

/** Function logical id -> the logical id of its AutoPublishAlias alias, for every function that has one. */
export function functionAliases(templateText: string): Map<string, string> {
  const doc = parseCloudFormationYaml(templateText);
  const resources = isMap(doc) && isMap(doc.Resources) ? doc.Resources : {};
  const globals = isMap(doc) && isMap(doc.Globals) && isMap(doc.Globals.Function) ? doc.Globals.Function : {};
  const aliases = new Map<string, string>();
  for (const [id, resource] of Object.entries(resources)) {
    if (!isMap(resource) || resource.Type !== 'AWS::Serverless::Function') continue;
    const own = isMap(resource.Properties) ? resource.Properties.AutoPublishAlias : undefined;
    const name = own ?? globals.AutoPublishAlias;
    if (name === undefined) continue;
    if (typeof name !== 'string')
      throw new Error(`${id}: AutoPublishAlias must be a literal name for the generated API definition`);
    aliases.set(id, aliasLogicalId(id, name));
  }
  return aliases;
}

export const readFunctionAliases = (templatePath: string) =>
  functionAliases(readFileSync(templatePath, 'utf8'));
