/**
 * The REST API as the local gateway serves it from a definition: each route with its integration
 * and the authorizer it runs (only where the operation itself declares security, as API Gateway).
 */
export {
  compileDefinition,
  type ApiDefinition,
  type AuthorizerConfig,
  type Integration,
  type Route,
} from '../apigw/definition.js';
