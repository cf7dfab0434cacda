/**
 * The REST API on one port, in API Gateway's order: route (find-my-way, compiled once) -> payload
 * limit (10 MB) -> Lambda authorizer -> request validators -> integration (Lambda proxy with the
 * 29 s limit, or mock). Every failure on the way is a gateway response. The hot path does no
 * parsing of the spec, no compiling and no file system access.
 */
import { randomUUID } from 'node:crypto';
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import FindMyWay from 'find-my-way';
import type { InvokeOutcome } from '../lambda/function.js';
import { PortInUseError } from '../ports.js';
import { text } from '../sam/template.js';
import type { Authorizers } from './authorizer.js';
import type { ApiDefinition, Route } from './definition.js';
import type { ErrorDetails, GatewayResponses, ResponseType } from './gateway-responses.js';
import {
  parseHeaders,
  parseQuery,
  proxyEvent,
  proxyResponse,
  type ApiFacts,
  type HttpResponse,
  type ParsedHeaders,
  type ParsedQuery,
  type RequestFacts,
} from './proxy.js';
import { validationErrorString } from './validation.js';

export const PAYLOAD_LIMIT_BYTES = 10 * 1024 * 1024;

export interface GatewayOptions {
  definition: ApiDefinition;
  responses: GatewayResponses;
  api: Omit<ApiFacts, 'port'>;
  region: string;
  authorizers: Authorizers;
  invoke(functionId: string, event: unknown, limitMs?: number): Promise<InvokeOutcome>;
  logRequest(line: string): void;
  logError(line: string): void;
  /** A function's response checked against its operation's schema (response-check.ts): a warning line, or undefined. */
  checkResponse?: (route: Route, response: HttpResponse) => string | undefined;
  /** --strict-responses: a response that does not match its schema is a 502, not only a warning. */
  strictResponses?: boolean;
  /** Answers what is not the API's (e.g. static files, static-files.ts): a status, or undefined. */
  intercept?: (req: IncomingMessage, res: ServerResponse) => Promise<number> | undefined;
}

export interface RunningGateway {
  port: number;
  url: string;
  server: Server;
  close(): Promise<void>;
}

type Handler = () => void;

/** `{name}` -> `:name`, `{proxy+}` -> `*` (greedy), as find-my-way spells them. */
function routerPath(resourcePath: string): { path: string; greedy?: string } {
  let greedy: string | undefined;
  const path = resourcePath.replace(/\{([^}]+)\}/g, (_m, name: string) => {
    if (name.endsWith('+')) {
      greedy = name.slice(0, -1);
      return '*';
    }
    return `:${name}`;
  });
  return { path, greedy };
}

class BodyTooLarge extends Error {}

/**
 * A proxy event's requestContext as `$context` names (`identity.sourceIp`, `authorizer.principalId`,
 * ...) for gateway response templates: the values the function would see, in one place. The
 * renderer keeps only the names AWS documents (operationName, for one, is not).
 */
function contextVariables(node: Record<string, unknown>, prefix = '', into: Record<string, string> = {}) {
  for (const [k, v] of Object.entries(node)) {
    if (v === null || v === undefined) continue;
    if (typeof v === 'object') contextVariables(v as Record<string, unknown>, `${prefix}${k}.`, into);
    else into[`${prefix}${k}`] = text(v);
  }
  return into;
}

function readBody(req: IncomingMessage): Promise<Buffer | null> {
  const declared = req.headers['content-length'];
  if (declared === undefined && req.headers['transfer-encoding'] === undefined) return Promise.resolve(null);
  if (declared !== undefined && Number(declared) > PAYLOAD_LIMIT_BYTES)
    return Promise.reject(new BodyTooLarge());
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let size = 0;
    req.on('data', (chunk: Buffer) => {
      size += chunk.length;
      if (size > PAYLOAD_LIMIT_BYTES) {
        req.removeAllListeners('data');
        req.resume();
        reject(new BodyTooLarge());
        return;
      }
      chunks.push(chunk);
    });
    req.on('end', () => resolve(size === 0 ? null : Buffer.concat(chunks, size)));
    req.on('error', reject);
  });
}

export function startGateway(options: GatewayOptions, port: number): Promise<RunningGateway> {
  const { definition, responses } = options;
  const router = FindMyWay({ ignoreTrailingSlash: true, caseSensitive: true, maxParamLength: 2048 });
  const greedyNames = new Map<Route, string>();
  for (const route of definition.routes) {
    if (route.integration.type === 'unsupported') continue;
    const { path, greedy } = routerPath(route.resourcePath);
    if (greedy) greedyNames.set(route, greedy);
    router.on(route.method as 'GET', path, (() => undefined) as Handler, route);
  }
  let apiPort = port;

  function send(res: ServerResponse, r: HttpResponse, requestId: string): void {
    r.headers['x-amzn-RequestId'] = requestId;
    res.writeHead(r.status, r.headers);
    res.end(r.body);
  }

  function gatewayError(
    res: ServerResponse,
    type: ResponseType,
    details: ErrorDetails,
    facts?: RequestFacts,
  ): number {
    if (facts) facts.outcome = type;
    const r = responses.render(type, details);
    send(res, r, details.requestId);
    return r.status;
  }

  async function handle(req: IncomingMessage, res: ServerResponse, facts: RequestFacts): Promise<number> {
    const requestId = facts.requestId;
    const headers: ParsedHeaders = parseHeaders(facts.rawHeaders);
    const query: ParsedQuery = parseQuery(facts.rawQuery);
    const found = router.find(facts.method as 'GET', facts.rawPath);
    const route = found?.store as Route | undefined;
    let pathParameters: Record<string, string> | null = null;
    const params = (found?.params ?? {}) as Record<string, string | undefined>;
    const paramNames = Object.keys(params);
    if (route && paramNames.length > 0) {
      pathParameters = {};
      for (const name of paramNames) {
        const key = name === '*' ? (greedyNames.get(route) ?? 'proxy') : name;
        pathParameters[key] = params[name] ?? '';
      }
    }
    // The v1 proxy event of this request (a REQUEST authorizer gets it without the body).
    const eventFor = (context: Record<string, unknown> | null) =>
      proxyEvent(
        facts,
        { ...options.api, port: apiPort },
        route ?? { resourcePath: '', resourceId: '' },
        headers,
        query,
        pathParameters,
        context,
      );
    let authorizer: Record<string, unknown> | null = null;
    // A gateway response for this request, its template given the request's $context values.
    // `logAs` false keeps the request log naming the function that failed, not the response type.
    const fail = (type: ResponseType, details: Omit<ErrorDetails, 'requestId'> = {}, logAs = true) =>
      gatewayError(
        res,
        type,
        {
          requestId,
          ...details,
          context: contextVariables(eventFor(authorizer).requestContext as Record<string, unknown>),
        },
        logAs ? facts : undefined,
      );

    // No such resource, or no such method on it: API Gateway answers MISSING_AUTHENTICATION_TOKEN.
    if (!route) return fail('MISSING_AUTHENTICATION_TOKEN');

    try {
      facts.body = await readBody(req);
    } catch (e) {
      // The rest of the body is read and dropped (readBody resumes the stream), so the client can
      // finish sending and then read the 413, instead of failing on a closed socket.
      if (e instanceof BodyTooLarge) return fail('REQUEST_TOO_LARGE');
      throw e;
    }

    const methodArn = `arn:aws:execute-api:${options.region}:${options.api.accountId}:${options.api.apiId}/${options.api.stage}/${route.method}/${facts.rawPath.slice(1)}`;

    if (route.authorizer) {
      const decision = await options.authorizers.authorize(route.authorizer, {
        headers: headers.lower,
        query: query.single ?? {},
        methodArn,
        requestEvent: () => {
          const e = eventFor(null);
          delete e.body;
          delete e.isBase64Encoded;
          return e;
        },
      });
      if (!decision.ok) return fail(decision.type, { message: decision.message });
      authorizer = decision.authorizer;
    }

    if (route.validateParameters && route.requiredParameters.length > 0) {
      const missing = route.requiredParameters.filter((p) => {
        if (p.in === 'path') return !pathParameters?.[p.name];
        if (p.in === 'query') return !query.single?.[p.name];
        return !headers.lower[p.name.toLowerCase()];
      });
      if (missing.length > 0) {
        return fail('BAD_REQUEST_PARAMETERS', {
          message: `Missing required request parameters: [${missing.map((p) => p.name).join(', ')}]`,
        });
      }
    }

    if (route.validateBody && route.body && route.body.byMediaType.size > 0) {
      const media = (headers.lower['content-type'] ?? '').split(';')[0]?.trim().toLowerCase() ?? '';
      const validate = route.body.byMediaType.get(media) ?? route.body.byMediaType.get('application/json');
      if (validate) {
        const text = facts.body?.toString('utf8') ?? '';
        let value: unknown;
        let problem: string | undefined;
        if (text.trim() === '') {
          if (route.body.required) problem = '[Request body is required]';
          else value = undefined;
        } else {
          try {
            value = JSON.parse(text) as unknown;
          } catch (e) {
            problem = `[Invalid JSON: ${(e as Error).message}]`;
          }
        }
        if (!problem && value !== undefined && !validate(value))
          problem = validationErrorString(validate.errors);
        if (problem) return fail('BAD_REQUEST_BODY', { validationError: problem });
      }
    }

    const integration = route.integration;
    if (integration.type === 'mock') {
      facts.outcome = 'mock';
      const body = integration.statusCode === 204 || integration.statusCode === 304 ? '' : integration.body;
      send(res, { status: integration.statusCode, headers: { ...integration.headers }, body }, requestId);
      return integration.statusCode;
    }
    if (integration.type !== 'aws_proxy') return fail('DEFAULT_5XX');
    facts.outcome = integration.functionId;

    const event = eventFor(authorizer);
    const outcome = await options.invoke(integration.functionId, event, integration.timeoutMs);
    if (!outcome.ok) {
      if (outcome.kind === 'integration-timeout') return fail('INTEGRATION_TIMEOUT');
      // A function error (or its own timeout) is a 502 from API Gateway.
      options.logError(`${integration.functionId} failed: ${outcome.errorType}: ${outcome.errorMessage}`);
      return fail('DEFAULT_5XX', { status: 502, message: 'Internal server error' }, false);
    }
    const response = proxyResponse(outcome.result);
    if (!response) {
      options.logError(
        `${integration.functionId}: Execution failed due to configuration error: Malformed Lambda proxy response`,
      );
      return fail('DEFAULT_5XX', { status: 502, message: 'Internal server error' }, false);
    }
    // Not API Gateway's: a development aid (AWS validates requests only; see response-check.ts).
    const mismatch = options.checkResponse?.(route, response);
    if (mismatch) {
      options.logError(`warning: ${integration.functionId}: ${mismatch}`);
      if (options.strictResponses)
        return fail(
          'DEFAULT_5XX',
          { status: 502, message: 'Response does not match the API definition (--strict-responses)' },
          false,
        );
    }
    send(res, response, requestId);
    return response.status;
  }

  const server = createServer({ keepAlive: true }, (req, res) => {
    const startedAt = Date.now();
    const started = performance.now();
    const url = req.url ?? '/';
    const q = url.indexOf('?');
    const facts: RequestFacts = {
      method: req.method ?? 'GET',
      rawPath: q >= 0 ? url.slice(0, q) : url,
      rawQuery: q >= 0 ? url.slice(q + 1) : '',
      rawHeaders: req.rawHeaders,
      sourceIp: (req.socket.remoteAddress ?? '127.0.0.1').replace(/^::ffff:/, ''),
      body: null,
      requestId: randomUUID(),
      startedAt,
    };
    const intercepted = options.intercept?.(req, res);
    if (intercepted) facts.outcome = 'static';
    (intercepted ?? handle(req, res, facts))
      .catch((e: unknown) => {
        options.logError(
          `gateway error on ${facts.method} ${facts.rawPath}: ${(e as Error).stack ?? String(e)}`,
        );
        return res.headersSent ? 500 : gatewayError(res, 'DEFAULT_5XX', { requestId: facts.requestId });
      })
      .then((status) => {
        // METHOD /path -> status (ms), then who answered: the function, the mock, or the gateway response type.
        const ms = Math.round(performance.now() - started);
        options.logRequest(
          `${facts.method} ${facts.rawPath} -> ${status} (${ms} ms) ${facts.outcome ?? ''}`.trimEnd(),
        );
      })
      .catch(() => undefined);
  });
  server.keepAliveTimeout = 65000;

  return new Promise((resolve, reject) => {
    server.once('error', (e: NodeJS.ErrnoException) => {
      reject(e.code === 'EADDRINUSE' ? new PortInUseError(port, 'the API') : e);
    });
    server.listen(port, '127.0.0.1', () => {
      const address = server.address();
      apiPort = typeof address === 'object' && address ? address.port : port;
      resolve({
        port: apiPort,
        url: `http://127.0.0.1:${apiPort}`,
        server,
        close: () =>
          new Promise<void>((done) => {
            server.close(() => done());
            server.closeAllConnections();
          }),
      });
    });
  });
}
