/**
 * One runner per data folder. Two runners on one folder would share the emulators' files (the
 * second's DynamoDB cannot open the database the first holds, and its SQS/S3 and Cognito emulators
 * would overwrite the first one's state), so the second refuses to start, naming the first.
 * A lock left by a runner that was killed (kill -9) names a process that is gone: it is taken over.
 */
import { readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { StartError } from './errors.js';
import { processRunning } from './pids.js';

export const LOCK_FILE = '.lock';

export class DataDirLockedError extends StartError {
  override readonly name = 'DataDirLockedError';
  constructor(
    readonly dataDir: string,
    readonly pid: number,
  ) {
    super(
      `another local stack (pid ${pid}) is using ${dataDir}; stop it, or give this one its own folder with --data DIR`,
    );
  }
}

/** Takes the folder's lock (the folder must exist); returns its release. */
export function lockDataDir(dataDir: string): () => void {
  const file = join(dataDir, LOCK_FILE);
  for (let attempt = 0; attempt < 2; attempt++) {
    try {
      // 'wx' fails when the file exists: of two runners starting together, one wins.
      writeFileSync(file, String(process.pid), { flag: 'wx' });
      let released = false;
      return () => {
        if (released) return;
        released = true;
        rmSync(file, { force: true });
      };
    } catch (e) {
      if ((e as NodeJS.ErrnoException).code !== 'EEXIST') throw e;
      const holder = Number(readFileSync(file, 'utf8').trim());
      if (Number.isInteger(holder) && holder > 0 && holder !== process.pid && processRunning(holder))
        throw new DataDirLockedError(dataDir, holder);
      rmSync(file, { force: true }); // stale: its runner is gone
    }
  }
  throw new Error(`could not lock ${dataDir}`);
}
