/**
 * `npm start`: builds the console (web/, esbuild, a fraction of a second) and starts the local stack
 * (local/cli.ts, in this process, so Ctrl-C reaches it) serving the console at /console/ on the API's
 * port, with a config.json pointing at that API. Arguments after `npm start --` go to the runner.
 */
import { relative } from 'node:path';
import { buildWeb, webDist } from './build-web.js';

await buildWeb();
process.argv.splice(
  2,
  0,
  '--static',
  `/console/=${relative(process.cwd(), webDist) || '.'}`,
  '--static-config',
  '/console/config.json',
);
await import('../local/cli.js');
