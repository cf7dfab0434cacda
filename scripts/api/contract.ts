/**
 * Reads the contract (openapi.yaml) for the generators: its operations with their parameters
 * resolved, their security and the Lambda function that serves each one (the `x-function`
 * extension). It refuses a contract that leaves any of that unsaid, so nothing downstream guesses.
 */

/** The vendor extension naming a template function: on an operation (its integration) and on a security scheme (its authorizer). */
export const FUNCTION_EXTENSION = 'x-function';

export const HTTP_METHODS = ['get', 'put', 'post', 'delete', 'patch', 'head'] as const;
export type HttpMethod = (typeof HTTP_METHODS)[number];

export type JsonMap = Record<string, unknown>;

export interface Parameter {
  name: string;
  in: 'path' | 'query' | 'header' | 'cookie';
  required?: boolean;
  description?: string;
  schema?: JsonMap;
}

export interface RequestBody {
  required?: boolean;
  description?: string;
  content: Record<string, { schema?: JsonMap }>;
}

export type SecurityRequirement = Record<string, string[]>;

export interface Contract extends JsonMap {
  openapi: string;
  info: JsonMap & { title: string; version: string };
  paths: Record<string, JsonMap>;
  components: JsonMap & {
    schemas?: Record<string, JsonMap>;
    parameters?: Record<string, Parameter>;
    responses?: Record<string, JsonMap>;
    requestBodies?: Record<string, RequestBody>;
    securitySchemes?: Record<string, JsonMap>;
  };
}

export interface ContractOperation {
  path: string;
  method: HttpMethod;
  operationId: string;
  /** The operation as written. */
  raw: JsonMap;
  /** Path-level and operation-level parameters, `$ref`s resolved; the operation's win. */
  parameters: Parameter[];
  requestBody?: RequestBody;
  security: SecurityRequirement[];
  /** Logical id of the template function serving the operation. */
  functionId: string;
}

const isMap = (v: unknown): v is JsonMap => typeof v === 'object' && v !== null && !Array.isArray(v);

/** The component a local `$ref` names (`#/components/<kind>/<name>`); other refs are refused. */
export function resolveComponent<T>(contract: Contract, node: unknown, kind: string): T {
  if (!isMap(node) || typeof node.$ref !== 'string') return node as T;
  const prefix = `#/components/${kind}/`;
  if (!node.$ref.startsWith(prefix))
    throw new Error(`Unsupported $ref ${node.$ref} (expected ${prefix}<name>)`);
  const found = (contract.components[kind] as JsonMap | undefined)?.[node.$ref.slice(prefix.length)];
  if (found === undefined) throw new Error(`Unresolved $ref ${node.$ref}`);
  return found as T;
}

/** The security scheme names the contract declares, with the function behind each authorizer. */
export function authorizerFunctions(contract: Contract): Map<string, string> {
  const out = new Map<string, string>();
  for (const [name, scheme] of Object.entries(contract.components.securitySchemes ?? {})) {
    const fn = scheme[FUNCTION_EXTENSION];
    if (typeof fn !== 'string') throw new Error(`Security scheme ${name} names no ${FUNCTION_EXTENSION}`);
    out.set(name, fn);
  }
  return out;
}

/** Every operation of the contract, in document order. Throws listing every problem found. */
export function contractOperations(contract: Contract): ContractOperation[] {
  const problems: string[] = [];
  const schemes = authorizerFunctions(contract);
  const out: ContractOperation[] = [];
  if ('security' in contract)
    problems.push('document-level `security`: API Gateway ignores it, state it on every operation');
  for (const key of Object.keys(contract))
    if (key.startsWith('x-amazon-apigateway-'))
      problems.push(`${key}: gateway plumbing is generated (scripts/api/), not written in the contract`);
  for (const [path, item] of Object.entries(contract.paths)) {
    if ('options' in item) problems.push(`${path}: OPTIONS is the generated CORS preflight`);
    const shared = ((item.parameters ?? []) as unknown[]).map((p) =>
      resolveComponent<Parameter>(contract, p, 'parameters'),
    );
    for (const method of HTTP_METHODS) {
      const op = item[method];
      if (!isMap(op)) continue;
      const where = `${method.toUpperCase()} ${path}`;
      for (const key of Object.keys(op))
        if (key.startsWith('x-amazon-apigateway-')) problems.push(`${where}: ${key} is generated`);
      const operationId = op.operationId;
      if (typeof operationId !== 'string') problems.push(`${where}: no operationId`);
      const functionId = op[FUNCTION_EXTENSION];
      if (typeof functionId !== 'string') problems.push(`${where}: no ${FUNCTION_EXTENSION}`);
      const security = op.security;
      if (!Array.isArray(security)) {
        problems.push(`${where}: no \`security\` (use [] for a public operation)`);
      } else {
        for (const requirement of security as unknown[]) {
          const names = isMap(requirement) ? Object.keys(requirement) : [];
          if (names.length === 0) problems.push(`${where}: an empty security requirement`);
          for (const name of names)
            if (!schemes.has(name)) problems.push(`${where}: unknown security scheme ${name}`);
        }
      }
      const own = ((op.parameters ?? []) as unknown[]).map((p) =>
        resolveComponent<Parameter>(contract, p, 'parameters'),
      );
      const parameters = [
        ...shared.filter((s) => !own.some((o) => o.name === s.name && o.in === s.in)),
        ...own,
      ];
      const requestBody =
        op.requestBody === undefined
          ? undefined
          : resolveComponent<RequestBody>(contract, op.requestBody, 'requestBodies');
      out.push({
        path,
        method,
        operationId: String(operationId),
        raw: op,
        parameters,
        ...(requestBody ? { requestBody } : {}),
        security: (security ?? []) as SecurityRequirement[],
        functionId: String(functionId),
      });
    }
  }
  const ids = out.map((o) => o.operationId);
  for (const id of new Set(ids))
    if (ids.indexOf(id) !== ids.lastIndexOf(id)) problems.push(`operationId ${id} is used twice`);
  if (problems.length > 0) throw new Error(`openapi.yaml:\n  ${problems.join('\n  ')}`);
  return out;
}

/** The contract without the function extension: what clients read at GET /openapi.json. */
export function published(contract: Contract): Contract {
  const copy = structuredClone(contract);
  const drop = (node: unknown) => {
    if (isMap(node)) delete node[FUNCTION_EXTENSION];
  };
  for (const item of Object.values(copy.paths)) for (const method of HTTP_METHODS) drop(item[method]);
  for (const scheme of Object.values(copy.components.securitySchemes ?? {})) drop(scheme);
  return copy;
}
