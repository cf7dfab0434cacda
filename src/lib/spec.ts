/**
 * The published OpenAPI document (api/openapi.json, generated from openapi.yaml) and an index of
 * its operations by operationId. API Gateway puts the operationId of the matched method in
 * `requestContext.operationName`, so handlers dispatch on it: the spec stays the only route list.
 */
import document from '../../api/openapi.json' with { type: 'json' };
import type { operations } from '../../api/schema.js';

export type OperationId = keyof operations;

export interface ParameterSpec {
  name: string;
  in: 'path' | 'query' | 'header' | 'cookie';
  required?: boolean;
  schema?: object;
}

export interface OperationSpec {
  operationId: string;
  method: string;
  path: string;
  secured: boolean;
  parameters: ParameterSpec[];
  /** JSON pointer of the request body schema inside the document, if the operation takes a body. */
  bodySchemaRef?: string;
}

interface RawOperation {
  operationId?: string;
  security?: unknown[];
  parameters?: RawParameter[];
  requestBody?: { content?: Record<string, { schema?: { $ref?: string } }> };
}
type RawParameter = ParameterSpec | { $ref: string };

export const openApiDocument = document as unknown as {
  security?: unknown[];
  paths: Record<string, Record<string, RawOperation | RawParameter[]>>;
  components: { parameters: Record<string, ParameterSpec> } & Record<string, unknown>;
} & Record<string, unknown>;

const METHODS = ['get', 'put', 'post', 'delete', 'patch', 'head', 'options'];

function resolveParameter(p: RawParameter): ParameterSpec {
  if ('$ref' in p) {
    const name = p.$ref.replace('#/components/parameters/', '');
    const found = openApiDocument.components.parameters[name];
    if (!found) throw new Error(`Unresolved parameter ${p.$ref}`);
    return found;
  }
  return p;
}

function buildIndex(): Map<string, OperationSpec> {
  const index = new Map<string, OperationSpec>();
  const defaultSecured = (openApiDocument.security ?? []).length > 0;
  for (const [path, item] of Object.entries(openApiDocument.paths)) {
    const shared = ((item.parameters ?? []) as RawParameter[]).map(resolveParameter);
    for (const method of METHODS) {
      const op = item[method] as RawOperation | undefined;
      if (!op?.operationId) continue;
      const own = (op.parameters ?? []).map(resolveParameter);
      const ref = op.requestBody?.content?.['application/json']?.schema?.$ref;
      index.set(op.operationId, {
        operationId: op.operationId,
        method: method.toUpperCase(),
        path,
        secured: op.security ? op.security.length > 0 : defaultSecured,
        parameters: [...shared.filter((s) => !own.some((o) => o.name === s.name && o.in === s.in)), ...own],
        ...(ref ? { bodySchemaRef: ref } : {}),
      });
    }
  }
  return index;
}

let index: Map<string, OperationSpec> | undefined;

export function operationSpec(operationId: string): OperationSpec | undefined {
  index ??= buildIndex();
  return index.get(operationId);
}
