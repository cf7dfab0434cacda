/**
 * Phase "data": the folder the emulators keep their state in, locked to this runner for as long as
 * it runs. --fresh deletes only a folder this runner created (or an empty one), never anything else,
 * and keeps the lock it has just taken.
 */
import { mkdir, readdir, rm, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { LOCK_FILE, lockDataDir } from '../data-lock.js';
import { started, type Started } from './lifecycle.js';

const MARKER = '.local-stack';

export async function startDataDir(dir: string, fresh: boolean): Promise<Started<void>> {
  await mkdir(dir, { recursive: true });
  const release = lockDataDir(dir);
  try {
    if (fresh) {
      const entries = (await readdir(dir)).filter((e) => e !== LOCK_FILE);
      if (entries.length > 0 && !entries.includes(MARKER))
        throw new Error(`--fresh: ${dir} was not created by the local stack; not deleting it`);
      await Promise.all(entries.map((e) => rm(join(dir, e), { recursive: true, force: true })));
    }
    await writeFile(join(dir, MARKER), 'State of the local stack (sam-local). Safe to delete.\n');
    return started(undefined, release);
  } catch (e) {
    release();
    throw e;
  }
}
