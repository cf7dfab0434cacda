/** The local-only fault switch of the jobs processor, read apart from the settings: template.yaml never sets it. */
import { ConfigError, optionalEnv } from '../lib/config.js';

type Env = NodeJS.ProcessEnv;

/**
 * JOB_FAULT_INJECTION_RATE (0..1, default 0): the fraction of records the processor fails on purpose,
 * retryably, before any side effect, for the reliability tests. It is honoured only where the
 * functions run on the local stack (AWS_SAM_LOCAL=true, which the local runner and `sam local` set);
 * anywhere else a configured rate is a deployment mistake and the function refuses to run.
 */
export function faultInjectionRate(env: Env = process.env): number {
  const raw = optionalEnv('JOB_FAULT_INJECTION_RATE', '', env);
  if (raw === '') return 0;
  if (env.AWS_SAM_LOCAL !== 'true') {
    throw new ConfigError(
      'JOB_FAULT_INJECTION_RATE is a local-stack test switch and is refused outside it (AWS_SAM_LOCAL is not "true"); remove it from this deployment',
    );
  }
  const rate = Number(raw);
  if (raw.trim() === '' || !Number.isFinite(rate) || rate < 0 || rate > 1) {
    throw new ConfigError(
      `Environment variable JOB_FAULT_INJECTION_RATE must be a number from 0 to 1, got "${raw}"`,
    );
  }
  return rate;
}
