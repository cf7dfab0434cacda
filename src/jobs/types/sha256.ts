import { createHash } from 'node:crypto';
import { canonicalJson } from '../canonical-json.js';
import type { JobTypeModule } from './job-type.js';

export interface Sha256Result {
  algorithm: 'sha256';
  /** Hex digest of the payload's canonical JSON (keys sorted), so key order does not change it. */
  digest: string;
  bytes: number;
}

/** `sha256`: the SHA-256 digest of the payload's canonical JSON. */
export const sha256: JobTypeModule = {
  description: 'SHA-256 of the canonical JSON of the payload',
  run(payload): Sha256Result {
    const canonical = Buffer.from(canonicalJson(payload), 'utf8');
    return {
      algorithm: 'sha256',
      digest: createHash('sha256').update(canonical).digest('hex'),
      bytes: canonical.length,
    };
  },
};
