/**
 * DynamoDB: dynalite (LevelDB-backed, so tables and items survive a restart) in a child process,
 * which keeps its CPU work off the API gateway's event loop. Tables are ACTIVE at once
 * (createTableMs 0): nothing waits half a second per table.
 */
import { mkdir } from 'node:fs/promises';
import { createRequire } from 'node:module';
import { join } from 'node:path';
import { packageRoot } from '../package-root.js';
import { spawnEmulator, type EmulatorProcess } from './child.js';

// Resolved from this package's folder: the bundle bin/sam-local.js runs sits elsewhere.
const require = createRequire(join(packageRoot, 'package.json'));

export interface RunningEmulator {
  endpoint: string;
  stop(): Promise<void>;
}

export async function startDynalite(
  dataDir: string,
  onLine: (line: string) => void,
  port = 0,
): Promise<RunningEmulator & { port: number }> {
  await mkdir(dataDir, { recursive: true });
  const options = { path: dataDir, createTableMs: 0, deleteTableMs: 0, updateTableMs: 0 };
  const proc: EmulatorProcess = spawnEmulator({
    name: 'dynalite',
    code: [
      `const server = require(${JSON.stringify(require.resolve('dynalite'))})(${JSON.stringify(options)});`,
      `server.listen(${port}, '127.0.0.1', () => console.log('dynalite listening on port ' + server.address().port));`,
    ].join('\n'),
    onLine,
  });
  const [, listening] = await proc.waitFor(/dynalite listening on port (\d+)/);
  return { endpoint: `http://127.0.0.1:${listening}`, port: Number(listening), stop: () => proc.stop() };
}
