/**
 * The first steps of `npm start`, kept light so they run before the heavy modules load: check the
 * port, read the template, prepare the data folder and start the emulators' child processes. The
 * rest of the stack (stack.ts: AWS SDK, esbuild, ajv, ...) is imported while they boot.
 */
import { mkdir, readdir, rm, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import type { CliOptions } from './args.js';
import type { Service } from './aws.js';
import { LOCK_FILE, lockDataDir } from './data-lock.js';
import { startEmulators } from './emulators/index.js';
import { line } from './log.js';
import { assertPortFree } from './ports.js';
import { PROVISIONED_SERVICES } from './provision/services.js';
import { loadTemplate, type SamTemplate } from './sam/template.js';
import type { LocalStack } from './stack.js';

const MARKER = '.local-stack';

/**
 * Locks the data folder, then applies --fresh: it deletes only a folder this runner created (or an
 * empty one), never anything else, and keeps the lock it has just taken.
 */
async function prepareDataDir(dir: string, fresh: boolean): Promise<() => void> {
  await mkdir(dir, { recursive: true });
  const release = lockDataDir(dir);
  try {
    if (fresh) {
      const entries = (await readdir(dir)).filter((e) => e !== LOCK_FILE);
      if (entries.length > 0 && !entries.includes(MARKER))
        throw new Error(`--fresh: ${dir} was not created by the local stack; not deleting it`);
      await Promise.all(entries.map((e) => rm(join(dir, e), { recursive: true, force: true })));
    }
    await writeFile(join(dir, MARKER), 'State of the local stack (npm start). Safe to delete.\n');
    return release;
  } catch (e) {
    release();
    throw e;
  }
}

function servicesUsed(template: SamTemplate): Set<Service> {
  const used = new Set<Service>();
  for (const r of Object.values(template.Resources)) {
    const service = PROVISIONED_SERVICES[r.Type];
    if (service) used.add(service);
  }
  return used;
}

export async function bootLocalStack(options: CliOptions): Promise<LocalStack> {
  const startedAt = Date.now();
  await assertPortFree(options.port, 'the API');
  const template = loadTemplate(options.templatePath);
  const releaseDataDir = await prepareDataDir(options.dataDir, options.fresh);
  const used = servicesUsed(template);
  const emulators = startEmulators({
    used,
    dataDir: options.dataDir,
    region: options.region,
    env: process.env,
    verbose: options.verbose,
    onCode: ({ email, code }) => line(`[cognito] confirmation code for ${email}: ${code}`),
    onOutput: (emulator, l) => {
      if (options.verbose && l.trim()) line(`  [${emulator}] ${l}`);
    },
  });
  // Keep a failure for stack.ts to report (it awaits this promise), not as an unhandled rejection.
  emulators.catch(() => undefined);
  try {
    const { startLocalStack } = await import('./stack.js');
    const stack = await startLocalStack(options, { startedAt, template, used, emulators });
    return {
      ...stack,
      stop: () => stack.stop().finally(releaseDataDir),
    };
  } catch (e) {
    releaseDataDir();
    throw e;
  }
}
