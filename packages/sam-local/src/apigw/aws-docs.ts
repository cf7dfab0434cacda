/**
 * The AWS pages the local gateway and the import check rely on, one constant each, so every rule
 * and every emulated behaviour cites the page that states it.
 */
const GUIDE = 'https://docs.aws.amazon.com/apigateway/latest/developerguide';

export const AWS_DOCS = {
  /** "Amazon API Gateway important notes for REST APIs": what OpenAPI import does not support. */
  restImportNotes: `${GUIDE}/api-gateway-known-issues.html#api-gateway-known-issues-rest-apis`,
  /** Errors (the import is refused) and warnings (it goes on) during an import. */
  importErrorsWarnings: `${GUIDE}/api-gateway-import-api-errors-warnings.html`,
  /** The gateway response types, their default status codes and their DEFAULT_4XX/5XX fallback. */
  gatewayResponseTypes: `${GUIDE}/supported-gateway-response-types.html`,
  /** Gateway response templates: simple variable substitution, not VTL. */
  gatewayResponseTemplates: `${GUIDE}/api-gateway-swagger-extensions-gateway-responses.responseTemplates.html`,
  /** What a gateway response template can reference ($context, $stageVariables, method.request.*). */
  gatewayResponses: `${GUIDE}/api-gateway-gatewayResponse-definition.html`,
  /** The $context variables for data transformations (gateway responses included). */
  contextVariables: `${GUIDE}/api-gateway-mapping-template-reference.html#context-variable-reference`,
  /** Request validation: required parameters present and non-blank; the body against its model. */
  requestValidation: `${GUIDE}/api-gateway-method-request-validation.html`,
} as const;
