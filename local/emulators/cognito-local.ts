/**
 * Cognito user pools: cognito-local in a child process, its state under <data>/cognito/.cognito.
 * It prints each confirmation code in a boxed block; we turn that block into one line naming the
 * user's email, so a developer (or a test) can confirm local accounts.
 */
import { mkdir, writeFile, access } from 'node:fs/promises';
import { createRequire } from 'node:module';
import { join } from 'node:path';
import { stripVTControlCharacters } from 'node:util';
import { freePort } from '../ports.js';
import { spawnEmulator } from './child.js';
import type { RunningEmulator } from './dynalite.js';

const require = createRequire(import.meta.url);

export interface ConfirmationCode {
  email: string;
  code: string;
}

/** Reads cognito-local's "Confirmation Code Delivery" boxes out of its output, line by line. */
export function confirmationCodeParser(onCode: (c: ConfirmationCode) => void): (line: string) => boolean {
  let inBox = false;
  let fields: Record<string, string> = {};
  return (raw) => {
    const line = stripVTControlCharacters(raw).replace(/[│╭╮╰╯─]/g, '').trim();
    if (line.includes('Confirmation Code Delivery')) {
      inBox = true;
      fields = {};
      return true;
    }
    if (!inBox) return false;
    const m = /^([A-Za-z ]+):\s+(.*)$/.exec(line);
    if (m) fields[(m[1] as string).trim()] = (m[2] as string).trim();
    if (raw.includes('╰')) {
      inBox = false;
      const email = fields.Destination ?? fields.Username;
      if (email && fields.Code) onCode({ email, code: fields.Code });
    }
    return true;
  };
}

export async function startCognitoLocal(
  dataDir: string,
  onLine: (line: string) => void,
): Promise<RunningEmulator & { port: number }> {
  const configDir = join(dataDir, '.cognito');
  await mkdir(configDir, { recursive: true });
  const configFile = join(configDir, 'config.json');
  // Email addresses as plain usernames (the app signs up with Username = email).
  const exists = await access(configFile).then(
    () => true,
    () => false,
  );
  if (!exists) await writeFile(configFile, JSON.stringify({ UserPoolDefaults: { UsernameAttributes: [] } }));
  // cognito-local puts its port in the token issuer before it listens, so it cannot use port 0.
  const port = await freePort();
  const proc = spawnEmulator({
    name: 'cognito-local',
    code: `require(${JSON.stringify(require.resolve('cognito-local/lib/bin/start.js'))});`,
    cwd: dataDir,
    env: { ...process.env, PORT: String(port), HOST: '127.0.0.1', FORCE_COLOR: '0', DEBUG: '' },
    onLine,
  });
  await proc.waitFor(/Cognito Local running on/);
  return { endpoint: `http://127.0.0.1:${port}`, port, stop: () => proc.stop() };
}
