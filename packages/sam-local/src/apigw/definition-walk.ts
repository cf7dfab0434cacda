/**
 * Where things live in an API Gateway REST definition (OpenAPI 3.0 or Swagger 2.0), as JSON
 * pointers: its operations and every schema API Gateway turns into a model. The import check, the
 * local validators and the route compiler walk the same places through these functions. Written by
 * hand: OpenAPI libraries dereference and normalize, and the pointers must stay those of the file.
 */
import type { Json, JsonObject } from '../sam/template.js';

export const isObject = (v: unknown): v is JsonObject =>
  typeof v === 'object' && v !== null && !Array.isArray(v);

const escapePointer = (segment: string) => segment.replace(/~/g, '~0').replace(/\//g, '~1');
export const jsonPointer = (...segments: string[]) => segments.map((s) => `/${escapePointer(s)}`).join('');
const unescapePointer = (segment: string) => segment.replace(/~1/g, '/').replace(/~0/g, '~');

/**
 * Follows `node`'s local `$ref`s (`#/...`, at most 10 in a row) to the node they name: that node
 * (null where a ref names nothing) and its JSON pointer (`at`, when `node` is no ref). The
 * definition is read as written, so a schema compiled at the pointer is the one the ref names.
 */
export function followRef(doc: JsonObject, node: Json | undefined, at = ''): { node: Json; pointer: string } {
  let current: Json = node ?? null;
  let pointer = at;
  for (let i = 0; i < 10 && isObject(current) && typeof current.$ref === 'string'; i++) {
    pointer = current.$ref.replace(/^#/, '');
    let target: Json = doc;
    for (const segment of pointer.split('/').slice(1))
      target = isObject(target) ? (target[unescapePointer(segment)] ?? null) : null;
    current = target;
  }
  return { node: current, pointer };
}

/** `node` with its local `$ref`s followed (followRef's node). */
export const resolveRef = (doc: JsonObject, node: Json | undefined): Json => followRef(doc, node).node;

export const HTTP_METHODS = ['get', 'put', 'post', 'delete', 'patch', 'head', 'options'] as const;
export const ANY_METHOD = 'x-amazon-apigateway-any-method';

export const isSwagger2 = (doc: JsonObject) => typeof doc.swagger === 'string';

export interface OperationAt {
  path: string;
  /** The key in the path item: an HTTP method or x-amazon-apigateway-any-method. */
  method: string;
  op: JsonObject;
  pointer: string;
}

/** Every operation of the document (path items given by $ref are skipped: they are not inline). */
export function operationsOf(doc: JsonObject): OperationAt[] {
  const found: OperationAt[] = [];
  const paths = isObject(doc.paths) ? doc.paths : {};
  for (const [path, item] of Object.entries(paths)) {
    if (!isObject(item)) continue;
    for (const method of [...HTTP_METHODS, ANY_METHOD]) {
      const op = item[method];
      if (isObject(op)) found.push({ path, method, op, pointer: jsonPointer('paths', path, method) });
    }
  }
  return found;
}

export interface SchemaRoot {
  pointer: string;
  schema: JsonObject;
  /** A named model, a request body's schema, or a method response's schema. */
  use: 'model' | 'request' | 'response';
}

function contentSchemas(content: Json, pointer: string, use: SchemaRoot['use'], into: SchemaRoot[]): void {
  if (!isObject(content)) return;
  for (const [media, entry] of Object.entries(content))
    if (isObject(entry) && isObject(entry.schema))
      into.push({ pointer: `${pointer}${jsonPointer(media, 'schema')}`, schema: entry.schema, use });
}

function responseSchemas(response: Json, pointer: string, swagger2: boolean, into: SchemaRoot[]): void {
  if (!isObject(response) || typeof response.$ref === 'string') return;
  if (swagger2) {
    if (isObject(response.schema))
      into.push({ pointer: `${pointer}/schema`, schema: response.schema, use: 'response' });
  } else contentSchemas(response.content ?? null, `${pointer}/content`, 'response', into);
}

function bodyParameterSchemas(parameters: Json, pointer: string, into: SchemaRoot[]): void {
  const entries: [string, Json][] = Array.isArray(parameters)
    ? parameters.map((p, i) => [String(i), p])
    : isObject(parameters)
      ? Object.entries(parameters)
      : [];
  for (const [key, p] of entries)
    if (isObject(p) && p.in === 'body' && isObject(p.schema))
      into.push({ pointer: `${pointer}${jsonPointer(key, 'schema')}`, schema: p.schema, use: 'request' });
}

/** Every schema of the document that API Gateway imports as (or inside) a model. */
export function schemaRoots(doc: JsonObject): SchemaRoot[] {
  const roots: SchemaRoot[] = [];
  const swagger2 = isSwagger2(doc);
  const components = isObject(doc.components) ? doc.components : {};
  const models = swagger2 ? doc.definitions : components.schemas;
  const modelsKey = swagger2 ? ['definitions'] : ['components', 'schemas'];
  if (isObject(models))
    for (const [name, schema] of Object.entries(models))
      if (isObject(schema)) roots.push({ pointer: jsonPointer(...modelsKey, name), schema, use: 'model' });
  if (swagger2) {
    bodyParameterSchemas(doc.parameters ?? null, '/parameters', roots);
    if (isObject(doc.responses))
      for (const [name, r] of Object.entries(doc.responses))
        responseSchemas(r, jsonPointer('responses', name), true, roots);
  } else {
    if (isObject(components.requestBodies))
      for (const [name, body] of Object.entries(components.requestBodies))
        if (isObject(body))
          contentSchemas(
            body.content ?? null,
            jsonPointer('components', 'requestBodies', name, 'content'),
            'request',
            roots,
          );
    if (isObject(components.responses))
      for (const [name, r] of Object.entries(components.responses))
        responseSchemas(r, jsonPointer('components', 'responses', name), false, roots);
  }
  for (const { op, pointer } of operationsOf(doc)) {
    if (swagger2) bodyParameterSchemas(op.parameters ?? null, `${pointer}/parameters`, roots);
    else if (isObject(op.requestBody))
      contentSchemas(op.requestBody.content ?? null, `${pointer}/requestBody/content`, 'request', roots);
    if (isObject(op.responses))
      for (const [code, r] of Object.entries(op.responses))
        responseSchemas(r, `${pointer}${jsonPointer('responses', code)}`, swagger2, roots);
  }
  return roots;
}

/** Keywords whose value is one subschema, a map of them, or a list of them (JSON Schema draft 4). */
const ONE = ['not', 'additionalProperties', 'additionalItems'];
const MAP = ['properties', 'patternProperties', 'definitions'];
const LIST = ['allOf', 'anyOf', 'oneOf'];

/**
 * Visits `schema` and each of its subschemas with its pointer. Property names are never taken for
 * keywords (a property called `default` is not the `default` keyword); $ref targets are not followed.
 */
export function walkSchema(
  schema: Json,
  pointer: string,
  visit: (node: JsonObject, pointer: string) => void,
): void {
  if (!isObject(schema)) return;
  visit(schema, pointer);
  for (const k of ONE) walkSchema(schema[k] ?? null, `${pointer}/${k}`, visit);
  for (const k of MAP) {
    const map = schema[k];
    if (isObject(map))
      for (const [name, sub] of Object.entries(map))
        walkSchema(sub, `${pointer}${jsonPointer(k, name)}`, visit);
  }
  for (const k of LIST) {
    const list = schema[k];
    if (Array.isArray(list)) list.forEach((sub, i) => walkSchema(sub, `${pointer}/${k}/${i}`, visit));
  }
  const items = schema.items;
  if (Array.isArray(items)) items.forEach((sub, i) => walkSchema(sub, `${pointer}/items/${i}`, visit));
  else walkSchema(items ?? null, `${pointer}/items`, visit);
}
