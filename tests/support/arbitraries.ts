/**
 * fast-check arbitraries built from the spec's own schemas, for property-based fuzzing. Written
 * here because no maintained library maps draft-04 / OpenAPI 3.0 schemas onto fast-check; it covers
 * the subset openapi.yaml uses (object, string with length/pattern/format/enum, integer, boolean,
 * array, $ref) and fails loudly on anything else so the fuzzer never silently under-tests.
 */
import fc from 'fast-check';
import { publishedSpec } from './published.js';

type Schema = {
  $ref?: string;
  type?: string;
  enum?: unknown[];
  properties?: Record<string, Schema>;
  required?: string[];
  additionalProperties?: boolean | Schema;
  items?: Schema;
  minLength?: number;
  maxLength?: number;
  pattern?: string;
  format?: string;
  minimum?: number;
  maximum?: number;
};

function deref(schema: Schema): Schema {
  if (!schema.$ref) return schema;
  const name = schema.$ref.replace('#/components/schemas/', '');
  const found = (publishedSpec.components as { schemas?: Record<string, Schema> }).schemas?.[name];
  if (!found) throw new Error(`Unresolved ${schema.$ref}`);
  return deref(found);
}

const emailArb = fc
  .tuple(
    fc.stringMatching(/^[a-z0-9]{1,20}$/),
    fc.stringMatching(/^[a-z]{1,12}$/),
    fc.constantFrom('com', 'dev', 'org'),
  )
  .map(([user, host, tld]) => `${user}@${host}.${tld}`);

export function validArbitrary(input: Schema): fc.Arbitrary<unknown> {
  const schema = deref(input);
  if (schema.enum) return fc.constantFrom(...schema.enum);
  switch (schema.type) {
    case 'string': {
      if (schema.format === 'email') return emailArb;
      if (schema.pattern) {
        const max = schema.maxLength ?? 40;
        return fc
          .stringMatching(new RegExp(schema.pattern))
          .filter((s) => s.length >= (schema.minLength ?? 0) && s.length <= max);
      }
      return fc.string({
        minLength: schema.minLength ?? 0,
        maxLength: Math.min(schema.maxLength ?? 60, 60),
        unit: 'grapheme-ascii',
      });
    }
    case 'integer':
      return fc.integer({ min: schema.minimum ?? -1000, max: schema.maximum ?? 1000 });
    case 'number':
      return fc.double({ min: schema.minimum ?? -1000, max: schema.maximum ?? 1000, noNaN: true });
    case 'boolean':
      return fc.boolean();
    case 'array':
      return fc.array(validArbitrary(schema.items ?? {}), { maxLength: 5 });
    case 'object': {
      if (!schema.properties)
        return fc.dictionary(fc.string({ maxLength: 10 }), fc.jsonValue({ maxDepth: 2 }), { maxKeys: 5 });
      const required = new Set(schema.required ?? []);
      const record: Record<string, fc.Arbitrary<unknown>> = {};
      for (const [k, v] of Object.entries(schema.properties)) record[k] = validArbitrary(v);
      return fc.record(record, { requiredKeys: [...required] });
    }
    default:
      throw new Error(`arbitraries: unsupported schema ${JSON.stringify(schema).slice(0, 80)}`);
  }
}

/** Bodies that must be refused: a valid body broken in one of the ways a client gets it wrong. */
export function invalidArbitrary(input: Schema): fc.Arbitrary<string> {
  const schema = deref(input);
  const valid = validArbitrary(schema) as fc.Arbitrary<Record<string, unknown>>;
  const required = schema.required ?? [];
  const props = Object.keys(schema.properties ?? {});
  const mutations: fc.Arbitrary<string>[] = [
    fc.constantFrom('', '{', 'null', '[]', '"text"', '42', '{"a":', '\u0000', '{"__proto__":{"admin":true}}'),
    fc.jsonValue({ maxDepth: 3 }).map((v) => JSON.stringify(v)),
  ];
  if (schema.additionalProperties === false) {
    mutations.push(valid.map((v) => JSON.stringify({ ...v, unexpectedField: 'x' })));
  }
  for (const name of required) {
    mutations.push(
      valid.map((v) => JSON.stringify(Object.fromEntries(Object.entries(v).filter(([k]) => k !== name)))),
    );
  }
  for (const name of props) {
    mutations.push(
      fc
        .tuple(
          valid,
          fc.oneof(
            fc.constant(null),
            fc.integer(),
            fc.boolean(),
            fc.constant({}),
            fc.constant([]),
            fc.constant('x'.repeat(5000)),
          ),
        )
        .map(([v, bad]) => JSON.stringify({ ...v, [name]: bad })),
    );
  }
  return fc.oneof(...mutations);
}
