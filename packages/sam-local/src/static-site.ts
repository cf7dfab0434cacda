/**
 * Static files on the API's port, under a path prefix (`--static /console/=web/dist`), for a web
 * front end developed against the local API; optionally a generated JSON file (`--static-config
 * /console/config.json`) telling the page where the API is, so one bundle works locally and
 * deployed. This module holds what the options say and the start-up check; static-files.ts serves
 * them (loaded with the gateway, not when the options are read). Nothing of API Gateway: in AWS
 * such files live in S3 behind CloudFront; this is a development convenience, printed as such.
 */
import { existsSync, statSync } from 'node:fs';
import { resolve } from 'node:path';

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
