/**
 * The schema keywords API Gateway's models do not support ("API Gateway important notes for REST
 * APIs", AWS_DOCS.restImportNotes): the import check reports them, and the local validators drop
 * them before compiling so a body API Gateway would refuse (or accept) is refused (or accepted)
 * locally too. `format` is not here: no validator enforces it (see validation.ts).
 */
import type { JsonObject } from '../sam/template.js';
import { schemaRoots, walkSchema } from './definition-walk.js';

/** Keyword -> what its absence means once deployed (said in the finding). */
export const UNSUPPORTED_MODEL_KEYWORDS: Readonly<Record<string, string>> = {
  default: 'no default value is applied to the request',
  example: 'it is documentation only',
  nullable:
    "API Gateway's draft-4 model refuses null where the schema's type does not allow it, so a null the definition allows is answered 400 BAD_REQUEST_BODY",
  readOnly: 'a request carrying the property is not refused for it',
  discriminator: 'it does not select a subschema',
  exclusiveMinimum: 'the minimum is inclusive: the boundary value itself passes validation',
};

/** A copy of `doc` whose model schemas carry none of the unsupported keywords. */
export function withoutUnsupportedKeywords(doc: JsonObject): JsonObject {
  const copy = structuredClone(doc);
  for (const root of schemaRoots(copy))
    walkSchema(root.schema, root.pointer, (node) => {
      for (const keyword of Object.keys(UNSUPPORTED_MODEL_KEYWORDS)) delete node[keyword];
    });
  return copy;
}
