/**
 * The emulators come back on the ports they had, so a restart on the same data keeps its endpoints:
 * tokens issued before it stay valid (cognito-local's issuer names its port) and the printed
 * AWS_ENDPOINT_URL_* values stay the same. A port taken meanwhile is replaced by a free one.
 */
import { readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { freePort, portIsFree } from '../ports.js';

const FILE = 'ports.json';

export interface SavedPorts {
  /** The saved port of `emulator` if it is free now, else 0 (any port). */
  preferred(emulator: string): Promise<number>;
  /** The saved port if free, else a free one (for emulators that must know their port before listening). */
  chosen(emulator: string): Promise<number>;
  remember(emulator: string, port: number): Promise<void>;
}

export async function savedPorts(dataDir: string): Promise<SavedPorts> {
  const file = join(dataDir, FILE);
  const ports = JSON.parse(await readFile(file, 'utf8').catch(() => '{}')) as Record<string, number>;
  let writes = Promise.resolve();
  const preferred = async (emulator: string) => {
    const port = ports[emulator];
    return Number.isInteger(port) && port && (await portIsFree(port)) ? port : 0;
  };
  return {
    preferred,
    chosen: async (emulator) => (await preferred(emulator)) || freePort(),
    remember(emulator, port) {
      ports[emulator] = port;
      const text = JSON.stringify(ports);
      writes = writes.then(() => writeFile(file, text));
      return writes;
    },
  };
}
