/**
 * What a REST API definition uses, as the keys of RULES.apiFeatures (integrations, authorizers,
 * validators, response schemas, x-amazon-apigateway-* extensions) and of RULES.gatewayResponses,
 * each with where it is used (`GET /path`, or a JSON pointer). An extension the table does not
 * know is reported under its own name, so explain can show it as ignored.
 */
import {
  ANY_METHOD,
  isObject,
  isSwagger2,
  jsonPointer,
  operationsOf,
  resolveRef,
} from '../apigw/definition-walk.js';
import { text, type Json, type JsonObject } from '../sam/template.js';

export interface FeatureUse {
  /** A key of RULES.apiFeatures, or an extension's name the table may not know. */
  feature: string;
  where: string;
}

/** Extensions that the rows for integrations, authorizers and validators already cover. */
const COVERED_EXTENSIONS = new Set([
  'x-amazon-apigateway-integration',
  'x-amazon-apigateway-authorizer',
  'x-amazon-apigateway-authtype',
  'x-amazon-apigateway-request-validators',
  'x-amazon-apigateway-request-validator',
  ANY_METHOD,
]);

/** Every x-amazon-apigateway-* key of the document with its pointer. */
function extensionsOf(node: Json, pointer: string, into: FeatureUse[]): void {
  if (Array.isArray(node)) node.forEach((n, i) => extensionsOf(n, `${pointer}/${i}`, into));
  if (!isObject(node)) return;
  for (const [key, value] of Object.entries(node)) {
    const at = `${pointer}${jsonPointer(key)}`;
    if (key.startsWith('x-amazon-apigateway-') && !COVERED_EXTENSIONS.has(key))
      into.push({ feature: key, where: at });
    extensionsOf(value, at, into);
  }
}

function authorizerFeature(scheme: Json): string | undefined {
  if (!isObject(scheme)) return undefined;
  const authorizer = scheme['x-amazon-apigateway-authorizer'];
  if (isObject(authorizer)) {
    const type = text(authorizer.type ?? 'token').toLowerCase();
    if (type === 'token') return 'Lambda TOKEN authorizer';
    if (type === 'request') return 'Lambda REQUEST authorizer';
    if (type === 'cognito_user_pools') return 'COGNITO_USER_POOLS authorizer';
    return `authorizer type ${type}`;
  }
  if (text(scheme['x-amazon-apigateway-authtype']).toLowerCase() === 'awssigv4')
    return 'AWS_IAM authorization';
  if (scheme.type === 'apiKey') return 'API key (x-api-key)';
  return `security scheme type ${text(scheme.type)}`;
}

function hasResponseSchema(response: Json, swagger2: boolean): boolean {
  if (!isObject(response)) return false;
  if (swagger2) return response.schema !== undefined;
  return (
    isObject(response.content) &&
    Object.values(response.content).some((c) => isObject(c) && c.schema !== undefined)
  );
}

export function apiFeaturesOf(doc: JsonObject): { features: FeatureUse[]; gatewayResponses: FeatureUse[] } {
  const features: FeatureUse[] = [];
  const swagger2 = isSwagger2(doc);
  const components = isObject(doc.components) ? doc.components : {};
  const schemes = (swagger2 ? doc.securityDefinitions : components.securitySchemes) ?? {};
  const validators = isObject(doc['x-amazon-apigateway-request-validators'])
    ? doc['x-amazon-apigateway-request-validators']
    : {};
  const defaultValidator = doc['x-amazon-apigateway-request-validator'];
  if (doc.security !== undefined) features.push({ feature: 'document-level security', where: '/security' });

  for (const { path, method, op } of operationsOf(doc)) {
    const where = `${method === ANY_METHOD ? 'ANY' : method.toUpperCase()} ${path}`;
    const use = (feature: string) => features.push({ feature, where });
    if (method === ANY_METHOD) use(ANY_METHOD);
    if (/\{[^}]+\+\}/.test(path)) use('greedy path {proxy+}');

    const integration = op['x-amazon-apigateway-integration'];
    if (isObject(integration)) {
      const type = text(integration.type).toLowerCase();
      use(type === 'aws_proxy' || type === 'mock' ? `integration ${type}` : 'integration (other types)');
      if (integration.timeoutInMillis !== undefined) use('integration timeoutInMillis');
    } else use('integration (other types)');

    for (const requirement of Array.isArray(op.security) ? op.security : [])
      for (const name of Object.keys(isObject(requirement) ? requirement : {})) {
        const feature = authorizerFeature(isObject(schemes) ? (schemes[name] ?? null) : null);
        if (feature) use(feature);
        // The claims it hands the function differ from API Gateway's in their formatting.
        if (feature === 'COGNITO_USER_POOLS authorizer') use('COGNITO_USER_POOLS claims');
      }

    const validatorName = op['x-amazon-apigateway-request-validator'] ?? defaultValidator;
    const validator = typeof validatorName === 'string' ? validators[validatorName] : undefined;
    if (isObject(validator)) {
      const pathItem = isObject(doc.paths) ? resolveRef(doc, doc.paths[path]) : null;
      const parameters = [
        ...(isObject(pathItem) && Array.isArray(pathItem.parameters) ? pathItem.parameters : []),
        ...(Array.isArray(op.parameters) ? op.parameters : []),
      ].map((p) => resolveRef(doc, p));
      if (
        validator.validateRequestParameters === true &&
        parameters.some((p) => isObject(p) && p.required === true && p.in !== 'body')
      )
        use('request validator: parameters');
      const hasBody = swagger2
        ? parameters.some((p) => isObject(p) && p.in === 'body')
        : op.requestBody !== undefined;
      if (validator.validateRequestBody === true && hasBody) use('request validator: body');
    }

    const responses = isObject(op.responses) ? op.responses : {};
    if (Object.values(responses).some((r) => hasResponseSchema(resolveRef(doc, r), swagger2)))
      use('response schemas');
  }

  const gatewayResponses: FeatureUse[] = [];
  const customized = doc['x-amazon-apigateway-gateway-responses'];
  if (isObject(customized)) {
    features.push({
      feature: 'x-amazon-apigateway-gateway-responses',
      where: '/x-amazon-apigateway-gateway-responses',
    });
    for (const type of Object.keys(customized))
      gatewayResponses.push({
        feature: type,
        where: jsonPointer('x-amazon-apigateway-gateway-responses', type),
      });
  }
  const extensions: FeatureUse[] = [];
  extensionsOf(doc, '', extensions);
  features.push(...extensions.filter((e) => e.feature !== 'x-amazon-apigateway-gateway-responses'));
  return { features, gatewayResponses };
}
