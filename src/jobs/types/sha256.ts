import { createHash } from 'node:crypto';
import { canonicalJson } from '../canonical-json.js';
import type { JobTypeModule } from './job-type.js';

/**
 * `sha256`: the SHA-256 digest of the payload's canonical JSON (keys sorted), so key order does not
 * change it; over a file, the digest of its bytes, hashed chunk by chunk.
 */
export const sha256: JobTypeModule<'sha256'> = {
  run(payload) {
    const canonical = Buffer.from(canonicalJson(payload), 'utf8');
    return {
      algorithm: 'sha256',
      digest: createHash('sha256').update(canonical).digest('hex'),
      bytes: canonical.length,
    };
  },
  async runFile(file) {
    const hash = createHash('sha256');
    let bytes = 0;
    for await (const chunk of file) {
      hash.update(chunk);
      bytes += chunk.length;
    }
    return { algorithm: 'sha256', digest: hash.digest('hex'), bytes };
  },
};
