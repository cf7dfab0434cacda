/**
 * Static files on the API's port, under a path prefix (`--static /console/=web/dist`), for a web
 * front end developed against the local API: GET and HEAD only (other methods go on to the API, as
 * any request outside the prefix), index.html for the prefix, content types and conditional requests
 * by serve-static (which refuses paths that climb out of the folder, encoded or not). Optionally a
 * generated JSON file (`--static-config /console/config.json`) telling the page where the API is,
 * so one bundle works locally and deployed. Nothing of API Gateway: in AWS such files live in S3
 * behind CloudFront; this is a development convenience, printed as such at start.
 */
import { existsSync, statSync } from 'node:fs';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { resolve } from 'node:path';
import serveStatic from 'serve-static';

export interface StaticMount {
  /** The URL path prefix, starting and ending with `/`. */
  prefix: string;
  /** The folder served under it. */
  dir: string;
}

export interface StaticSite {
  mounts: StaticMount[];
  /** A URL path answered with `{"apiUrl": "<the local API's URL>"}`. */
  configPath?: string;
}

/** Answers the request and resolves with its status, or returns undefined when it is not for these files. */
export type StaticHandler = (req: IncomingMessage, res: ServerResponse) => Promise<number> | undefined;

/** `/console/=web/dist` (or `/console=web/dist`) -> a mount; the folder resolved from `cwd`. */
export function parseStaticMount(spec: string, cwd = process.cwd()): StaticMount {
  const eq = spec.indexOf('=');
  const prefix = eq > 0 ? spec.slice(0, eq) : '';
  const dir = eq > 0 ? spec.slice(eq + 1) : '';
  if (!prefix.startsWith('/') || dir === '' || /[?#%\\]|\/\.\.?(\/|$)/.test(prefix))
    throw new Error(`--static ${spec}: expected /PATH/=FOLDER, e.g. /console/=web/dist`);
  return { prefix: prefix.endsWith('/') ? prefix : `${prefix}/`, dir: resolve(cwd, dir) };
}

/** Why the site cannot be served beside these API resource paths (`/users/{userId}`, ...). */
export function staticSiteProblems(site: StaticSite, resourcePaths: readonly string[]): string[] {
  const problems: string[] = [];
  for (const { prefix, dir } of site.mounts) {
    if (!existsSync(dir) || !statSync(dir).isDirectory())
      problems.push(`--static ${prefix}: ${dir} is not a folder (build it first)`);
    const shadowed = resourcePaths.filter((p) => `${p}/`.startsWith(prefix));
    if (shadowed.length > 0)
      problems.push(`--static ${prefix}: the API serves ${shadowed.join(', ')} under that prefix`);
  }
  const config = site.configPath;
  if (config !== undefined && (!config.startsWith('/') || resourcePaths.includes(config)))
    problems.push(`--static-config ${config}: expected a URL path that is not an API resource`);
  return problems;
}

const pathOf = (url: string) => {
  const q = url.search(/[?#]/);
  return q >= 0 ? url.slice(0, q) : url;
};

export function createStaticHandler(site: StaticSite, apiUrl: () => string): StaticHandler {
  const mounts = site.mounts.map((m) => ({
    ...m,
    serve: serveStatic(m.dir, { index: ['index.html'], dotfiles: 'ignore', fallthrough: false }),
  }));
  return (req, res) => {
    if (req.method !== 'GET' && req.method !== 'HEAD') return undefined;
    const url = req.url ?? '/';
    const path = pathOf(url);
    if (site.configPath !== undefined && path === site.configPath) {
      const body = `${JSON.stringify({ apiUrl: apiUrl() })}\n`;
      res.writeHead(200, {
        'Content-Type': 'application/json; charset=utf-8',
        'Content-Length': Buffer.byteLength(body),
        'Cache-Control': 'no-store',
      });
      res.end(req.method === 'HEAD' ? undefined : body);
      return Promise.resolve(200);
    }
    const mount = mounts.find((m) => path.startsWith(m.prefix) || `${path}/` === m.prefix);
    if (!mount) return undefined;
    if (!path.startsWith(mount.prefix)) {
      res.writeHead(301, { Location: mount.prefix + url.slice(path.length), 'Content-Length': 0 });
      res.end();
      return Promise.resolve(301);
    }
    return new Promise((done) => {
      // serve-static reads the path below its root from req.url, and redirects from originalUrl.
      const request = req as IncomingMessage & { originalUrl?: string };
      request.originalUrl = url;
      request.url = url.slice(mount.prefix.length - 1);
      res.once('finish', () => done(res.statusCode));
      res.once('close', () => done(res.statusCode));
      mount.serve(request, res, (err?: { statusCode?: number; status?: number }) => {
        const status = err?.statusCode ?? err?.status ?? 404;
        const body = status === 404 ? 'Not Found\n' : status === 403 ? 'Forbidden\n' : 'Bad Request\n';
        res.writeHead(status, { 'Content-Type': 'text/plain; charset=utf-8', 'Content-Length': body.length });
        res.end(req.method === 'HEAD' ? undefined : body);
      });
    });
  };
}
