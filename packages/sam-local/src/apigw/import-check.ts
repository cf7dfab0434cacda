/**
 * What API Gateway does with a REST API definition when it imports it, checked before it gets
 * there: a pure function from the definition (OpenAPI 3.0 or Swagger 2.0, intrinsics such as
 * Fn::Sub still in place) to findings. Each rule cites the AWS page that states it.
 *
 * Levels: `error` when API Gateway refuses the import ("Errors ... for major issues", the new
 * definition is discarded, AWS_DOCS.importErrorsWarnings), when the docs say a form "must" or
 * "can't" be used, or when the imported API would silently differ in a way that breaks it (an
 * operation left without its authorizer, an error body that is not the JSON its content type
 * says). `warning` when API Gateway imports the definition and ignores the construct: the API
 * works, without what the construct asked for. A project can accept a warning it chooses to live
 * with (acceptance.ts); never an error.
 *
 * Written by hand: OpenAPI linters know OpenAPI, not what API Gateway's importer keeps of it.
 */
import { text, type Json, type JsonObject } from '../sam/template.js';
import { AWS_DOCS } from './aws-docs.js';
import { CONTEXT_REFERENCE, isDocumentedContextVariable } from './context-variables.js';
import {
  isObject,
  isSwagger2,
  jsonPointer,
  operationsOf,
  schemaRoots,
  walkSchema,
  type OperationAt,
} from './definition-walk.js';
import { isResponseType, NOT_CUSTOMIZABLE } from './gateway-response-types.js';
import { UNSUPPORTED_MODEL_KEYWORDS } from './model-keywords.js';

export type FindingLevel = 'error' | 'warning';

export interface Finding {
  level: FindingLevel;
  /** A stable rule id (IMPORT_RULES). */
  rule: string;
  /** JSON pointer into the definition. */
  path: string;
  message: string;
  docUrl: string;
}

interface RuleSpec {
  level: FindingLevel;
  docUrl: string;
  /** What the rule checks, for README and `sam-local lint-api --rules`. */
  summary: string;
}

const IGNORED = 'API Gateway imports the definition and ignores it';

export const IMPORT_RULES = {
  'root-security': {
    level: 'error',
    docUrl: AWS_DOCS.restImportNotes,
    summary: 'security at the document root (API Gateway ignores it: operations relying on it are public)',
  },
  'operation-security-missing': {
    level: 'error',
    docUrl: AWS_DOCS.restImportNotes,
    summary: 'an operation without `security` in a document that defines a Lambda authorizer',
  },
  'security-scheme-type': {
    level: 'error',
    docUrl: AWS_DOCS.restImportNotes,
    summary: 'a security scheme whose type is not apiKey',
  },
  'schema-unsupported-keyword': {
    level: 'warning',
    docUrl: AWS_DOCS.restImportNotes,
    summary: `a model keyword API Gateway does not support (${Object.keys(UNSUPPORTED_MODEL_KEYWORDS).join(', ')})`,
  },
  'schema-composition-ref': {
    level: 'error',
    docUrl: AWS_DOCS.restImportNotes,
    summary: 'OpenAPI 3.0 oneOf/anyOf/allOf with a $ref',
  },
  'schema-number-format': {
    level: 'warning',
    docUrl: AWS_DOCS.restImportNotes,
    summary: 'format int32/int64 on type number, or format decimal',
  },
  'external-ref': {
    level: 'error',
    docUrl: AWS_DOCS.restImportNotes,
    summary: 'a $ref to another file',
  },
  'response-ref-root': {
    level: 'error',
    docUrl: AWS_DOCS.restImportNotes,
    summary: 'a response given as {"$ref": "#/responses/..."}',
  },
  'response-schema-primitive': {
    level: 'error',
    docUrl: AWS_DOCS.restImportNotes,
    summary: 'an inline method response schema of a primitive type',
  },
  'model-name': {
    level: 'error',
    docUrl: AWS_DOCS.restImportNotes,
    summary: 'a model (components/schemas, definitions) name with other than alphanumerics',
  },
  'path-segment': {
    level: 'error',
    docUrl: AWS_DOCS.restImportNotes,
    summary:
      'a path parameter that is not a whole segment, or a segment character API Gateway does not allow',
  },
  'parameter-attribute-ignored': {
    level: 'warning',
    docUrl: AWS_DOCS.restImportNotes,
    summary: 'an input parameter attribute beyond name, in, required, type and description',
  },
  'gateway-response-type-unknown': {
    level: 'error',
    docUrl: AWS_DOCS.gatewayResponseTypes,
    summary: 'a gateway response type API Gateway does not define',
  },
  'gateway-response-not-customizable': {
    level: 'warning',
    docUrl: AWS_DOCS.restImportNotes,
    summary: 'a gateway response API Gateway does not let you customize (REQUEST_TOO_LARGE)',
  },
  'gateway-response-unknown-variable': {
    level: 'error',
    docUrl: AWS_DOCS.contextVariables,
    summary: 'a variable in a gateway response template that API Gateway does not define',
  },
  'gateway-response-validation-error-in-string': {
    level: 'error',
    docUrl: AWS_DOCS.gatewayResponseTemplates,
    summary: '$context.error.validationErrorString inside a JSON string literal',
  },
  'gateway-response-invalid-json': {
    level: 'error',
    docUrl: AWS_DOCS.gatewayResponseTemplates,
    summary: 'a JSON gateway response template that is not valid JSON once its variables are substituted',
  },
} as const satisfies Record<string, RuleSpec>;

export type RuleId = keyof typeof IMPORT_RULES;

const finding = (rule: RuleId, path: string, message: string): Finding => ({
  level: IMPORT_RULES[rule].level,
  rule,
  path,
  message,
  docUrl: IMPORT_RULES[rule].docUrl,
});

const where = (o: OperationAt) =>
  `${o.method === 'x-amazon-apigateway-any-method' ? 'ANY' : o.method.toUpperCase()} ${o.path}`;

// ---------------------------------------------------------------- security

/** Security schemes that are API Gateway authorizers (Lambda, Cognito, IAM through authtype). */
function securitySchemes(doc: JsonObject): { base: string[]; schemes: JsonObject } {
  if (isSwagger2(doc))
    return {
      base: ['securityDefinitions'],
      schemes: isObject(doc.securityDefinitions) ? doc.securityDefinitions : {},
    };
  const components = isObject(doc.components) ? doc.components : {};
  return {
    base: ['components', 'securitySchemes'],
    schemes: isObject(components.securitySchemes) ? components.securitySchemes : {},
  };
}

function checkSecurity(doc: JsonObject, operations: OperationAt[]): Finding[] {
  const found: Finding[] = [];
  const { base, schemes } = securitySchemes(doc);
  const authorizers = Object.entries(schemes)
    .filter(
      ([, s]) =>
        isObject(s) &&
        (s['x-amazon-apigateway-authorizer'] !== undefined ||
          s['x-amazon-apigateway-authtype'] !== undefined),
    )
    .map(([name]) => name);
  for (const [name, scheme] of Object.entries(schemes))
    if (isObject(scheme) && scheme.type !== 'apiKey')
      found.push(
        finding(
          'security-scheme-type',
          jsonPointer(...base, name, 'type'),
          `security scheme ${name} has type ${JSON.stringify(scheme.type ?? null)}: "The securitySchemes type, if used, must be apiKey" ` +
            '(OAuth 2, HTTP bearer and basic are done with a Lambda authorizer declared as an apiKey scheme).',
        ),
      );
  const root = doc.security;
  if (Array.isArray(root) && root.some((r) => isObject(r) && Object.keys(r).length > 0))
    found.push(
      finding(
        'root-security',
        '/security',
        "API Gateway doesn't use root level security: every operation that relies on it is deployed " +
          'without an authorizer, open to anyone. Declare `security` on each operation and remove it here.',
      ),
    );
  if (authorizers.length > 0)
    for (const o of operations)
      if (o.op.security === undefined)
        found.push(
          finding(
            'operation-security-missing',
            o.pointer,
            `${where(o)} has no \`security\`: API Gateway serves it without an authorizer although the document ` +
              `defines ${authorizers.join(', ')} (root-level security is not used). Declare ` +
              `\`security: [{${authorizers[0]}: []}]\`, or declare security: [] to make it public explicitly.`,
          ),
        );
  return found;
}

// ---------------------------------------------------------------- models

const MODEL_NAME = /^[A-Za-z0-9]+$/;
const PRIMITIVE_TYPES = new Set(['string', 'number', 'integer', 'boolean', 'null']);
const COMPOSITIONS = ['allOf', 'anyOf', 'oneOf'];

function checkModels(doc: JsonObject): Finding[] {
  const found: Finding[] = [];
  const swagger2 = isSwagger2(doc);
  const models = swagger2 ? doc.definitions : isObject(doc.components) ? doc.components.schemas : undefined;
  if (isObject(models))
    for (const name of Object.keys(models))
      if (!MODEL_NAME.test(name))
        found.push(
          finding(
            'model-name',
            jsonPointer(...(swagger2 ? ['definitions'] : ['components', 'schemas']), name),
            `model name "${name}": "Model names can only contain alphanumeric characters"; rename it (and its $refs).`,
          ),
        );
  for (const root of schemaRoots(doc)) {
    if (
      root.use === 'response' &&
      typeof root.schema.$ref !== 'string' &&
      typeof root.schema.type === 'string' &&
      PRIMITIVE_TYPES.has(root.schema.type)
    )
      found.push(
        finding(
          'response-schema-primitive',
          root.pointer,
          `method response schema of type ${root.schema.type}: "In method responses, schema definition must ` +
            'be of an object type and cannot be of primitive types". Give it as a $ref to a named model instead.',
        ),
      );
    walkSchema(root.schema, root.pointer, (node, pointer) => {
      for (const [keyword, consequence] of Object.entries(UNSUPPORTED_MODEL_KEYWORDS))
        if (node[keyword] !== undefined)
          found.push(
            finding(
              'schema-unsupported-keyword',
              `${pointer}/${keyword}`,
              `\`${keyword}\` is not supported in API Gateway models: ${consequence}. ${IGNORED}.`,
            ),
          );
      if (!swagger2)
        for (const k of COMPOSITIONS) {
          const list = node[k];
          if (Array.isArray(list))
            list.forEach((sub, i) => {
              if (isObject(sub) && typeof sub.$ref === 'string')
                found.push(
                  finding(
                    'schema-composition-ref',
                    `${pointer}/${k}/${i}`,
                    `${k} with a $ref (${sub.$ref}): for OpenAPI 3.0 "you can't have a oneOf, anyOf, or allOf ` +
                      'that uses $ref"; inline the schema there.',
                  ),
                );
            });
        }
      const format = node.format;
      if (format === 'decimal' || (node.type === 'number' && (format === 'int32' || format === 'int64')))
        found.push(
          finding(
            'schema-number-format',
            `${pointer}/format`,
            `format ${String(format)}${format === 'decimal' ? '' : ' on type number'} is not supported by API Gateway ` +
              `models (use type integer for whole numbers). ${IGNORED}.`,
          ),
        );
    });
  }
  return found;
}

/** Every `$ref` of the document that points outside it. */
function checkExternalRefs(node: Json, pointer: string, found: Finding[]): void {
  if (Array.isArray(node)) node.forEach((n, i) => checkExternalRefs(n, `${pointer}/${i}`, found));
  else if (isObject(node))
    for (const [k, v] of Object.entries(node)) {
      if (k === '$ref' && typeof v === 'string' && !v.startsWith('#'))
        found.push(
          finding(
            'external-ref',
            `${pointer}/$ref`,
            `$ref "${v}" points to another file: "$ref cannot be used to reference other files". Bundle the definition into one document.`,
          ),
        );
      else checkExternalRefs(v, `${pointer}${jsonPointer(k)}`, found);
    }
}

function checkResponses(operations: OperationAt[]): Finding[] {
  const found: Finding[] = [];
  for (const o of operations)
    if (isObject(o.op.responses))
      for (const [code, r] of Object.entries(o.op.responses))
        if (isObject(r) && typeof r.$ref === 'string' && r.$ref.startsWith('#/responses/'))
          found.push(
            finding(
              'response-ref-root',
              `${o.pointer}${jsonPointer('responses', code)}`,
              `response ${code} is {"$ref": "${r.$ref}"}: "Response definitions of the "500": {"$ref": ` +
                '"#/responses/UnexpectedError"} form is not supported"; inline the response.',
            ),
          );
  return found;
}

// ---------------------------------------------------------------- paths and parameters

/** "Path segments can only contain alphanumeric characters, underscores, hyphens, periods, commas, colons, and curly braces." */
const SEGMENT = /^[A-Za-z0-9_\-.,:]+$/;
/** A whole-segment path parameter, `{name}` or the greedy `{name+}`. */
const PARAMETER_SEGMENT = /^\{[^{}/]+\}$/;

function checkPaths(doc: JsonObject): Finding[] {
  const found: Finding[] = [];
  const paths = isObject(doc.paths) ? doc.paths : {};
  for (const path of Object.keys(paths)) {
    for (const segment of path.split('/').slice(1)) {
      if (segment === '' || PARAMETER_SEGMENT.test(segment) || SEGMENT.test(segment)) continue;
      const partial = /[{}]/.test(segment);
      found.push(
        finding(
          'path-segment',
          jsonPointer('paths', path),
          partial
            ? `segment "${segment}" of ${path}: "Path parameters must be separate path segments" ({name} alone between slashes).`
            : `segment "${segment}" of ${path} has characters API Gateway does not allow: "Path segments can only ` +
                'contain alphanumeric characters, underscores, hyphens, periods, commas, colons, and curly braces".',
        ),
      );
    }
  }
  return found;
}

const PARAMETER_ATTRIBUTES = new Set(['name', 'in', 'required', 'type', 'description']);

function checkParameter(p: Json, pointer: string, found: Finding[]): void {
  if (!isObject(p) || typeof p.$ref === 'string' || p.in === 'body') return;
  const ignored = (attribute: string, at: string) =>
    found.push(
      finding(
        'parameter-attribute-ignored',
        at,
        `parameter ${text(p.name)}: API Gateway keeps only name, in, required, type and description of an input ` +
          `parameter and ignores \`${attribute}\`, so its request validator does not enforce it (check it in the function). ${IGNORED}.`,
      ),
    );
  for (const key of Object.keys(p)) {
    if (PARAMETER_ATTRIBUTES.has(key) || key.startsWith('x-')) continue;
    const schema = p.schema;
    if (key === 'schema' && isObject(schema)) {
      // OpenAPI 3.0 carries the parameter's type in its schema: `type` is kept, the rest is not.
      if (typeof schema.$ref === 'string') continue;
      for (const s of Object.keys(schema))
        if (s !== 'type') ignored(`schema.${s}`, `${pointer}/schema${jsonPointer(s)}`);
    } else ignored(key, `${pointer}${jsonPointer(key)}`);
  }
}

function checkParameters(doc: JsonObject, operations: OperationAt[]): Finding[] {
  const found: Finding[] = [];
  const each = (list: Json | undefined, pointer: string) => {
    if (Array.isArray(list)) list.forEach((p, i) => checkParameter(p, `${pointer}/parameters/${i}`, found));
  };
  const paths = isObject(doc.paths) ? doc.paths : {};
  for (const [path, item] of Object.entries(paths))
    if (isObject(item)) each(item.parameters, jsonPointer('paths', path));
  for (const o of operations) each(o.op.parameters, o.pointer);
  const shared = isSwagger2(doc)
    ? doc.parameters
    : isObject(doc.components)
      ? doc.components.parameters
      : undefined;
  const sharedBase = isSwagger2(doc) ? ['parameters'] : ['components', 'parameters'];
  if (isObject(shared))
    for (const [name, p] of Object.entries(shared))
      checkParameter(p, jsonPointer(...sharedBase, name), found);
  return found;
}

// ---------------------------------------------------------------- gateway responses

/** Values a template's variables take in a real gateway response, to see whether its JSON survives them. */
const REPRESENTATIVE: Record<string, string> = {
  'error.message': 'Invalid request body',
  'error.messageString': '"Invalid request body"',
  'error.responseType': 'BAD_REQUEST_BODY',
  // API Gateway's own wording for a missing property: it carries double quotes.
  'error.validationErrorString': '[object has missing required properties (["name"])]',
  requestId: 'c6af9ac6-7b61-11e6-9a41-93e8deadbeef',
  extendedRequestId: 'Ab1CdEfGhIjKlMn=',
  requestTimeEpoch: '1700000000000',
};

/** The template text of a responseTemplates value: a string, or the string of an Fn::Sub. */
function templateText(value: Json): string | undefined {
  if (typeof value === 'string') return value;
  const sub = isObject(value) ? value['Fn::Sub'] : undefined;
  const raw =
    typeof sub === 'string' ? sub : Array.isArray(sub) && typeof sub[0] === 'string' ? sub[0] : undefined;
  // ${X} is CloudFormation's, resolved at deploy time; ${!X} is a literal ${X}.
  return raw?.replace(/\$\{([^}]*)\}/g, (_m, name: string) =>
    name.startsWith('!') ? `\${${name.slice(1)}}` : 'x',
  );
}

/** Whether `$context.error.validationErrorString` occurs inside a JSON string literal of `template`. */
function validationErrorInString(template: string): boolean {
  const variable = '$context.error.validationErrorString';
  let inString = false;
  for (let i = 0; i < template.length; i++) {
    const c = template[i];
    if (inString && c === '\\') i++;
    else if (c === '"') inString = !inString;
    else if (inString && template.startsWith(variable, i)) return true;
  }
  return false;
}

const isJsonMediaType = (contentType: string) =>
  /^application\/json$|\+json$/i.test(contentType.split(';')[0]?.trim() ?? '');

function checkTemplate(contentType: string, template: string, pointer: string, found: Finding[]): void {
  const unknown = new Set<string>();
  for (const m of template.matchAll(CONTEXT_REFERENCE))
    if (!isDocumentedContextVariable(m[1] as string)) unknown.add(`$context.${m[1] as string}`);
  for (const m of template.matchAll(/\$(?:input|util)\.[A-Za-z]+/g)) unknown.add(m[0]);
  for (const name of unknown)
    found.push(
      finding(
        'gateway-response-unknown-variable',
        pointer,
        `${name} is not a variable API Gateway defines for gateway response templates (simple substitution of ` +
          '$context and $stageVariables values, no VTL): the response will not carry what this template expects.',
      ),
    );
  if (!isJsonMediaType(contentType)) return;
  if (validationErrorInString(template)) {
    found.push(
      finding(
        'gateway-response-validation-error-in-string',
        pointer,
        '$context.error.validationErrorString is inside a JSON string: API Gateway substitutes its value as is, and ' +
          'that value contains double quotes (e.g. [object has missing required properties (["name"])]), so the ' +
          `body is not valid ${contentType}. Leave it out of JSON templates.`,
      ),
    );
    return;
  }
  const rendered = template.replace(CONTEXT_REFERENCE, (_m, name: string) =>
    isDocumentedContextVariable(name) ? (REPRESENTATIVE[name] ?? 'x') : '',
  );
  try {
    JSON.parse(rendered);
  } catch (e) {
    found.push(
      finding(
        'gateway-response-invalid-json',
        pointer,
        `the body is not valid JSON once API Gateway substitutes its variables (${(e as Error).message}; rendered ` +
          `with representative values: ${rendered}), although it is sent as ${contentType}.`,
      ),
    );
  }
}

function checkGatewayResponses(doc: JsonObject): Finding[] {
  const found: Finding[] = [];
  const responses = doc['x-amazon-apigateway-gateway-responses'];
  if (!isObject(responses)) return found;
  for (const [type, def] of Object.entries(responses)) {
    const pointer = jsonPointer('x-amazon-apigateway-gateway-responses', type);
    if (!isResponseType(type)) {
      found.push(
        finding(
          'gateway-response-type-unknown',
          pointer,
          `${type} is not a gateway response type API Gateway defines (see the list of types): the import is refused.`,
        ),
      );
      continue;
    }
    if (NOT_CUSTOMIZABLE.has(type))
      found.push(
        finding(
          'gateway-response-not-customizable',
          pointer,
          `"Customizing the default gateway response for 413 REQUEST_TOO_LARGE isn't currently supported": ` +
            `${IGNORED} and answers its own 413 {"message":"Request Too Long"} (no custom headers, no CORS).`,
        ),
      );
    const templates = isObject(def) && isObject(def.responseTemplates) ? def.responseTemplates : {};
    for (const [contentType, value] of Object.entries(templates)) {
      const template = templateText(value);
      if (template !== undefined)
        checkTemplate(
          contentType,
          template,
          `${pointer}${jsonPointer('responseTemplates', contentType)}`,
          found,
        );
    }
  }
  return found;
}

/** The findings for one REST API definition, in document order of the checks. */
export function checkApiDefinition(definition: JsonObject): Finding[] {
  const operations = operationsOf(definition);
  const found = [
    ...checkSecurity(definition, operations),
    ...checkPaths(definition),
    ...checkParameters(definition, operations),
    ...checkModels(definition),
    ...checkResponses(operations),
    ...checkGatewayResponses(definition),
  ];
  checkExternalRefs(definition, '', found);
  return found;
}
