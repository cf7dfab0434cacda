/**
 * `--static /console/=DIR` and `--static-config` (static-site.ts, static-files.ts, hooked into the
 * local gateway): files under a prefix on the API's port, GET and HEAD only, index.html for the prefix,
 * content types, the generated config.json, and no way out of the folder, encoded or not. Over raw
 * HTTP (fetch would normalize `..` away before sending), on the real gateway with a fake function.
 */
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { request } from 'node:http';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Authorizers } from '../../src/apigw/authorizer.js';
import { compileDefinition } from '../../src/apigw/definition.js';
import { GatewayResponses } from '../../src/apigw/gateway-responses.js';
import { startGateway, type RunningGateway } from '../../src/apigw/server.js';
import { parseCli } from '../../src/cli/args.js';
import type { InvokeOutcome } from '../../src/lambda/function.js';
import type { IntrinsicContext } from '../../src/sam/intrinsics.js';
import { createStaticHandler } from '../../src/static-files.js';
import { parseStaticMount, staticSiteProblems, type StaticSite } from '../../src/static-site.js';
import { fixture } from '../support/paths.js';

const SECRET = 'outside the served folder';
const root = mkdtempSync(join(tmpdir(), 'static-files-'));
const site = join(root, 'site');
mkdirSync(join(site, 'assets'), { recursive: true });
writeFileSync(join(root, 'secret.txt'), SECRET);
writeFileSync(join(site, 'index.html'), '<!doctype html><title>console</title>');
writeFileSync(join(site, 'app.js'), 'console.log(1);');
writeFileSync(join(site, 'app.css'), 'body{}');
writeFileSync(join(site, 'assets', 'logo.svg'), '<svg xmlns="http://www.w3.org/2000/svg"/>');
writeFileSync(join(site, '.env'), 'TOKEN=hidden');

const ctx: IntrinsicContext = { parameters: {}, resources: {} };
const definition = {
  openapi: '3.0.3',
  info: { title: 'static fixture', version: '1' },
  paths: {
    '/health': {
      get: {
        security: [],
        responses: { '200': { description: 'ok' } },
        'x-amazon-apigateway-integration': {
          type: 'aws_proxy',
          httpMethod: 'POST',
          uri: { 'Fn::Sub': 'arn:aws:apigateway:r:lambda:path/2015-03-31/functions/${Fn.Arn}/invocations' },
        },
      },
    },
  },
};
const invoke = (): Promise<InvokeOutcome> =>
  Promise.resolve({ ok: true, durationMs: 1, result: { statusCode: 200, body: '{"status":"ok"}' } });

let gateway: RunningGateway;
const logged: string[] = [];
const staticSite: StaticSite = {
  mounts: [parseStaticMount(`/console/=${site}`)],
  configPath: '/console/config.json',
};

beforeAll(async () => {
  const compiled = compileDefinition(definition, new Set(['Fn']), ctx);
  let url = '';
  gateway = await startGateway(
    {
      definition: compiled,
      responses: new GatewayResponses(compiled.gatewayResponses, ctx),
      api: { apiId: 'abc1234567', stage: 'test', accountId: '123456789012', binaryMediaTypes: [] },
      region: 'us-east-1',
      authorizers: new Authorizers(invoke),
      invoke,
      logRequest: (l) => logged.push(l),
      logError: () => undefined,
      intercept: createStaticHandler(staticSite, () => url),
    },
    0,
  );
  url = gateway.url;
});

afterAll(async () => {
  await gateway?.close();
  rmSync(root, { recursive: true, force: true });
});

/** One request with the path sent exactly as given. */
function raw(path: string, method = 'GET') {
  return new Promise<{
    status: number;
    headers: Record<string, string | string[] | undefined>;
    body: string;
  }>((resolve, reject) => {
    const req = request({ host: '127.0.0.1', port: gateway.port, path, method }, (res) => {
      let body = '';
      res.setEncoding('utf8');
      res.on('data', (c: string) => (body += c));
      res.on('end', () => resolve({ status: res.statusCode ?? 0, headers: res.headers, body }));
    });
    req.on('error', reject);
    req.end();
  });
}

describe('files under the prefix', () => {
  it('serves index.html for the prefix, and redirects the prefix without its slash', async () => {
    const index = await raw('/console/');
    expect(index.status).toBe(200);
    expect(index.headers['content-type']).toBe('text/html; charset=utf-8');
    expect(index.body).toContain('<title>console</title>');
    const bare = await raw('/console?x=1');
    expect(bare.status).toBe(301);
    expect(bare.headers.location).toBe('/console/?x=1');
    expect(logged).toContainEqual(expect.stringMatching(/^GET \/console\/ -> 200 \(\d+ ms\) static$/));
  });

  it.each([
    ['/console/app.js', 'text/javascript; charset=utf-8'],
    ['/console/app.css', 'text/css; charset=utf-8'],
    ['/console/assets/logo.svg', 'image/svg+xml'],
    ['/console/index.html?v=2', 'text/html; charset=utf-8'],
  ])('%s is %s', async (path, type) => {
    const response = await raw(path);
    expect(response.status).toBe(200);
    expect(response.headers['content-type']).toBe(type);
  });

  it('answers HEAD without a body, and a missing file or a dot file with 404', async () => {
    const head = await raw('/console/app.js', 'HEAD');
    expect([head.status, head.body, head.headers['content-length']]).toEqual([200, '', '15']);
    expect((await raw('/console/nope.js')).status).toBe(404);
    expect((await raw('/console/.env')).status).toBe(404);
  });

  it('serves config.json with the API URL, never cached', async () => {
    const config = await raw('/console/config.json');
    expect(config.status).toBe(200);
    expect(config.headers['content-type']).toBe('application/json; charset=utf-8');
    expect(config.headers['cache-control']).toBe('no-store');
    expect(JSON.parse(config.body)).toEqual({ apiUrl: gateway.url });
  });

  it.each([
    '/console/../secret.txt',
    '/console/%2e%2e/secret.txt',
    '/console/%2E%2E/secret.txt',
    '/console/.%2e/secret.txt',
    '/console/%2e%2e%2fsecret.txt',
    '/console/..%2fsecret.txt',
    '/console/..%5csecret.txt',
    '/console/%2e%2e%5csecret.txt',
    '/console/assets/..%2f..%2fsecret.txt',
    '/console/assets/%2e%2e/%2e%2e/secret.txt',
    '/console/%252e%252e/secret.txt',
    '/console/%00../secret.txt',
    '/console/..\\secret.txt',
    `/console/${encodeURIComponent(join(root, 'secret.txt'))}`,
  ])('refuses %s without reading outside the folder', async (path) => {
    const response = await raw(path);
    expect([400, 403, 404]).toContain(response.status);
    expect(response.body).not.toContain(SECRET);
  });
});

describe('everything else is the API', () => {
  it('other methods under the prefix, and paths beside it, reach the gateway', async () => {
    expect((await raw('/console/', 'POST')).status).toBe(403); // API Gateway: no such resource
    expect((await raw('/console/app.js', 'DELETE')).status).toBe(403);
    expect((await raw('/consoles/app.js')).status).toBe(403);
    const health = await raw('/health');
    expect([health.status, health.body]).toEqual([200, '{"status":"ok"}']);
  });
});

describe('options', () => {
  it('parses --static and --static-config', () => {
    const options = parseCli(
      [
        '--template',
        fixture('sam-app', 'template.yaml'),
        '--static',
        '/console=web/dist',
        '--static-config',
        '/console/config.json',
      ],
      {},
    );
    expect(options).toMatchObject({
      staticSite: {
        mounts: [{ prefix: '/console/', dir: join(process.cwd(), 'web', 'dist') }],
        configPath: '/console/config.json',
      },
    });
  });

  it.each(['console=web/dist', '/console/', '/con%73ole/=x', '/../=x', '/a/./=x', '=web/dist'])(
    'refuses the mount %s',
    (spec) => {
      expect(() => parseStaticMount(spec)).toThrow(/expected \/PATH\/=FOLDER/);
    },
  );

  it('refuses a prefix the API serves, a folder that is not there, and a config path on an API route', () => {
    expect(
      staticSiteProblems(
        {
          mounts: [
            { prefix: '/users/', dir: site },
            { prefix: '/web/', dir: join(root, 'missing') },
          ],
          configPath: '/health',
        },
        ['/users', '/users/{userId}', '/health'],
      ),
    ).toEqual([
      '--static /users/: the API serves /users, /users/{userId} under that prefix',
      `--static /web/: ${join(root, 'missing')} is not a folder (build it first)`,
      '--static-config /health: expected a URL path that is not an API resource',
    ]);
  });
});
