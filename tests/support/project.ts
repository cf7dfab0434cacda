/** The project's own definition files, read the way the build and the local runner read them. */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parse } from 'yaml';
import { functionsOf, loadTemplate, type JsonObject } from '../../local/sam/template.js';
import { parseCloudFormationYaml } from '../../local/sam/cfn-yaml.js';
import { projectRoot } from './paths.js';

export const templatePath = join(projectRoot, 'template.yaml');
export const template = loadTemplate(templatePath);
export const samFunctions = functionsOf(template);
/** template.yaml as written (AWS::Include not inlined), with intrinsics in long form. */
export const rawTemplate = parseCloudFormationYaml(readFileSync(templatePath, 'utf8')) as JsonObject;
export const spec = parse(readFileSync(join(projectRoot, 'openapi.yaml'), 'utf8')) as {
  paths: Record<string, Record<string, Record<string, unknown>>>;
  components: Record<string, Record<string, unknown>>;
} & Record<string, unknown>;

export const HTTP_METHODS = ['get', 'put', 'post', 'delete', 'patch', 'head', 'options'];

export function specOperations() {
  return Object.entries(spec.paths).flatMap(([path, item]) =>
    HTTP_METHODS.filter((m) => item[m]).map((method) => ({
      path,
      method,
      op: item[method] as Record<string, unknown>,
    })),
  );
}

/** The function logical id an `Fn::Sub` integration or authorizer URI names (`${XFunction.Arn}`). */
export function functionInUri(uri: unknown): string | undefined {
  const sub = (uri as { 'Fn::Sub'?: unknown } | undefined)?.['Fn::Sub'];
  const text = typeof sub === 'string' ? sub : '';
  return /\/functions\/\$\{([A-Za-z0-9]+)\.Arn\}\/invocations$/.exec(text)?.[1];
}
