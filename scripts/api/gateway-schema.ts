/**
 * Schemas as API Gateway imports them. Its models are JSON Schema draft 4 and its OpenAPI import
 * refuses or ignores several OpenAPI keywords (https://docs.aws.amazon.com/apigateway/latest/developerguide/api-gateway-known-issues.html,
 * "Important notes for REST APIs"): `default`, `example`, `nullable`, `readOnly`, `discriminator`
 * and `exclusiveMinimum` are not supported, nor int32/int64/decimal formats on numbers, nor $ref to
 * another file, nor an OpenAPI 3.0 oneOf/anyOf/allOf that uses $ref; model names are alphanumeric.
 * The gateway validates no body here (handlers do, with the contract's full schemas), so dropping a
 * keyword loses nothing; what cannot be dropped is refused.
 */
import type { JsonMap } from './contract.js';

/** Schema keywords the import does not support, dropped (handlers still enforce them). */
const UNSUPPORTED_KEYWORDS = new Set([
  'default',
  'example',
  'examples',
  'nullable',
  'readOnly',
  'writeOnly',
  'discriminator',
  'exclusiveMinimum',
  'exclusiveMaximum',
  'deprecated',
  'xml',
  'externalDocs',
]);
const UNSUPPORTED_NUMBER_FORMATS = new Set(['int32', 'int64', 'decimal']);

const isMap = (v: unknown): v is JsonMap => typeof v === 'object' && v !== null && !Array.isArray(v);

export const isModelName = (name: string) => /^[A-Za-z0-9]+$/.test(name);

const LOCAL_SCHEMA_REF = /^#\/components\/schemas\/([^/]+)$/;

function hasRef(node: unknown): boolean {
  if (Array.isArray(node)) return node.some(hasRef);
  if (!isMap(node)) return false;
  return typeof node.$ref === 'string' || Object.values(node).some(hasRef);
}

/** A copy of `schema` that API Gateway imports; `where` names it in errors. */
export function gatewaySchema(schema: unknown, where: string): JsonMap {
  if (!isMap(schema)) throw new Error(`${where}: a schema must be an object`);
  if (typeof schema.$ref === 'string') {
    const name = LOCAL_SCHEMA_REF.exec(schema.$ref)?.[1];
    if (!name) throw new Error(`${where}: $ref ${schema.$ref} is not a local #/components/schemas/<Name>`);
    if (!isModelName(name)) throw new Error(`${where}: model name ${name} is not alphanumeric`);
    return { $ref: schema.$ref };
  }
  const out: JsonMap = {};
  for (const [key, value] of Object.entries(schema)) {
    if (UNSUPPORTED_KEYWORDS.has(key) || key.startsWith('x-')) continue;
    if (key === 'format' && (schema.type === 'number' || schema.type === 'integer'))
      if (UNSUPPORTED_NUMBER_FORMATS.has(String(value))) continue;
    if (key === 'properties' && isMap(value)) {
      out.properties = Object.fromEntries(
        Object.entries(value).map(([name, s]) => [name, gatewaySchema(s, `${where}/properties/${name}`)]),
      );
    } else if ((key === 'items' || key === 'not' || key === 'additionalProperties') && isMap(value)) {
      out[key] = gatewaySchema(value, `${where}/${key}`);
    } else if (key === 'oneOf' || key === 'anyOf' || key === 'allOf') {
      if (hasRef(value)) throw new Error(`${where}: ${key} with $ref is not imported by API Gateway`);
      out[key] = (value as unknown[]).map((s, i) => gatewaySchema(s, `${where}/${key}/${i}`));
    } else {
      out[key] = value;
    }
  }
  return out;
}
