/** The project's own definition files, read the way the build and the local runner read them. */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parse } from 'yaml';
import { functionsOf, loadTemplate, parseCloudFormationYaml, type JsonObject } from 'sam-local/template';
import { FUNCTION_EXTENSION } from '../../scripts/api/contract.js';
import { projectRoot } from './paths.js';

export const templatePath = join(projectRoot, 'template.yaml');
export const template = loadTemplate(templatePath);
export const samFunctions = functionsOf(template);
/** template.yaml as written (AWS::Include not inlined), with intrinsics in long form. */
export const rawTemplate = parseCloudFormationYaml(readFileSync(templatePath, 'utf8')) as JsonObject;
/** The contract, openapi.yaml: operations, schemas, security, and the function of each operation. */
export const spec = parse(readFileSync(join(projectRoot, 'openapi.yaml'), 'utf8')) as {
  paths: Record<string, Record<string, Record<string, unknown>>>;
  components: Record<string, Record<string, unknown>>;
} & Record<string, unknown>;
/** The generated API Gateway definition template.yaml includes, with intrinsics in long form. */
export const gatewayDefinitionPath = join(projectRoot, 'api/gateway.yaml');
export const gateway = parseCloudFormationYaml(readFileSync(gatewayDefinitionPath, 'utf8')) as typeof spec;

export const HTTP_METHODS = ['get', 'put', 'post', 'delete', 'patch', 'head', 'options'];

function operationsOf(doc: typeof spec) {
  return Object.entries(doc.paths).flatMap(([path, item]) =>
    HTTP_METHODS.filter((m) => item[m]).map((method) => ({
      path,
      method,
      op: item[method] as Record<string, unknown>,
    })),
  );
}

/** The contract's operations. */
export const specOperations = () => operationsOf(spec);
/** The generated definition's methods: the contract's operations and a CORS preflight per path. */
export const gatewayMethods = () => operationsOf(gateway);

/** The template function serving a contract operation or behind a security scheme (`x-function`). */
export function functionOf(node: Record<string, unknown> | undefined): string | undefined {
  const fn = node?.[FUNCTION_EXTENSION];
  return typeof fn === 'string' ? fn : undefined;
}

/**
 * The function logical id an `Fn::Sub` integration or authorizer URI names: `${XFunction.Arn}`, or
 * the alias SAM's AutoPublishAlias generates for it, `${XFunctionAlias<name>}`.
 */
export function functionInUri(uri: unknown): string | undefined {
  return targetInUri(uri)?.functionId;
}

/** What an integration or authorizer URI invokes: the function, and the alias logical id if through one. */
export function targetInUri(uri: unknown): { functionId: string; aliasId?: string } | undefined {
  const sub = (uri as { 'Fn::Sub'?: unknown } | undefined)?.['Fn::Sub'];
  const text = typeof sub === 'string' ? sub : '';
  const named = /\/functions\/\$\{([A-Za-z0-9]+)\}\/invocations$/.exec(text)?.[1];
  if (named) {
    const fn = samFunctions.find((f) => named.startsWith(`${f.logicalId}Alias`));
    return fn ? { functionId: fn.logicalId, aliasId: named } : undefined;
  }
  const arn = /\/functions\/\$\{([A-Za-z0-9]+)\.Arn\}\/invocations$/.exec(text)?.[1];
  return arn ? { functionId: arn } : undefined;
}
