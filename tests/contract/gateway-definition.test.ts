/**
 * The contract (openapi.yaml) states what clients need; the generated API Gateway definition
 * (api/gateway.yaml, what template.yaml includes) carries what API Gateway needs, within what it
 * supports. AWS pages behind each rule:
 * - https://docs.aws.amazon.com/apigateway/latest/developerguide/api-gateway-known-issues.html
 *   (root-level security ignored; unsupported schema keywords; input parameters keep name, in,
 *   required, type, description; alphanumeric model names; REQUEST_TOO_LARGE not customizable)
 * - https://docs.aws.amazon.com/apigateway/latest/developerguide/api-gateway-swagger-extensions-gateway-responses.responseTemplates.html
 *   (gateway response templates: simple variable substitution, no VTL)
 * - https://docs.aws.amazon.com/apigateway/latest/developerguide/supported-gateway-response-types.html
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parse } from 'yaml';
import type { Contract } from '../../scripts/api/contract.js';
import { CORS_ORIGIN_VALUE, gatewayDefinition } from '../../scripts/api/gateway-definition.js';
import { projectRoot } from '../support/paths.js';
import {
  functionInUri,
  functionOf,
  gateway,
  gatewayMethods,
  spec,
  specOperations,
} from '../support/project.js';

type Json = Record<string, unknown>;

const PUBLIC_OPERATIONS = [
  'confirmSignUp',
  'getHealth',
  'getOpenApi',
  'login',
  'refreshTokens',
  'resendConfirmationCode',
  'signUp',
];
const AUTHORIZER = [{ CognitoAuthorizer: [] }];
/** The allowed origin, quoted as a static header value (template.yaml computes it: the console's, or CorsAllowedOrigin). */
const CORS_ORIGIN_HEADER = { 'Fn::Sub': ["'${Origin}'", { Origin: CORS_ORIGIN_VALUE }] };

const contractText = readFileSync(join(projectRoot, 'openapi.yaml'), 'utf8');
/** A fresh copy of the contract to break on purpose. */
const contractCopy = () => parse(contractText) as Contract & Json;

describe('the contract (openapi.yaml)', () => {
  it('states security on every operation and none at the document level', () => {
    expect(spec.security).toBeUndefined();
    for (const { path, method, op } of specOperations()) {
      expect({ route: `${method} ${path}`, security: op.security }).toEqual({
        route: `${method} ${path}`,
        security: PUBLIC_OPERATIONS.includes(String(op.operationId)) ? [] : AUTHORIZER,
      });
    }
    expect(specOperations().filter(({ op }) => (op.security as unknown[]).length > 0)).toHaveLength(12);
  });

  it('names the function serving each operation and behind the authorizer, and no gateway plumbing', () => {
    for (const { op } of specOperations()) expect(functionOf(op)).toMatch(/^[A-Za-z0-9]+Function$/);
    const scheme = (spec.components.securitySchemes as Record<string, Json>).CognitoAuthorizer;
    expect(functionOf(scheme)).toBe('AuthorizerFunction');
    expect(contractText).not.toContain('x-amazon-apigateway');
    expect(specOperations().filter(({ method }) => method === 'options')).toEqual([]);
  });

  it('declares every error response as application/problem+json with the Problem schema', () => {
    const responses = spec.components.responses as Record<
      string,
      { content: Record<string, { schema: { $ref: string } }> }
    >;
    for (const { op } of specOperations()) {
      for (const [status, response] of Object.entries(op.responses as Record<string, { $ref?: string }>)) {
        if (Number(status) < 400) continue;
        expect(response.$ref).toMatch(/^#\/components\/responses\//);
        const named = responses[String(response.$ref).split('/').pop() ?? ''];
        expect(named?.content).toEqual({
          'application/problem+json': { schema: { $ref: '#/components/schemas/Problem' } },
        });
      }
    }
  });

  it('is published without the function extension', () => {
    const publishedText = readFileSync(join(projectRoot, 'api/openapi.json'), 'utf8');
    expect(publishedText).not.toContain('x-function');
    expect(publishedText).not.toContain('x-amazon-apigateway');
  });
});

describe('the generated API Gateway definition (api/gateway.yaml)', () => {
  const operations = gatewayMethods().filter(({ method }) => method !== 'options');
  const schemes = gateway.components.securitySchemes as Record<string, Json>;

  it('states security on every method exactly as the contract does, and none at the document level', () => {
    expect(gateway.security).toBeUndefined();
    const contractSecurity = new Map(
      specOperations().map(({ path, method, op }) => [`${method} ${path}`, op.security]),
    );
    for (const { path, method, op } of gatewayMethods()) {
      const expected = method === 'options' ? [] : contractSecurity.get(`${method} ${path}`);
      expect({ route: `${method} ${path}`, security: op.security }).toEqual({
        route: `${method} ${path}`,
        security: expected,
      });
    }
    expect(operations).toHaveLength(specOperations().length);
  });

  it('puts the TOKEN authorizer behind every secured method', () => {
    const secured = operations.filter(({ op }) => (op.security as unknown[]).length > 0);
    expect(secured.map(({ op }) => op.operationId).sort()).toEqual(
      specOperations()
        .map(({ op }) => String(op.operationId))
        .filter((id) => !PUBLIC_OPERATIONS.includes(id))
        .sort(),
    );
    for (const { op } of secured) expect(op.security).toEqual(AUTHORIZER);
    expect(schemes.CognitoAuthorizer).toEqual({
      type: 'apiKey',
      name: 'Authorization',
      in: 'header',
      'x-amazon-apigateway-authtype': 'custom',
      'x-amazon-apigateway-authorizer': {
        type: 'token',
        identitySource: 'method.request.header.Authorization',
        authorizerResultTtlInSeconds: 300,
        authorizerUri: expect.anything(),
      },
    });
    const authorizer = schemes.CognitoAuthorizer!['x-amazon-apigateway-authorizer'] as Json;
    expect(functionInUri(authorizer.authorizerUri)).toBe('AuthorizerFunction');
  });

  it('integrates every operation with the function the contract names, validating parameters only', () => {
    const contractFunction = new Map(specOperations().map(({ op }) => [op.operationId, functionOf(op)]));
    expect(gateway['x-amazon-apigateway-request-validators']).toEqual({
      'params-only': { validateRequestBody: false, validateRequestParameters: true },
    });
    for (const { op } of operations) {
      const integration = op['x-amazon-apigateway-integration'] as Json;
      expect({ id: op.operationId, type: integration.type, httpMethod: integration.httpMethod }).toEqual({
        id: op.operationId,
        type: 'aws_proxy',
        httpMethod: 'POST',
      });
      expect(functionInUri(integration.uri)).toBe(contractFunction.get(op.operationId));
      expect(op['x-amazon-apigateway-request-validator']).toBe('params-only');
    }
  });

  it("answers a CORS preflight on every path with a mock listing that path's methods and headers", () => {
    for (const [path, item] of Object.entries(gateway.paths)) {
      const methods = Object.keys(item).filter((m) => m !== 'options');
      const options = item.options as Json;
      const integration = options['x-amazon-apigateway-integration'] as {
        type: string;
        responses: { default: { statusCode: string; responseParameters: Record<string, unknown> } };
      };
      const params = integration.responses.default.responseParameters;
      const list = (name: string) =>
        String(params[`method.response.header.Access-Control-Allow-${name}`])
          .replace(/^'|'$/g, '')
          .split(',');
      expect({ path, type: integration.type, security: options.security }).toEqual({
        path,
        type: 'mock',
        security: [],
      });
      expect(list('Methods').sort()).toEqual([...methods.map((m) => m.toUpperCase()), 'OPTIONS'].sort());
      const headerParams = specOperations()
        .filter((o) => o.path === path)
        .flatMap(({ op }) => (op.parameters ?? []) as { $ref?: string }[])
        .map((p) => (spec.components.parameters as Record<string, Json>)[String(p.$ref).split('/').pop()!])
        .filter((p) => p?.in === 'header')
        .map((p) => String(p!.name));
      expect(list('Headers').sort()).toEqual(['Authorization', 'Content-Type', ...headerParams].sort());
      expect(params['method.response.header.Access-Control-Allow-Origin']).toEqual(CORS_ORIGIN_HEADER);
    }
    const submit = (gateway.paths['/submit-job-request']!.options as Json)['x-amazon-apigateway-integration'];
    expect(JSON.stringify(submit)).toContain("'Authorization,Content-Type,Idempotency-Key'");
    expect(JSON.stringify(gateway.paths['/jobs']!.options)).toContain("'GET,OPTIONS'");
  });

  it('keeps only the attributes API Gateway imports on input parameters, and inlines responses', () => {
    for (const { op } of operations) {
      for (const p of (op.parameters ?? []) as Json[]) {
        expect(
          Object.keys(p).every((k) => ['name', 'in', 'required', 'description', 'schema'].includes(k)),
        ).toBe(true);
        expect(Object.keys(p.schema as Json)).toEqual(['type']);
      }
    }
    expect(JSON.stringify(gateway.paths)).not.toContain('#/components/responses/');
    expect(JSON.stringify(gateway.paths)).not.toContain('#/components/parameters/');
    expect(gateway.components.responses).toBeUndefined();
  });

  it('uses no schema keyword API Gateway models reject, and alphanumeric model names', () => {
    const problems: string[] = [];
    const walk = (node: unknown, path: string): void => {
      if (Array.isArray(node)) return node.forEach((n, i) => walk(n, `${path}/${i}`));
      if (!node || typeof node !== 'object') return;
      const s = node as Json;
      for (const k of [
        'default',
        'example',
        'nullable',
        'readOnly',
        'writeOnly',
        'discriminator',
        'exclusiveMinimum',
      ])
        if (k in s && typeof s.type === 'string') problems.push(`${path}: ${k}`);
      if (
        (s.type === 'number' || s.type === 'integer') &&
        ['int32', 'int64', 'decimal'].includes(String(s.format))
      )
        problems.push(`${path}: format ${String(s.format)}`);
      for (const [k, v] of Object.entries(s)) walk(v, `${path}/${k}`);
    };
    walk(gateway.components.schemas, '#/components/schemas');
    walk(gateway.paths, '#/paths');
    expect(problems).toEqual([]);
    for (const name of Object.keys(gateway.components.schemas as Json))
      expect(name).toMatch(/^[A-Za-z0-9]+$/);
  });
});

/**
 * A gateway response template as API Gateway renders it: each `$context` variable replaced by its
 * value as is (no escaping). Values are representative and hostile: messages with double quotes
 * (a validator's message holds `["email"]`); a variable not listed gets a value with quotes too.
 */
function render(template: string, responseType: string): string {
  const message = 'Invalid request body: he said "hi"';
  const values: Record<string, string> = {
    'error.message': message,
    'error.messageString': `"${message}"`,
    'error.validationErrorString': '[object has missing required properties (["email"])]',
    'error.responseType': responseType,
    requestId: '3f2b8c1e-0c4e-4f3a-9d2b-6a1e2f3c4d5e',
    extendedRequestId: 'Rx3kTHb8IAMEbKQ=',
  };
  return template.replace(
    /\$context\.([A-Za-z0-9_.]*[A-Za-z0-9_])/g,
    (_m, name: string) => values[name] ?? 'a "quoted" value',
  );
}

describe('gateway responses', () => {
  const responses = gateway['x-amazon-apigateway-gateway-responses'] as Record<
    string,
    {
      statusCode?: string;
      responseParameters: Record<string, unknown>;
      responseTemplates: Record<string, string>;
    }
  >;
  const literalStatus = [
    'THROTTLED',
    'INTEGRATION_TIMEOUT',
    'INTEGRATION_FAILURE',
    'AUTHORIZER_FAILURE',
    'AUTHORIZER_CONFIGURATION_ERROR',
    'UNSUPPORTED_MEDIA_TYPE',
    'UNAUTHORIZED',
    'ACCESS_DENIED',
    'MISSING_AUTHENTICATION_TOKEN',
    'BAD_REQUEST_PARAMETERS',
    'BAD_REQUEST_BODY',
  ];

  it('answers every type it customizes with valid problem+json JSON once API Gateway substitutes its variables', () => {
    for (const [type, r] of Object.entries(responses)) {
      expect(r.responseParameters['gatewayresponse.header.Content-Type']).toBe("'application/problem+json'");
      expect(r.responseParameters['gatewayresponse.header.Access-Control-Allow-Origin']).toEqual(
        CORS_ORIGIN_HEADER,
      );
      const body = JSON.parse(render(r.responseTemplates['application/json'] ?? '', type)) as Json;
      expect(body).toEqual({
        type: expect.stringMatching(/^https:\/\/problems\.jobs-service\.dev\/[a-z-]+$/),
        title: expect.any(String),
        ...(r.statusCode ? { status: Number(r.statusCode) } : {}),
        detail: expect.any(String),
      });
    }
  });

  it('gives each specific type an explicit status, the same as its body says', () => {
    expect(Object.keys(responses).sort()).toEqual([...literalStatus, 'DEFAULT_4XX', 'DEFAULT_5XX'].sort());
    for (const type of literalStatus) {
      const r = responses[type]!;
      const body = JSON.parse(render(r.responseTemplates['application/json']!, type)) as { status: number };
      expect({ type, status: body.status }).toEqual({ type, status: Number(r.statusCode) });
    }
    expect(responses.UNAUTHORIZED?.responseParameters['gatewayresponse.header.WWW-Authenticate']).toBe(
      "'Bearer'",
    );
  });

  it('puts no status in the DEFAULT_4XX / DEFAULT_5XX fallbacks, which serve many statuses', () => {
    for (const type of ['DEFAULT_4XX', 'DEFAULT_5XX']) {
      expect(responses[type]?.statusCode).toBeUndefined();
      expect(responses[type]?.responseTemplates['application/json']).not.toMatch(/"status"/);
    }
  });

  it('leaves REQUEST_TOO_LARGE to API Gateway and uses no variable API Gateway does not define', () => {
    expect(responses.REQUEST_TOO_LARGE).toBeUndefined();
    expect(readFileSync(join(projectRoot, 'api/gateway.yaml'), 'utf8')).not.toContain(
      '$context.error.statusCode',
    );
  });

  it('keeps the problem types and titles the handlers use (src/lib/http/problem.ts)', () => {
    const body = (type: string) =>
      JSON.parse(render(responses[type]!.responseTemplates['application/json']!, type)) as Json;
    expect(body('UNAUTHORIZED')).toMatchObject({
      type: 'https://problems.jobs-service.dev/unauthorized',
      title: 'Unauthorized',
    });
    expect(body('ACCESS_DENIED')).toMatchObject({
      type: 'https://problems.jobs-service.dev/forbidden',
      title: 'Forbidden',
    });
    expect(body('BAD_REQUEST_BODY')).toMatchObject({
      type: 'https://problems.jobs-service.dev/validation',
      title: 'Bad Request',
    });
    expect(body('THROTTLED')).toMatchObject({ type: 'https://problems.jobs-service.dev/too-many-requests' });
    expect(body('DEFAULT_5XX')).toMatchObject({ type: 'https://problems.jobs-service.dev/internal' });
  });

  it('would catch a template that embeds a message in a JSON string', () => {
    const unsafe = '{"status":400,"errors":[{"message":"$context.error.validationErrorString"}]}';
    const parse = (template: string, type: string) => () => {
      JSON.parse(render(template, type));
    };
    expect(parse(unsafe, 'BAD_REQUEST_BODY')).toThrow(SyntaxError);
    expect(parse('{"detail":$context.error.messageString}', 'ACCESS_DENIED')).toThrow(SyntaxError);
  });
});

describe('the generator refuses a contract API Gateway would not honour', () => {
  const refuses = (edit: (c: Contract & Json) => void, message: RegExp) => {
    const contract = contractCopy();
    edit(contract);
    expect(() => gatewayDefinition(contract)).toThrow(message);
  };
  const op = (c: Json, path: string, method: string) =>
    (c.paths as Record<string, Json>)[path]![method] as Json;

  it('accepts the real contract', () => {
    expect(() => gatewayDefinition(contractCopy())).not.toThrow();
  });

  it('document-level security', () => {
    refuses((c) => (c.security = [{ CognitoAuthorizer: [] }]), /document-level `security`/);
  });

  it('an operation without security', () => {
    refuses((c) => delete op(c, '/jobs', 'get').security, /GET \/jobs: no `security`/);
  });

  it('an operation without its function', () => {
    refuses((c) => delete op(c, '/jobs', 'get')['x-function'], /GET \/jobs: no x-function/);
  });

  it('gateway plumbing written in the contract', () => {
    refuses(
      (c) => (op(c, '/jobs', 'get')['x-amazon-apigateway-integration'] = { type: 'mock' }),
      /x-amazon-apigateway-integration is generated/,
    );
    refuses(
      (c) => ((c.paths as Record<string, Json>)['/jobs']!.options = {}),
      /OPTIONS is the generated CORS preflight/,
    );
  });

  it('an unknown security scheme', () => {
    refuses((c) => (op(c, '/jobs', 'get').security = [{ Nobody: [] }]), /unknown security scheme Nobody/);
  });

  it('a path parameter that is not a whole segment, a model name that is not alphanumeric', () => {
    refuses((c) => {
      const paths = c.paths as Record<string, Json>;
      paths['/job-status/job-{jobId}'] = paths['/job-status/{jobId}']!;
      delete paths['/job-status/{jobId}'];
    }, /segment "job-\{jobId\}"/);
    refuses((c) => {
      const schemas = c.components.schemas!;
      schemas['Job_Page'] = schemas.JobPage!;
    }, /model name Job_Page is not alphanumeric/);
  });

  it('allOf with $ref', () => {
    refuses((c) => {
      c.components.schemas!.Job = { allOf: [{ $ref: '#/components/schemas/JobPage' }] };
    }, /allOf with \$ref/);
  });

  it('drops the keywords API Gateway does not import, keeping the rest', () => {
    const c = contractCopy();
    c.components.schemas!.Health = {
      type: 'object',
      properties: {
        count: {
          type: 'number',
          format: 'int64',
          default: 1,
          example: 2,
          nullable: true,
          readOnly: true,
          minimum: 0,
        },
        default: { type: 'string' },
      },
    };
    const definition = gatewayDefinition(c) as { components: { schemas: Record<string, Json> } };
    expect(definition.components.schemas.Health).toEqual({
      type: 'object',
      properties: { count: { type: 'number', minimum: 0 }, default: { type: 'string' } },
    });
  });
});
