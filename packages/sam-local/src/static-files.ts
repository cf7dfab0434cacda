/**
 * Serves the static site of `--static` / `--static-config` (static-site.ts) on the API's port: GET
 * and HEAD only (other methods go on to the API, as any request outside the prefixes), index.html
 * for a prefix, content types and conditional requests by serve-static (which refuses paths that
 * climb out of the folder, encoded or not), and the generated config file.
 */
import type { IncomingMessage, ServerResponse } from 'node:http';
import serveStatic from 'serve-static';
import type { StaticSite } from './static-site.js';

/** Answers the request and resolves with its status, or returns undefined when it is not for these files. */
export type StaticHandler = (req: IncomingMessage, res: ServerResponse) => Promise<number> | undefined;

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
