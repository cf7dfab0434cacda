/**
 * Phase "emulators": one for each service the template uses (unless AWS_ENDPOINT_URL[_<SERVICE>]
 * already names an endpoint for it), started in parallel; stopping it stops them.
 */
import type { Service } from '../../aws.js';
import { startEmulators, type Emulators } from '../../emulators/index.js';
import { line } from '../../log.js';
import { PROVISIONED_SERVICES } from '../../provision/services.js';
import type { SamTemplate } from '../../sam/template.js';
import { started, type Started } from '../lifecycle.js';

function servicesUsed(template: SamTemplate): Set<Service> {
  const used = new Set<Service>();
  for (const r of Object.values(template.Resources)) {
    const service = PROVISIONED_SERVICES[r.Type];
    if (service) used.add(service);
  }
  return used;
}

export async function startEmulatorsPhase(options: {
  template: SamTemplate;
  dataDir: string;
  region: string;
  verbose: boolean;
}): Promise<Started<Emulators>> {
  const emulators = await startEmulators({
    used: servicesUsed(options.template),
    dataDir: options.dataDir,
    region: options.region,
    env: process.env,
    verbose: options.verbose,
    onCode: ({ email, code }) => line(`[cognito] confirmation code for ${email}: ${code}`),
    onOutput: (emulator, l) => {
      if (options.verbose && l.trim()) line(`  [${emulator}] ${l}`);
    },
  });
  return started(emulators, () => emulators.stop());
}
