/**
 * The `$context` variables API Gateway documents for data transformations, which a gateway response
 * template can reference ("A gateway response mapping template can access $context variable values
 * and $stageVariables property values", AWS_DOCS.gatewayResponses; the list is AWS_DOCS.contextVariables).
 * `$context.error.statusCode`, for one, is not among them. The import check reports any other
 * reference; the local gateway substitutes only these.
 */

/** Exact names, as listed (without the `$context.` prefix). */
const NAMES = new Set([
  'accountId',
  'apiId',
  'awsEndpointRequestId',
  'deploymentId',
  'domainName',
  'domainPrefix',
  'error.message',
  'error.messageString',
  'error.responseType',
  'error.validationErrorString',
  'extendedRequestId',
  'httpMethod',
  'identity.accountId',
  'identity.apiKey',
  'identity.apiKeyId',
  'identity.caller',
  'identity.clientCert.clientCertPem',
  'identity.clientCert.issuerDN',
  'identity.clientCert.serialNumber',
  'identity.clientCert.subjectDN',
  'identity.clientCert.validity.notAfter',
  'identity.clientCert.validity.notBefore',
  'identity.cognitoAuthenticationProvider',
  'identity.cognitoAuthenticationType',
  'identity.cognitoIdentityId',
  'identity.cognitoIdentityPoolId',
  'identity.principalOrgId',
  'identity.sourceIp',
  'identity.user',
  'identity.userAgent',
  'identity.userArn',
  'path',
  'protocol',
  'requestId',
  'requestTime',
  'requestTimeEpoch',
  'resourceId',
  'resourcePath',
  'responseOverride.status',
  'stage',
  'wafResponseCode',
  'webaclArn',
]);

/** Families with a name of the caller's choosing: `authorizer.<property>`, `authorizer.claims.<property>`, ... */
const PREFIXES = [
  'authorizer.',
  'requestOverride.header.',
  'requestOverride.path.',
  'requestOverride.querystring.',
  'responseOverride.header.',
];

export function isDocumentedContextVariable(name: string): boolean {
  return NAMES.has(name) || PREFIXES.some((p) => name.startsWith(p) && name.length > p.length);
}

/** A `$context.<name>` reference in a template (the name ends before any character not in a-z0-9_.). */
export const CONTEXT_REFERENCE = /\$context\.([A-Za-z0-9_.]*[A-Za-z0-9_])/g;

/** A `$stageVariables.<name>` reference (documented for gateway responses too). */
export const STAGE_VARIABLE_REFERENCE = /\$stageVariables\.([A-Za-z0-9_]+)/g;
