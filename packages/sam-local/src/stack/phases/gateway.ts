/**
 * Phase "gateway": the template's REST API served on --port from its definition (routes, the Lambda
 * authorizer, request validators, gateway responses, proxy integrations to the functions). The
 * local stack serves one REST API; the others are named in warnings. APIs SAM generates from Api
 * events (sam/implicit-api.ts) arrive here with their generated DefinitionBody. With
 * --static, the same server also answers a static site's files (static-files.ts), refused at start
 * if a prefix would hide an API resource. Stopping it closes the server.
 */
import { Authorizers } from '../../apigw/authorizer.js';
import { CognitoAuthorizers } from '../../apigw/cognito-authorizer.js';
import { compileDefinition, type ApiDefinition } from '../../apigw/definition.js';
import { GatewayResponses } from '../../apigw/gateway-responses.js';
import { responseChecker } from '../../apigw/response-check.js';
import { startGateway, type RunningGateway } from '../../apigw/server.js';
import { ACCOUNT_ID } from '../../aws.js';
import { StartError } from '../../errors.js';
import { line } from '../../log.js';
import { resolveIntrinsics, type IntrinsicContext } from '../../sam/intrinsics.js';
import { text, type JsonObject, type SamFunction, type SamTemplate } from '../../sam/template.js';
import type { ServedApi } from '../../stack-outputs.js';
import { createStaticHandler } from '../../static-files.js';
import { staticSiteProblems, type StaticSite } from '../../static-site.js';
import { started, type Started } from '../lifecycle.js';
import type { Invoke } from './functions.js';

export interface Gateway {
  /** Undefined when the template has no REST API with a definition: nothing listens on --port. */
  running?: RunningGateway;
  definition?: ApiDefinition;
  served?: ServedApi;
  /** The authorizers' cached results (cleared when a function is rebuilt). */
  authorizers: Authorizers;
}

/** How long the gateway waits for an authorizer: as long as for an integration (29 s). */
const AUTHORIZER_LIMIT_MS = 29000;

export async function startGatewayPhase(options: {
  template: SamTemplate;
  functions: SamFunction[];
  intrinsics: IntrinsicContext;
  apiIds: Map<string, string>;
  region: string;
  port: number;
  invoke: Invoke;
  staticSite?: StaticSite;
  /** The local user pool's token issuer before `/<poolId>` (COGNITO_USER_POOLS authorizers). */
  cognitoIssuerBase?: string;
  /** --strict-responses: a response its schema refuses is a 502 (else a warning line). */
  strictResponses?: boolean;
  warn: (message: string) => void;
}): Promise<Started<Gateway>> {
  const { template, functions, intrinsics } = options;
  const authorizers = new Authorizers(
    (id, event) => options.invoke(id, event, { limitMs: AUTHORIZER_LIMIT_MS }),
    new CognitoAuthorizers(options.cognitoIssuerBase),
  );
  const apis = Object.entries(template.Resources).filter(
    ([, r]) =>
      (r.Type === 'AWS::Serverless::Api' && r.Properties?.DefinitionBody !== undefined) ||
      (r.Type === 'AWS::ApiGateway::RestApi' && r.Properties?.Body !== undefined),
  );
  for (const [id] of apis.slice(1))
    options.warn(`API ${id} is not served: the local stack serves one REST API (${apis[0]?.[0]})`);
  if (!apis[0]) return started({ authorizers });

  const [apiLogicalId, api] = apis[0];
  const props = api.Properties ?? {};
  const body = (props.DefinitionBody ?? props.Body) as JsonObject;
  const definition = compileDefinition(body, new Set(functions.map((f) => f.logicalId)), intrinsics);
  for (const w of definition.warnings) options.warn(w);
  const stage = text(resolveIntrinsics(props.StageName ?? 'Prod', intrinsics));
  const apiId = options.apiIds.get(apiLogicalId) ?? 'localapi00';
  const site = options.staticSite;
  if (site) {
    const problems = staticSiteProblems(site, [...new Set(definition.routes.map((r) => r.resourcePath))]);
    if (problems.length > 0) throw new StartError(problems.join('; '));
  }
  let apiUrl = '';
  const running = await startGateway(
    {
      definition,
      responses: new GatewayResponses(definition.gatewayResponses, intrinsics),
      api: {
        apiId,
        stage,
        accountId: ACCOUNT_ID,
        binaryMediaTypes: [
          ...definition.binaryMediaTypes,
          ...((props.BinaryMediaTypes ?? []) as string[]).map((t) => String(t).replace('~1', '/')),
        ],
      },
      region: options.region,
      authorizers,
      invoke: (id, event, limitMs) => options.invoke(id, event, { limitMs }),
      checkResponse: responseChecker(body),
      strictResponses: options.strictResponses ?? false,
      logRequest: line,
      logError: (l) => line(`  [gateway] ${l}`),
      ...(site ? { intercept: createStaticHandler(site, () => apiUrl) } : {}),
    },
    options.port,
  );
  apiUrl = running.url;
  return started({ running, definition, served: { apiId, stage, url: running.url }, authorizers }, () =>
    running.close(),
  );
}
